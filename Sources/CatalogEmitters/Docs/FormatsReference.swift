/// `formats.md`: the current format version of every versioned artifact and the history of
/// every version (``FormatHistory``).
enum FormatsReference {
    static func render(_ formats: [ReferenceDocumentation.CurrentFormat]) throws -> String {
        let missing = formats.filter { !FormatHistory.records(family: $0.name, version: $0.version) }
        guard missing.isEmpty else {
            let names = missing.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
            throw ReferenceDocumentation.Inconsistency(description: "FormatHistory.changes has no line for \(names): add what the version changed to Sources/CatalogEmitters/Docs/FormatHistory.swift")
        }
        var out = ReferenceDocumentation.generatedNote + """
        # Artifact formats

        Each artifact family has a **format version**, written into its artifacts and into
        `index.json`. It changes by Semantic Versioning: MAJOR when an importer written for the
        previous shape can break (a column, table, file or member removed or renamed), MINOR when
        members or files are only added. `Tests/Fixtures/shapes.json` records the shape of each
        family's current version, so a change of shape without a bump fails the tests, and
        `lienthong diff` reports it (`LT0909`).

        ## Current versions

        | family | format version | written to |
        |---|---|---|

        """
        for f in formats {
            out += "| `\(f.name)` | \(f.version) | \(ReferenceDocumentation.cell(f.location)) |\n"
        }
        out += """

        ## History

        | family | version | first in catalog | change |
        |---|---|---|---|

        """
        for c in FormatHistory.changes {
            out += "| \(ReferenceDocumentation.cell(c.family)) | \(c.version) | \(c.catalog) | \(ReferenceDocumentation.cell(c.change)) |\n"
        }
        return out
    }
}
