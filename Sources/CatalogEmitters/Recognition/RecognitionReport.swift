import CatalogCore

/// Renders a ``RecognitionDecision`` for people (text) and machines (JSON). Both always carry
/// the treating doctor's final say.
public enum RecognitionReport {
    /// The decision as lines of text: the outcome, each reason with its status and clause, and
    /// the doctor's decision last.
    public static func text(_ d: RecognitionDecision, entryName: String) -> String {
        var lines = ["\(d.code) \(entryName)", "decision: \(d.outcome.rawValue) (\(headline(d.outcome)))"]
        for r in d.reasons {
            lines.append("  [\(r.status.rawValue)] \(r.rule): \(r.textEn) — \(r.detail) (\(r.clause.citation) [\(r.clause.id)])")
            lines.append("      \(r.textVi)")
        }
        lines.append("final say: \(d.doctor.textEn) (\(d.doctor.clause.citation) [\(d.doctor.clause.id)])")
        lines.append("      \(d.doctor.textVi)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// What an outcome means, in English and Vietnamese.
    public static func headline(_ outcome: RecognitionOutcome) -> String {
        switch outcome {
        case .reusable: "the result may be reused / kết quả được công nhận"
        case .doctorJudgement: "reusable subject to the treating doctor's judgement / tùy bác sĩ điều trị quyết định"
        case .notReusable: "the result may not be reused / kết quả không được công nhận"
        }
    }

    /// The decision as one JSON document.
    public static func json(_ d: RecognitionDecision) -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            w.field("code", d.code)
            w.field("decision", d.outcome.rawValue)
            w.key("reasons")
            w.array { w in for r in d.reasons { reason(r, &w) } }
            w.key("doctorsFinalSay")
            reason(d.doctor, &w)
        }
        return w.finish()
    }

    private static func reason(_ r: RecognitionReason, _ w: inout JSONWriter) {
        w.object { w in
            w.field("rule", r.rule)
            w.field("kind", r.kind.rawValue)
            w.field("status", r.status.rawValue)
            w.field("effect", r.effect.rawValue)
            w.field("clause", r.clause.id)
            w.field("citation", r.clause.citation)
            w.field("textVi", r.textVi)
            w.field("textEn", r.textEn)
            w.field("detail", r.detail)
        }
    }
}
