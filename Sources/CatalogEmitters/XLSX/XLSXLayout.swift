import CatalogCore

/// The layout of the `xlsx` workbook: sheet names and columns. Headers are Vietnamese with
/// the source field's name in parentheses (`Mã (code)`), so a person reads them and a program
/// (the importer, a vendor's script) finds a column by its key.
public enum XLSXLayout {
    /// One column: its key (the source field), its header and its width in characters.
    public struct Column: Sendable, Equatable {
        public var key: String
        public var header: String
        public var width: Double
    }

    /// The sheet of annex `number`.
    public static func annexSheetName(_ number: Int) -> String { "Phụ lục \(number)" }
    public static let nationalCodesSheetName = "Mã tương đương"
    public static let mappingsSheetName = "Ánh xạ"
    public static let notesSheetName = "Ghi chú"
    /// The sheet of allowed values and their meanings (format 1.2.0 on), which the drop-down
    /// lists point into.
    public static let allowedValuesSheetName = "Giá trị cho phép"

    /// Data rows a sheet holds under its header (XLSX allows 1,048,576 rows).
    public static let maxDataRows = 1_048_575

    /// The name of part `part` of a table that needs several sheets: the name itself, then
    /// `name (2)`, `name (3)`, ...
    public static func continuationSheetName(_ name: String, part: Int) -> String {
        part == 1 ? name : "\(name) (\(part))"
    }

    /// Separator of the several values one annex-sheet cell may hold (national codes, TT23
    /// numbers, mappings): a line break, so each value stands on its own line in the cell.
    public static let valueSeparator = "\n"

    static func column(_ key: String, _ vi: String, _ width: Double) -> Column {
        Column(key: key, header: "\(vi) (\(key))", width: width)
    }

    /// Columns every annex sheet starts with.
    static let leadingColumns = [
        column("code", "Mã", 10), column("nameVi", "Tên tiếng Việt", 50), column("nameEn", "Tên tiếng Anh", 42),
        column("group", "Nhóm", 20), column("status", "Trạng thái", 11), column("statusReason", "Lý do trạng thái", 30),
        column("replacedBy", "Thay bằng", 11), column("maTuongDuong", "Mã tương đương", 15), column("tt23", "Số TT23", 9),
    ]
    /// Attribute columns of an annex of `kind` (``EntryFields``).
    static func attributeColumns(_ kind: AnnexKind) -> [Column] {
        EntryFields.attributes(of: kind).map { column($0.name, $0.labelVi, $0.columnWidth) }
    }
    /// Columns every annex sheet ends with: the mappings, then the entry's history (format
    /// 1.1.0 on), which is computed from the releases and which `lienthong import` ignores.
    static let trailingColumns = [column("mappings", "Ánh xạ", 40), column("unmappedReason", "Lý do chưa ánh xạ", 34)] + historyColumns

    /// The history columns: computed from the published releases, never edited.
    public static let historyColumns = [
        column("versionFirstReleased", "Phát hành lần đầu", 14), column("versionLastChanged", "Thay đổi lần cuối", 14),
    ]

    /// The columns of an annex sheet of `kind`.
    public static func annexColumns(_ kind: AnnexKind) -> [Column] {
        leadingColumns + attributeColumns(kind) + trailingColumns
    }

    /// The national-codes sheet: one row per national code.
    public static let nationalCodeColumns = [
        column("code", "Mã", 10), column("maTuongDuong", "Mã tương đương", 15), column("tt23", "Số TT23", 9),
    ]

    /// The mappings sheet: one row per mapping.
    public static let mappingColumns = [
        column("code", "Mã", 10), column("system", "Hệ mã", 9), column("targetCode", "Mã đích", 12),
        column("targetDisplay", "Tên mã đích", 50), column("relationship", "Quan hệ", 30), column("comment", "Ghi chú", 50),
        column("evidence", "Bằng chứng", 60),
    ]

    /// The mappings sheet's evidence cell (format 1.2.0 on; computed, `import` ignores it): the
    /// reference row that confirms the mapping and the axes that agree, that the row leaves
    /// unspecified and that disagree.
    public static func evidenceSummary(_ e: MappingEvidence?) -> String {
        guard let e else { return "" }
        let list = { (axes: [String]) in axes.isEmpty ? "—" : axes.joined(separator: ", ") }
        var text = "\(e.file) line \(e.line) (\(e.release ?? "release not recorded")): \(e.code) \(e.name) — agrees: \(list(e.agreeing)); unspecified: \(list(e.unspecified))"
        if !e.disagreeing.isEmpty { text += "; disagrees: \(list(e.disagreeing))" }
        return text
    }

    /// How a mapping reads in an annex sheet's mappings cell: `loinc 2345-7 (equivalent)`.
    public static func mappingSummary(_ m: Mapping) -> String {
        "\(m.system.rawValue) \(m.code) (\(m.relationship.rawValue))"
    }

    /// The value of `key` for `entry` in an annex sheet (the keys of ``annexColumns(_:)``).
    static func value(_ key: String, of e: Entry, in catalog: Catalog) -> String {
        let join = { (values: [String]) in values.joined(separator: valueSeparator) }
        switch key {
        case "code": return e.code
        case "nameVi": return e.nameVi
        case "nameEn": return e.nameEn
        case "group": return e.group
        case "status": return e.status.rawValue
        case "statusReason": return e.statusReason ?? ""
        case "replacedBy": return e.replacedBy ?? ""
        case "maTuongDuong": return join(e.nationalCodes.map(\.maTuongDuong))
        case "tt23": return e.nationalCodes.allSatisfy { $0.tt23 == nil } ? "" : join(e.nationalCodes.map { $0.tt23 ?? "" })
        case "mappings": return join(e.mappings.map(mappingSummary))
        case "unmappedReason": return e.unmappedReason ?? ""
        case "versionFirstReleased", "versionLastChanged": return catalog.history(of: e).value(ofField: key) ?? ""
        default: return EntryFields.attribute(named: key).flatMap { e.attributes.value(of: $0) } ?? ""
        }
    }
}
