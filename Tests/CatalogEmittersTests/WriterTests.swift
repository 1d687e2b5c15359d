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

/// The direction of each relationship in FHIR R4, named one by one (R4 speaks from the
/// target's side, so a source narrower than its target is "wider").
@Suite struct RelationshipNameTests {
    @Test func fhirR4Equivalence() {
        #expect(FHIREmitter.equivalence(.equivalent) == "equivalent")
        #expect(FHIREmitter.equivalence(.sourceIsNarrowerThanTarget) == "wider")
        #expect(FHIREmitter.equivalence(.sourceIsBroaderThanTarget) == "narrower")
        #expect(FHIREmitter.equivalence(.relatedTo) == "relatedto")
    }
}
