import CatalogCore
import Foundation
import Testing

/// The README documents every rule and every source field the compiler knows.
@Suite struct DocumentationTests {
    static let readme = (try? String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The README and every guide under docs/, where a feature's rules may be documented.
    static let documentation: String = {
        var text = readme
        let docs = CLI.root.appendingPathComponent("docs")
        let files = FileManager.default.enumerator(atPath: docs.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted() ?? []
        for file in files { text += (try? String(contentsOf: docs.appendingPathComponent(file), encoding: .utf8)) ?? "" }
        return text
    }()

    @Test func everyRuleIsListed() {
        for rule in RuleID.allCases {
            #expect(Self.documentation.contains("| `\(rule.rawValue)` | \(rule.summary) |"), "\(rule.rawValue) missing or outdated in README")
        }
    }

    @Test func everySourceFieldIsDocumented() {
        for spec in [SourceSchema.manifest, SourceSchema.annexSpec, SourceSchema.annex, SourceSchema.group, SourceSchema.entry, SourceSchema.nationalCode, SourceSchema.mapping,
                     SourceSchema.recognition, SourceSchema.recognitionClause, SourceSchema.qualityLevel, SourceSchema.recognitionRule] {
            for field in spec.fields {
                #expect(Self.readme.contains("`\(field.name)`"), "field \(field.name) of \(spec.title) is not documented")
            }
        }
    }

    @Test func workedCheckCharacterExampleIsRight() {
        #expect(Self.readme.contains("**`HS0001D`**"))
        #expect(CodeFormat(prefix: "HS", serialWidth: 4).code(forSerial: 1) == "HS0001D")
        #expect(CodeFormat(prefix: "HS", serialWidth: 4).code(forSerial: 8) == nil)
    }
}
