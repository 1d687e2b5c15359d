import CatalogCore
import CatalogEmitters
import Testing

/// The reference renderer: complete, anchored, and strict about the format history.
@Suite struct ReferenceDocumentationTests {
    static let families = ArtifactFamilies.all.map { ReferenceDocumentation.CurrentFormat(name: $0.name, version: $0.formatVersion, location: $0.name) }

    @Test func everyFamilyVersionHasAHistoryLine() throws {
        let documents = try ReferenceDocumentation.render(commands: [], formats: Self.families)
        let formats = try #require(documents.first { $0.name == "formats.md" })
        for family in ArtifactFamilies.all {
            #expect(formats.text.contains("| `\(family.name)` | \(family.formatVersion) |"))
        }
    }

    @Test func aVersionWithoutHistoryIsRefused() {
        let unknown = ReferenceDocumentation.CurrentFormat(name: "json", version: "99.0.0", location: "json")
        #expect(throws: ReferenceDocumentation.Inconsistency.self) {
            try ReferenceDocumentation.render(commands: [], formats: [unknown])
        }
    }

    @Test func everyRuleHasItsOwnHeading() throws {
        let documents = try ReferenceDocumentation.render(commands: [], formats: [])
        let rules = try #require(documents.first { $0.name == "rules.md" })
        for rule in RuleID.allCases {
            #expect(rules.text.contains("\n### \(rule.rawValue)\n\n\(rule.summary)\n"))
        }
    }

    @Test func commandHelpIsFencedWithoutTrailingSpaces() throws {
        let help = ReferenceDocumentation.CommandHelp(command: "lienthong rules", text: "USAGE: lienthong rules   \n\n")
        let documents = try ReferenceDocumentation.render(commands: [help], formats: [])
        let commands = try #require(documents.first { $0.name == "commands.md" })
        #expect(commands.text.contains("- [`lienthong rules`](#lienthong-rules)"))
        #expect(commands.text.contains("## lienthong rules\n\n```text\nUSAGE: lienthong rules\n```\n"))
    }
}
