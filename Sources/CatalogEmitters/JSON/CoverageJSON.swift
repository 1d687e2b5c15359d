import CatalogCore

/// The coverage section of `catalog.json` (and of `lienthong coverage --format json`):
/// mapped entries per annex and in all, mappings by relationship and by system.
public enum CoverageJSON {
    /// What the figures count, stated in the artifact itself.
    public static let basis = "Entries in use (active or deprecated); an entry is mapped when it has at least one mapping. Mappings are counted by relationship and by target system."

    public static func write(_ report: CoverageReport, to w: inout JSONWriter) {
        w.object { w in
            w.field("basis", basis)
            w.key("total")
            write(report.total, to: &w)
            w.key("annexes")
            w.array { w in for row in report.annexes { write(row, to: &w) } }
        }
    }

    /// A standalone JSON document of the report.
    public static func render(_ report: CoverageReport) -> [UInt8] {
        var w = JSONWriter()
        write(report, to: &w)
        return w.finish()
    }

    private static func write(_ row: CoverageReport.Row, to w: inout JSONWriter) {
        w.object { w in
            if let annex = row.annex { w.field("annex", annex) }
            w.field("entries", row.entries)
            w.field("mapped", row.mapped)
            w.key("percentMapped")
            w.decimal(row.percentText)
            w.field("unmappedWithReason", row.unmappedWithReason)
            w.key("mappingsByRelationship")
            w.object { w in
                for relationship in MappingRelationship.allCases { w.field(relationship.rawValue, row.mappingsByRelationship[relationship] ?? 0) }
            }
            w.key("mappingsBySystem")
            w.object { w in
                for system in MappingSystem.allCases { w.field(system.uri, row.mappingsBySystem[system] ?? 0) }
            }
        }
    }
}
