import CatalogCore
import Foundation

/// An annex sheet read as a table: which column holds which source field, found from the
/// header row's headings, and the data rows with their cells' positions.
///
/// The header is found among the first ``headerSearchRows`` rows (real tables have merged
/// title rows above it): the first row naming at least two known fields. Accepted headings
/// (case, spacing, line breaks, underscores and diacritics do not matter; a heading that ends
/// with a field name in parentheses, as the exported workbook writes them, names that field):
/// see ``SpreadsheetTable/headings``. Section rows of official tables (`I. HÓA SINH`) are
/// skipped.
public struct SpreadsheetTable: Sendable {
    /// Column of each field key found.
    public var columns: [String: Int]
    /// Zero-based row of the header.
    public var headerRow: Int
    /// Data rows: zero-based row number and each field's text.
    public var rows: [(row: Int, values: [String: String])]
    /// Cells of text-only fields (``textOnlyFields``) that hold numbers, by row and field: the
    /// number as the file stores it. The annex import accepts one when it reads back to the
    /// value its entry already holds (``numberReadsBack(_:as:)``) and reports the others.
    public var numberCells: [Int: [String: String]] = [:]

    /// How many rows from the top are searched for the header.
    public static let headerSearchRows = 30

    /// The headings accepted for each field, Vietnamese and English (compared folded, see
    /// ``fold(_:)``): the exported workbook's, the official annexes', and those of the national
    /// lists (`MA_TUONG_DUONG`, `TEN_DVKT_PHEDUYET`, `MA_DICH_VU`, `Mã kỹ thuật (TT23/2024)`).
    public static let headings: [String: [String]] = [
        "code": ["mã", "mã danh mục", "mã liên thông", "mã lt", "code"],
        "nameVi": ["tên kỹ thuật", "tên dịch vụ", "tên dịch vụ kỹ thuật", "tên dvkt", "tên dvkt phê duyệt", "ten_dvkt_pheduyet", "tên dịch vụ kỹ thuật phê duyệt",
                   "tên kỹ thuật phê duyệt", "tên tiếng việt", "tên", "technique name", "service name", "vietnamese name", "name"],
        "nameEn": ["tên tiếng anh", "english name", "name in english"],
        "group": ["nhóm", "group"],
        "status": ["trạng thái", "status"],
        "statusReason": ["lý do trạng thái", "lý do", "status reason"],
        "replacedBy": ["thay bằng", "thay thế bằng", "replaced by"],
        "maTuongDuong": ["mã tương đương", "mã dịch vụ", "mã dịch vụ kỹ thuật", "mã dvkt", "national code", "equivalent code"],
        "tt23": ["số tt23", "tt23", "mã tt23", "stt tt23", "số thứ tự tt23", "tt23 number", "mã kỹ thuật (tt23/2024)", "mã kỹ thuật tt23",
                 "mã kỹ thuật theo tt23", "mã tt23/2024"],
        "mappings": ["ánh xạ", "mappings"],
        "unmappedReason": ["lý do chưa ánh xạ", "unmapped reason"],
        "versionFirstReleased": ["phát hành lần đầu", "first released", "version first released"],
        "versionLastChanged": ["thay đổi lần cuối", "last changed", "version last changed"],
    ].merging(EntryFields.attributes.map { f in
        (f.name, [f.labelVi.lowercased(), f.labelEn.lowercased()] + (headingSynonyms[f.name] ?? []))
    }, uniquingKeysWith: { a, _ in a })
    /// Headings an attribute is also known by, beyond its labels (``EntryFields``).
    static let headingSynonyms = ["specimen": ["mẫu bệnh phẩm"]]
    /// The headings, folded, by folded heading (built once).
    private static let fieldByFoldedHeading: [String: String] = {
        var out: [String: String] = [:]
        for (key, names) in headings { for name in names { out[fold(name)] = key } }
        return out
    }()
    /// Fields the exported workbook carries but the sources do not: computed from the releases
    /// (``EntryHistory``), read only to warn when a row changes them (`LT1012`).
    public static let computedFields = EntryHistory.fieldNames
    /// Headings of columns that carry nothing to import (row numbers, group names, notes).
    public static let ignoredHeadings = ["stt", "số thứ tự", "no.", "no", "tên nhóm", "group name", "ghi chú", "notes"]
    private static let ignoredFolded = Set(ignoredHeadings.map(fold))

    /// Fields whose cells must be text: a number there has lost its written form.
    public static let textOnlyFields: Set<String> = ["code", "maTuongDuong", "tt23", "replacedBy"]
    /// Fields whose cells may hold several values, one a line.
    public static let multiLineFields: Set<String> = ["maTuongDuong", "tt23", "mappings"]

