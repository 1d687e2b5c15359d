import Foundation

/// Checks and normalisations for human-readable text in the catalog.
public enum TextChecks {
    /// Whether `text` is in Unicode Normalization Form C.
    ///
    /// A fast path accepts text whose scalars all lie below U+0300 or in Latin Extended
    /// Additional (U+1E00–U+1EFF, where precomposed Vietnamese letters live): none of those
    /// scalars change under NFC, and they cannot combine with a previous one. Anything else
    /// is compared against Foundation's NFC.
    public static func isNFC(_ text: String) -> Bool {
        var copy = text
        let fast = copy.withUTF8 { utf8 in
            // On UTF-8 lead bytes: ASCII, C2-CB (U+0080-U+02FF), E1 B8-BB (U+1E00-U+1EFF).
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b < 0x80 { i += 1 } else if b >= 0xC2, b <= 0xCB { i += 2 } else if b == 0xE1, i + 1 < utf8.count, (0xB8...0xBB).contains(utf8[i + 1]) { i += 3 } else { return false }
            }
            return true
        }
        if fast { return true }
        return text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars)
    }

    /// The text in NFC.
    public static func nfc(_ text: String) -> String {
        isNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether a scalar is Unicode White_Space (a fixed set) or a zero-width space or BOM, which
    /// the catalog also refuses. A table lookup, not a Unicode property query: this runs on
    /// every text value of the catalog.
    @inline(__always)
    static func isWhitespaceLike(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// A description of the first whitespace problem in a one-line text, or nil if it is clean:
    /// no leading or trailing whitespace, no repeated spaces, and no whitespace but U+0020.
    public static func whitespaceProblem(_ text: String) -> String? {
        if isPlainlySpaced(text) { return nil }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return nil }
        if isWhitespaceLike(first.value) { return "leading whitespace" }
        if isWhitespaceLike(last.value) { return "trailing whitespace" }
        var previousWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previousWasSpace { return "repeated spaces" }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            if isWhitespaceLike(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "whitespace character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex) (only plain spaces are allowed)"
            }
        }
        return nil
    }

    /// Whether a look at the bytes alone shows `text` clean: no space at either end, no two
    /// spaces in a row, and no byte that could begin other whitespace (controls; C2 for
    /// U+0085 and U+00A0; E1 9A for U+1680; E2, E3 and EF for the rest). False means "look
    /// closer", not "has a problem": an en dash also begins with E2.
    private static func isPlainlySpaced(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let first = utf8.first, let last = utf8.last else { return true }
            if first == 0x20 || last == 0x20 { return false }
            var previous: UInt8 = 0
            for b in utf8 {
                switch b {
                case 0x20 where previous == 0x20: return false
                case 0..<0x20, 0xC2, 0xE2, 0xE3, 0xEF: return false
                case 0x9A where previous == 0xE1: return false
                default: previous = b
                }
            }
            return true
        }
    }

    /// The key under which two names count as the same: NFC, case-folded, with whitespace
    /// runs collapsed and trimmed.
    public static func nameKey(_ text: String) -> String {
        let folded = vietnameseLowercased(nfc(text)) ?? nfc(text).lowercased()
        // Clean text (the common case) needs no collapsing; only text with a whitespace
        // problem is split and joined.
        guard whitespaceProblem(folded) != nil else { return folded }
        return folded.unicodeScalars.split(whereSeparator: { isWhitespaceLike($0.value) })
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }
}

extension TextChecks {
    /// `text` in lower case when every letter is of the Vietnamese alphabet (basic Latin,
    /// Latin-1, the letters ă đ ĩ ũ ơ ư and Latin Extended Additional), or nil for anything
    /// else, which `String.lowercased()` handles. The same result as `lowercased()` for that
    /// repertoire, without Unicode case-mapping lookups on every letter of every name.
    static func vietnameseLowercased(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { utf8 -> String? in
            // Every mapping here keeps a letter's UTF-8 length, so the result has the same size.
            var failed = false
            let lowered = String(unsafeUninitializedCapacity: utf8.count) { out in
                var i = 0
                while i < utf8.count {
                    let b = utf8[i]
                    if b < 0x80 {
                        out[i] = (0x41...0x5A).contains(b) ? b + 0x20 : b
                        i += 1
                        continue
                    }
                    let length = b >= 0xE0 ? 3 : 2
                    guard i + length <= utf8.count, b >= 0xC2, b < 0xF0 else { failed = true; return 0 }
                    var v = length == 2 ? UInt32(b & 0x1F) : UInt32(b & 0x0F)
                    for k in 1..<length { v = v << 6 | UInt32(utf8[i + k] & 0x3F) }
                    let lower: UInt32
                    switch v {
                    case 0xC0...0xD6, 0xD8...0xDE: lower = v + 0x20
                    case 0x102, 0x110, 0x128, 0x168, 0x1A0, 0x1AF: lower = v + 1
                    case 0x1EA0...0x1EF9: lower = v | 1
                    case 0xDF...0xFF, 0x103, 0x111, 0x129, 0x169, 0x1A1, 0x1B0: lower = v
                    default: failed = true; return 0
                    }
                    if length == 2 {
                        out[i] = 0xC0 | UInt8(lower >> 6)
                        out[i + 1] = 0x80 | UInt8(lower & 0x3F)
                    } else {
                        out[i] = 0xE0 | UInt8(lower >> 12)
                        out[i + 1] = 0x80 | UInt8((lower >> 6) & 0x3F)
                        out[i + 2] = 0x80 | UInt8(lower & 0x3F)
                    }
                    i += length
                }
                return utf8.count
            }
            return failed ? nil : lowered
        }
    }
}
