import CatalogCore
import Foundation

/// An annex sheet read as a table: which column holds which source field, found from the
/// header row's headings, and the data rows with their cells' positions.
///
/// Accepted headings (case, spacing and diacritics do not matter; a heading that ends with a
/// field name in parentheses, as the exported workbook writes them, names that field):
/// see ``SpreadsheetTable/headings``.
public struct SpreadsheetTable: Sendable {
    /// Column of each field key found.
    public var columns: [String: Int]
    /// Zero-based row of the header.
    public var headerRow: Int
    /// Data rows: zero-based row number and each field's text.
    public var rows: [(row: Int, values: [String: String])]

    /// The headings accepted for each field, Vietnamese and English (compared folded).
    public static let headings: [String: [String]] = [
        "code": ["mã", "mã danh mục", "mã liên thông", "code"],
        "nameVi": ["tên kỹ thuật", "tên dịch vụ", "tên dịch vụ kỹ thuật", "tên tiếng việt", "tên", "technique name", "service name", "vietnamese name", "name"],
        "nameEn": ["tên tiếng anh", "english name", "name in english"],
        "group": ["nhóm", "group"],
        "status": ["trạng thái", "status"],
        "statusReason": ["lý do trạng thái", "lý do", "status reason"],
        "replacedBy": ["thay bằng", "thay thế bằng", "replaced by"],
        "maTuongDuong": ["mã tương đương", "ma_tuong_duong", "national code", "equivalent code"],
        "tt23": ["số tt23", "tt23", "mã tt23", "stt tt23", "số thứ tự tt23", "tt23 number"],
        "specimen": ["bệnh phẩm", "mẫu bệnh phẩm", "specimen"],
        "method": ["phương pháp", "method"],
        "modality": ["phương thức", "modality"],
        "bodyRegion": ["vùng cơ thể", "body region"],
        "contrast": ["thuốc cản quang", "contrast"],
        "laterality": ["bên", "laterality"],
        "mappings": ["ánh xạ", "mappings"],
        "unmappedReason": ["lý do chưa ánh xạ", "unmapped reason"],
        "versionFirstReleased": ["phát hành lần đầu", "first released", "version first released"],
        "versionLastChanged": ["thay đổi lần cuối", "last changed", "version last changed"],
    ]
    /// Fields the exported workbook carries but the sources do not: computed from the releases
    /// (``EntryHistory``), read only to warn when a row changes them (`LT1012`).
    public static let computedFields = EntryHistory.fieldNames
    /// Headings of columns that carry nothing to import (row numbers, group names).
    public static let ignoredHeadings = ["stt", "số thứ tự", "no.", "no", "tên nhóm", "group name", "ghi chú", "notes"]

    /// Fields whose cells must be text: a number there has lost its written form.
    public static let textOnlyFields: Set<String> = ["code", "maTuongDuong", "tt23", "replacedBy"]

    /// Headings folded for comparison: NFC, lower case, diacritics removed (đ as d), single spaces.
    static func fold(_ text: String) -> String {
        let lowered = text.precomposedStringWithCanonicalMapping.lowercased()
        let stripped = lowered.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
        let plain = String(String.UnicodeScalarView(stripped)).replacingOccurrences(of: "đ", with: "d")
        return plain.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ":*"))
    }

    /// The field a heading names, "" for a column to ignore, nil when it is not recognised.
    static func field(forHeading heading: String) -> String? {
        if heading.hasSuffix(")"), let open = heading.lastIndex(of: "(") {
            let key = String(heading[heading.index(after: open)..<heading.index(before: heading.endIndex)])
            if headings[key] != nil { return key }
        }
        let folded = fold(heading)
        if ignoredHeadings.contains(where: { fold($0) == folded }) { return "" }
        return headings.first { $0.value.contains { fold($0) == folded } }?.key
    }

    /// Reads `sheet` as a table. `position` spells a cell for diagnostics. Every problem is a
    /// diagnostic; the table is nil when it cannot be read.
    public static func read(_ sheet: SpreadsheetSheet, position: (CellPosition) -> SourceLocation, diagnostics: inout [Diagnostic]) -> SpreadsheetTable? {
        // The header is the first of the first ten rows with at least two recognised headings.
        let width = (sheet.cells.keys.map(\.column).max() ?? -1) + 1
        var header: (row: Int, columns: [String: Int])?
        for row in 0..<min(10, sheet.rowCount) {
            var columns: [String: Int] = [:]
            var duplicate: (String, Int)?
            for column in 0..<width {
                let text = sheet.text(row, column)
                guard !text.isEmpty, let key = field(forHeading: text), !key.isEmpty else { continue }
                if columns[key] != nil, duplicate == nil { duplicate = (key, column) }
                columns[key] = columns[key] ?? column
            }
            guard columns.count >= 2 else { continue }
            if let (key, column) = duplicate {
                diagnostics.append(Diagnostic(.error, .spreadsheetColumnMissing, "two columns hold '\(key)' (\(CellPosition.letters(columns[key]!)) and \(CellPosition.letters(column))); keep one", at: position(CellPosition(row: row, column: column))))
                return nil
            }
            header = (row, columns)
            break
        }
        guard let header else {
            diagnostics.append(Diagnostic(.error, .spreadsheetColumnMissing, "no header row: none of the first rows names the columns (for example 'STT', 'Tên kỹ thuật', 'Mã tương đương', or the exported 'Mã (code)', 'Tên tiếng Việt (nameVi)')", at: position(CellPosition(row: 0, column: 0))))
            return nil
        }
        for range in sheet.merged where range.first.row <= header.row && range.last.row >= header.row && range.last.column > range.first.column {
            diagnostics.append(Diagnostic(.error, .spreadsheetMergedHeader, "the header cells \(range.first):\(range.last) are merged, so the columns under them have no heading of their own; unmerge them and give each column its heading", at: position(range.first)))
            return nil
        }
        if header.columns["nameVi"] == nil {
            diagnostics.append(Diagnostic(.error, .spreadsheetColumnMissing, "no column for the Vietnamese name; add one headed 'Tên kỹ thuật' (or 'Tên tiếng Việt (nameVi)')", at: position(CellPosition(row: header.row, column: 0))))
            return nil
        }
        if header.columns["code"] == nil, header.columns["maTuongDuong"] == nil {
            diagnostics.append(Diagnostic(.error, .spreadsheetColumnMissing, "no column to match rows with entries; add 'Mã (code)' or 'Mã tương đương'", at: position(CellPosition(row: header.row, column: 0))))
            return nil
        }
        var rows: [(row: Int, values: [String: String])] = []
        var failed = false
        for row in (header.row + 1)..<max(header.row + 1, sheet.rowCount) {
            var values: [String: String] = [:]
            for (key, column) in header.columns {
                guard let cell = sheet.cells[CellPosition(row: row, column: column)] else { continue }
                if cell.kind == .number, textOnlyFields.contains(key) {
                    diagnostics.append(Diagnostic(.error, .spreadsheetNumberForText, "this '\(key)' cell holds the number \(cell.text), not text: a number loses how it was written (23.20 becomes 23.2); format the column as Text and type the value again", at: position(CellPosition(row: row, column: column))))
                    failed = true
                }
                let text = cell.text.precomposedStringWithCanonicalMapping
                if !text.isEmpty { values[key] = text }
            }
            if !values.isEmpty { rows.append((row, values)) }
        }
        return failed ? nil : SpreadsheetTable(columns: header.columns, headerRow: header.row, rows: rows)
    }
}
