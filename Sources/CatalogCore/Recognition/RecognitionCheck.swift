/// The validation of the recognition rules source (rules LT11xx): every clause cited exists,
/// every annex and modality named exists and suits the rule's kind, the quality levels run
/// from 1 without gaps, no two rules contradict each other, and the rules every decision
/// needs are present. Builds the typed ``RecognitionRules`` when no error remains.
public enum RecognitionCheck {
    /// What checking found.
    public struct Result: Sendable {
        public var rules: RecognitionRules?
        public var diagnostics: [Diagnostic]
        public init(rules: RecognitionRules?, diagnostics: [Diagnostic]) {
            self.rules = rules
            self.diagnostics = diagnostics
        }
    }

    /// An annex as the manifest declares it: what the rules may name.
    public struct AnnexInfo: Sendable {
        public var number: Int
        public var kind: AnnexKind
        public init(number: Int, kind: AnnexKind) {
            self.number = number
            self.kind = kind
        }
    }

    /// The annexes of a manifest whose number and kind are readable.
    public static func annexes(of manifest: SourceManifest) -> [AnnexInfo] {
        manifest.annexes.compactMap { spec in
            guard let number = spec.number.flatMap({ Int($0.value) }), let kind = spec.kind.flatMap({ AnnexKind(rawValue: $0.value) }) else { return nil }
            return AnnexInfo(number: number, kind: kind)
        }
    }

