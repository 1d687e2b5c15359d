import CatalogCore
import CatalogSources
import Testing

/// One test per recognition rule (LT11xx): a valid rules source, then one fault at a time,
/// read through the same readers as the other sources.
@Suite struct RecognitionRuleTests {
    static let annexes = [RecognitionCheck.AnnexInfo(number: 1, kind: .laboratory), RecognitionCheck.AnnexInfo(number: 6, kind: .imaging)]

    /// A small valid rules source; `rules` is appended to its rule list.
    static func source(levels: String = "[1, 2, 3]", rules extra: String = "") -> String {
        let levelItems = levels.dropFirst().dropLast().split(separator: ",").map { "  - {level: \"\($0.trimmingPrefix(" "))\", nameVi: Mức \($0.trimmingPrefix(" ")), nameEn: Level \($0.trimmingPrefix(" "))}" }
        return """
        clauses:
          - {id: a, citation: Điều 2, textVi: Điều khoản, textEn: Clause}
        qualityLevels:
        \(levelItems.joined(separator: "\n"))
        rules:
          - {id: min, kind: minimum-level, level: "1", outcome: not-reusable, clause: a, textVi: Mức 1, textEn: Level 1}
          - {id: order, kind: level-order, outcome: not-reusable, clause: a, textVi: Thứ bậc, textEn: Order}
          - {id: series, kind: study-requirement, fact: complete-series, modalities: [CT, MR], outcome: not-reusable, clause: a, textVi: Đủ chuỗi xung, textEn: Series}
          - {id: doctor, kind: doctor-decides, outcome: doctor-judgement, clause: a, textVi: Bác sĩ, textEn: Doctor}
        \(extra)
        """
    }

    static func check(_ yaml: String, file: String = "recognition.yaml") -> RecognitionCheck.Result {
        let parsed = SourceParser.parseRecognition(Array(yaml.utf8), file: file)
        guard let value = parsed.value else { return RecognitionCheck.Result(rules: nil, diagnostics: parsed.diagnostics) }
        var result = RecognitionCheck.check(value, annexes: annexes)
        result.diagnostics = (parsed.diagnostics + result.diagnostics).sorted()
        return result
    }

    static func rules(_ result: RecognitionCheck.Result) -> [RuleID] { result.diagnostics.map(\.rule) }

    @Test func validSourceBuildsRules() throws {
        let result = Self.check(Self.source())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let rules = try #require(result.rules)
        #expect(rules.qualityLevels.map(\.level) == [1, 2, 3])
        #expect(rules.rules.map(\.id) == ["min", "order", "series", "doctor"])
        #expect(rules.rules[2].modalities == [.ct, .mr])
    }

