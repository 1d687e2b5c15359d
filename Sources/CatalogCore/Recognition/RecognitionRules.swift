/// The conditions of Article 2 under which a receiving facility may reuse a result, as the
/// rules source states them: validated and typed. The decision engine reads only this.
public struct RecognitionRules: Sendable, Equatable {
    public var clauses: [RecognitionClause]
    /// The quality levels of Decision 2429/QĐ-BYT, lowest first.
    public var qualityLevels: [QualityLevel]
    public var rules: [RecognitionRule]

    public init(clauses: [RecognitionClause], qualityLevels: [QualityLevel], rules: [RecognitionRule]) {
        self.clauses = clauses
        self.qualityLevels = qualityLevels
        self.rules = rules
    }

    /// The clause with this id.
    public func clause(_ id: String) -> RecognitionClause? { clauses.first { $0.id == id } }

    /// The rules that apply to an entry of `annex` (of `kind`) with `modality` (imaging), in
    /// source order.
    public func rules(forAnnex annex: Int, kind: AnnexKind, modality: Modality?) -> [RecognitionRule] {
        rules.filter { $0.applies(toAnnex: annex, kind: kind, modality: modality) }
    }
}

/// A clause of the legal text a rule comes from.
public struct RecognitionClause: Sendable, Equatable {
    /// Short identifier, e.g. `art2-1a`.
    public var id: String
    /// Where the clause is, e.g. "Điều 2, khoản 1, điểm a".
    public var citation: String
    public var textVi: String
    public var textEn: String

    public init(id: String, citation: String, textVi: String, textEn: String) {
        self.id = id
        self.citation = citation
        self.textVi = textVi
        self.textEn = textEn
    }
}

/// A laboratory quality level of Decision 2429/QĐ-BYT.
public struct QualityLevel: Sendable, Equatable {
    public var level: Int
    public var nameVi: String
    public var nameEn: String

    public init(level: Int, nameVi: String, nameEn: String) {
        self.level = level
        self.nameVi = nameVi
        self.nameEn = nameEn
    }
}

/// One condition of Article 2.
public struct RecognitionRule: Sendable, Equatable {
    public var id: String
    public var kind: RecognitionRuleKind
    /// The study fact of a requirement or repeat reason.
    public var fact: StudyFact?
    /// The level of a minimum-level rule.
    public var level: Int?
    /// The annexes the rule applies to; empty: every annex of its kind.
    public var annexes: [Int]
    /// The modalities the rule applies to (imaging); empty: every modality.
    public var modalities: [Modality]
    /// The outcome when the rule is not met (a requirement) or applies (a repeat reason).
    public var outcome: RecognitionOutcome
    public var clause: String
    public var textVi: String
    public var textEn: String

    public init(id: String, kind: RecognitionRuleKind, fact: StudyFact? = nil, level: Int? = nil, annexes: [Int] = [], modalities: [Modality] = [],
                outcome: RecognitionOutcome, clause: String, textVi: String, textEn: String) {
        self.id = id
        self.kind = kind
        self.fact = fact
        self.level = level
        self.annexes = annexes
        self.modalities = modalities
        self.outcome = outcome
        self.clause = clause
        self.textVi = textVi
        self.textEn = textEn
    }

    /// Whether the rule applies to an entry of `annex` (of `kind`) with `modality`.
    public func applies(toAnnex annex: Int, kind: AnnexKind, modality: Modality?) -> Bool {
        if let own = self.kind.annexKind, own != kind { return false }
        if !annexes.isEmpty && !annexes.contains(annex) { return false }
        if !modalities.isEmpty { return modality.map(modalities.contains) ?? false }
        return true
    }
}
