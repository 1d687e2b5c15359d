import CatalogCore

/// `csv/`: spreadsheet-friendly tables. `entries.csv` holds every entry and
/// `annex-N.csv` the entries of annex N (same columns); `national-codes.csv` and
/// `mappings.csv` hold one row per national code and per mapping, keyed by entry code.
public struct CSVEmitter: ArtifactFamily {
    public let name = "csv"
    public let formatVersion = FormatHistory.current("csv")
    public let weight = 2

    /// Columns of the entry tables.
    public static let entryColumns = [
        "code", "annex", "group", "status", "statusReason", "replacedBy", "nameVi", "nameEn",
    ] + EntryFields.attributes.map(\.name) + [
        "maTuongDuong", "tt23", "mappingCount", "unmappedReason", "versionFirstReleased", "versionLastChanged",
    ]
    public static let nationalCodeColumns = ["code", "maTuongDuong", "tt23"]
    public static let mappingColumns = ["code", "system", "targetCode", "targetDisplay", "relationship", "comment"]

    public init() {}

    public func emit(_ catalog: Catalog, to output: any ArtifactOutput) {
        var all = CSVWriter(header: Self.entryColumns, to: output.open("csv/entries.csv"))
        var national = CSVWriter(header: Self.nationalCodeColumns, to: output.open("csv/national-codes.csv"))
        var mappings = CSVWriter(header: Self.mappingColumns, to: output.open("csv/mappings.csv"))
        for annex in catalog.annexes {
            var table = CSVWriter(header: Self.entryColumns, to: output.open("csv/annex-\(annex.number).csv"))
            for entry in catalog.entries(inAnnex: annex.number) {
                let row = Self.row(entry, history: catalog.history(of: entry))
                table.row(row)
                all.row(row)
                for n in entry.nationalCodes { national.row([entry.code, n.maTuongDuong, n.tt23 ?? ""]) }
                for m in entry.mappings {
                    mappings.row([entry.code, m.system.uri, m.code, m.display, m.relationship.rawValue, m.comment ?? ""])
                }
                table.flushIfFull()
                all.flushIfFull()
                national.flushIfFull()
                mappings.flushIfFull()
            }
            table.close()
        }
        all.close()
        national.close()
        mappings.close()
        output.write(Notices.file("csv/NOTICE", catalog.metadata, Notices.inUse(catalog)))
    }

    static func row(_ e: Entry, history: EntryHistory) -> [String] {
        [
            e.code, String(e.annex), e.group, e.status.rawValue, e.statusReason ?? "", e.replacedBy ?? "",
            e.nameVi, e.nameEn,
        ] + EntryFields.attributes.map { e.attributes.value(of: $0) ?? "" } + [
            e.nationalCodes.map(\.maTuongDuong).joined(separator: ";"),
            e.nationalCodes.map { $0.tt23 ?? "" }.joined(separator: ";"),
            String(e.mappings.count), e.unmappedReason ?? "",
            history.firstReleased.description, history.lastChanged.description,
        ]
    }
}