    @Test func theProjectRulesSourceIsValid() throws {
        let result = try RecognitionFixture.projectRules()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.rules?.qualityLevels.count == 5)
    }

    @Test func unknownClause() {
        let result = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reason, fact: too-old, outcome: doctor-judgement, clause: b, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(result) == [.recognitionUnknownClause])
        #expect(result.diagnostics.first?.location.line == 12)
        #expect(result.rules == nil)
    }

    @Test func unknownAnnex() {
        let result = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reason, fact: too-old, annexes: [\"7\"], outcome: doctor-judgement, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(result) == [.recognitionUnknownAnnex])
    }

    @Test func unknownModality() {
        let result = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reason, fact: too-old, modalities: [CTT], outcome: doctor-judgement, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(result) == [.recognitionUnknownModality])
        #expect(result.diagnostics.first?.message.contains("did you mean 'CT'") == true)
    }

    @Test func contradiction() {
        let result = Self.check(Self.source(rules: "  - {id: x, kind: study-requirement, fact: complete-series, modalities: [MR], outcome: doctor-judgement, clause: a, textVi: Chuỗi, textEn: Series}"))
        #expect(Self.rules(result) == [.recognitionContradiction])
    }

    @Test func noContradictionWhenModalitiesDoNotOverlap() {
        let result = Self.check(Self.source(rules: "  - {id: x, kind: study-requirement, fact: complete-series, modalities: [US], outcome: doctor-judgement, clause: a, textVi: Chuỗi, textEn: Series}"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func duplicateRuleIdAndRepeatedRule() {
        let dupID = Self.check(Self.source(rules: "  - {id: min, kind: repeat-reason, fact: too-old, outcome: doctor-judgement, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(dupID) == [.recognitionDuplicateID])
        let repeated = Self.check(Self.source(rules: "  - {id: x, kind: study-requirement, fact: complete-series, modalities: [CT], outcome: not-reusable, clause: a, textVi: Chuỗi, textEn: Series}"))
        #expect(Self.rules(repeated) == [.recognitionDuplicateID])
    }

    @Test func qualityLevelsWithAGapOrAnUndefinedLevel() {
        #expect(Self.rules(Self.check(Self.source(levels: "[1, 3]"))) == [.recognitionQualityLevels])
        let undefined = Self.source().replacingOccurrences(of: "kind: minimum-level, level: \"1\"", with: "kind: minimum-level, level: \"4\"")
        #expect(Self.rules(Self.check(undefined)) == [.recognitionQualityLevels])
    }

    @Test func kindMismatch() {
        let labOnImaging = Self.check(Self.source(rules: "  - {id: x, kind: iso15189-scope, annexes: [\"6\"], outcome: not-reusable, clause: a, textVi: ISO, textEn: ISO}"))
        #expect(Self.rules(labOnImaging) == [.recognitionKindMismatch])
        let modalitiesOnLab = Self.check(Self.source(rules: "  - {id: x, kind: iso15189-scope, modalities: [CT], outcome: not-reusable, clause: a, textVi: ISO, textEn: ISO}"))
        #expect(Self.rules(modalitiesOnLab) == [.recognitionKindMismatch])
    }

    @Test func incompleteRule() {
        let noFact = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reason, outcome: doctor-judgement, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(noFact) == [.recognitionRuleIncomplete])
        let wrongFact = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reason, fact: intact, outcome: doctor-judgement, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(wrongFact) == [.recognitionRuleIncomplete])
        let reusable = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reason, fact: too-old, outcome: reusable, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Self.rules(reusable) == [.recognitionRuleIncomplete])
    }

    @Test func missingRule() {
        let noDoctor = Self.source().replacingOccurrences(of: "  - {id: doctor, kind: doctor-decides, outcome: doctor-judgement, clause: a, textVi: Bác sĩ, textEn: Doctor}\n", with: "")
        let result = Self.check(noDoctor)
        #expect(Self.rules(result) == [.recognitionRuleMissing])
    }

    @Test func unknownKeyAndValueUseTheSharedRules() {
        let result = Self.check(Self.source(rules: "  - {id: x, kind: repeat-reasons, fakt: too-old, outcome: doctor-judgement, clause: a, textVi: Cũ, textEn: Old}"))
        #expect(Set(Self.rules(result)).isSuperset(of: [.unknownKey, .valueNotAllowed]))
    }

    @Test func xmlReadsTheSameRules() throws {
        let xml = """
        <recognition>
          <clauses><clause id="a" citation="Điều 2" textVi="Điều khoản" textEn="Clause"/></clauses>
          <qualityLevels><qualityLevel level="1" nameVi="Mức 1" nameEn="Level 1"/><qualityLevel level="2" nameVi="Mức 2" nameEn="Level 2"/><qualityLevel level="3" nameVi="Mức 3" nameEn="Level 3"/></qualityLevels>
          <rules>
            <rule id="min" kind="minimum-level" level="1" outcome="not-reusable" clause="a" textVi="Mức 1" textEn="Level 1"/>
            <rule id="order" kind="level-order" outcome="not-reusable" clause="a" textVi="Thứ bậc" textEn="Order"/>
            <rule id="series" kind="study-requirement" fact="complete-series" outcome="not-reusable" clause="a" textVi="Đủ chuỗi xung" textEn="Series">
              <modalities><modality>CT</modality><modality>MR</modality></modalities>
            </rule>
            <rule id="doctor" kind="doctor-decides" outcome="doctor-judgement" clause="a" textVi="Bác sĩ" textEn="Doctor"/>
          </rules>
        </recognition>
        """
        let fromXML = Self.check(xml, file: "recognition.xml")
        #expect(fromXML.diagnostics.isEmpty, "\(fromXML.diagnostics)")
        #expect(try #require(fromXML.rules) == Self.check(Self.source()).rules)
    }
}
