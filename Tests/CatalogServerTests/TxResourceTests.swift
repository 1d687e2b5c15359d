import CatalogServer
import Foundation
import Hummingbird
import Testing

/// Code systems and value sets a request brings in `tx-resource` (and test mode's fixtures,
/// `serve --tx-fixtures`), answered beside the catalog; and the metadata the HL7
/// terminology-ecosystem tests ask for.
@Suite struct TxResourceTests {
    /// A small code system of this test's own: a, with children a1 and a2 (a2 retired), and b.
    static let codeSystem = """
    {"resourceType":"CodeSystem","url":"http://example.org/cs/demo","version":"1.0.0","name":"Demo","status":"active","content":"complete",
     "caseSensitive":true,"property":[{"code":"status","type":"code"},{"code":"colour","type":"code"},{"code":"notSelectable","type":"boolean"}],
     "concept":[{"code":"a","display":"Alpha","definition":"The first","property":[{"code":"notSelectable","valueBoolean":true}],
                 "concept":[{"code":"a1","display":"Alpha one","property":[{"code":"colour","valueCode":"red"}]},
                            {"code":"a2","display":"Alpha two","property":[{"code":"status","valueCode":"retired"},{"code":"colour","valueCode":"blue"}]}]},
                {"code":"b","display":"Beta","property":[{"code":"colour","valueCode":"red"}]}]}
    """

    static func valueSet(_ id: String, _ include: String, inactive: Bool? = nil) -> String {
        """
        {"resourceType":"ValueSet","id":"\(id)","url":"http://example.org/vs/\(id)","version":"2.0.0","status":"active",
         "compose":{\(inactive.map { "\"inactive\":\($0)," } ?? "")"include":[\(include)]}}
        """
    }

    static func parameters(_ items: [String], resources: [String]) -> String {
        "{\"resourceType\":\"Parameters\",\"parameter\":[" + (items + resources.map { "{\"name\":\"tx-resource\",\"resource\":\($0)}" }).joined(separator: ",") + "]}"
    }