    /// Checks `source` against the manifest's annexes.
    public static func check(_ source: SourceRecognition, annexes: [AnnexInfo]) -> Result {
        var ctx = ValidationContext()
        let clauses = checkClauses(source, &ctx)
        let levels = checkLevels(source, &ctx)
        var rules: [RecognitionRule] = []
        var ruleLocations: [SourceLocation] = []
        var seen: [String: SourceLocation] = [:]
        for rule in source.rules {
            guard let typed = checkRule(rule, clauses: Set(clauses.map(\.id)), levels: Set(levels.map(\.level)), annexes: annexes, &ctx) else { continue }
            if let first = seen[typed.id] {
                ctx.diagnostics.error(.recognitionDuplicateID, "rule id '\(typed.id)' is already used by the rule at line \(first.line); give each rule its own id", at: rule.id?.location ?? rule.location)
                continue
            }
            seen[typed.id] = rule.location
            rules.append(typed)
            ruleLocations.append(rule.location)
        }
        checkContradictions(rules, ruleLocations, annexes: annexes, &ctx)
        checkCompleteness(rules, file: source.file, &ctx)
        let diagnostics = ctx.diagnostics.all.sorted()
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return Result(rules: nil, diagnostics: diagnostics) }
        return Result(rules: RecognitionRules(clauses: clauses, qualityLevels: levels, rules: rules), diagnostics: diagnostics)
    }

    static func checkClauses(_ source: SourceRecognition, _ ctx: inout ValidationContext) -> [RecognitionClause] {
        var clauses: [RecognitionClause] = []
        for c in source.clauses {
            guard let id = ctx.requireText(c.id, "id"), let citation = ctx.requireText(c.citation, "citation"),
                  let vi = ctx.requireText(c.textVi, "textVi"), let en = ctx.requireText(c.textEn, "textEn") else { continue }
            if clauses.contains(where: { $0.id == id }) {
                ctx.diagnostics.error(.recognitionDuplicateID, "clause id '\(id)' is defined twice; give each clause its own id", at: c.id?.location ?? c.location)
                continue
            }
            clauses.append(RecognitionClause(id: id, citation: citation, textVi: vi, textEn: en))
        }
        return clauses
    }

    static func checkLevels(_ source: SourceRecognition, _ ctx: inout ValidationContext) -> [QualityLevel] {
        var levels: [QualityLevel] = []
        for q in source.qualityLevels {
            guard let n = ctx.integer(q.level, "level", in: 1...9), let vi = ctx.requireText(q.nameVi, "nameVi"),
                  let en = ctx.requireText(q.nameEn, "nameEn") else { continue }
            if levels.contains(where: { $0.level == n }) {
                ctx.diagnostics.error(.recognitionDuplicateID, "quality level \(n) is defined twice", at: q.level?.location ?? q.location)
                continue
            }
            if n != levels.count + 1 {
                ctx.diagnostics.error(.recognitionQualityLevels, "quality level \(n) follows level \(levels.count); the levels run 1, 2, 3 ... without gaps, lowest first (expected \(levels.count + 1))", at: q.level?.location ?? q.location)
                continue
            }
            levels.append(QualityLevel(level: n, nameVi: vi, nameEn: en))
        }
        if levels.isEmpty && source.qualityLevels.isEmpty {
            ctx.diagnostics.error(.recognitionQualityLevels, "no quality levels are defined; list the levels of Decision 2429/QĐ-BYT under 'qualityLevels'", at: .start(of: source.file))
        }
        return levels
    }

    static func checkRule(_ r: SourceRecognitionRule, clauses: Set<String>, levels: Set<Int>, annexes: [AnnexInfo], _ ctx: inout ValidationContext) -> RecognitionRule? {
        let id = ctx.requireText(r.id, "id")
        let kind = ctx.vocabulary(r.kind, "rule kind", as: RecognitionRuleKind.self)
        let outcome = ctx.vocabulary(r.outcome, "outcome", as: RecognitionOutcome.self)
        let fact = ctx.vocabulary(r.fact, "study fact", as: StudyFact.self)
        let vi = ctx.requireText(r.textVi, "textVi"), en = ctx.requireText(r.textEn, "textEn")
        let clause = ctx.requireText(r.clause, "clause")
        if let clause, let location = r.clause?.location, !clauses.contains(clause) {
            ctx.diagnostics.error(.recognitionUnknownClause, "clause '\(clause)' is not defined; define it under 'clauses' or cite one of: \(clauses.sorted().joined(separator: ", "))\(Suggestion.hint(for: clause, in: clauses.sorted()))", at: location)
        }
        var level: Int?
        if let text = r.level, let n = ctx.integer(text, "level", in: 1...9) {
            if levels.contains(n) { level = n } else {
                ctx.diagnostics.error(.recognitionQualityLevels, "level \(n) is not one of the quality levels defined (\(levels.sorted().map(String.init).joined(separator: ", ")))", at: text.location)
            }
        }
        var annexNumbers: [Int] = []
        for text in r.annexes {
            guard let n = ctx.integer(text, "annex", in: 1...999) else { continue }
            guard let annex = annexes.first(where: { $0.number == n }) else {
                ctx.diagnostics.error(.recognitionUnknownAnnex, "annex \(n) is not declared in the manifest; declared: \(annexes.map { String($0.number) }.joined(separator: ", "))", at: text.location)
                continue
            }
            if let kind, let own = kind.annexKind, own != annex.kind {
                ctx.diagnostics.error(.recognitionKindMismatch, "a \(kind.rawValue) rule is about \(own.rawValue) results, but annex \(n) is a \(annex.kind.rawValue) annex", at: text.location)
                continue
            }
            annexNumbers.append(n)
        }
        var modalities: [Modality] = []
        for text in r.modalities {
            guard let m = Modality(rawValue: text.value) else {
                ctx.diagnostics.error(.recognitionUnknownModality, "'\(text.value)' is not an imaging modality; allowed: \(Modality.allowedValues.joined(separator: ", "))\(Suggestion.hint(for: text.value, in: Modality.allowedValues))", at: text.location)
                continue
            }
            modalities.append(m)
        }
        if let kind, !r.modalities.isEmpty, kind.annexKind != .imaging {
            ctx.diagnostics.error(.recognitionKindMismatch, "a \(kind.rawValue) rule does not take 'modalities': only imaging rules (study-requirement, repeat-reason) apply by modality", at: r.modalities[0].location)
        }
        if let kind { checkShape(r, kind: kind, fact: fact, outcome: outcome, &ctx) }
        guard let id, let kind, let outcome, let clause, let vi, let en else { return nil }
        return RecognitionRule(id: id, kind: kind, fact: fact, level: level, annexes: annexNumbers, modalities: modalities,
                               outcome: outcome, clause: clause, textVi: vi, textEn: en)
    }

    /// The fields a kind needs and refuses.
    static func checkShape(_ r: SourceRecognitionRule, kind: RecognitionRuleKind, fact: StudyFact?, outcome: RecognitionOutcome?, _ ctx: inout ValidationContext) {
        let at = r.id?.location ?? r.location
        switch kind {
        case .studyRequirement, .repeatReason:
            if r.fact == nil {
                ctx.diagnostics.error(.recognitionRuleIncomplete, "a \(kind.rawValue) rule needs a 'fact': the study fact it is about", at: at)
            } else if let fact, fact.isRepeatReason != (kind == .repeatReason) {
                let wanted = kind == .repeatReason ? "a reason to repeat (clinical-picture-changed, too-old, poor-quality, identity-in-doubt)" : "a requirement of the study, not a reason to repeat"
                ctx.diagnostics.error(.recognitionRuleIncomplete, "'\(fact.rawValue)' does not suit a \(kind.rawValue) rule, which needs \(wanted)", at: r.fact!.location)
            }
        default:
            if let text = r.fact {
                ctx.diagnostics.error(.recognitionRuleIncomplete, "a \(kind.rawValue) rule takes no 'fact'; remove it", at: text.location)
            }
        }
        if kind == .minimumLevel, r.level == nil {
            ctx.diagnostics.error(.recognitionRuleIncomplete, "a minimum-level rule needs a 'level': the lowest quality level whose results are recognised", at: at)
        } else if kind != .minimumLevel, let text = r.level {
            ctx.diagnostics.error(.recognitionRuleIncomplete, "a \(kind.rawValue) rule takes no 'level'; remove it", at: text.location)
        }
        if let outcome, outcome == .reusable, kind != .doctorDecides {
            ctx.diagnostics.error(.recognitionRuleIncomplete, "the outcome of a \(kind.rawValue) rule is what happens when it is not met or applies; 'reusable' would make the rule say nothing (use doctor-judgement or not-reusable)", at: r.outcome!.location)
        }
    }

    /// Two rules of the same kind and fact whose annexes and modalities overlap must agree.
    static func checkContradictions(_ rules: [RecognitionRule], _ locations: [SourceLocation], annexes: [AnnexInfo], _ ctx: inout ValidationContext) {
        for i in rules.indices {
            for j in rules.indices where j < i {
                let a = rules[j], b = rules[i]
                guard a.kind == b.kind, a.fact == b.fact, a.kind != .doctorDecides, overlap(a, b, annexes: annexes) else { continue }
                if a.outcome != b.outcome || a.level != b.level {
                    ctx.diagnostics.error(.recognitionContradiction, "rule '\(b.id)' contradicts rule '\(a.id)' (line \(locations[j].line)): both state \(describe(b)) for the same results, with different \(a.level != b.level ? "levels" : "outcomes") (\(a.outcome.rawValue) and \(b.outcome.rawValue)); keep one, or narrow their annexes or modalities so they do not overlap", at: locations[i])
                } else {
                    ctx.diagnostics.error(.recognitionDuplicateID, "rule '\(b.id)' repeats rule '\(a.id)' (line \(locations[j].line)): both state \(describe(b)) for the same results; remove one", at: locations[i])
                }
            }
        }
    }

    static func describe(_ r: RecognitionRule) -> String {
        r.fact.map { "\(r.kind.rawValue) '\($0.rawValue)'" } ?? r.kind.rawValue
    }

    static func overlap(_ a: RecognitionRule, _ b: RecognitionRule, annexes: [AnnexInfo]) -> Bool {
        let annexOverlap = a.annexes.isEmpty || b.annexes.isEmpty || !Set(a.annexes).isDisjoint(with: b.annexes)
        let modalityOverlap = a.modalities.isEmpty || b.modalities.isEmpty || !Set(a.modalities).isDisjoint(with: b.modalities)
        return annexOverlap && modalityOverlap
    }

    static func checkCompleteness(_ rules: [RecognitionRule], file: String, _ ctx: inout ValidationContext) {
        for kind in [RecognitionRuleKind.minimumLevel, .levelOrder, .doctorDecides] where !rules.contains(where: { $0.kind == kind }) {
            ctx.diagnostics.error(.recognitionRuleMissing, "the rules state no \(kind.rawValue) rule, which every \(kind == .doctorDecides ? "" : "laboratory ")decision needs; add one citing its clause", at: .start(of: file))
        }
    }
}
