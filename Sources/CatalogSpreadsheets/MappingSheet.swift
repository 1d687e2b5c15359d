import CatalogCore
import CatalogEmitters

/// The exported workbook's mappings sheet (`Ánh xạ`): one row per mapping, with everything a
/// mapping holds, so mappings are edited there (the annex sheets' mappings cells are summaries).
struct MappingSheet {
    /// One mapping as a row gives it.
    struct Row: Equatable {
        var system: String
        var code: String
        var display: String
        var relationship: String
        var comment: String
        /// Where the row is, for diagnostics.
        var position: CellPosition

        static func == (a: Row, b: Row) -> Bool {
            (a.system, a.code, a.display, a.relationship, a.comment) == (b.system, b.code, b.display, b.relationship, b.comment)
        }

        /// The annex sheet's summary of this mapping (``XLSXLayout/mappingSummary(_:)``).
        var summary: String { "\(system) \(code) (\(relationship))" }
    }

    /// Rows by entry code, in sheet order.
    var byCode: [String: [Row]] = [:]
    /// The first row of each code, for diagnostics about codes not in the annex.
    var firstRow: [String: CellPosition] = [:]

    /// Reads the sheet; nil when its header is not the exported one (the sheet is then
    /// reported and ignored by the caller).
    init?(_ sheet: SpreadsheetSheet) {
        let keys = ["code", "system", "targetCode", "targetDisplay", "relationship", "comment"]
        var columns: [String: Int] = [:]
        for column in 0..<((sheet.cells.keys.map(\.column).max() ?? -1) + 1) {
            let heading = sheet.text(0, column)
            if let open = heading.lastIndex(of: "("), heading.hasSuffix(")") {
                let key = String(heading[heading.index(after: open)..<heading.index(before: heading.endIndex)])
                if keys.contains(key) { columns[key] = column }
            }
        }
        guard columns.count == keys.count else { return nil }
        for row in 1..<max(1, sheet.rowCount) {
            let text = { (key: String) in sheet.text(row, columns[key]!).precomposedStringWithCanonicalMapping }
            let code = text("code")
            guard !code.isEmpty else { continue }
            byCode[code, default: []].append(Row(system: text("system"), code: text("targetCode"), display: text("targetDisplay"),
                                                 relationship: text("relationship"), comment: text("comment"),
                                                 position: CellPosition(row: row, column: columns["code"]!)))
            if firstRow[code] == nil { firstRow[code] = CellPosition(row: row, column: columns["code"]!) }
        }
    }

    /// The rows of a source entry's mappings, for comparison.
    static func rows(of mappings: [SourceMapping]) -> [Row] {
        mappings.map {
            Row(system: $0.system?.value ?? "", code: $0.code?.value ?? "", display: $0.display?.value ?? "",
                relationship: $0.relationship?.value ?? "", comment: $0.comment?.value ?? "", position: CellPosition(row: 0, column: 0))
        }
    }

    /// The change from `old` to `new` in a few exact words: mappings removed and added (by
    /// system and code), and for one kept, each field that changed with its old and new value
    /// (a comment change names the comment, never two identical summaries).
    static func describeChange(from old: [Row], to new: [Row]) -> String {
        let key = { (r: Row) in "\(r.system) \(r.code)" }
        let oldKeys = Set(old.map(key)), newKeys = Set(new.map(key))
        var parts: [String] = []
        for r in old where !newKeys.contains(key(r)) { parts.append("removed \(r.summary)") }
        for r in new where !oldKeys.contains(key(r)) { parts.append("added \(r.summary)") }
        for r in new where oldKeys.contains(key(r)) {
            guard let was = old.first(where: { key($0) == key(r) }), was != r else { continue }
            let quote = { (s: String) in s.isEmpty ? "(none)" : "'\(s)'" }
            var fields: [String] = []
            if was.display != r.display { fields.append("display \(quote(was.display)) -> \(quote(r.display))") }
            if was.relationship != r.relationship { fields.append("relationship \(quote(was.relationship)) -> \(quote(r.relationship))") }
            if was.comment != r.comment { fields.append("comment \(quote(was.comment)) -> \(quote(r.comment))") }
            parts.append("\(key(r)): " + fields.joined(separator: ", "))
        }
        if parts.isEmpty { parts.append("order \(old.map(key).joined(separator: ", ")) -> \(new.map(key).joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }
}