    static func codes(_ reply: Serving.Reply) -> [String] {
        (((reply.json?["expansion"] as? [String: Any])?["contains"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    @Test func expandsTxResourceValueSetsWithFiltersImportsAndInactive() async throws {
        let isA = Self.valueSet("is-a", #"{"system":"http://example.org/cs/demo","filter":[{"property":"concept","op":"is-a","value":"a"}]}"#)
        let red = Self.valueSet("red", #"{"system":"http://example.org/cs/demo","filter":[{"property":"colour","op":"=","value":"red"}]}"#)
        let both = Self.valueSet("both", #"{"valueSet":["http://example.org/vs/is-a","http://example.org/vs/red"]}"#)
        let active = Self.valueSet("active", #"{"system":"http://example.org/cs/demo"}"#, inactive: false)
        let all = [Self.codeSystem, isA, red, both, active]
        try await Serving.with(Serving.real) { c in
            let r = try await c.post("/ValueSet/$expand", Self.parameters([#"{"name":"url","valueUri":"http://example.org/vs/is-a"}"#], resources: all))
            #expect(r.status == .ok)
            #expect(Self.codes(r) == ["a", "a1", "a2"])
            let contains = ((r.json?["expansion"] as? [String: Any])?["contains"] as? [[String: Any]]) ?? []
            #expect(contains.first?["abstract"] as? Bool == true)
            #expect(contains.last?["inactive"] as? Bool == true)
            let used = ((r.json?["expansion"] as? [String: Any])?["parameter"] as? [[String: Any]])?.first { $0["name"] as? String == "used-codesystem" }
            #expect(used?["valueUri"] as? String == "http://example.org/cs/demo|1.0.0")
            let intersection = try await c.post("/ValueSet/$expand", Self.parameters([#"{"name":"url","valueUri":"http://example.org/vs/both"}"#], resources: all))
            #expect(Self.codes(intersection) == ["a1"])
            let noRetired = try await c.post("/ValueSet/$expand", Self.parameters([#"{"name":"url","valueUri":"http://example.org/vs/active"}"#, #"{"name":"count","valueInteger":1}"#], resources: all))
            #expect(Self.codes(noRetired) == ["a"])
            #expect((noRetired.json?["expansion"] as? [String: Any])?["total"] as? Int == 3)
            // the catalog still answers its own value sets
            let catalog = try await c.get("/ValueSet/$expand?url=\(Serving.q("https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-all"))&count=1")
            #expect(catalog.status == .ok)
        }
    }

    @Test func looksUpAndValidatesTxResourceCodes() async throws {
        let isA = Self.valueSet("is-a", #"{"system":"http://example.org/cs/demo","filter":[{"property":"concept","op":"is-a","value":"a"}]}"#)
        try await Serving.with(Serving.real) { c in
            let lookup = try await c.post("/CodeSystem/$lookup", Self.parameters([#"{"name":"system","valueUri":"http://example.org/cs/demo"}"#, #"{"name":"code","valueCode":"a2"}"#], resources: [Self.codeSystem]))
            #expect(lookup.status == .ok)
            #expect(lookup.parameter("display") as? String == "Alpha two")
            let properties = lookup.parameters("property").compactMap { $0["part"] as? [[String: Any]] }
            let parent = properties.first { ($0.first?["valueCode"] as? String) == "parent" }
            #expect(parent?.last?["valueCode"] as? String == "a")
            let inactive = properties.first { ($0.first?["valueCode"] as? String) == "inactive" }
            #expect(inactive?.last?["valueBoolean"] as? Bool == true)
            let unknown = try await c.post("/CodeSystem/$lookup", Self.parameters([#"{"name":"system","valueUri":"http://example.org/cs/demo"}"#, #"{"name":"code","valueCode":"zz"}"#], resources: [Self.codeSystem]))
            #expect(unknown.status == .notFound)
            #expect(unknown.issueCode == "not-found")

            let notInSet = try await c.post("/ValueSet/$validate-code", Self.parameters([#"{"name":"url","valueUri":"http://example.org/vs/is-a"}"#, #"{"name":"system","valueUri":"http://example.org/cs/demo"}"#, #"{"name":"code","valueCode":"b"}"#], resources: [Self.codeSystem, isA]))
            #expect(notInSet.parameter("result") as? Bool == false)
            let issues = ((notInSet.parameters("issues").first?["resource"] as? [String: Any])?["issue"] as? [[String: Any]]) ?? []
            let type = ((issues.first?["details"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String
            #expect(type == "not-in-vs")
            let retired = try await c.post("/ValueSet/$validate-code", Self.parameters([#"{"name":"url","valueUri":"http://example.org/vs/is-a"}"#, #"{"name":"coding","valueCoding":{"system":"http://example.org/cs/demo","code":"a2"}}"#], resources: [Self.codeSystem, isA]))
            #expect(retired.parameter("result") as? Bool == true)
            #expect(retired.parameter("inactive") as? Bool == true)
            let wrongDisplay = try await c.post("/CodeSystem/$validate-code", Self.parameters([#"{"name":"url","valueUri":"http://example.org/cs/demo"}"#, #"{"name":"code","valueCode":"b"}"#, #"{"name":"display","valueString":"Gamma"}"#], resources: [Self.codeSystem]))
            #expect(wrongDisplay.parameter("result") as? Bool == false)
            #expect((wrongDisplay.parameter("message") as? String)?.contains("Wrong Display Name 'Gamma'") == true)
        }
    }

    @Test func regexFiltersOnlyInTestModeAndFixturesLoadFromAFolder() async throws {
        let regex = Self.valueSet("regex", #"{"system":"http://example.org/cs/demo","filter":[{"property":"code","op":"regex","value":"a[0-9]"}]}"#)
        try await Serving.with(Serving.real) { c in
            let refused = try await c.post("/ValueSet/$expand", Self.parameters([#"{"name":"url","valueUri":"http://example.org/vs/regex"}"#], resources: [Self.codeSystem, regex]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.issueCode == "not-supported")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tx-fixtures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.codeSystem.write(to: folder.appendingPathComponent("cs.json"), atomically: true, encoding: .utf8)
        try regex.write(to: folder.appendingPathComponent("vs.json"), atomically: true, encoding: .utf8)
        let server = try TerminologyServer(options: .init(folder: Serving.generated, txFixtures: folder.path), logger: Serving.logger)
        try await Serving.with(server) { c in
            let r = try await c.get("/ValueSet/$expand?url=\(Serving.q("http://example.org/vs/regex"))")
            #expect(r.status == .ok)
            #expect(Self.codes(r) == ["a1", "a2"])
        }
        #expect(throws: FixtureStore.Failure.self) { try FixtureStore.load(folder: folder.appendingPathComponent("none").path) }
    }

    @Test func metadataDeclaresTheEcosystemFeaturesAndExpansionParameters() async throws {
        try await Serving.with(Serving.real) { c in
            let cs = try await c.get("/metadata")
            let features = (cs.json?["extension"] as? [[String: Any]]) ?? []
            let definitions = features.compactMap { ($0["extension"] as? [[String: Any]])?.first?["valueCanonical"] as? String }
            #expect(definitions.contains("http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter"))
            #expect(cs.json?["url"] != nil && cs.json?["name"] != nil && cs.json?["title"] != nil)
            let tc = try await c.get("/metadata?mode=terminology")
            let names = (((tc.json?["expansion"] as? [String: Any])?["parameter"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
            for name in ["tx-resource", "excludeNested", "check-system-version", "force-system-version", "property", "includeDefinition"] {
                #expect(names.contains(name), "\(name)")
            }
        }
    }
}
