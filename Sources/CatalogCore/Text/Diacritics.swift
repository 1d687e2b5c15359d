extension TextChecks {
    /// Base letters of U+00C0–U+00FF (Latin-1 letters with marks; other characters keep
    /// their place as "_", meaning "unchanged").
    private static let latin1Bases = Array("aaaaaa_ceeeeiiii_nooooo_ouuuuy__aaaaaa_ceeeeiiii_nooooo_ouuuuy_y".unicodeScalars)
    /// Base letters of U+1EA0–U+1EF9, the precomposed Vietnamese letters with tone marks.
    private static let vietnameseBases = Array(
        (String(repeating: "a", count: 24) + String(repeating: "e", count: 16) + String(repeating: "i", count: 4)
            + String(repeating: "o", count: 24) + String(repeating: "u", count: 14) + String(repeating: "y", count: 8)).unicodeScalars)

    /// `text` with the diacritics of Latin letters removed (`Định lượng` → `Dinh luong`,
    /// `đ` → `d`), for the warning on names that differ only in their marks. Text of plain
    /// ASCII is returned as is; other scripts are kept. Works on UTF-8 bytes, one pass and one
    /// allocation: it runs on every Vietnamese name of the catalog.
    public static func withoutDiacritics(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 -> String in
            guard utf8.contains(where: { $0 >= 0x80 }) else { return String(decoding: utf8, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: utf8.count) { out in
                var i = 0, o = 0
                while i < utf8.count {
                    let b = utf8[i]
                    let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    guard i + length <= utf8.count, length > 1, length < 4 else {
                        for k in i..<min(i + length, utf8.count) { out[o] = utf8[k]; o += 1 }
                        i += length
                        continue
                    }
                    var v = length == 2 ? UInt32(b & 0x1F) : UInt32(b & 0x0F)
                    for k in 1..<length { v = v << 6 | UInt32(utf8[i + k] & 0x3F) }
                    if (0x300...0x36F).contains(v) { i += length; continue } // a combining mark
                    if let base = baseLetter(v) {
                        out[o] = UInt8(base.value)
                        o += 1
                    } else {
                        for k in i..<(i + length) { out[o] = utf8[k]; o += 1 }
                    }
                    i += length
                }
                return o
            }
        }
    }

    /// The ASCII base letter of a Latin letter with marks, or nil.
    @inline(__always)
    private static func baseLetter(_ v: UInt32) -> Unicode.Scalar? {
        switch v {
        case 0xC0...0xFF:
            let b = latin1Bases[Int(v - 0xC0)]
            guard b != "_" else { return nil }
            return v < 0xE0 ? Unicode.Scalar(b.value - 0x20) : b
        case 0x102: return "A"
        case 0x103: return "a"
        case 0x110: return "D"
        case 0x111: return "d"
        case 0x128: return "I"
        case 0x129: return "i"
        case 0x168: return "U"
        case 0x169: return "u"
        case 0x1A0: return "O"
        case 0x1A1: return "o"
        case 0x1AF: return "U"
        case 0x1B0: return "u"
        case 0x1EA0...0x1EF9:
            let b = vietnameseBases[Int(v - 0x1EA0)]
            return v & 1 == 0 ? Unicode.Scalar(b.value - 0x20) : b
        default: return nil
        }
    }
}
