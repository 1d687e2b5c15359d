import CatalogServer
import Foundation
import Hummingbird
import Testing

/// Errors, caching and bounds: every bad request is an OperationOutcome with its status.
@Suite struct HTTPBehaviourTests {
    @Test func badRequestsGetOperationOutcomes() async throws {
        try await Serving.with(Serving.real) { c in
            let malformed = try await c.post("/CodeSystem/$lookup", "{not json")
            #expect(malformed.status == .badRequest)
            #expect(malformed.json?["resourceType"] as? String == "OperationOutcome")
            let notParameters = try await c.post("/CodeSystem/$lookup", "{\"resourceType\":\"Patient\"}")
            #expect(notParameters.status == .badRequest)
            let xml = try await c.post("/CodeSystem/$lookup", "<Parameters/>", contentType: "application/fhir+xml")
            #expect(xml.status == .unsupportedMediaType)
            let unknownOp = try await c.get("/CodeSystem/$subsumes")
            #expect(unknownOp.status == .badRequest)
            #expect(unknownOp.issueCode == "not-supported")
            let unknownType = try await c.get("/Patient/1")
            #expect(unknownType.status == .notFound)
            let root = try await c.get("/")
            #expect(root.status == .notFound)
            let put = try await c.send("/CodeSystem/LienThongCanLamSang", method: .put, body: "{}")
            #expect(put.status == .methodNotAllowed)
            let delete = try await c.send("/CodeSystem/$lookup", method: .delete, body: nil)
            #expect(delete.status == .methodNotAllowed)
            let postMetadata = try await c.post("/metadata", "{}")
            #expect(postMetadata.status == .methodNotAllowed)
            let badBool = try await c.get("/ValueSet/$expand?url=\(Serving.q("https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-all"))&activeOnly=maybe")
            #expect(badBool.status == .badRequest)
            let badEscape = try await c.get("/CodeSystem/$lookup?code=%ZZ")
            #expect(badEscape.status == .badRequest)
            let xmlFormat = try await c.get("/metadata?_format=xml")
            #expect(xmlFormat.status == .unsupportedMediaType)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        let server = try Serving.server(Serving.generated, limits: ServerLimits(maximumBodyBytes: 1024))
        try await Serving.with(server) { c in
            let big = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":\"" + String(repeating: "A", count: 4096) + "\"}]}"
            let r = try await c.post("/CodeSystem/$lookup", big)
            #expect(r.status == .contentTooLarge)
            #expect(r.issueCode == "too-costly")
        }
    }

    @Test func readsCarryAStrongETagAndIfNoneMatchGives304() async throws {
        try await Serving.with(Serving.real) { c in
            let first = try await c.get("/CodeSystem/$lookup?system=\(Serving.q(Serving.system))&code=HS0001D")
            let etag = try #require(first.headers[.eTag])
            #expect(!etag.hasPrefix("W/"))
            #expect(first.headers[.cacheControl]?.contains("max-age") == true)
            let again = try await c.get("/CodeSystem/$lookup?system=\(Serving.q(Serving.system))&code=HS0001D")
            #expect(again.headers[.eTag] == etag)
            let cached = try await c.get("/CodeSystem/$lookup?system=\(Serving.q(Serving.system))&code=HS0001D", headers: [.ifNoneMatch: etag])
            #expect(cached.status == .notModified)
            let error = try await c.get("/CodeSystem/$lookup?system=\(Serving.q(Serving.system))&code=NOPE")
            #expect(error.headers[.eTag] == nil)
        }
    }
}
