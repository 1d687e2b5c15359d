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
        var fast = true
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x300 || (0x1E00...0x1EFF).contains(v) { continue }
            fast = false
            break
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
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let lower: UInt32
            switch v {
            case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: lower = v + 0x20
            case 0x102, 0x110, 0x128, 0x168, 0x1A0, 0x1AF: lower = v + 1
            case 0x1EA0...0x1EF9: lower = v | 1
            case 0...0x7F, 0xDF...0xFF, 0x103, 0x111, 0x129, 0x169, 0x1A1, 0x1B0: lower = v
            default: return nil
            }
            scalars.append(Unicode.Scalar(lower)!)
        }
        return String(scalars)
    }
}

/// Finds the closest allowed spelling for a "did you mean" hint.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance (case-insensitive), if it is close
    /// enough to be a plausible typo: at most a third of the word's length, and at least 2.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        return d <= max(2, target.count / 3) ? candidate : nil
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// " (did you mean 'x'?)" or an empty string.
    public static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
