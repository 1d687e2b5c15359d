import CatalogCore

/// `rules.md`: every rule ID with its summary, grouped by block, each under a heading whose
/// anchor is the lower-case ID (`#lt0101`), which SARIF help URIs point at.
enum RulesReference {
    /// The blocks of rule IDs by their first two digits.
    static let blocks: [String: String] = [
        "01": "Reading sources", "02": "Shape of the data", "03": "Text", "04": "Stable codes and the ledger",
        "05": "National codes", "06": "International mappings", "07": "Status", "08": "Manifest",
        "09": "Breaking changes between versions", "10": "Spreadsheet import", "11": "Recognition rules of Article 2",
    ]

    static func render() -> String {
        var out = ReferenceDocumentation.generatedNote + """
        # Diagnostic rules

        Every diagnostic names its rule: `path:line:col: severity: message [LTnnnn]`. IDs are stable:
        a rule keeps its ID and a retired ID is never reused. `lienthong rules` prints the same list.

        """
        var block = ""
        for rule in RuleID.allCases.sorted() {
            let prefix = String(rule.rawValue.dropFirst(2).prefix(2))
            if prefix != block {
                block = prefix
                out += "\n## LT\(prefix)xx: \(blocks[prefix] ?? "Rules")\n"
            }
            out += "\n### \(rule.rawValue)\n\n\(rule.summary)\n"
        }
        return out
    }
}
