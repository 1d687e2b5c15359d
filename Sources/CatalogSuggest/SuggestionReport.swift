import CatalogCore
import CatalogEmitters
import Foundation

/// The assistant's answers as text for people and as one JSON document for tools.
public enum SuggestionReport {
    /// The best score at or above which a candidate with no essential axis in disagreement
    /// counts as a strong candidate in the summary.
    public static let strongScore = 0.8

    /// Whether the entry's best candidate is strong: a high score and no disagreement on the
    /// axes that make a different test or procedure.
    public static func hasStrongCandidate(_ s: EntrySuggestions) -> Bool {
        guard let best = s.best else { return false }
        return best.score >= strongScore && best.relationship != .relatedTo
    }

    /// The score with three decimals.
    static func scoreText(_ score: Double) -> String { String(format: "%.3f", score) }

    /// Where the answer's reference and vocabulary came from.
    public struct Provenance: Sendable {
        public var referenceFolder: String
        /// Whether the folder is the project's subset (codes already mapped) rather than the full tables.
        public var isSubset: Bool
        public var tables: [String]
        public var vocabularyFile: String
        public var vocabularyTerms: Int
        public init(referenceFolder: String, isSubset: Bool, tables: [String], vocabularyFile: String, vocabularyTerms: Int) {
            self.referenceFolder = referenceFolder
            self.isSubset = isSubset
            self.tables = tables
            self.vocabularyFile = vocabularyFile
            self.vocabularyTerms = vocabularyTerms
        }
    }

    /// Systems in a stable order.
    static func ordered(_ s: EntrySuggestions) -> [(MappingSystem, [Candidate])] {
        MappingSystem.allCases.compactMap { system in s.candidates[system].map { (system, $0) } }
    }

    // MARK: Text

    public static func text(_ answers: [EntrySuggestions]) -> String {
        var out = ""
        for s in answers {
            out += "\(s.code)  \(s.nameVi) / \(s.nameEn)\n"
            if !s.mapped.isEmpty { out += "  mapped now: \(s.mapped.joined(separator: ", "))\n" }
            let systems = ordered(s)
            if systems.allSatisfy({ $0.1.isEmpty }) { out += "  no candidate: no reference name shares a word with the entry\n" }
            for (system, candidates) in systems {
                for (rank, c) in candidates.enumerated() {
                    out += "  \(system.rawValue) \(rank + 1). \(scoreText(c.score))  \(c.code)  \(c.display)\n"
                    out += "       propose \(c.relationship.rawValue): \(c.reason)\n"
                    let axes = c.axes.map { a in "\(a.axis) \(a.status.rawValue)" + (a.reference.map { " (\($0))" } ?? "") }
                    out += "       axes: \(axes.joined(separator: "; "))\n"
                    out += "       row: \(c.file):\(c.line)\n"
                }
            }
        }
        let strong = answers.filter(hasStrongCandidate).count
        out += "\(answers.count) entr\(answers.count == 1 ? "y" : "ies"); \(strong) with a strong candidate (score ≥ \(scoreText(strongScore)), no essential axis differing)\n"
        return out
    }

    // MARK: JSON

