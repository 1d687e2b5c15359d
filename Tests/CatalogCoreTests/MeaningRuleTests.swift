import CatalogCore
import Testing

/// The measure behind LT0910 (applied by the release gate, see CatalogPipelineTests), LT0911:
/// waivers name a waivable rule and an issued code; LT0912: clarifications are well formed and
/// name issued codes.
@Suite struct MeaningRuleTests {
    let base = TestCatalog()

    @Test func theMeasure() {
        #expect(NameChange.fold("Định lượng Urê máu [Máu]") == "dinh luong ure mau [mau]")
        #expect(NameChange.isSpellingFix(from: "Định lượng Urê máu", to: "Định lượng Ure máu"))
        #expect(!NameChange.isSpellingFix(from: "Định lượng T3", to: "Định lượng T4"))
        #expect(!NameChange.isSpellingFix(from: "Định lượng Glucose [Máu]", to: "Định lượng Insulin [Máu]"))
        #expect(NameChange.isSpellingFix(from: "Định lượng Creatinin (máu)", to: "Định lượng Creatinine (máu)"))
        #expect(NameChange.allowedEdits(length: 45) == 4)
    }

    @Test func invalidWaivers() {
        let waiver = "waivers:\n  - code: HS0009X\n    rule: LT0101\n    version: 1.0.0\n    justification: Không có lý do.\n"
        let c = base.replacing("description: A catalog for tests.\n", with: "description: A catalog for tests.\n" + waiver, in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:13:11: error: waiver for 'HS0009X': no such code was ever issued (it is not in cat/ledger.tsv) [LT0911]",
            "cat/catalog.yaml:14:11: error: rule 'LT0101' cannot be waived; a waiver names one of LT0904, LT0905, LT0906, LT0907, LT0908, LT0910 [LT0911]",
        ])
    }

    @Test func invalidClarifications() {
        let clarification = "clarifications:\n  - version: 1.0.0\n    codes: [HS0001D, HS0009X, HS0001D]\n    reason: Sửa chính tả.\n"
        let c = base.replacing("description: A catalog for tests.\n", with: "description: A catalog for tests.\n" + clarification, in: "catalog.yaml")
        let diagnostics = c.diagnostics()
        #expect(diagnostics.count == 2, "\(diagnostics)")
        #expect(diagnostics.contains { $0.contains("HS0001D is declared clarified twice for 1.0.0; keep one [LT0912]") })
        #expect(diagnostics.contains { $0.contains("clarification of 'HS0009X': no such code was ever issued") && $0.hasSuffix("[LT0912]") })
        let bad = base.replacing("description: A catalog for tests.\n", with: "description: A catalog for tests.\nclarifications:\n  - version: one\n    codes: [HS0001D]\n    reason: x\n", in: "catalog.yaml")
        #expect(bad.diagnostics().map { $0.hasSuffix("[LT0206]") } == [true])
    }
}
