import CatalogCore
import Foundation

/// The reviewed vocabulary the assistant reads names through: Vietnamese terms and medical
/// abbreviations (CLVT, CHT, XQ, HbA1c…) and the words LOINC and the RSNA playbooks write for
/// them. Read from a tab-separated file (`tools/suggest/vocabulary.tsv`) whose rows are
/// `term`, `expansion`, `kind`, `source`: each row says where its reading comes from.
public struct TermVocabulary: Sendable {
    /// One reviewed reading.
    public struct Term: Sendable, Equatable {
        /// The folded words of the term (``SuggestText/words(_:)``).
        public var words: [String]
        /// The comparable words it adds to a name that contains it.
        public var expansion: [String]
        public var kind: String
        public var source: String
        /// The 1-based line of the file it was read from.
        public var line: Int
    }

    public private(set) var terms: [Term] = []
    /// Terms by their first word, longest first, for phrase look-up.
    private var byFirstWord: [String: [Int]] = [:]

    public init() {}

    /// The kinds a row may have.
    public static let kinds: Set<String> = ["abbreviation", "vi-term", "en-synonym"]

    /// Parses the file's text; each bad row is a message `line N: …` in `problems`.
    public static func parse(_ text: String) -> (vocabulary: TermVocabulary, problems: [String]) {
        var vocabulary = TermVocabulary()
        var problems: [String] = []
        var header = true
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if header { header = false; if line.hasPrefix("term\t") { continue } }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else {
                problems.append("line \(index + 1): \(fields.count) fields; a row has 4 (term, expansion, kind, source)")
                continue
            }
            let words = SuggestText.words(fields[0])
            let expansion = SuggestText.words(fields[1]).map(SuggestText.normalise)
            guard !words.isEmpty, !expansion.isEmpty else {
                problems.append("line \(index + 1): the term and its expansion must both have words")
                continue
            }
            guard kinds.contains(fields[2]) else {
                problems.append("line \(index + 1): kind '\(fields[2])' is not one of \(kinds.sorted().joined(separator: ", "))")
                continue
            }
            guard !fields[3].trimmingCharacters(in: .whitespaces).isEmpty else {
                problems.append("line \(index + 1): the row names no source")
                continue
            }
            vocabulary.add(Term(words: words, expansion: expansion, kind: fields[2], source: fields[3], line: index + 1))
        }
        return (vocabulary, problems)
    }

    /// Adds a term.
    public mutating func add(_ term: Term) {
        terms.append(term)
        var list = byFirstWord[term.words[0], default: []]
        list.append(terms.count - 1)
        list.sort { terms[$0].words.count > terms[$1].words.count }
        byFirstWord[term.words[0]] = list
    }

    /// The expansions of every term found in the folded word sequence `words` (a term of
    /// several words matches only as a contiguous phrase), with the terms that matched.
    public func expand(_ words: [String]) -> (tokens: [String], matched: [Term]) {
        var tokens: [String] = []
        var matched: [Term] = []
        for start in words.indices {
            guard let candidates = byFirstWord[words[start]] else { continue }
            for index in candidates {
                let term = terms[index]
                let end = start + term.words.count
                guard end <= words.count, Array(words[start..<end]) == term.words else { continue }
                tokens += term.expansion
                matched.append(term)
            }
        }
        return (tokens, matched)
    }
}
