import CatalogCore
import Testing

/// A question to `recognize` checked against the rules (LT1203-LT1205), and the honest
/// outcomes of the engine: unknown is "not enough information", never reusable or the doctor's
/// judgement.
@Suite struct RecognitionQuestionTests {
    static func rules() throws -> RecognitionRules {
        try #require(RecognitionRuleTests.check(RecognitionRuleTests.source(rules: "  - {id: iso, kind: iso15189-scope, outcome: not-reusable, clause: a, textVi: ISO, textEn: ISO}")).rules)
    }

    @Test func levelsOutsideTheScaleAreRefused() throws {
        let rules = try Self.rules()
        for ok in [0, 1, 3] { try RecognitionQuestion.level(ok, option: "--performing-level", rules: rules) }
        for bad in [7, 4, -1] {
            do {
                try RecognitionQuestion.level(bad, option: "--performing-level", rules: rules)
                Issue.record("accepted level \(bad)")
            } catch {
                #expect(error.rule == .recognizeLevelOutOfScale)
                #expect(error.en.contains("0 (none announced) or 1–3"))
            }
        }
    }

    @Test func scopeCodesAreNormalisedAndChecked() throws {
        let codes: Set<String> = ["HS0001D", "HS0002B"]
        #expect(try RecognitionQuestion.scope(" hs0001d , HS0002B", option: "--performing-iso15189", codes: codes) == ["HS0001D", "HS0002B"])
        #expect(try RecognitionQuestion.scope(nil, option: "--performing-iso15189", codes: codes) == nil)
        do {
            _ = try RecognitionQuestion.scope("HS0001X", option: "--performing-iso15189", codes: codes)
            Issue.record("accepted an unknown code")
        } catch {
            #expect(error.rule == .recognizeUnknownScopeCode)
            #expect(error.en.contains("did you mean 'HS0001D'"))
            #expect(error.vi.contains("có phải 'HS0001D'"))
        }
    }

    @Test func factsMustApplyToTheEntry() throws {
        let applicable: [StudyFact] = [.intact, .completeSeries]
        #expect(try RecognitionQuestion.facts(["intact=yes", "complete-series=không"], applicable: applicable, code: "X") == [.intact: true, .completeSeries: false])
        for (option, text) in [("complete_series=yes", "did you mean 'complete-series'"), ("complete-phases=yes", "do not apply 'complete-phases'"),
                               ("intact=maybe", "yes or no"), ("intact", "yes or no")] {
            do {
                _ = try RecognitionQuestion.facts([option], applicable: applicable, code: "X")
                Issue.record("accepted \(option)")
            } catch {
                #expect(error.rule == .recognizeFactNotApplicable)
                #expect(error.en.contains(text), "\(option): \(error.en)")
            }
        }
    }

    @Test func unknownIsNotEnoughInformation() throws {
        let engine = RecognitionEngine(rules: try Self.rules())
        let ct = RecognitionEngineTests.ctEntry, lab = RecognitionEngineTests.labEntry
        #expect(try engine.decide(entry: ct, annexKind: .imaging, study: StudyFacts()).outcome == .notEnoughInformation)
        #expect(try engine.decide(entry: ct, annexKind: .imaging, study: StudyFacts([.completeSeries: false])).outcome == .notReusable)
        #expect(try engine.decide(entry: lab, annexKind: .laboratory, laboratory: LaboratoryFacts(receivingLevel: 2)).outcome == .notEnoughInformation)
        // A path known to hold makes the unknown other path irrelevant.
        #expect(try engine.decide(entry: lab, annexKind: .laboratory, laboratory: LaboratoryFacts(performingScope: ["HS0001D"], receivingScope: ["HS0001D"])).outcome == .reusable)
        // Only one scope: the other laboratory is not accredited, and the message says so.
        let one = try engine.decide(entry: lab, annexKind: .laboratory, laboratory: LaboratoryFacts(performingLevel: 1, receivingLevel: 3, performingScope: ["HS0001D"]))
        #expect(one.outcome == .notReusable)
        #expect(one.reasons.first { $0.kind == .iso15189Scope }?.detailEn.contains("only the performing laboratory's ISO 15189 scope is given") == true)
        #expect(RecognitionVerdict.notEnoughInformation > .doctorJudgement && RecognitionVerdict.notEnoughInformation < .notReusable)
    }
}
