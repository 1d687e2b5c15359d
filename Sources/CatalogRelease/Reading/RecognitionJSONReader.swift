import CatalogCore

/// Reads the `recognition` section of `catalog.json` (format 1.2.0 and later) back into
/// ``RecognitionRules``, the inverse of the emitter's `RecognitionJSON.write`.
enum RecognitionJSONReader {
    static func read(_ s: inout JSONScanner) throws -> RecognitionRules {
        var rules = RecognitionRules(clauses: [], qualityLevels: [], rules: [])
        try s.object { s, key in
            switch key {
            case "clauses": try s.array { s in rules.clauses.append(try clause(&s)) }
            case "qualityLevels": try s.array { s in rules.qualityLevels.append(try level(&s)) }
            case "rules": try s.array { s in rules.rules.append(try rule(&s)) }
            default: try s.skip()
            }
        }
        return rules
    }

    private static func clause(_ s: inout JSONScanner) throws -> RecognitionClause {
        var text: [String: String] = [:]
        try s.object { s, key in text[key] = try s.string() }
        guard let id = text["id"], let citation = text["citation"], let vi = text["textVi"], let en = text["textEn"] else {
            throw s.fail("a recognition clause lacks id, citation, textVi or textEn")
        }
        return RecognitionClause(id: id, citation: citation, textVi: vi, textEn: en)
    }

    private static func level(_ s: inout JSONScanner) throws -> QualityLevel {
        var level: Int?, vi: String?, en: String?
        try s.object { s, key in
            switch key {
            case "level": level = try s.int()
            case "nameVi": vi = try s.string()
            case "nameEn": en = try s.string()
            default: try s.skip()
            }
        }
        guard let level, let vi, let en else { throw s.fail("a quality level lacks level, nameVi or nameEn") }
        return QualityLevel(level: level, nameVi: vi, nameEn: en)
    }

    private static func rule(_ s: inout JSONScanner) throws -> RecognitionRule {
        var id: String?, kind: RecognitionRuleKind?, fact: StudyFact?, level: Int?, annexes: [Int] = [], modalities: [Modality] = []
        var outcome: RecognitionOutcome?, clause: String?, vi: String?, en: String?
        try s.object { s, key in
            switch key {
            case "id": id = try s.string()
            case "kind": kind = try CatalogJSONReader.vocabulary(&s, key)
            case "fact": if try !s.null() { fact = try CatalogJSONReader.vocabulary(&s, key) }
            case "level": level = try s.int()
            case "annexes": try s.array { s in annexes.append(try s.int()) }
            case "modalities": try s.array { s in modalities.append(try CatalogJSONReader.vocabulary(&s, key)) }
            case "outcome": outcome = try CatalogJSONReader.vocabulary(&s, key)
            case "clause": clause = try s.string()
            case "textVi": vi = try s.string()
            case "textEn": en = try s.string()
            default: try s.skip()
            }
        }
        guard let id, let kind, let outcome, let clause, let vi, let en else {
            throw s.fail("a recognition rule lacks id, kind, outcome, clause, textVi or textEn")
        }
        return RecognitionRule(id: id, kind: kind, fact: fact, level: level, annexes: annexes, modalities: modalities,
                               outcome: outcome, clause: clause, textVi: vi, textEn: en)
    }
}
