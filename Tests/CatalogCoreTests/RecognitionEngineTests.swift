import CatalogCore
import CatalogSources
import Testing

/// The decision engine reads the levels, outcomes and applicability from the rules: changing
/// the data changes the decision, with no change of code.
@Suite struct RecognitionEngineTests {
    static let labEntry = Entry(code: "HS0001D", annex: 1, group: "g", status: .active, statusReason: nil, replacedBy: nil, nameVi: "Glucose", nameEn: "Glucose",
                                nationalCodes: [], attributes: .laboratory(specimen: .serumOrPlasma, method: nil), mappings: [], unmappedReason: nil)
    static let ctEntry = Entry(code: "DQ0009L", annex: 6, group: "g", status: .active, statusReason: nil, replacedBy: nil, nameVi: "CT", nameEn: "CT",
                               nationalCodes: [], attributes: .imaging(modality: .ct, bodyRegion: .chest, contrast: .none, laterality: .none), mappings: [], unmappedReason: nil)

    static func engine(_ edit: (String) -> String = { $0 }) throws -> RecognitionEngine {
        let result = RecognitionRuleTests.check(edit(RecognitionRuleTests.source()))
        return RecognitionEngine(rules: try #require(result.rules, "\(result.diagnostics)"))
    }

    @Test func theMinimumLevelIsData() throws {
        let level1 = try Self.engine().decide(entry: Self.labEntry, annexKind: .laboratory, laboratory: LaboratoryFacts(performingLevel: 1, receivingLevel: 1))
        #expect(level1.outcome == .reusable)
        let level2 = try Self.engine { $0.replacingOccurrences(of: "kind: minimum-level, level: \"1\"", with: "kind: minimum-level, level: \"2\"") }
            .decide(entry: Self.labEntry, annexKind: .laboratory, laboratory: LaboratoryFacts(performingLevel: 1, receivingLevel: 1))
        #expect(level2.outcome == .notReusable)
        #expect(level2.reasons.first { $0.rule == "min" }?.status == .notMet)
    }

    @Test func theOutcomeIsData() throws {
        let soft = try Self.engine { $0.replacingOccurrences(of: "kind: level-order, outcome: not-reusable", with: "kind: level-order, outcome: doctor-judgement") }
            .decide(entry: Self.labEntry, annexKind: .laboratory, laboratory: LaboratoryFacts(performingLevel: 1, receivingLevel: 3))
        #expect(soft.outcome == .doctorJudgement)
    }

    @Test func theModalitiesAreData() throws {
        let facts = StudyFacts([.completeSeries: false])
        let ct = try Self.engine().decide(entry: Self.ctEntry, annexKind: .imaging, study: facts)
        #expect(ct.outcome == .notReusable)
        let mrOnly = try Self.engine { $0.replacingOccurrences(of: "modalities: [CT, MR]", with: "modalities: [MR]") }
            .decide(entry: Self.ctEntry, annexKind: .imaging, study: facts)
        #expect(mrOnly.outcome == .reusable && mrOnly.reasons.isEmpty)
    }

    @Test func theDoctorIsAlwaysInTheAnswerAndAQuestionOfTheWrongKindIsRefused() throws {
        let engine = try Self.engine()
        let d = try engine.decide(entry: Self.labEntry, annexKind: .laboratory, laboratory: LaboratoryFacts())
        #expect(d.outcome == .notEnoughInformation && d.doctor.rule == "doctor" && d.doctor.status == .always)
        #expect(throws: RecognitionEngine.Failure.self) { try engine.decide(entry: Self.labEntry, annexKind: .laboratory, study: StudyFacts()) }
    }
}
