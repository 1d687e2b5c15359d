/// What a file that is not UTF-8 most likely is, so that the one diagnostic it gets can say
/// which encoding it was saved in and that it must be saved as UTF-8. Looked at only once
/// reading has failed.
enum EncodingGuess {
    /// Bytes that Windows-1258 (the Vietnamese code page) uses for Vietnamese and Latin-1
    /// text rarely does: the combining tone marks (0xCC, 0xEC, 0xD2, 0xDE, 0xF2) and đ, ơ, ư
    /// (0xF0, 0xF5, 0xFD) with their capitals (0xD0, 0xD5, 0xDD).
    private static let vietnameseBytes: Set<UInt8> = [0xCC, 0xEC, 0xD2, 0xDE, 0xF2, 0xF0, 0xF5, 0xFD, 0xD0, 0xD5, 0xDD]

    /// A name for the encoding `bytes` look like, or nil when nothing points to one.
    static func name(of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.count >= 2 {
            if bytes[0] == 0xFF, bytes[1] == 0xFE { return "UTF-16 (little-endian)" }
            if bytes[0] == 0xFE, bytes[1] == 0xFF { return "UTF-16 (big-endian)" }
        }
        let sample = bytes.prefix(4096)
        var zerosAtEven = 0, zerosAtOdd = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 0 { zerosAtEven += 1 } else { zerosAtOdd += 1 }
        }
        if zerosAtEven + zerosAtOdd > sample.count / 4 {
            return zerosAtOdd >= zerosAtEven ? "UTF-16 (little-endian)" : "UTF-16 (big-endian)"
        }
        var high = 0, vietnamese = 0
        for b in bytes where b >= 0x80 {
            high += 1
            if vietnameseBytes.contains(b) { vietnamese += 1 }
        }
        guard high > 0 else { return nil }
        return vietnamese * 4 >= high ? "Windows-1258 (the Vietnamese code page)" : "Latin-1 (ISO-8859-1) or Windows-1252"
    }

    /// The message for a file that is not UTF-8: the likely encoding when one shows, and
    /// always what to do.
    static func message(for bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let name = name(of: bytes) {
            return "the file is not UTF-8 text: it looks like \(name); save it as UTF-8"
        }
        return "the file is not valid UTF-8 text; save it as UTF-8"
    }

    /// The offset of the first byte that is not part of valid UTF-8, if any.
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if b == 0xE0, bytes[i + 1] < 0xA0 { return i }
            if b == 0xED, bytes[i + 1] > 0x9F { return i }
            if b == 0xF0, bytes[i + 1] < 0x90 { return i }
            if b == 0xF4, bytes[i + 1] > 0x8F { return i }
            i += length
        }
        return nil
    }

    /// The offset of a byte order mark (EF BB BF) after the start of the file, if any: files
    /// joined together, or text pasted from a file that had one.
    static func strayByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 1
        while i + 2 < bytes.count {
            if bytes[i] == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return i }
            i += 1
        }
        return nil
    }

    /// The message for a byte order mark in mid-file.
    static let strayByteOrderMarkMessage = "a byte order mark (U+FEFF) stands in the middle of the file (were two files joined?); remove it"
}
