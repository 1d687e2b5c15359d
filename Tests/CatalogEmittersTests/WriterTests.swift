import CatalogCore
import CatalogEmitters
import Foundation
import Testing

@Suite struct JSONWriterTests {
    @Test func prettyPrintsInGivenOrderWithEscapes() {
        var w = JSONWriter()
        w.object { w in
            w.field("b", "x\"y\\z\n\u{01}")
            w.field("a", 3)
            w.key("empty")
            w.array { _ in }
            w.key("list")
            w.array { w in w.string("Định"); w.bool(true) }
            w.field("skipped", nil as String?)
        }
        let text = String(decoding: w.finish(), as: UTF8.self)
        #expect(text == "{\n  \"b\": \"x\\\"y\\\\z\\n\\u0001\",\n  \"a\": 3,\n  \"empty\": [],\n  \"list\": [\n    \"Định\",\n    true\n  ]\n}\n")
    }

    @Test func outputIsValidJSON() throws {
        var w = JSONWriter()
        w.object { w in w.field("t", "tab\there \u{1F} \u{2028}"); w.key("o"); w.object { _ in } }
        let object = try JSONSerialization.jsonObject(with: Data(w.finish())) as? [String: Any]
        #expect(object?["t"] as? String == "tab\there \u{1F} \u{2028}")
    }
}

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatRFC4180Requires() {
        var w = CSVWriter(header: ["a", "b"])
        w.row(["plain", "Định lượng"])
        w.row(["has,comma", "has \"quote\""])
        w.row([" lead", "line\nbreak"])
        w.row(["", "trail "])
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == "a,b\r\nplain,Định lượng\r\n\"has,comma\",\"has \"\"quote\"\"\"\r\n\" lead\",\"line\nbreak\"\r\n,\"trail \"\r\n")
    }
}

@Suite struct TSVWriterTests {
    @Test func writesFieldsAsTheyAreAndQuotesOnlyALeadingQuote() {
        var w = TSVWriter()
        w.row(["subject_id", "comment"])
        w.row(["A:1", "has \"quote\", comma"])
        w.row(["A:2", "\"leading\" quote"])
        w.row(["A:3", ""])
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == "subject_id\tcomment\nA:1\thas \"quote\", comma\nA:2\t\"\"\"leading\"\" quote\"\nA:3\t\n")
    }
}

/// The direction of each relationship in FHIR R4, named one by one (R4 speaks from the
/// target's side, so a source narrower than its target is "wider").
@Suite struct RelationshipNameTests {
    @Test func fhirR4Equivalence() {
        #expect(FHIREmitter.equivalence(.equivalent) == "equivalent")
        #expect(FHIREmitter.equivalence(.sourceIsNarrowerThanTarget) == "wider")
        #expect(FHIREmitter.equivalence(.sourceIsBroaderThanTarget) == "narrower")
        #expect(FHIREmitter.equivalence(.relatedTo) == "relatedto")
    }

    /// SSSOM speaks from the subject's side: a source narrower than its target has the target
    /// as a broader concept, so the predicate is skos:broadMatch.
    @Test func sssomPredicates() {
        #expect(SSSOMEmitter.predicate(.equivalent) == "skos:exactMatch")
        #expect(SSSOMEmitter.predicate(.sourceIsNarrowerThanTarget) == "skos:broadMatch")
        #expect(SSSOMEmitter.predicate(.sourceIsBroaderThanTarget) == "skos:narrowMatch")
        #expect(SSSOMEmitter.predicate(.relatedTo) == "skos:relatedMatch")
    }
}
