/// Decides whether a result of a catalog entry may be reused, from the rules of Article 2 and
/// the facts given. The meaning of each rule kind is here; the levels, clauses, texts,
/// outcomes and which rule applies to which annex or modality are data, in the rules source.
///
/// Laboratory: the result is reusable when the level path holds (every minimum-level rule and
/// the level order: the receiving level is at most the performing level) or the ISO 15189
/// path holds (the code is in both laboratories' accredited scopes). Otherwise the decision is
/// the worst outcome of the level rules not met, or doctor-judgement when a level is unknown.
///
/// Imaging: every requirement that applies to the modality must hold; one that does not gives
/// its outcome, one whose fact is unknown gives doctor-judgement. A repeat reason that holds
/// gives its outcome. The decision is the worst outcome of all.
public struct RecognitionEngine: Sendable {
    public let rules: RecognitionRules

    public init(rules: RecognitionRules) { self.rules = rules }

    /// A problem with the question itself.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case factsForOtherKind(code: String, kind: AnnexKind)
        case noDoctorRule

        public var description: String {
            switch self {
            case let .factsForOtherKind(code, kind):
                "\(code) is a \(kind.rawValue) entry: give \(kind == .laboratory ? "laboratory levels or ISO 15189 scopes, not study facts" : "study facts, not laboratory levels")"
            case .noDoctorRule: "the recognition rules have no doctor-decides rule"
            }
        }
    }

    /// Decides for a laboratory entry.
    public func decide(entry: Entry, annexKind: AnnexKind, laboratory facts: LaboratoryFacts) throws -> RecognitionDecision {
        guard annexKind == .laboratory else { throw Failure.factsForOtherKind(code: entry.code, kind: annexKind) }
        var reasons: [RecognitionReason] = []
        var levelPath = true, levelEffect = RecognitionOutcome.reusable
        var isoPath = false
        for rule in rules.rules(forAnnex: entry.annex, kind: .laboratory, modality: nil) {
            switch rule.kind {
            case .minimumLevel:
                let minimum = rule.level ?? 1
                let status: ReasonStatus = facts.performingLevel.map { $0 >= minimum ? .met : .notMet } ?? .unknown
                let detail = facts.performingLevel.map { "performing laboratory at level \($0); level \(minimum) or higher is needed" } ?? "the performing laboratory's level is not given"
                reasons.append(reason(rule, status, detail))
            case .levelOrder:
                var status = ReasonStatus.unknown, detail = "a laboratory's level is not given"
                if let p = facts.performingLevel, let r = facts.receivingLevel {
                    status = r <= p ? .met : .notMet
                    detail = "receiving laboratory at level \(r), performing laboratory at level \(p)" + (r <= p ? "" : ": a higher level does not recognise a lower one")
                }
                reasons.append(reason(rule, status, detail))
            case .iso15189Scope:
                var status = ReasonStatus.notApplicable, detail = "no ISO 15189 scope given for both laboratories"
                if let p = facts.performingScope, let r = facts.receivingScope {
                    let inP = p.contains(entry.code), inR = r.contains(entry.code)
                    status = inP && inR ? .met : .notMet
                    detail = "\(entry.code) is \(inP ? "in" : "not in") the performing laboratory's scope and \(inR ? "in" : "not in") the receiving laboratory's"
                }
                reasons.append(reason(rule, status, detail))
                if status == .met { isoPath = true }
            default: continue
            }
            if rule.kind == .minimumLevel || rule.kind == .levelOrder, let last = reasons.last {
                if last.status != .met { levelPath = false; levelEffect = max(levelEffect, last.effect) }
            }
        }
        let outcome: RecognitionOutcome = levelPath || isoPath ? .reusable : levelEffect
        return try finish(entry, outcome, reasons)
    }

    /// Decides for an imaging entry of `modality`.
    public func decide(entry: Entry, annexKind: AnnexKind, study facts: StudyFacts) throws -> RecognitionDecision {
        guard annexKind == .imaging, case let .imaging(modality, _, _, _) = entry.attributes else {
            throw Failure.factsForOtherKind(code: entry.code, kind: annexKind)
        }
        var reasons: [RecognitionReason] = []
        for rule in rules.rules(forAnnex: entry.annex, kind: .imaging, modality: modality) {
            guard let fact = rule.fact else { continue }
            let value = facts[fact]
            let evidence = facts.evidence[fact].map { ": \($0)" } ?? ""
            switch rule.kind {
            case .studyRequirement:
                let status: ReasonStatus = value.map { $0 ? .met : .notMet } ?? .unknown
                let said = value.map { $0 ? "holds" : "does not hold" } ?? "is not known"
                reasons.append(reason(rule, status, "\(fact.rawValue) \(said)\(evidence)"))
            case .repeatReason:
                reasons.append(reason(rule, value == true ? .applies : .notApplicable, "\(fact.rawValue) \(value == true ? "holds" : "is not stated")\(evidence)"))
            default: continue
            }
        }
        return try finish(entry, reasons.map(\.effect).max() ?? .reusable, reasons)
    }

    private func finish(_ entry: Entry, _ outcome: RecognitionOutcome, _ reasons: [RecognitionReason]) throws -> RecognitionDecision {
        guard let doctorRule = rules.rules.first(where: { $0.kind == .doctorDecides }) else { throw Failure.noDoctorRule }
        let doctor = reason(doctorRule, .always, "the treating doctor decides whether to reuse the result or repeat the service")
        return RecognitionDecision(code: entry.code, outcome: outcome, reasons: reasons, doctor: doctor)
    }

    /// The reason a rule gives with `status`; its effect on the decision follows from the status.
    private func reason(_ rule: RecognitionRule, _ status: ReasonStatus, _ detail: String) -> RecognitionReason {
        let effect: RecognitionOutcome
        switch status {
        case .met, .notApplicable, .always: effect = .reusable
        case .notMet, .applies: effect = rule.outcome
        case .unknown: effect = .doctorJudgement
        }
        let clause = rules.clause(rule.clause) ?? RecognitionClause(id: rule.clause, citation: "", textVi: "", textEn: "")
        return RecognitionReason(rule: rule.id, kind: rule.kind, status: status, effect: effect, clause: clause,
                                 textVi: rule.textVi, textEn: rule.textEn, detail: detail)
    }
}
