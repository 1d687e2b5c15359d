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
    /// ASCII is returned as is; other scripts are kept.
    public static func withoutDiacritics(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            var base: Unicode.Scalar?
            switch v {
            case 0xC0...0xFF:
                let b = latin1Bases[Int(v - 0xC0)]
                if b != "_" { base = v < 0xE0 ? Unicode.Scalar(b.value - 0x20) : b }
            case 0x102, 0x103: base = v == 0x102 ? "A" : "a"
            case 0x110, 0x111: base = v == 0x110 ? "D" : "d"
            case 0x128, 0x129: base = v == 0x128 ? "I" : "i"
            case 0x168, 0x169: base = v == 0x168 ? "U" : "u"
            case 0x1A0, 0x1A1: base = v == 0x1A0 ? "O" : "o"
            case 0x1AF, 0x1B0: base = v == 0x1AF ? "U" : "u"
            case 0x1EA0...0x1EF9:
                let b = vietnameseBases[Int(v - 0x1EA0)]
                base = v & 1 == 0 ? Unicode.Scalar(b.value - 0x20) : b
            case 0x300...0x36F: continue // a combining mark left by text not in NFC
            default: break
            }
            out.append(base ?? scalar)
        }
        return String(out)
    }
}
