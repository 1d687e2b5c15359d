import CatalogCore

/// Renders a ``RecognitionDecision`` for people (text) and machines (JSON): a one-line answer
/// first, Vietnamese before English, then every condition with its status, evidence and clause,
/// the notes on the medium, and the treating doctor's final say, which is in every answer.
public enum RecognitionReport {
    /// A remark on the medium that is not a condition (a viewer, an autorun file, a FIFO).
    public struct Note: Sendable, Equatable {
        public var path: String
        public var vi: String
        public var en: String
        public init(path: String, vi: String, en: String) {
            self.path = path
            self.vi = vi
            self.en = en
        }
    }

    /// The decision as lines of text.
    public static func text(_ d: RecognitionDecision, entryName: String, study: String? = nil, notes: [Note] = []) -> String {
        let (vi, en) = summary(d)
        var lines = ["\(d.code) \(entryName)" + (study.map { " — ca chụp / study \($0)" } ?? ""), vi, en,
                     "quyết định / decision: \(d.outcome.rawValue)", "điều kiện / conditions:"]
        for r in d.reasons {
            lines.append("  [\(statusVi(r.status)) / \(r.status.rawValue)] \(r.rule): \(r.textVi) — \(r.detailVi) (\(r.clause.citation) [\(r.clause.id)])")
            lines.append("      \(r.textEn) — \(r.detailEn)")
        }
        if !notes.isEmpty {
            lines.append("ghi chú về đĩa / notes on the medium:")
            for n in notes { lines.append("  \(n.path): \(n.vi) / \(n.en)") }
        }
        lines.append("quyết định cuối cùng / final say: \(d.doctor.textVi) (\(d.doctor.clause.citation) [\(d.doctor.clause.id)])")
        lines.append("      \(d.doctor.textEn)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The one-line answer in Vietnamese and English: the decision and what it rests on (the
    /// conditions not met, the unknown ones, or the repeat reasons that apply).
    public static func summary(_ d: RecognitionDecision) -> (vi: String, en: String) {
        func phrase(_ text: String) -> String {
            var t = text
            while t.last == "." { t.removeLast() }
            guard let first = t.first else { return t }
            let second = t.dropFirst().first
            // Keep an acronym (ISO, CT) as written.
            return second.map { $0.isUppercase } == true ? t : first.lowercased() + t.dropFirst()
        }
        func list(_ status: ReasonStatus) -> (String, String) {
            let rs = d.reasons.filter { $0.status == status }
            return (rs.map { phrase($0.textVi) }.joined(separator: "; "), rs.map { phrase($0.textEn) }.joined(separator: "; "))
        }
        switch d.outcome {
        case .reusable:
            return ("Được công nhận: các điều kiện đều đạt; bác sĩ điều trị quyết định cuối cùng.",
                    "Reusable: the conditions hold; the treating doctor has the final say.")
        case .notReusable:
            let (vi, en) = list(.notMet)
            return ("Không được công nhận, cần thực hiện lại — không đạt: \(vi).", "Not reusable, the service must be repeated — not met: \(en).")
        case .notEnoughInformation:
            let (vi, en) = list(.unknown)
            return ("Chưa đủ thông tin — chưa xác định: \(vi).", "Not enough information — unknown: \(en).")
        case .doctorJudgement:
            let (vi, en) = list(.applies)
            let (nvi, nen) = list(.notMet)
            return ("Tùy bác sĩ điều trị quyết định — " + (vi.isEmpty ? "chưa đạt: \(nvi)" : "có lý do chỉ định lại: \(vi)") + ".",
                    "Subject to the treating doctor's judgement — " + (en.isEmpty ? "not met: \(nen)" : "a reason to repeat applies: \(en)") + ".")
        }
    }

    /// A status in Vietnamese.
    public static func statusVi(_ status: ReasonStatus) -> String {
        switch status {
        case .met: "đạt"
        case .notMet: "không đạt"
        case .unknown: "chưa rõ"
        case .applies: "có"
        case .notApplicable: "không áp dụng"
        case .always: "luôn áp dụng"
        }
    }

    /// The decision as one JSON document.
    public static func json(_ d: RecognitionDecision, study: String? = nil, notes: [Note] = []) -> [UInt8] {
        let (vi, en) = summary(d)
        var w = JSONWriter()
        w.object { w in
            w.field("code", d.code)
            if let study { w.field("studyInstanceUID", study) }
            w.field("decision", d.outcome.rawValue)
            w.field("summaryVi", vi)
            w.field("summaryEn", en)
            w.key("reasons")
            w.array { w in for r in d.reasons { reason(r, &w) } }
            w.key("notes")
            w.array { w in
                for n in notes {
                    w.object { w in
                        w.field("path", n.path)
                        w.field("detailVi", n.vi)
                        w.field("detailEn", n.en)
                    }
                }
            }
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
            w.field("statusVi", statusVi(r.status))
            w.field("effect", r.effect.rawValue)
            w.field("clause", r.clause.id)
            w.field("citation", r.clause.citation)
            w.field("textVi", r.textVi)
            w.field("textEn", r.textEn)
            w.field("detailVi", r.detailVi)
            w.field("detailEn", r.detailEn)
        }
    }
}