    /// Headings folded for comparison: the project's one folding (``TextChecks/searchKey(_:)``:
    /// NFC, lower case, diacritics removed, đ as d, every run of white space — line breaks too
    /// — as one space), with underscores read as spaces and a trailing colon or asterisk dropped.
    static func fold(_ text: String) -> String {
        TextChecks.searchKey(text.replacingOccurrences(of: "_", with: " ")).trimmingCharacters(in: CharacterSet(charactersIn: ":* "))
    }

    /// The field a heading names, "" for a column to ignore, nil when it is not recognised.
    static func field(forHeading heading: String) -> String? {
        let trimmed = heading.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
            let key = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            if headings[key] != nil { return key }
        }
        let folded = fold(trimmed)
        if ignoredFolded.contains(folded) { return "" }
        return fieldByFoldedHeading[folded]
    }

    /// A few accepted headings, for the message when no header is found.
    static let exampleHeadings = "'STT', 'Mã dịch vụ' or 'Mã DVKT' or 'MA_TUONG_DUONG' or 'Mã tương đương', 'Tên dịch vụ kỹ thuật' or 'Tên DVKT' or 'TEN_DVKT_PHEDUYET' or 'Tên kỹ thuật', 'Mã kỹ thuật (TT23/2024)' or 'Số TT23', or the exported 'Mã (code)', 'Tên tiếng Việt (nameVi)'"

    /// Whether a row is a section heading of an official table (`I. HÓA SINH`, `HUYẾT HỌC`):
    /// one non-empty cell, whose text is words (a code never holds a space) or starts with a
    /// section number.
    static func isSectionRow(_ cells: [String]) -> Bool {
        // Cheap first: most rows have several filled cells, and stop the scan at the second.
        var only: String?
        for cell in cells where cell.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
            if only != nil { return false }
            only = cell
        }
        guard let text = only?.trimmingCharacters(in: .whitespacesAndNewlines) else { return false }
        if text.wholeMatch(of: /[0-9]{2}\.[0-9]{4}\.[0-9]{4}/) != nil { return false }
        return text.contains(where: \.isWhitespace) || text.prefixMatch(of: /[IVXLCDM]+[.)]/) != nil
    }

    /// Whether the number `number` (as a cell stores it) reads back to the text `value` a
    /// field holds: `23.75` to "23.75", `18.191` to "18.191", `5` to "5"; never to "23.20" (the
    /// number cannot say whether a trailing zero was typed: ambiguous).
    public static func numberReadsBack(_ number: String, as value: String) -> Bool {
        guard let n = Double(number), n.isFinite, let v = Double(value), n == v else { return false }
        let written: String
        if n == n.rounded(), abs(n) < 1e15 { written = String(Int64(n)) } else { written = "\(n)" }
        return written == value
    }

    /// Reads `sheet` as a table. `position` spells a cell for diagnostics. Every problem is a
    /// diagnostic; the table is nil when it cannot be read.
    public static func read(_ sheet: SpreadsheetSheet, position: (CellPosition) -> SourceLocation, diagnostics: inout [Diagnostic]) -> SpreadsheetTable? {
        let width = sheet.columnCount
        // The header: the first row naming at least two fields; the best candidate is kept
        // for the message when none does.
        var header: (row: Int, columns: [String: Int], unknown: [(Int, String)])?
        var best: (row: Int, known: [(Int, String)], unknown: [(Int, String)])?
        for row in 0..<min(headerSearchRows, sheet.rowCount) {
            var columns: [String: Int] = [:]
            var known: [(Int, String)] = [], unknown: [(Int, String)] = []
            var duplicate: (String, Int)?
            for column in 0..<width {
                let text = sheet.text(row, column)
                guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                guard let key = field(forHeading: text) else {
                    unknown.append((column, text))
                    continue
                }
                known.append((column, text))
                guard !key.isEmpty else { continue }
                if columns[key] != nil, duplicate == nil { duplicate = (key, column) }
                columns[key] = columns[key] ?? column
            }
            if known.count > (best?.known.count ?? 0) { best = (row, known, unknown) }
            guard columns.count >= 2 else { continue }
            if let (key, column) = duplicate {
                diagnostics.append(Diagnostic(.error, .spreadsheetColumnMissing, "two columns hold '\(key)' (\(CellPosition.letters(columns[key]!)) and \(CellPosition.letters(column))); keep one", at: position(CellPosition(row: row, column: column))))
                return nil
            }
            header = (row, columns, unknown)
            break
        }
        guard let header else {
            diagnostics.append(noHeader(best, position: position))
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
        if let first = header.unknown.first {
            let names = header.unknown.map { "'\($0.1.split(whereSeparator: \.isWhitespace).joined(separator: " "))' (\(CellPosition.letters($0.0)))" }.joined(separator: ", ")
            diagnostics.append(Diagnostic(.warning, .spreadsheetUnknownColumn, "import does not know the column\(header.unknown.count == 1 ? "" : "s") \(names), so \(header.unknown.count == 1 ? "it is" : "they are") not imported; if \(header.unknown.count == 1 ? "it holds" : "one holds") a field of the catalog, give it a heading listed in docs/guide/editors-spreadsheets.md", at: position(CellPosition(row: header.row, column: first.0))))
        }
        var rows: [(row: Int, values: [String: String])] = []
        var numbers: [Int: [String: String]] = [:]
        var failed = false
        let fieldColumns = header.columns.sorted { $0.value < $1.value }
        for row in (header.row + 1)..<max(header.row + 1, sheet.rowCount) {
            let rowText = (0..<width).map { sheet.text(row, $0) }
            if isSectionRow(rowText) { continue }
            var values: [String: String] = [:]
            for (key, column) in fieldColumns {
                guard let cell = sheet.cells[CellPosition(row: row, column: column)] else { continue }
                if cell.kind == .number, textOnlyFields.contains(key) { numbers[row, default: [:]][key] = cell.text }
                let text = cell.text.precomposedStringWithCanonicalMapping
                if let bad = badCharacter(in: text, multiLine: multiLineFields.contains(key)) {
                    diagnostics.append(Diagnostic(.error, .spreadsheetCellCharacter, "this '\(key)' cell holds \(bad.description) at character \(bad.position); \(bad.lineBreak ? "a '\(key)' is one line: join the lines (in Excel a line break in a cell is Alt+Enter)" : "remove it (it is invisible or reorders text, and would be published as is)")", at: position(CellPosition(row: row, column: column))))
                    failed = true
                    continue
                }
                if !text.isEmpty { values[key] = text }
            }
            if !values.isEmpty { rows.append((row, values)) }
        }
        guard !failed else { return nil }
        var table = SpreadsheetTable(columns: header.columns, headerRow: header.row, rows: rows)
        table.numberCells = numbers
        return table
    }

    /// A character a cell of the field must not hold: a control character (as the sources'
    /// ``ControlCharacters``), or a line break — any of them in a one-line field, and in a
    /// field of several lines any but the line feed (U+2028, U+2029, U+0085, a carriage return),
    /// which YAML would read as a line break of its own.
    static func badCharacter(in text: String, multiLine: Bool) -> (description: String, position: Int, lineBreak: Bool)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let v = scalar.value
            let isBreak = v == 0x0A || v == 0x0D || v == 0x85 || v == 0x2028 || v == 0x2029 || v == 0x0B || v == 0x0C
            if isBreak, !(multiLine && v == 0x0A) {
                let names: [UInt32: String] = [0x0A: "a line break (U+000A)", 0x0D: "a carriage return (U+000D)", 0x85: "a next-line character (U+0085)",
                                               0x2028: "a line separator (U+2028)", 0x2029: "a paragraph separator (U+2029)", 0x0B: "a vertical tab (U+000B)", 0x0C: "a form feed (U+000C)"]
                return (names[v]!, offset + 1, true)
            }
            if !isBreak, ControlCharacters.isRefused(v), let found = ControlCharacters.first(in: String(String.UnicodeScalarView([scalar]))) {
                return (found.description, offset + 1, false)
            }
        }
        return nil
    }

    /// The diagnostic when no row of the first ones names two fields: the row that looked most
    /// like a header, its headings that are not known and the ones that are.
    static func noHeader(_ best: (row: Int, known: [(Int, String)], unknown: [(Int, String)])?, position: (CellPosition) -> SourceLocation) -> Diagnostic {
        let quote = { (cells: [(Int, String)]) in cells.prefix(12).map { "'\($0.1.split(whereSeparator: \.isWhitespace).joined(separator: " "))' (\(CellPosition.letters($0.0)))" }.joined(separator: ", ") + (cells.count > 12 ? ", …" : "") }
        guard let best else {
            return Diagnostic(.error, .spreadsheetColumnMissing, "no header row: none of the first \(headerSearchRows) rows names a column import knows; give the table a header row, for example \(exampleHeadings)", at: position(CellPosition(row: 0, column: 0)))
        }
        let unknownText = best.unknown.isEmpty ? "it has no other headings" : "its headings \(quote(best.unknown)) are not known"
        return Diagnostic(.error, .spreadsheetColumnMissing, "no header row: none of the first \(headerSearchRows) rows names two columns import knows; row \(best.row + 1) looks most like a header (it names \(quote(best.known))), but \(unknownText); rename them to known headings, for example \(exampleHeadings)", at: position(CellPosition(row: best.row, column: best.known.first?.0 ?? 0)))
    }
}
