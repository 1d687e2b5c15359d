import CatalogServer
import Foundation
import Hummingbird
import Testing

/// The FHIR operations over the real published releases in `generated/`, through HTTP.
@Suite struct OperationTests {
    let sys = Serving.q(Serving.system)

    @Test func metadataIsACapabilityStatementAndTerminologyCapabilitiesListsEveryVersion() async throws {
        try await Serving.with(Serving.real) { c in
            let cap = try await c.get("/metadata")
            #expect(cap.status == .ok)
            #expect(cap.json?["resourceType"] as? String == "CapabilityStatement")
            #expect(cap.json?["fhirVersion"] as? String == "4.0.1")
            #expect(cap.headers[.contentType] == "application/fhir+json; charset=utf-8")
            let tc = try await c.get("/metadata?mode=terminology")
            #expect(tc.json?["resourceType"] as? String == "TerminologyCapabilities")
            let versions = ((tc.json?["codeSystem"] as? [[String: Any]])?.first?["version"] as? [[String: Any]]) ?? []
            #expect(versions.map { $0["code"] as? String } == ["2026.1.0", "2026.2.0", "2026.3.0"])
            #expect(versions.last?["isDefault"] as? Bool == true)
        }
    }

    @Test func lookupGivesDisplayDesignationsAndProperties() async throws {
        try await Serving.with(Serving.real) { c in
            let r = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=HS0001D")
            #expect(r.status == .ok)
            #expect(r.parameter("display") as? String == "Định lượng Glucose [Máu]")
            #expect(r.parameter("version") as? String == "2026.3.0")
            #expect(r.parameters("designation").count == 2)
            let props = r.parameters("property").compactMap { p -> (String, Any)? in
                guard let parts = p["part"] as? [[String: Any]], let code = parts.first?["valueCode"] as? String else { return nil }
                return (code, parts[1].first { $0.key.hasPrefix("value") }!.value)
            }
            #expect(props.contains { $0.0 == "status" && $0.1 as? String == "active" })
            #expect(props.contains { $0.0 == "specimen" && $0.1 as? String == "serum-or-plasma" })
            #expect(props.contains { $0.0 == "nationalCode" && $0.1 as? String == "23.0075.1494" })
            #expect(props.contains { $0.0 == "history" && ($0.1 as? String)?.hasPrefix("2026.1.0: added") == true })
            let en = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=HS0001D&displayLanguage=en")
            #expect(en.parameter("display") as? String == "Glucose, quantitative [blood]")
            let accept = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=HS0001D", headers: [.acceptLanguage: "en-US, vi;q=0.5"])
            #expect(accept.parameter("display") as? String == "Glucose, quantitative [blood]")
        }
    }

    @Test func lookupOfARetiredCodeNamesItsReplacementAndAnOlderVersionAnswersFromThatRelease() async throws {
        try await Serving.with(Serving.real) { c in
            let r = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=DQ00663")
            let text = r.text
            #expect(text.contains("\"valueCode\":\"replacedBy\"") && text.contains("\"valueCode\":\"DQ00655\""))
            let old = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=HS0001D&version=2026.1.0")
            #expect(old.parameter("version") as? String == "2026.1.0")
        }
    }

    @Test func lookupErrorsAreOperationOutcomes() async throws {
        try await Serving.with(Serving.real) { c in
            let unknown = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=XX0000")
            #expect(unknown.status == .notFound)
            #expect(unknown.json?["resourceType"] as? String == "OperationOutcome")
            #expect(unknown.issueCode == "not-found")
            let version = try await c.get("/CodeSystem/$lookup?system=\(sys)&code=HS0001D&version=1999.1.0")
            #expect(version.status == .notFound)
            let system = try await c.get("/CodeSystem/$lookup?system=http://loinc.org&code=HS0001D")
            #expect(system.status == .notFound)
            let missing = try await c.get("/CodeSystem/$lookup?system=\(sys)")
            #expect(missing.status == .badRequest)
            #expect(missing.issueCode == "required")
        }
    }

