import CatalogCore
import Foundation
import Testing
import TestSupport

/// `docs/reference/` is generated from the code by `lienthong reference-docs`; these tests
/// regenerate it into a temporary folder and fail on any difference with the committed files.
@Suite struct ReferenceDocsTests {
    static let committed = CLI.root.appendingPathComponent("docs/reference")

    @Test func committedReferenceIsCurrent() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("reference")
        let result = try CLI.run(["reference-docs", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let fresh = try CLI.snapshot(out), old = try CLI.snapshot(Self.committed)
        #expect(!fresh.isEmpty)
        for name in Set(fresh.keys).union(old.keys).sorted() where fresh[name] != old[name] {
            Issue.record("docs/reference/\(name) is \(old[name] == nil ? "missing" : fresh[name] == nil ? "stale" : "out of date"): run `lienthong reference-docs` (swift run lienthong reference-docs --out docs/reference) and commit the result")
        }
    }

    @Test func everyRuleHasItsAnchor() throws {
        let rules = try CLI.read(Self.committed.appendingPathComponent("rules.md"))
        for rule in RuleID.allCases {
            // GitHub makes the heading `### LT0101` the anchor `#lt0101`, which SARIF help URIs name.
            #expect(rules.contains("\n### \(rule.rawValue)\n\n\(rule.summary)\n"), "\(rule.rawValue) has no section in docs/reference/rules.md")
        }
    }

    @Test func everySourceFieldIsInTheReference() throws {
        let schema = try CLI.read(Self.committed.appendingPathComponent("source-schema.md"))
        for spec in [SourceSchema.manifest, SourceSchema.annexSpec, SourceSchema.referenceSpec, SourceSchema.noticeSpec, SourceSchema.waiverSpec,
                     SourceSchema.annex, SourceSchema.group, SourceSchema.entry, SourceSchema.nationalCode, SourceSchema.mapping,
                     SourceSchema.recognition, SourceSchema.recognitionClause, SourceSchema.qualityLevel, SourceSchema.recognitionRule] {
            #expect(schema.contains("\n## \(spec.title.prefix(1).uppercased() + spec.title.dropFirst())\n"), "\(spec.title) has no section")
            for field in spec.fields {
                #expect(schema.contains("| `\(field.name)` | \(field.required ? "yes" : "no") |"), "field \(field.name) of \(spec.title) is not in docs/reference/source-schema.md")
            }
        }
    }

    @Test func theCommandIsHidden() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("recognize"))
        #expect(!help.stdout.contains("reference-docs"))
    }

    @Test func anUnwritableFolderIsAClearError() throws {
        let dir = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try CLI.write("x", to: file)
        let result = try CLI.run(["reference-docs", "--out", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write the reference documents into"))
        #expect(result.stdout.isEmpty)
    }
}
