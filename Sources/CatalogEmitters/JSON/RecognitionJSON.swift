import CatalogCore

/// The `recognition` section of `catalog.json` (format 1.2.0): the conditions of Article 2 as
/// the rules source states them, and its part of the JSON Schema.
enum RecognitionJSON {
    static func write(_ r: RecognitionRules, to w: inout JSONWriter) {
        w.object { w in
            w.key("clauses")
            w.array { w in
                for c in r.clauses {
                    w.object { w in
                        w.field("id", c.id); w.field("citation", c.citation); w.field("textVi", c.textVi); w.field("textEn", c.textEn)
                    }
                }
            }
            w.key("qualityLevels")
            w.array { w in
                for q in r.qualityLevels {
                    w.object { w in w.field("level", q.level); w.field("nameVi", q.nameVi); w.field("nameEn", q.nameEn) }
                }
            }
            w.key("rules")
            w.array { w in
                for rule in r.rules {
                    w.object { w in
                        w.field("id", rule.id)
                        w.field("kind", rule.kind.rawValue)
                        w.field("fact", rule.fact?.rawValue)
                        if let level = rule.level { w.field("level", level) }
                        if !rule.annexes.isEmpty { w.key("annexes"); w.array { w in for a in rule.annexes { w.int(a) } } }
                        if !rule.modalities.isEmpty { w.field("modalities", strings: rule.modalities.map(\.rawValue)) }
                        w.field("outcome", rule.outcome.rawValue)
                        w.field("clause", rule.clause)
                        w.field("textVi", rule.textVi)
                        w.field("textEn", rule.textEn)
                    }
                }
            }
        }
    }

    /// The schema of the section, closed like the rest of the document.
    static func schema(_ w: inout JSONWriter) {
        w.object { w in body(&w) }
    }

    private static func body(_ w: inout JSONWriter) {
        closed(&w, required: ["clauses", "qualityLevels", "rules"]) { w in
            w.key("clauses"); list(&w) { w in
                closed(&w, required: ["id", "citation", "textVi", "textEn"]) { w in for k in ["id", "citation", "textVi", "textEn"] { text(&w, k) } }
            }
            w.key("qualityLevels"); list(&w) { w in
                closed(&w, required: ["level", "nameVi", "nameEn"]) { w in integer(&w, "level"); text(&w, "nameVi"); text(&w, "nameEn") }
            }
            w.key("rules"); list(&w) { w in
                closed(&w, required: ["id", "kind", "outcome", "clause", "textVi", "textEn"]) { w in
                    text(&w, "id")
                    text(&w, "kind", enum: RecognitionRuleKind.allowedValues)
                    text(&w, "fact", enum: StudyFact.allowedValues)
                    integer(&w, "level")
                    w.key("annexes"); list(&w) { w in w.field("type", "integer") }
                    w.key("modalities"); list(&w) { w in w.field("type", "string"); w.field("enum", strings: Modality.allowedValues) }
                    text(&w, "outcome", enum: RecognitionOutcome.allowedValues)
                    for k in ["clause", "textVi", "textEn"] { text(&w, k) }
                }
            }
        }
    }

    /// The members of a closed object schema, written into the object being written.
    private static func closed(_ w: inout JSONWriter, required: [String], _ properties: (inout JSONWriter) -> Void) {
        w.field("type", "object")
        w.key("additionalProperties"); w.bool(false)
        w.field("required", strings: required)
        w.key("properties"); w.object(properties)
    }

    private static func list(_ w: inout JSONWriter, _ items: (inout JSONWriter) -> Void) {
        w.object { w in w.field("type", "array"); w.key("items"); w.object(items) }
    }

    private static func text(_ w: inout JSONWriter, _ key: String, enum values: [String]? = nil) {
        w.key(key)
        w.object { w in
            w.field("type", "string")
            if let values { w.field("enum", strings: values) }
        }
    }

    private static func integer(_ w: inout JSONWriter, _ key: String) {
        w.key(key); w.object { w in w.field("type", "integer"); w.key("minimum"); w.int(1) }
    }
}
