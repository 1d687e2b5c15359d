import CatalogCore
import CatalogRelease
import CatalogSources
import Foundation
import Testing
import TestSupport

/// The decision table of Article 2 (`Tests/Fixtures/recognition-cases.json`, shared with the SQL
/// and Swift package checks), run in-process through the decision engine on the project's
/// catalog: every case gets its decision and flags exactly its rules, and the doctor's final say
/// is in every answer. A few cases, and the question checks, go through the real binary.
@Suite struct RecognizeTests {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Laboratory: Decodable {
            var performingLevel: Int?
            var receivingLevel: Int?
            var performingScope: [String]?
            var receivingScope: [String]?
        }
        var name: String
        var code: String
        var laboratory: Laboratory?
        var study: [String: Bool]?
        var decision: String
        var flagged: [String]
        var testDescription: String { name }

        var arguments: [String] {
            var args = ["recognize", code, "--format", "json"]
            if let lab = laboratory {
                if let n = lab.performingLevel { args += ["--performing-level", String(n)] }
                if let n = lab.receivingLevel { args += ["--receiving-level", String(n)] }
                if let s = lab.performingScope { args += ["--performing-iso15189", s.joined(separator: ",")] }
                if let s = lab.receivingScope { args += ["--receiving-iso15189", s.joined(separator: ",")] }
            }
            for (fact, value) in (study ?? [:]).sorted(by: { $0.key < $1.key }) { args += ["--fact", "\(fact)=\(value ? "yes" : "no")"] }
            return args
        }
    }

    struct Table: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        let url = CLI.root.appendingPathComponent("Tests/Fixtures/recognition-cases.json")
        return (try? JSONDecoder().decode(Table.self, from: Data(contentsOf: url)).cases) ?? []
    }()

    /// The project's catalog, compiled once.
    static let catalog: Catalog? = SourceLoader.compile(directory: CLI.root.appendingPathComponent("annexes").path,
                                                        from: DiskFileSystem(maxFileSize: 1 << 30)).catalog

    struct Answer: Decodable {
        struct Reason: Decodable { var rule: String; var status: String; var statusVi: String; var clause: String; var citation: String; var detailVi: String; var detailEn: String }
        var code: String
        var decision: String
        var summaryVi: String
        var summaryEn: String
        var reasons: [Reason]
        var doctorsFinalSay: Reason
    }

    @Test func theTableIsThere() { #expect(Self.cases.count > 80) }

    @Test func decisionTableInProcess() throws {
        let catalog = try #require(Self.catalog)
        let engine = RecognitionEngine(rules: try #require(catalog.recognition))
        for c in Self.cases {
            let entry = try #require(catalog.entries.first { $0.code == c.code }, "\(c.code)")
            let annex = try #require(catalog.annexes.first { $0.number == entry.annex })
            let d: RecognitionDecision
            if let lab = c.laboratory {
                d = try engine.decide(entry: entry, annexKind: annex.kind, laboratory: LaboratoryFacts(
                    performingLevel: lab.performingLevel, receivingLevel: lab.receivingLevel,
                    performingScope: lab.performingScope.map(Set.init), receivingScope: lab.receivingScope.map(Set.init)))
            } else {
                let facts = Dictionary(uniqueKeysWithValues: (c.study ?? [:]).compactMap { key, value in StudyFact(rawValue: key).map { ($0, value) } })
                d = try engine.decide(entry: entry, annexKind: annex.kind, study: StudyFacts(facts))
            }
            #expect(d.outcome.rawValue == c.decision, "\(c.name)")
            #expect(d.reasons.filter { [.notMet, .unknown, .applies].contains($0.status) }.map(\.rule).sorted() == c.flagged.sorted(), "\(c.name)")
            #expect(d.doctor.rule == "doctor-decides" && d.doctor.status == .always)
            #expect(d.reasons.allSatisfy { $0.clause.citation.hasPrefix("Điều 2") && !$0.detailVi.isEmpty && !$0.detailEn.isEmpty }, "\(c.name)")
        }
    }

    /// One laboratory case and a few imaging ones through the binary give the table's answers.
    @Test(arguments: ["higher does not accept lower", "levels unknown", "ISO 15189 in scope of both, levels against",
                      "CT: every requirement met", "CT: signed-by-reporter unknown", "CT: a requirement missing outweighs a repeat reason"])
    func throughTheCLI(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let run = try CLI.run(c.arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.decision == c.decision)
        #expect(answer.reasons.filter { ["not-met", "unknown", "applies"].contains($0.status) }.map(\.rule).sorted() == c.flagged.sorted())
        #expect(answer.doctorsFinalSay.rule == "doctor-decides" && answer.doctorsFinalSay.status == "always")
    }

    @Test func theOneLineAnswerNamesWhatIsMissingInVietnameseFirst() throws {
        let run = try CLI.run(["recognize", "DQ0009L", "--fact", "licensed-facility=yes", "--fact", "signed-by-performer=yes"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("Chưa đủ thông tin — chưa xác định: có chữ ký của người đọc kết quả; hình ảnh nguyên vẹn, rõ nét"), "\(lines[1])")
        #expect(lines[2].hasPrefix("Not enough information — unknown: signed by the reporting doctor"))
        #expect(run.stdout.contains("[chưa rõ / unknown] img-signed-by-reporter: Có chữ ký của người đọc kết quả. — chưa rõ; cho biết bằng --fact signed-by-reporter=yes|no (Điều 2, khoản 2, điểm a [art2-2a])"))
        #expect(run.stdout.contains("quyết định cuối cùng / final say: Bác sĩ điều trị quyết định"))
        #expect(run.stdout.precomposedStringWithCanonicalMapping == run.stdout, "the answer is NFC")
        #expect(run.stderr.isEmpty, "no catalog warnings: \(run.stderr)")
    }

    @Test func textAnswerForALaboratory() throws {
        let run = try CLI.run(["recognize", "HS0001D", "--performing-level", "2", "--receiving-level", "4"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Không được công nhận, cần thực hiện lại — không đạt: phòng xét nghiệm tiếp nhận cùng mức hoặc thấp hơn phòng xét nghiệm thực hiện."))
        #expect(run.stdout.contains("quyết định / decision: not-reusable"))
        #expect(run.stdout.contains("[không đạt / not-met] lab-level-order"))
        #expect(run.stdout.contains("mức cao hơn không công nhận kết quả của mức thấp hơn"))
        #expect(run.stdout.contains("Điều 2, khoản 1, điểm b"))
    }

    /// Each refused question: exit 1, its rule ID, a way to fix it.
    @Test(arguments: [
        (["HS0001D", "--performing-level", "7"], "LT1203", "1–5"),
        (["HS0001D", "--receiving-level", "9"], "LT1203", "0 (none announced)"),
        (["HS0001D", "--performing-level", "3", "--receiving-level", "3", "--performing-iso15189", "hs0001d,HS0002X", "--receiving-iso15189", "HS0001D"], "LT1204", "HS0002X"),
        (["DQ0009L", "--fact", "complete_series=yes"], "LT1205", "did you mean 'complete-series'"),
        (["DQ0009L", "--fact", "complete-phases=yes"], "LT1205", "the rules do not apply 'complete-phases' to DQ0009L"),
        (["DQ0009L", "--fact", "intact=maybe"], "LT1205", "yes or no"),
        (["DQ0009L", "--expected-phases", "3"], "LT1205", "--expected-phases is for angiography"),
        (["DQ0009L", "--study", "/nonexistent/study"], "LT1206", "not a folder"),
        (["HS0001D", "--fact", "intact=yes"], "LT1207", "study facts"),
        (["DQ0009L", "--performing-level", "3"], "LT1207", "laboratory"),
        (["HS9999X", "--performing-level", "1"], "LT1208", "not a code"),
    ])
    func refusedQuestions(_ arguments: [String], _ rule: String, _ text: String) throws {
        let run = try CLI.run(["recognize"] + arguments)
        #expect(run.status == 1, "\(arguments)")
        #expect(run.stderr.contains("[\(rule)]") && run.stderr.contains(text), "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aScopeCodeInLowerCaseIsTheCatalogCode() throws {
        let run = try CLI.run(["recognize", "HS0001D", "--performing-level", "2", "--receiving-level", "4", "--performing-iso15189", " hs0001d", "--receiving-iso15189", "HS0001D", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.decision == "reusable")
    }

    /// A vendor holding only a release can ask: a version folder, its archive, or an output
    /// folder (its latest published version, never the draft after it); a draft is refused.
    @Test func fromAPublishedReleaseWithoutSources() throws {
        let generated = CLI.root.appendingPathComponent("generated")
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: generated.appendingPathComponent("index.json"))) as? [String: Any]
        let published = try #require(index?["latestPublished"] as? String)
        let releases = index?["releases"] as? [[String: Any]] ?? []
        let question = ["HS0001D", "--performing-level", "3", "--receiving-level", "2", "--format", "json"]
        let elsewhere = try CLI.workspace()   // no annexes/ here
        for release in [generated.appendingPathComponent(published).path,
                        generated.appendingPathComponent("\(published)/dist/LienThongCanLamSang-\(published).tar.gz").path,
                        generated.path] {
            let run = try CLI.run(["recognize"] + question + ["--release", release], in: elsewhere)
            #expect(run.status == 0, "\(release): \(run.stderr)")
            #expect(try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8)).decision == "reusable")
        }
        // Without --release and without sources: the latest published release in --out.
        let fallback = try CLI.run(["recognize"] + question + ["--out", generated.path], in: elsewhere)
        #expect(fallback.status == 0, "\(fallback.stderr)")
        if let draft = releases.last(where: { $0["status"] as? String == "draft" })?["version"] as? String {
            let refused = try CLI.run(["recognize"] + question + ["--release", generated.appendingPathComponent(draft).path], in: elsewhere)
            #expect(refused.status == 1 && refused.stderr.contains("is a draft"), "\(refused.stderr)")
        }
        let missing = try CLI.run(["recognize"] + question + ["--release", "/nonexistent/2026.3.0"], in: elsewhere)
        #expect(missing.status == 1 && missing.stderr.contains("does not exist"))
    }
}