    @Test func validateCodeChecksDisplayAndReportsInactiveCodes() async throws {
        try await Serving.with(Serving.real) { c in
            let ok = try await c.get("/CodeSystem/$validate-code?url=\(sys)&code=HS0001D&display=\(Serving.q("Định lượng Glucose [Máu]"))")
            #expect(ok.parameter("result") as? Bool == true)
            let wrong = try await c.get("/CodeSystem/$validate-code?url=\(sys)&code=HS0001D&display=Glucose")
            #expect(wrong.parameter("result") as? Bool == false)
            #expect((wrong.parameter("message") as? String)?.hasPrefix("Wrong Display Name 'Glucose' for \(Serving.system)#HS0001D") == true)
            let retired = try await c.get("/CodeSystem/$validate-code?url=\(sys)&code=DQ00663")
            #expect(retired.parameter("result") as? Bool == true)
            #expect(retired.parameter("inactive") as? Bool == true)
            let unknown = try await c.get("/CodeSystem/$validate-code?url=\(sys)&code=NOPE")
            #expect(unknown.parameter("result") as? Bool == false)
            let unknownVersion = try await c.get("/CodeSystem/$validate-code?url=\(sys)&code=HS0001D&version=9.9.9")
            #expect(unknownVersion.parameter("result") as? Bool == false)
        }
    }

