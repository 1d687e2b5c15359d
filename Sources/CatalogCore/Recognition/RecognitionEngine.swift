/// Decides whether a result of a catalog entry may be reused, from the rules of Article 2 and
/// the facts given. The meaning of each rule kind is here; the levels, clauses, texts,
/// outcomes and which rule applies to which annex or modality are data, in the rules source.
///
/// Laboratory: the result is reusable when the level path holds (every minimum-level rule and
/// the level order: the receiving level is at most the performing level) or the ISO 15189
/// path holds (the code is in both laboratories' accredited scopes). Otherwise, when both
/// paths are known not to hold, the decision is the worst outcome of the level rules not met;
/// when a path could still hold but a level or a scope is unknown, "not enough information".
///
/// Imaging: every requirement that applies to the modality must hold; one that does not gives
/// its outcome, one whose fact is unknown gives "not enough information". A repeat reason that
/// holds gives its outcome. The decision is the worst of all (not-reusable, then not enough
/// information, then doctor-judgement, then reusable).
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
                kind == .laboratory
                    ? "\(code) là dịch vụ xét nghiệm: hãy nêu mức chất lượng hoặc phạm vi ISO 15189, không nêu dữ kiện ca chụp / \(code) is a laboratory entry: give laboratory levels or ISO 15189 scopes, not study facts"
                    : "\(code) là dịch vụ chẩn đoán hình ảnh: hãy nêu dữ kiện ca chụp, không nêu mức chất lượng phòng xét nghiệm / \(code) is an imaging entry: give study facts, not laboratory levels"
            case .noDoctorRule: "bộ quy tắc công nhận không có quy tắc bác sĩ quyết định / the recognition rules have no doctor-decides rule"
            }
        }
    }

    /// Decides for a laboratory entry.
    public func decide(entry: Entry, annexKind: AnnexKind, laboratory facts: LaboratoryFacts) throws -> RecognitionDecision {
        guard annexKind == .laboratory else { throw Failure.factsForOtherKind(code: entry.code, kind: annexKind) }
        var reasons: [RecognitionReason] = []
        var levelStatuses: [ReasonStatus] = [], levelEffect = RecognitionVerdict.reusable
        var isoStatus = ReasonStatus.notApplicable
        for rule in rules.rules(forAnnex: entry.annex, kind: .laboratory, modality: nil) {
            switch rule.kind {
            case .minimumLevel:
                let minimum = rule.level ?? 1
                if let p = facts.performingLevel {
                    reasons.append(reason(rule, p >= minimum ? .met : .notMet,
                                          vi: "phòng xét nghiệm thực hiện ở \(Self.levelVi(p)); cần từ mức \(minimum) trở lên",
                                          en: "performing laboratory at \(Self.levelEn(p)); level \(minimum) or higher is needed"))
                } else {
                    reasons.append(reason(rule, .unknown,
                                          vi: "chưa nêu mức chất lượng của phòng xét nghiệm thực hiện; cho biết bằng --performing-level N",
                                          en: "the performing laboratory's level is not given; give it with --performing-level N"))
                }
            case .levelOrder:
                if let p = facts.performingLevel, let r = facts.receivingLevel {
                    reasons.append(reason(rule, r <= p ? .met : .notMet,
                                          vi: "phòng xét nghiệm tiếp nhận ở \(Self.levelVi(r)), phòng xét nghiệm thực hiện ở \(Self.levelVi(p))" + (r <= p ? "" : ": mức cao hơn không công nhận kết quả của mức thấp hơn"),
                                          en: "receiving laboratory at \(Self.levelEn(r)), performing laboratory at \(Self.levelEn(p))" + (r <= p ? "" : ": a higher level does not recognise a lower one")))
                } else {
                    let missing = [facts.performingLevel == nil ? ("thực hiện", "performing", "--performing-level") : nil,
                                   facts.receivingLevel == nil ? ("tiếp nhận", "receiving", "--receiving-level") : nil].compactMap { $0 }
                    reasons.append(reason(rule, .unknown,
                                          vi: "chưa nêu mức chất lượng của phòng xét nghiệm " + missing.map(\.0).joined(separator: " và ") + "; cho biết bằng " + missing.map { "\($0.2) N" }.joined(separator: ", "),
                                          en: "the " + missing.map(\.1).joined(separator: " and ") + " laboratory's level is not given; give it with " + missing.map { "\($0.2) N" }.joined(separator: ", ")))
                }
            case .iso15189Scope:
                switch (facts.performingScope, facts.receivingScope) {
                case (nil, nil):
                    reasons.append(reason(rule, .notApplicable, vi: "không nêu phạm vi ISO 15189 của phòng xét nghiệm nào",
                                          en: "no ISO 15189 scope is given for either laboratory"))
                case let (p?, r?):
                    let inP = p.contains(entry.code), inR = r.contains(entry.code)
                    reasons.append(reason(rule, inP && inR ? .met : .notMet,
                                          vi: "\(entry.code) \(inP ? "nằm trong" : "không nằm trong") phạm vi của phòng xét nghiệm thực hiện và \(inR ? "nằm trong" : "không nằm trong") phạm vi của phòng xét nghiệm tiếp nhận",
                                          en: "\(entry.code) is \(inP ? "in" : "not in") the performing laboratory's scope and \(inR ? "in" : "not in") the receiving laboratory's"))
                case let (p, r):
                    // A scope not given: that laboratory is not accredited, so the path does not apply.
                    let (whoVi, whoEn, otherVi, otherEn, option) = p == nil
                        ? ("tiếp nhận", "receiving", "thực hiện", "performing", "--performing-iso15189")
                        : ("thực hiện", "performing", "tiếp nhận", "receiving", "--receiving-iso15189")
                    _ = r
                    reasons.append(reason(rule, .notApplicable,
                                          vi: "chỉ nêu phạm vi ISO 15189 của phòng xét nghiệm \(whoVi); phòng xét nghiệm \(otherVi) được coi là chưa được công nhận ISO 15189 (nêu phạm vi bằng \(option) nếu có)",
                                          en: "only the \(whoEn) laboratory's ISO 15189 scope is given; the \(otherEn) laboratory is taken as not accredited (give its scope with \(option) if it is)"))
                }
                isoStatus = reasons.last!.status
            default: continue
            }
            if rule.kind == .minimumLevel || rule.kind == .levelOrder, let last = reasons.last {
                levelStatuses.append(last.status)
                if last.status == .notMet { levelEffect = max(levelEffect, RecognitionVerdict(rule.outcome)) }
            }
        }
        let outcome: RecognitionVerdict
        if !levelStatuses.contains(where: { $0 != .met }) || isoStatus == .met {
            outcome = .reusable
        } else if levelStatuses.contains(.notMet), isoStatus != .unknown {
            outcome = levelEffect
        } else {
            outcome = .notEnoughInformation
        }
        return try finish(entry, outcome, reasons)
    }

    /// Decides for an imaging entry of `modality`.
    public func decide(entry: Entry, annexKind: AnnexKind, study facts: StudyFacts) throws -> RecognitionDecision {
        guard annexKind == .imaging, let modality = entry.imaging?.modality else {
            throw Failure.factsForOtherKind(code: entry.code, kind: annexKind)
        }
        var reasons: [RecognitionReason] = []
        for rule in rules.rules(forAnnex: entry.annex, kind: .imaging, modality: modality) {
            guard let fact = rule.fact else { continue }
            let value = facts[fact]
            let evidence = facts.evidence[fact]
            switch rule.kind {
            case .studyRequirement:
                let status: ReasonStatus = value.map { $0 ? .met : .notMet } ?? .unknown
                let settleVi = "chưa rõ; cho biết bằng --fact \(fact.rawValue)=yes|no", settleEn = "not known; give it with --fact \(fact.rawValue)=yes|no"
                let vi = evidence?.vi ?? (value.map { $0 ? "đạt" : "không đạt" } ?? settleVi)
                let en = evidence?.en ?? (value.map { $0 ? "holds" : "does not hold" } ?? settleEn)
                reasons.append(reason(rule, status, vi: vi, en: en))
            case .repeatReason:
                let vi = evidence?.vi ?? (value == true ? "có" : "không nêu")
                let en = evidence?.en ?? (value == true ? "holds" : "not stated")
                reasons.append(reason(rule, value == true ? .applies : .notApplicable, vi: vi, en: en))
            default: continue
            }
        }
        return try finish(entry, reasons.map(\.effect).max() ?? .reusable, reasons)
    }

    /// The facts a question may give for an imaging entry of `annex` with `modality`: those
    /// the rules that apply to it name.
    public func applicableFacts(annex: Int, modality: Modality) -> [StudyFact] {
        let named = Set(rules.rules(forAnnex: annex, kind: .imaging, modality: modality).compactMap(\.fact))
        return StudyFact.allCases.filter(named.contains)
    }

    static func levelVi(_ level: Int) -> String { level == 0 ? "chưa công bố mức nào" : "mức \(level)" }
    static func levelEn(_ level: Int) -> String { level == 0 ? "no announced level" : "level \(level)" }

    private func finish(_ entry: Entry, _ outcome: RecognitionVerdict, _ reasons: [RecognitionReason]) throws -> RecognitionDecision {
        guard let doctorRule = rules.rules.first(where: { $0.kind == .doctorDecides }) else { throw Failure.noDoctorRule }
        let doctor = reason(doctorRule, .always, vi: "bác sĩ điều trị quyết định sử dụng kết quả hay chỉ định thực hiện lại",
                            en: "the treating doctor decides whether to reuse the result or repeat the service")
        return RecognitionDecision(code: entry.code, outcome: outcome, reasons: reasons, doctor: doctor)
    }

    /// The reason a rule gives with `status`; its effect on the decision follows from the status.
    private func reason(_ rule: RecognitionRule, _ status: ReasonStatus, vi: String, en: String) -> RecognitionReason {
        let effect: RecognitionVerdict
        switch status {
        case .met, .notApplicable, .always: effect = .reusable
        case .notMet, .applies: effect = RecognitionVerdict(rule.outcome)
        case .unknown: effect = .notEnoughInformation
        }
        let clause = rules.clause(rule.clause) ?? RecognitionClause(id: rule.clause, citation: "", textVi: "", textEn: "")
        return RecognitionReason(rule: rule.id, kind: rule.kind, status: status, effect: effect, clause: clause,
                                 textVi: rule.textVi, textEn: rule.textEn, detailVi: vi, detailEn: en)
    }
}
