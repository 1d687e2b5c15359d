import CatalogCore
import Foundation
import Testing

/// Every rule ID has a test that triggers it: a rule that no test names (by its ID or its case
/// name) fails here, so a new rule cannot land untested.
@Suite struct RuleCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyRuleIDIsTriggeredByATest() throws {
        var text = ""
        for folder in ["Tests", "scripts/consumers"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: base.path) else { continue }
            while let relative = files.nextObject() as? String {
                guard relative.hasSuffix(".swift") || relative.hasSuffix(".py"), !relative.hasSuffix("RuleCoverageTests.swift") else { continue }
                text += (try? String(contentsOfFile: base.appendingPathComponent(relative).path, encoding: .utf8)) ?? ""
            }
        }
        let untested = RuleID.allCases.filter { rule in
            !text.contains(rule.rawValue) && !text.contains(".\(rule)")
        }
        #expect(untested.isEmpty, "rules no test triggers: \(untested.map { "\($0.rawValue) (\($0))" }.joined(separator: ", "))")
    }
}