    @Test func expandFindsNamesWithoutDiacriticsAndPages() async throws {
        let vs = Serving.q("https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-active")
        try await Serving.with(Serving.real) { c in
            let r = try await c.get("/ValueSet/$expand?url=\(vs)&filter=\(Serving.q("chup clvt so nao"))")
            #expect(r.status == .ok)
            let expansion = r.json?["expansion"] as? [String: Any]
            let codes = ((expansion?["contains"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
            #expect(codes.contains("DQ0007P"))
            let total = expansion?["total"] as? Int ?? 0
            let accented = try await c.get("/ValueSet/$expand?url=\(vs)&filter=\(Serving.q("Chụp CLVT sọ não"))")
            #expect((accented.json?["expansion"] as? [String: Any])?["total"] as? Int == total)
            let page = try await c.get("/ValueSet/$expand?url=\(vs)&filter=\(Serving.q("chup clvt so nao"))&count=2&offset=1&displayLanguage=en&includeDesignations=true")
            let pe = page.json?["expansion"] as? [String: Any]
            let contains = (pe?["contains"] as? [[String: Any]]) ?? []
            #expect(pe?["total"] as? Int == total)
            #expect(contains.count == 2)
            #expect(contains.first?["code"] as? String == codes[1])
            #expect((contains.first?["designation"] as? [Any])?.count == 2)
            #expect((contains.first?["display"] as? String)?.hasPrefix("CT") == true || (contains.first?["display"] as? String)?.contains("CT") == true)
            let byCode = try await c.get("/ValueSet/$expand?url=\(vs)&filter=HS0001D")
            #expect((byCode.json?["expansion"] as? [String: Any])?["total"] as? Int == 1)
        }
    }

    @Test func expandActiveOnlyLeavesRetiredCodesOut() async throws {
        let all = Serving.q("https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-all")
        try await Serving.with(Serving.real) { c in
            let every = try await c.get("/ValueSet/$expand?url=\(all)&count=0")
            let active = try await c.get("/ValueSet/$expand?url=\(all)&count=0&activeOnly=true")
            let a = (every.json?["expansion"] as? [String: Any])?["total"] as? Int ?? 0
            let b = (active.json?["expansion"] as? [String: Any])?["total"] as? Int ?? 0
            #expect(a > b && b > 0)
            let missing = try await c.get("/ValueSet/$expand")
            #expect(missing.status == .badRequest)
            let unknown = try await c.get("/ValueSet/$expand?url=http://example.org/vs")
            #expect(unknown.status == .notFound)
            let badCount = try await c.get("/ValueSet/$expand?url=\(all)&count=-1")
            #expect(badCount.status == .badRequest)
        }
    }

    @Test func valueSetValidateCode() async throws {
        let annex1 = Serving.q("https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-annex-1")
        try await Serving.with(Serving.real) { c in
            let yes = try await c.get("/ValueSet/$validate-code?url=\(annex1)&system=\(sys)&code=HS0001D")
            #expect(yes.parameter("result") as? Bool == true)
            let no = try await c.get("/ValueSet/$validate-code?url=\(annex1)&system=\(sys)&code=DQ00010")
            #expect(no.parameter("result") as? Bool == false)
        }
    }

    @Test func translateForwardReverseNationalAndReplacement() async throws {
        try await Serving.with(Serving.real) { c in
            let forward = try await c.get("/ConceptMap/$translate?system=\(sys)&code=HS0001D&targetsystem=http://loinc.org")
            #expect(forward.parameter("result") as? Bool == true)
            #expect(forward.text.contains("\"code\":\"14749-6\"") && forward.text.contains("\"valueCode\":\"narrower\""))
            let reverse = try await c.get("/ConceptMap/$translate?system=http://loinc.org&code=14749-6&reverse=true")
            #expect(reverse.text.contains("\"code\":\"HS0001D\""))
            let national = Serving.q("https://moh.gov.vn/fhir/CodeSystem/ma-tuong-duong")
            let fromNational = try await c.get("/ConceptMap/$translate?system=\(national)&code=23.0075.1494")
            #expect(fromNational.text.contains("\"code\":\"HS0001D\""))
            let replaced = try await c.get("/ConceptMap/$translate?system=\(sys)&code=DQ00663&targetsystem=\(sys)")
            #expect(replaced.text.contains("\"code\":\"DQ00655\""))
            let none = try await c.get("/ConceptMap/$translate?system=http://example.org&code=1")
            #expect(none.parameter("result") as? Bool == false)
        }
    }

    @Test func recognizeGivesTheSameDecisionAsTheEngine() async throws {
        try await Serving.with(Serving.real) { c in
            let lab = try await c.get("/$recognize?code=HS0001D&performingLevel=3&receivingLevel=2")
            #expect(lab.status == .ok)
            #expect(lab.parameter("decision") as? String == "reusable")
            #expect(lab.parameters("doctorsFinalSay").count == 1)
            let lower = try await c.get("/$recognize?code=HS0001D&performingLevel=1&receivingLevel=3")
            #expect(lower.parameter("decision") as? String != "reusable")
            let unknown = try await c.get("/$recognize?code=HS0001D")
            // No level given: an essential condition is unknown, which is not permission.
            #expect(unknown.parameter("decision") as? String == "not-enough-information")
            let imaging = try await c.get("/$recognize?code=DQ0014R&fact=licensed-facility=yes&fact=too-old=yes")
            #expect(imaging.status == .ok)
            let wrongKind = try await c.get("/$recognize?code=DQ0014R&performingLevel=3")
            #expect(wrongKind.status == .badRequest)
            let noRules = try await c.get("/$recognize?code=HS0001D&version=2026.1.0")
            #expect(noRules.status == .unprocessableContent)
        }
    }

    @Test func postWithAParametersBody() async throws {
        try await Serving.with(Serving.real) { c in
            let body = """
            {"resourceType":"Parameters","parameter":[{"name":"coding","valueCoding":{"system":"\(Serving.system)","code":"HS0001D"}},{"name":"displayLanguage","valueCode":"en"}]}
            """
            let r = try await c.post("/CodeSystem/$lookup", body)
            #expect(r.status == .ok)
            #expect(r.parameter("display") as? String == "Glucose, quantitative [blood]")
        }
    }

    @Test func readAndSearch() async throws {
        try await Serving.with(Serving.real) { c in
            let read = try await c.get("/CodeSystem/LienThongCanLamSang")
            #expect(read.json?["version"] as? String == "2026.3.0")
            let search = try await c.get("/CodeSystem?url=\(sys)")
            #expect(search.json?["total"] as? Int == 3)
            let one = try await c.get("/ValueSet?url=\(Serving.q("https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-annex-1"))&version=2026.2.0")
            #expect(one.json?["total"] as? Int == 1)
            let maps = try await c.get("/ConceptMap?name=loinc")
            #expect((maps.json?["total"] as? Int ?? 0) >= 1)
            let none = try await c.get("/CodeSystem/Nope")
            #expect(none.status == .notFound)
            let versions = try await c.get("/$versions")
            #expect(versions.parameter("default") as? String == "4.0")
        }
    }
}
