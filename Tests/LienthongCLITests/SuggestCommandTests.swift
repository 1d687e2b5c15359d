import Foundation
import Testing
import TestSupport

/// `lienthong suggest` through the real binary: a mapped entry finds its own target, the
/// unmapped worklist is one JSON document, and the assistant writes nothing.
@Suite struct SuggestCommandTests {
    struct Answer: Decodable {
        struct Reference: Decodable { var folder: String; var subset: Bool; var tables: [String] }
        struct Summary: Decodable { var entries: Int; var withStrongCandidate: Int }
        struct Candidate: Decodable {
            struct Source: Decodable { var file: String; var line: Int }
            struct Axis: Decodable { var axis: String; var status: String }
            var system: String
            var rank: Int
            var code: String
            var display: String
            var score: Double
            var relationship: String
            var reason: String
            var source: Source
            var axes: [Axis]
        }
        struct Entry: Decodable { var code: String; var mapped: [String]; var candidates: [Candidate] }
        var reference: Reference
        var summary: Summary
        var entries: [Entry]
    }

    @Test func aMappedEntryFindsItsTargetInTheFirstFive() throws {
        let run = try CLI.run(["suggest", "DQ00010", "HS0001D", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("suggest: reference tables from"))
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.entries.map(\.code) == ["DQ00010", "HS0001D"])
        for entry in answer.entries {
            let found = entry.candidates.filter { $0.rank <= 5 }.map(\.code)
            #expect(!Set(entry.mapped).isDisjoint(with: found), "\(entry.code): \(entry.mapped) not in \(found)")
        }
        let first = try #require(answer.entries.first?.candidates.first)
        #expect(["equivalent", "source-is-narrower-than-target", "source-is-broader-than-target", "related-to"].contains(first.relationship))
        #expect(Set(first.axes.map(\.axis)) == ["modality", "region", "contrast", "laterality", "views"])
        #expect(first.source.line > 1 && first.source.file.hasSuffix(".csv"))
    }

    @Test func theUnmappedWorklistIsOneJSONDocument() throws {
        let run = try CLI.run(["suggest", "--unmapped", "--format", "json", "--top", "3"])
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.summary.entries == answer.entries.count && answer.entries.count > 50)
        #expect(answer.entries.allSatisfy { $0.mapped.isEmpty })
        #expect(answer.entries.allSatisfy { entry in entry.candidates.allSatisfy { $0.rank <= 3 } })
        #expect(answer.summary.withStrongCandidate <= answer.summary.entries)
    }

    @Test func itWritesNothingAndFallsBackToTheProjectSubset() throws {
        let dir = try CLI.workspace(copying: "annexes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let vocabulary = CLI.root.appendingPathComponent("tools/suggest/vocabulary.tsv").path
        let before = try CLI.snapshot(dir)
        let args = ["--annexes", dir.appendingPathComponent("annexes").path, "--out", dir.appendingPathComponent("generated").path, "--vocabulary", vocabulary]
        let run = try CLI.run(["suggest", "--unmapped", "--format", "json"] + args)
        #expect(run.status == 0, "\(run.stderr)")
        let answer = try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
        #expect(answer.reference.subset, "no ../shared/reference beside a temporary folder: the subset is used, and said")
        #expect(run.stderr.contains("the project's subset"))
        let text = try CLI.run(["suggest", "DQ00010"] + args)
        #expect(text.status == 0 && text.stdout.contains("25010-0"))
        #expect(try CLI.snapshot(dir) == before)
    }

    @Test func badQuestionsAreClearErrors() throws {
        let unknown = try CLI.run(["suggest", "XX9999Z"])
        #expect(unknown.status == 1 && unknown.stderr.contains("'XX9999Z' is not a code"))
        let nothing = try CLI.run(["suggest"])
        #expect(nothing.status != 0 && nothing.stderr.contains("--unmapped"))
        let top = try CLI.run(["suggest", "DQ00010", "--top", "0"])
        #expect(top.status != 0 && top.stderr.contains("--top"))
        let missing = try CLI.run(["suggest", "DQ00010", "--reference", "/nonexistent-reference"])
        #expect(missing.status == 1 && missing.stderr.contains("no reference table found"))
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("vocabulary.tsv")
        try CLI.write("term\texpansion\tkind\tsource\nclvt\tct\tabbreviation\n", to: bad)
        let vocabulary = try CLI.run(["suggest", "DQ00010", "--vocabulary", bad.path])
        #expect(vocabulary.status == 1 && vocabulary.stderr.contains("vocabulary.tsv:2: 3 fields"))
    }

    @Test func leaveOneOutPrintsOneDocument() throws {
        let run = try CLI.run(["suggest", "--evaluate", "--format", "json", "--reference", "annexes/reference"])
        #expect(run.status == 0, "\(run.stderr)")
        struct Evaluation: Decodable {
            struct Row: Decodable { var entries: Int; var top1: Int; var top5: Int }
            var rows: [Row]
            var total: Row
        }
        let evaluation = try JSONDecoder().decode(Evaluation.self, from: Data(run.stdout.utf8))
        #expect(evaluation.total.entries == evaluation.rows.map(\.entries).reduce(0, +))
        #expect(evaluation.total.top5 >= evaluation.total.top1)
    }

    /// `--diagnostics-format json --format json`: standard output is exactly one document, the
    /// answer with the diagnostics as its members; with broken sources, the diagnostics alone.
    @Test func diagnosticsInJSONGoInsideTheOneDocument() throws {
        struct Document: Decodable {
            struct Diagnostic: Decodable { var rule: String; var severity: String }
            struct Entry: Decodable { var code: String }
            var errorCount: Int
            var warningCount: Int
            var diagnostics: [Diagnostic]
            var entries: [Entry]?
        }
        let run = try CLI.run(["suggest", "DQ00010", "--diagnostics-format", "json", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONDecoder().decode(Document.self, from: Data(run.stdout.utf8))
        #expect(document.errorCount == 0 && document.entries?.map(\.code) == ["DQ00010"])
        #expect(document.warningCount == document.diagnostics.filter { $0.severity == "warning" }.count)
        let evaluation = try CLI.run(["suggest", "--evaluate", "--diagnostics-format", "json", "--format", "json", "--reference", "annexes/reference"])
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        _ = try JSONDecoder().decode(Document.self, from: Data(evaluation.stdout.utf8))

        let dir = try CLI.workspace(copying: "annexes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("annexes/catalog.yaml")
        try CLI.write(try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "\nversion: ", with: "\nversion: not-a-version #"), to: manifest)
        let args = ["--annexes", dir.appendingPathComponent("annexes").path, "--out", dir.appendingPathComponent("generated").path,
                    "--vocabulary", CLI.root.appendingPathComponent("tools/suggest/vocabulary.tsv").path]
        let broken = try CLI.run(["suggest", "DQ00010", "--diagnostics-format", "json", "--format", "json"] + args)
        #expect(broken.status == 1)
        let failed = try JSONDecoder().decode(Document.self, from: Data(broken.stdout.utf8))
        #expect(failed.errorCount > 0 && failed.entries == nil)

        let text = try CLI.run(["suggest", "DQ00010", "--diagnostics-format", "json"])
        #expect(text.status == 0 && text.stderr.contains("DQ00010"), "the text answer goes to standard error beside a JSON document")
        _ = try JSONDecoder().decode(Document.self, from: Data(text.stdout.utf8))
        let sarif = try CLI.run(["suggest", "DQ00010", "--diagnostics-format", "sarif", "--format", "json"])
        #expect(sarif.status != 0 && sarif.stderr.contains("--diagnostics-format json"))
    }
}
