/// Finds the allowed spellings to offer in a "did you mean" hint, without inverting what
/// was meant: a negated word (`inactive`) never gets the word it negates (`active`) but that
/// word's opposites where the vocabulary has them (`retired`, `deprecated`); a word that is
/// one part of a longer value (`narrower`) or its beginning (`lab`) gets that value; anything
/// else gets the nearest spelling by edit distance, when it is close enough to be a typo.
public enum Suggestion {
    /// Prefixes that negate the word after them.
    static let negations = ["non-", "not-", "non", "not", "un", "in", "dis"]

    /// For a value of a vocabulary, the values that mean its opposite.
    static let opposites: [String: [String]] = [
        "active": ["retired", "deprecated"],
        "equivalent": ["related-to"],
    ]

    /// The candidates to suggest for `word`, best first (empty when none is plausible).
    public static func suggestions(for word: String, in candidates: [String]) -> [String] {
        let lower = word.lowercased()
        guard !lower.isEmpty, !candidates.contains(word) else { return [] }
        // A negated candidate: its opposites, never the candidate itself.
        for prefix in negations where lower.hasPrefix(prefix) {
            let rest = String(lower.dropFirst(prefix.count))
            if let negated = candidates.first(where: { $0.lowercased() == rest }) {
                return (opposites[negated] ?? []).filter(candidates.contains)
            }
        }
        if lower.count >= 3 {
            // One part of a hyphenated value, or the beginning of one value.
            let parts = candidates.filter { $0.lowercased().split(separator: "-").contains { $0 == lower } }
            if parts.count == 1 { return parts }
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(lower) }
            if prefixed.count == 1 { return prefixed }
        }
        return closest(to: word, in: candidates).map { [$0] } ?? []
    }

    /// The candidate nearest to `word` by edit distance (case-insensitive), if it is close
    /// enough to be a plausible typo: at most a third of the word's length, and at least 2.
    /// Candidates whose length alone puts them too far are not compared, so a long list of
    /// unknown words against a schema costs little per word.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        let limit = max(2, target.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            guard abs(scalars.count - target.count) <= limit else { continue }
            let d = distance(target, scalars)
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
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

    /// "; did you mean 'x'?", "; did you mean 'x' or 'y'?" or an empty string.
    public static func hint(for word: String, in candidates: [String]) -> String {
        let found = suggestions(for: word, in: candidates)
        guard !found.isEmpty else { return "" }
        return "; did you mean " + found.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
}
