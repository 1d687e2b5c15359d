/// The answer to "may this result be reused here": the outcome, every rule weighed with its
/// clause, and the treating doctor's final say, which is always part of it.
public struct RecognitionDecision: Sendable, Equatable {
    public var code: String
    public var outcome: RecognitionVerdict
    /// Every rule that applies to the entry, in the rules source's order, with what it found.
    public var reasons: [RecognitionReason]
    /// The doctor-decides rule: the treating doctor decides in every case.
    public var doctor: RecognitionReason

    public init(code: String, outcome: RecognitionVerdict, reasons: [RecognitionReason], doctor: RecognitionReason) {
        self.code = code
        self.outcome = outcome
        self.reasons = reasons
        self.doctor = doctor
    }
}

/// What a rule found for one result.
public enum ReasonStatus: String, Vocabulary {
    /// The condition holds.
    case met
    /// The condition does not hold.
    case notMet = "not-met"
    /// The facts needed to judge the condition were not given.
    case unknown
    /// A repeat reason that holds.
    case applies
    /// A repeat reason that does not hold, or an alternative (ISO 15189) that was not claimed.
    case notApplicable = "not-applicable"
    /// The doctor's decision, part of every answer.
    case always
}

/// One rule weighed for one result.
public struct RecognitionReason: Sendable, Equatable {
    public var rule: String
    public var kind: RecognitionRuleKind
    public var status: ReasonStatus
    /// What the reason contributes to the decision.
    public var effect: RecognitionVerdict
    public var clause: RecognitionClause
    public var textVi: String
    public var textEn: String
    /// The facts the rule was judged on (and, when unknown, what would settle it), in Vietnamese.
    public var detailVi: String
    /// The same in English.
    public var detailEn: String

    public init(rule: String, kind: RecognitionRuleKind, status: ReasonStatus, effect: RecognitionVerdict, clause: RecognitionClause,
                textVi: String, textEn: String, detailVi: String, detailEn: String) {
        self.rule = rule
        self.kind = kind
        self.status = status
        self.effect = effect
        self.clause = clause
        self.textVi = textVi
        self.textEn = textEn
        self.detailVi = detailVi
        self.detailEn = detailEn
    }
}
