import Foundation
import Testing

/// `lienthong recognize` over the decision table of Article 2 (`Tests/Fixtures/recognition-cases.json`,
/// shared with the SQL and Swift package checks): every case gets its decision and flags exactly
/// its rules, and the doctor's final say is in every answer.
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

    struct Answer: Decodable {
        struct Reason: Decodable { var rule: String; var status: String; var clause: String; var citation: String }
        var code: String
        var decision: String
        var reasons: [Reason]
        var doctorsFinalSay: Reason
    }

    @Test func theTableIsThere() { #expect(Self.cases.count > 60) }

    @Test(arguments: cases) func decisionTable(_ c: Case) throws {
        let run = try CLI.run(c.arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.decision == c.decision)
        let flagged = answer.reasons.filter { ["not-met", "unknown", "applies"].contains($0.status) }.map(\.rule)
        #expect(flagged.sorted() == c.flagged.sorted())
        #expect(answer.doctorsFinalSay.rule == "doctor-decides" && answer.doctorsFinalSay.status == "always")
        #expect(answer.reasons.allSatisfy { !$0.clause.isEmpty && $0.citation.hasPrefix("Điều 2") })
    }

    @Test func textAnswerNamesTheDecisionReasonsAndTheDoctor() throws {
        let run = try CLI.run(["recognize", "HS0001D", "--performing-level", "2", "--receiving-level", "4"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("decision: not-reusable"))
        #expect(run.stdout.contains("[not-met] lab-level-order"))
        #expect(run.stdout.contains("Điều 2, khoản 1, điểm b"))
        #expect(run.stdout.contains("final say: The treating doctor decides"))
    }

    @Test func refusesAQuestionOfTheWrongKindAndAnUnknownCode() throws {
        let wrongKind = try CLI.run(["recognize", "HS0001D", "--fact", "intact=yes"])
        #expect(wrongKind.status == 1 && wrongKind.stderr.contains("laboratory entry"))
        let unknown = try CLI.run(["recognize", "HS9999X", "--performing-level", "1"])
        #expect(unknown.status == 1 && unknown.stderr.contains("not a code"))
        let badFact = try CLI.run(["recognize", "DQ0009L", "--fact", "intactt=yes"])
        #expect(badFact.status != 0 && badFact.stderr.contains("intact"))
    }
}
