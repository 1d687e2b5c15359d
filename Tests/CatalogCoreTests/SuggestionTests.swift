import CatalogCore
import Testing

/// "Did you mean" hints that keep what was meant (issue 12): a negated word is not offered
/// the word it negates, a part or beginning of a value gets that value, and a code with a
/// wrong check character gets the code whose check character fits.
@Suite struct SuggestionTests {
    let base = TestCatalog()

    @Test func aNegatedValueGetsItsOpposites() {
        let c = base.replacing("status: active\n    nationalCodes:\n      - maTuongDuong: 23.0051", with: "status: inactive\n    nationalCodes:\n      - maTuongDuong: 23.0051", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:25:13: error: 'inactive' is not an allowed status; allowed: active, deprecated, retired; did you mean 'retired' or 'deprecated'? [LT0204]"])
    }

    @Test func onePartOfAValueGetsTheValue() {
        let c = base.replacing("relationship: equivalent", with: "relationship: narrower", in: "lab.yaml")
        let lines = c.diagnostics().filter { $0.hasSuffix("[LT0204]") }
        #expect(lines == ["cat/lab.yaml:20:23: error: 'narrower' is not an allowed relationship; allowed: equivalent, source-is-narrower-than-target, source-is-broader-than-target, related-to; did you mean 'source-is-narrower-than-target'? [LT0204]"])
    }

    @Test func theBeginningOfAValueGetsTheValue() {
        let c = base.replacing("kind: laboratory", with: "kind: lab", in: "catalog.yaml")
        #expect(c.diagnostics().first { $0.contains("'lab'") }?.hasSuffix("did you mean 'laboratory'? [LT0204]") == true)
    }

    @Test func wrongCheckCharacterSuggestsTheCodeThatFits() {
        let c = base.replacing("code: HS0001D", with: "code: HS0001E", in: "lab.yaml")
        #expect(c.diagnostics().contains("cat/lab.yaml:7:11: error: 'HS0001E' has a wrong check character: 'HS0001' takes 'D'; did you mean 'HS0001D'? [LT0403]"))
    }

    @Test func suggestionRules() {
        let statuses = ["active", "deprecated", "retired"]
        #expect(Suggestion.suggestions(for: "inactive", in: statuses) == ["retired", "deprecated"])
        #expect(Suggestion.suggestions(for: "Inactive", in: statuses) == ["retired", "deprecated"])
        #expect(Suggestion.suggestions(for: "non-equivalent", in: ["equivalent", "related-to"]) == ["related-to"])
        #expect(Suggestion.suggestions(for: "undeprecated", in: statuses) == [])
        #expect(Suggestion.suggestions(for: "activ", in: statuses) == ["active"])
        #expect(Suggestion.suggestions(for: "broader", in: ["source-is-narrower-than-target", "source-is-broader-than-target"]) == ["source-is-broader-than-target"])
        #expect(Suggestion.suggestions(for: "colour", in: ["code", "nameVi"]) == [])
        // Length alone rules a candidate out before any distance is computed.
        #expect(Suggestion.closest(to: "u12345", in: ["unmappedReason", "nationalCodes"]) == nil)
    }
}
