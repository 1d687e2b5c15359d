import CatalogRelease
import CatalogServer
import Foundation
import Testing

/// What the FHIR package gained from format 2.2.0 (the national ConceptMap, the NamingSystem,
/// the OperationDefinition of `$recognize`) is what the server answers with: `$translate` of a
/// national code names the published ConceptMap as its source, and the resources are read and
/// searched like the others. Over the 2026.4.0 draft of `generated/`.
@Suite struct PackageResourceTests {
    static let draft = try! Serving.server(Serving.generated, drafts: true)
    static let base = "https://moh.gov.vn/fhir"

    @Test func translatingANationalCodeAnswersFromThePublishedConceptMap() async throws {
        try await Serving.with(Self.draft) { c in
            let maps = try await c.get("/ConceptMap?url=\(Serving.q(Self.base + "/ConceptMap/LienThongCanLamSang-from-national"))&version=2026.4.0")
            #expect(maps.json?["total"] as? Int == 1)
            let national = Serving.q(Self.base + "/CodeSystem/ma-tuong-duong")
            let r = try await c.get("/ConceptMap/$translate?system=\(national)&code=23.0075.1494&conceptMapVersion=2026.4.0")
            #expect(r.parameter("result") as? Bool == true)
            #expect(r.text.contains("\"code\":\"HS0001D\""))
            #expect(r.text.contains("\"valueUri\":\"\(Self.base)/ConceptMap/LienThongCanLamSang-from-national\""))
            // The published map holds the same answer for the code.
            let entry = (maps.json?["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any]
            let group = (entry?["group"] as? [[String: Any]])?.first
            #expect(group?["source"] as? String == Self.base + "/CodeSystem/ma-tuong-duong")
            #expect(group?["targetVersion"] as? String == "2026.4.0")
            let element = (group?["element"] as? [[String: Any]])?.first { $0["code"] as? String == "23.0075.1494" }
            #expect(((element?["target"] as? [[String: Any]]) ?? []).map { $0["code"] as? String } == ["HS0001D"])
        }
    }

    @Test func theOperationDefinitionOfRecognizeIsServedAndReferencedFromMetadata() async throws {
        try await Serving.with(Self.draft) { c in
            let search = try await c.get("/OperationDefinition?version=2026.4.0")
            #expect(search.json?["total"] as? Int == 1)
            let definition = (search.json?["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any]
            #expect(definition?["code"] as? String == "recognize")
            let names = ((definition?["parameter"] as? [[String: Any]]) ?? []).filter { $0["use"] as? String == "in" }.compactMap { $0["name"] as? String }
            #expect(names == ["code", "system", "version", "performingLevel", "receivingLevel", "performingScope", "receivingScope", "fact"])
            let metadata = try await c.get("/metadata")
            #expect(metadata.text.contains("\"definition\":\"\(Self.base)/OperationDefinition/LienThongCanLamSang-recognize\""))
            #expect(metadata.text.contains("\"type\":\"OperationDefinition\"") && metadata.text.contains("\"type\":\"NamingSystem\""))
            // Every parameter the OperationDefinition declares is one the server reads: an
            // unknown level is refused by name.
            let bad = try await c.get("/$recognize?code=HS0001D&performingLevel=many&version=2026.4.0")
            #expect(bad.status == .badRequest)
        }
    }

    @Test func theNamingSystemNamesTheURLAndTheOID() async throws {
        try await Serving.with(Self.draft) { c in
            let search = try await c.get("/NamingSystem?name=LienThongCanLamSang")
            #expect((search.json?["total"] as? Int ?? 0) >= 1)
            let resource = (search.json?["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any]
            let ids = ((resource?["uniqueId"] as? [[String: Any]]) ?? []).map { "\($0["type"] ?? "")=\($0["value"] ?? "")" }
            #expect(ids == ["uri=\(Serving.system)", "oid=2.25.294910786058440015690688539971427282072"])
        }
    }
}
