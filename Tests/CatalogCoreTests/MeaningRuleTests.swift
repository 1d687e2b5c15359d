import CatalogCore
import Testing

/// LT0910 in `check`: a code issued in a published version keeps the meaning of its name at
/// issue (the ledger's); LT0911: waivers name a waivable rule and an issued code.
@Suite struct MeaningRuleTests {
    let base = TestCatalog()
    let published = PublishedCatalog(canonicalUrl: "https://example.org/fhir/CodeSystem/test", versions: [SemanticVersion("1.0.0")!])

    @Test func aRenameThatChangesTheMeaningIsRefused() {
        let c = base.replacing("nameVi: Định lượng Glucose [Máu]", with: "nameVi: Định lượng Insulin [Máu]", in: "lab.yaml")
        let diagnostics = c.diagnostics(published: published)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasSuffix("retire HS0001D and add a new entry (or, if the meaning is the same, add a waiver with a justification) [LT0910]") == true)
        #expect(diagnostics.first?.hasPrefix("cat/lab.yaml:") == true)
        // Not yet published, or published by another catalog: nothing to keep.
        #expect(c.diagnostics().isEmpty)
        #expect(c.diagnostics(published: PublishedCatalog(canonicalUrl: "https://example.org/other", versions: [SemanticVersion("1.0.0")!])).isEmpty)
        // Only published versions count, not drafts.
        #expect(c.diagnostics(published: PublishedCatalog(canonicalUrl: published.canonicalUrl, versions: [SemanticVersion("1.0.0")!], releasedVersions: [])).isEmpty)
    }

    @Test func spellingFixesPass() {
        for name in ["Định lượng glucose [máu]", "Dinh luong Glucose [Mau]", "Định lượng Glucoza [Máu]", "Định  lượng Glucose [Máu]".replacingOccurrences(of: "  ", with: " ")] {
            let c = base.replacing("nameVi: Định lượng Glucose [Máu]", with: "nameVi: \(name)", in: "lab.yaml")
            #expect(c.diagnostics(published: published).isEmpty, "\(name)")
        }
    }

    @Test func theMeasure() {
        #expect(NameChange.fold("Định lượng Urê máu [Máu]") == "dinh luong ure mau [mau]")
        #expect(NameChange.isSpellingFix(from: "Định lượng Urê máu", to: "Định lượng Ure máu"))
        #expect(!NameChange.isSpellingFix(from: "Định lượng T3", to: "Định lượng T4"))
        #expect(!NameChange.isSpellingFix(from: "Định lượng Glucose [Máu]", to: "Định lượng Insulin [Máu]"))
        #expect(NameChange.isSpellingFix(from: "Định lượng Creatinin (máu)", to: "Định lượng Creatinine (máu)"))
        #expect(NameChange.allowedEdits(length: 45) == 4)
    }

    @Test func aWaiverTurnsTheErrorIntoAWarning() {
        let waiver = "waivers:\n  - code: HS0001D\n    rule: LT0910\n    version: 1.0.0\n    justification: Lỗi nhập liệu.\n"
        let c = base.replacing("nameVi: Định lượng Glucose [Máu]", with: "nameVi: Định lượng Insulin [Máu]", in: "lab.yaml")
            .replacing("description: A catalog for tests.\n", with: "description: A catalog for tests.\n" + waiver, in: "catalog.yaml")
        let diagnostics = c.diagnostics(published: published)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains(": warning: HS0001D was published as") == true)
        #expect(diagnostics.first?.contains("(waived) [LT0910]") == true)
    }

    @Test func invalidWaivers() {
        let waiver = "waivers:\n  - code: HS0009X\n    rule: LT0101\n    version: 1.0.0\n    justification: Không có lý do.\n"
        let c = base.replacing("description: A catalog for tests.\n", with: "description: A catalog for tests.\n" + waiver, in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:13:11: error: waiver for 'HS0009X': no such code was ever issued (it is not in cat/ledger.tsv) [LT0911]",
            "cat/catalog.yaml:14:11: error: rule 'LT0101' cannot be waived; a waiver names one of LT0904, LT0905, LT0906, LT0907, LT0908, LT0910 [LT0911]",
        ])
    }
}

/// With the latest published version's names at hand, LT0910 compares with them, not with
/// the ledger's (possibly older) names at issue.
@Suite struct PublishedNameTests {
    @Test func theLatestPublishedNamesWin() {
        var published = PublishedCatalog(canonicalUrl: "https://example.org/fhir/CodeSystem/test", versions: [SemanticVersion("1.0.0")!])
        published.publishedNamesVi = ["HS0001D": "Định lượng Insulin [Máu]"]
        let renamed = TestCatalog().replacing("nameVi: Định lượng Glucose [Máu]", with: "nameVi: Định lượng Insulin [Máu]", in: "lab.yaml")
        #expect(renamed.diagnostics(published: published).isEmpty)
        let diagnostics = TestCatalog().diagnostics(published: published)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("HS0001D was published as 'Định lượng Insulin [Máu]' and is now named 'Định lượng Glucose [Máu]'") == true)
    }
}
