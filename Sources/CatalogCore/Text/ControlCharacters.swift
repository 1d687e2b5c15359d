/// Characters that must never reach a published artifact: C0 controls other than tab, line
/// feed and carriage return (those are whitespace, which LT0302 reports), DEL, C1 controls
/// (but U+0085, a whitespace character LT0302 reports), noncharacters (U+FDD0–U+FDEF and
/// every U+xxFFFE/U+xxFFFF) and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which make text display in an order other than stored.
public enum ControlCharacters {
    /// A character found in a text value: the scalar and its 1-based position in the value,
    /// counted in Unicode characters.
    public struct Finding: Equatable, Sendable {
        public let scalar: Unicode.Scalar
        public let position: Int

        /// `U+001B (escape)`: the code point and what it is.
        public var description: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) (\(ControlCharacters.name(of: scalar.value)))"
        }
    }

    /// The first refused character in `text`, or nil. A byte scan: text without a byte that
    /// can start a refused character (below 0x20, 0x7F, C2, E2, EF, F0–F4) is clean at
    /// once, which is every value of the real catalog but the rare dash or degree sign.
    public static func first(in text: String) -> Finding? {
        var text = text
        let suspicious = text.withUTF8 { utf8 in
            suspiciousBytes.withUnsafeBufferPointer { table in
                var found: UInt8 = 0
                for b in utf8 { found |= table[Int(b)] }
                return found != 0
            }
        }
        guard suspicious else { return nil }
        for (offset, scalar) in text.unicodeScalars.enumerated() where isRefused(scalar.value) {
            return Finding(scalar: scalar, position: offset + 1)
        }
        return nil
    }

    /// 1 for each byte that can begin a refused character: below 0x20 but tab, line feed and
    /// carriage return; 0x7F; C2 (C1 controls), E2 (bidirectional controls), EF (U+FDD0–U+FDEF,
    /// U+FFFE, U+FFFF), F0–F4 (the other planes' noncharacters). A table and a branch-free
    /// loop: this runs on every text value, on the parsing thread.
    private static let suspiciousBytes: [UInt8] = (0...255).map { b in
        switch b {
        case 0..<0x09, 0x0B, 0x0C, 0x0E..<0x20, 0x7F, 0xC2, 0xE2, 0xEF, 0xF0...0xF4: 1
        default: 0
        }
    }

    /// Whether a scalar is one of the refused characters.
    public static func isRefused(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D, 0x85: false
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0xFDD0...0xFDEF: true
        default: v & 0xFFFE == 0xFFFE
        }
    }

    /// A short English name for a refused character, so the message says what was found.
    static func name(of v: UInt32) -> String {
        switch v {
        case 0x00: "null"
        case 0x07: "bell"
        case 0x08: "backspace"
        case 0x1B: "escape"
        case 0x7F: "delete"
        case 0x01..<0x20: "control character"
        case 0x80...0x9F: "C1 control character"
        case 0x202A: "left-to-right embedding"
        case 0x202B: "right-to-left embedding"
        case 0x202C: "pop directional formatting"
        case 0x202D: "left-to-right override"
        case 0x202E: "right-to-left override"
        case 0x2066: "left-to-right isolate"
        case 0x2067: "right-to-left isolate"
        case 0x2068: "first strong isolate"
        case 0x2069: "pop directional isolate"
        default: "noncharacter"
        }
    }
}
