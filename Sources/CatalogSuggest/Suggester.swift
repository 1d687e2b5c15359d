import CatalogCore

/// Ranks reference codes for catalog entries. Built once per run (reference folder read and
/// indexed, vocabulary parsed); each entry is then a look-up in the inverted index and a score
/// per candidate. It reads entries and returns advice; it writes nothing.
public struct Suggester: Sendable {
    public let index: ReferenceIndex
    public let vocabulary: TermVocabulary

    public init(index: ReferenceIndex, vocabulary: TermVocabulary) {
        self.index = index
        self.vocabulary = vocabulary
    }

    /// How much each axis weighs in the score.
    static let axisWeights: [String: Double] = [
        "component": 2, "property": 0, "system": 3, "scale": 1, "method": 1,
        "modality": 3, "region": 2.5, "contrast": 2, "laterality": 1, "views": 0.5,
    ]

    /// The share of the score the names' words carry; the rest is the axes.
    static let textShare = 0.6

    /// The best `top` candidates per code system for `entry`, from its names and attributes
    /// only (its mappings are never read).
    public func suggest(_ entry: Entry, top: Int, kind: AnnexKind) -> EntrySuggestions {
        let query = EntryQuery(entry, vocabulary: vocabulary, index: index)
        var bySystem: [MappingSystem: [(Candidate, Int)]] = [:]
        for i in index.candidates(sharing: query.tokens, in: query.domain) {
            let concept = index.concepts[i]
            guard concept.system.suits(kind) else { continue }
            bySystem[concept.system, default: []].append((score(concept, for: query), i))
        }
        var ranked: [MappingSystem: [Candidate]] = [:]
        for (system, list) in bySystem {
            ranked[system] = list.sorted { Suggester.ranks($0.0, $1.0) }.prefix(max(0, top)).map { candidate, i in
                var c = candidate
                let concept = index.concepts[i]
                (c.relationship, c.reason) = RelationshipAdvisor.propose(c.axes, query: query, concept: concept, queryCoverage: recallOfName(query, concept))
                return c
            }
        }
        return EntrySuggestions(code: entry.code, annex: entry.annex, nameVi: entry.nameVi, nameEn: entry.nameEn,
                                mapped: entry.mappings.map(\.code), unmappedReason: entry.unmappedReason, candidates: ranked)
    }

    /// Best first: higher score, then the name with fewer words (the more general code),
    /// then the code, so equal inputs always give the same order.
    static func ranks(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.textScore != b.textScore { return a.textScore > b.textScore }
        if a.display.count != b.display.count { return a.display.count < b.display.count }
        return a.code < b.code
    }

    /// Scores one concept for the query: word overlap weighted by rarity (precision counts
    /// more than recall: a code whose every word the entry explains is preferred), blended
    /// with the axis-by-axis agreement.
    func score(_ concept: ReferenceConcept, for query: EntryQuery) -> Candidate {
        let domain = query.domain
        var queryWeight = 0.0, conceptWeight = 0.0, matchedWeight = 0.0
        for token in query.tokens where index.knows(token, in: domain) { queryWeight += index.weight(of: token, in: domain) * query.weight(of: token) }
        for token in concept.tokens {
            let w = index.weight(of: token, in: domain)
            conceptWeight += w
            if query.tokens.contains(token) { matchedWeight += w * query.weight(of: token) }
        }
        let precision = conceptWeight > 0 ? matchedWeight / conceptWeight : 0
        let recall = queryWeight > 0 ? matchedWeight / queryWeight : 0
        let beta2 = 0.5
        let text = precision + recall > 0 ? (1 + beta2) * precision * recall / (beta2 * precision + recall) : 0

        var axes: [AxisCheck] = []
        if let lab = concept.lab {
            // The component covered by the entry's words, as the axis column or the name writes it.
            func coverage(_ tokens: Set<String>) -> Double {
                var covered = 0.0, total = 0.0
                for token in tokens {
                    let w = index.weight(of: token, in: domain)
                    total += w
                    if query.tokens.contains(token) { covered += w }
                }
                return total > 0 ? covered / total : 0
            }
            let componentCoverage = max(coverage(lab.componentTokens), coverage(concept.tokens))
            axes = AxisComparison.laboratory(query, lab, componentCoverage: componentCoverage)
        } else if let parts = concept.imaging {
            let regionTokens = Set(query.bodyRegion.flatMap { EntryQuery.regionWords[$0] } ?? [])
            axes = AxisComparison.imaging(query, parts, regionTokens: regionTokens, candidateTokens: concept.tokens)
        }
        var axisSum = 0.0, axisWeight = 0.0
        for check in axes {
            let w = Suggester.axisWeights[check.axis] ?? 1
            axisSum += w * check.status.value
            axisWeight += w
        }
        let axisScore = axisWeight > 0 ? axisSum / axisWeight : 0
        var score = Suggester.textShare * text + (1 - Suggester.textShare) * axisScore
        // A different specimen, modality or contrast makes another test: it ranks below every
        // candidate that agrees on them, other things equal.
        for check in axes where check.status == .disagree && RelationshipAdvisor.essentialAxes.contains(check.axis) { score *= 0.7 }
        // The relationship is proposed once the candidate is among the best (see ``suggest``).
        return Candidate(system: concept.system, code: concept.code, display: concept.display, score: score, textScore: text, axes: axes,
                         file: concept.file, line: concept.line, relationship: .relatedTo, reason: "")
    }

    /// The share (by rarity) of the English name's words the candidate's name holds.
    func recallOfName(_ query: EntryQuery, _ concept: ReferenceConcept) -> Double {
        var total = 0.0, covered = 0.0
        for token in query.nameTokens where index.knows(token, in: query.domain) {
            let w = index.weight(of: token, in: query.domain)
            total += w
            if concept.tokens.contains(token) { covered += w }
        }
        return total > 0 ? covered / total : 1
    }
}