    /// The answer as one JSON document; `members` (the command's diagnostics) come first.
    public static func json(_ answers: [EntrySuggestions], provenance: Provenance, top: Int, members: ((inout JSONWriter) -> Void)? = nil) -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            members?(&w)
            writeProvenance(provenance, to: &w)
            w.field("top", top)
            w.key("summary")
            w.object { w in
                w.field("entries", answers.count)
                w.field("withStrongCandidate", answers.filter(hasStrongCandidate).count)
                w.key("strongScore")
                w.decimal(scoreText(strongScore))
            }
            w.key("entries")
            w.array { w in
                for s in answers { write(s, to: &w) }
            }
        }
        return w.finish()
    }

    static func writeProvenance(_ p: Provenance, to w: inout JSONWriter) {
        w.key("reference")
        w.object { w in
            w.field("folder", p.referenceFolder)
            w.field("subset", p.isSubset)
            w.field("tables", strings: p.tables)
        }
        w.key("vocabulary")
        w.object { w in
            w.field("file", p.vocabularyFile)
            w.field("terms", p.vocabularyTerms)
        }
    }

    static func write(_ s: EntrySuggestions, to w: inout JSONWriter) {
        w.object { w in
            w.field("code", s.code)
            w.field("annex", s.annex)
            w.field("nameVi", s.nameVi)
            w.field("nameEn", s.nameEn)
            w.field("mapped", strings: s.mapped)
            if let reason = s.unmappedReason { w.field("unmappedReason", reason) }
            w.field("strongCandidate", hasStrongCandidate(s))
            w.key("candidates")
            w.array { w in
                for (_, candidates) in ordered(s) {
                    for (rank, c) in candidates.enumerated() { write(c, rank: rank + 1, to: &w) }
                }
            }
        }
    }

    static func write(_ c: Candidate, rank: Int, to w: inout JSONWriter) {
        w.object { w in
            w.field("system", c.system.rawValue)
            w.field("rank", rank)
            w.field("code", c.code)
            w.field("display", c.display)
            w.key("score")
            w.decimal(scoreText(c.score))
            w.field("relationship", c.relationship.rawValue)
            w.field("reason", c.reason)
            w.key("source")
            w.object { w in
                w.field("file", c.file)
                w.field("line", c.line)
            }
            w.key("axes")
            w.array { w in
                for a in c.axes {
                    w.object { w in
                        w.field("axis", a.axis)
                        w.field("entry", a.entry)
                        w.field("reference", a.reference)
                        w.field("status", a.status.rawValue)
                    }
                }
            }
        }
    }

    // MARK: Leave-one-out

    static func percent(_ row: LeaveOneOut.Row, _ n: Int) -> String { String(format: "%.1f", row.percent(n)) }

    public static func evaluationText(_ rows: [LeaveOneOut.Row], total: LeaveOneOut.Row) -> String {
        var lines = ["annex  system  entries  top1  top1%  top5  top5%"]
        for r in rows + [total] {
            let annex = r.annex.map(String.init) ?? "all"
            let system = r.system?.rawValue ?? "all"
            lines.append([annex.padding(toLength: 5, withPad: " ", startingAt: 0), system.padding(toLength: 6, withPad: " ", startingAt: 0),
                          String(r.entries), String(r.top1), percent(r, r.top1), String(r.top5), percent(r, r.top5)].joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The leave-one-out measure as one JSON document; `members` (the command's diagnostics) come first.
    public static func evaluationJSON(_ rows: [LeaveOneOut.Row], total: LeaveOneOut.Row, outcomes: [LeaveOneOut.Outcome], provenance: Provenance,
                                      members: ((inout JSONWriter) -> Void)? = nil) -> [UInt8] {
        var w = JSONWriter()
        func row(_ r: LeaveOneOut.Row, _ w: inout JSONWriter) {
            w.object { w in
                if let annex = r.annex { w.field("annex", annex) }
                if let system = r.system { w.field("system", system.rawValue) }
                w.field("entries", r.entries)
                w.field("top1", r.top1)
                w.field("top5", r.top5)
                w.key("top1Percent"); w.decimal(percent(r, r.top1))
                w.key("top5Percent"); w.decimal(percent(r, r.top5))
            }
        }
        w.object { w in
            members?(&w)
            writeProvenance(provenance, to: &w)
            w.field("method", "leave-one-out: each mapped entry in use with its mappings hidden; hit when a mapped code of the system is ranked first (top1) or in the first five (top5)")
            w.key("rows"); w.array { w in for r in rows { row(r, &w) } }
            w.key("total"); row(total, &w)
            w.key("misses")
            w.array { w in
                for o in outcomes where o.rank != 0 {
                    w.object { w in
                        w.field("code", o.code)
                        w.field("system", o.system.rawValue)
                        if let rank = o.rank { w.field("rank", rank + 1) }
                        w.field("mapped", strings: o.mapped)
                        w.field("best", o.best)
                    }
                }
            }
        }
        return w.finish()
    }
}
