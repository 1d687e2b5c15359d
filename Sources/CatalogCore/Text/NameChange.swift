import Foundation

/// Whether a renamed entry still means the same thing: the measure behind rule LT0910.
///
/// Both names are **folded**: ``TextChecks/nameKey(_:)`` (NFC, lower case, whitespace
/// collapsed), then every diacritic removed (canonical decomposition without the combining
/// marks U+0300–U+036F) and `đ` written `d`. A rename is a **spelling fix** when the folded
/// names are equal (only diacritics, case or spacing changed), or when they carry the same
/// numbers (digit runs, in order: "T3" and "T4" are different tests) and differ by at most
/// `max(2, n / 10)` edits (insertions, deletions, substitutions, adjacent transpositions),
/// `n` being the longer folded name's length in characters. Anything else changes the
/// entry's meaning and must be made as retire + add.
public enum NameChange {
    /// `text` folded as described above: case-, spacing- and diacritic-insensitive.
    public static func fold(_ text: String) -> String {
        // The same folding as the SQL `name_folded` column and the site's search.
        TextChecks.searchKey(text)
    }

    /// The most edits a spelling fix of a folded name of `length` characters may make.
    public static func allowedEdits(length: Int) -> Int { max(2, length / 10) }

    /// Whether renaming `old` to `new` is a spelling fix (see the type's documentation).
    public static func isSpellingFix(from old: String, to new: String) -> Bool {
        let a = fold(old), b = fold(new)
        if a == b { return true }
        guard numbers(in: a) == numbers(in: b) else { return false }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        return Suggestion.distance(x, y) <= allowedEdits(length: max(x.count, y.count))
    }

    /// The runs of ASCII digits in `text`, in order.
    static func numbers(in text: String) -> [Substring] {
        text.split(whereSeparator: { !$0.isASCII || !$0.isNumber })
    }
}
