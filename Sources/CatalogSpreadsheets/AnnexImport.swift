import CatalogCore
import CatalogEmitters
import CatalogSources

/// The import of one annex sheet into its YAML source: rows matched with entries, each
/// difference turned into a minimal edit or a diagnostic.
struct AnnexImport {
    let source: SourceAnnex
    let kind: AnnexKind
    let table: SpreadsheetTable
    var edits: YAMLEdits
    /// Spells a cell of the sheet as a diagnostic position.
    let at: (CellPosition) -> SourceLocation
    /// The workbook's mappings sheet, when it has the exported one, and how to spell its cells.
    var mappingSheet: MappingSheet? = nil
    var mappingAt: (CellPosition) -> SourceLocation = { _ in .named("") }
    /// Each code's history as the catalog computes it; nil when it is not known, and then the
    /// computed columns are not compared.
    var history: ((String) -> EntryHistory?)? = nil
    /// Cells of the computed columns whose value differs from the catalog's: the value and
    /// the catalog's (empty for a new row), gathered into one warning by the importer.
    var computedEdits: [(place: SourceLocation, value: String, catalog: String)] = []
    var diagnostics: [Diagnostic] = []
    var changes: [String] = []
    var newEntries = 0
    /// The mappings sheet's keys (national codes) that named a new entry's mappings, so the
    /// importer does not report them as unknown codes.
    var newEntryMappingKeys: Set<String> = []
    /// Where the entries begin, in file order (set by ``run()``, looked up by binary search).
    var entryLocations: [SourceLocation] = []
    /// The entry written last in the file, after which new entries go (set by ``run()``).
    var lastEntry: SourceEntry? = nil

    /// The fields of this annex's kind that rows may change.
    private var fields: [String] {
        SpreadsheetImporter.scalarFields.filter {
            !(kind == .laboratory ? SpreadsheetImporter.imagingFields : SpreadsheetImporter.laboratoryFields).contains($0)
        }
    }

    private func cell(_ row: Int, _ key: String) -> SourceLocation {
        at(CellPosition(row: row, column: table.columns[key] ?? 0))
    }

    mutating func run() {
        entryLocations = source.entries.map(\.location).sorted()
        lastEntry = source.entries.max(by: { $0.location < $1.location })
        var byCode: [String: Int] = [:], byNational: [String: [Int]] = [:]
        for (i, e) in source.entries.enumerated() {
            if let code = e.code?.value { byCode[code] = i }
            for n in e.nationalCodes { if let m = n.maTuongDuong?.value { byNational[m, default: []].append(i) } }
        }
        var seen: [Int: Int] = [:]
        var newRows: [(row: Int, values: [String: String])] = []
        var refused: [RefusedNumber] = []
        // A row whose matching cell is a refused number matches nothing, so the entries'
        // absence would be a second report of the same cause.
        var unmatchedNumber = false
        for (row, rowValues) in table.rows {
            var values = rowValues
            let numbers = table.numberCells[row] ?? [:]
            // A number in a column that matches rows with entries matches only as the same text.
            if let n = numbers["code"], byCode[n] == nil {
                refused.append(RefusedNumber(row: row, key: "code", number: n, held: nil))
                unmatchedNumber = true
                continue
            }
            if values["code"] == nil, let n = numbers["maTuongDuong"], byNational[n] == nil {
                refused.append(RefusedNumber(row: row, key: "maTuongDuong", number: n, held: nil))
                unmatchedNumber = true
                continue
            }
            let index: Int?
            var byCodeMatch = false
            if let code = values["code"] {
                guard let i = byCode[code] else {
                    diagnostics.append(Diagnostic(.error, .spreadsheetUnknownCode, "'\(code)' is not the code of an entry of annex \(source.annex?.value ?? "?"); leave the code empty for a new entry (`lienthong assign` gives it one)", at: cell(row, "code")))
                    continue
                }
                index = i
                byCodeMatch = true
            } else if let national = values["maTuongDuong"]?.split(separator: "\n").first.map(String.init) {
                let found = byNational[national] ?? []
                if found.count > 1 {
                    diagnostics.append(Diagnostic(.error, .spreadsheetDuplicateRow, "several entries have the national code \(national); add a 'Mã (code)' column to say which this row is", at: cell(row, "maTuongDuong")))
                    continue
                }
                index = found.first
            } else {
                // A row with a name but no code or national code: a section heading of an
                // official table (e.g. "I. Chuyển hóa"); nothing to import.
                continue
            }
            // The other numbers: accepted where they read back to what the entry holds.
            var rowRefused = false
            for (key, number) in numbers.sorted(by: { $0.key < $1.key }) where key != "code" {
                let held = index.map { Self.heldText(source.entries[$0], key) }
                if let held, SpreadsheetTable.numberReadsBack(number, as: held) {
                    values[key] = held
                } else {
                    refused.append(RefusedNumber(row: row, key: key, number: number, held: held))
                    rowRefused = true
                }
            }
            if rowRefused {
                if let index { seen[index] = seen[index] ?? row }
                continue
            }
            guard let index else {
                newRows.append((row, values))
                continue
            }
            if let first = seen[index] {
                diagnostics.append(Diagnostic(.error, .spreadsheetDuplicateRow, "this row and the row at \(at(CellPosition(row: first, column: 0))) are the same entry \(source.entries[index].code?.value ?? ""); keep one", at: at(CellPosition(row: row, column: 0))))
                continue
            }
            seen[index] = row
            compare(source.entries[index], row: row, values: values, listsToo: byCodeMatch)
            compareComputed(source.entries[index].code?.value, row: row, values: values)
        }
        // An official-style table (no code column) lists the entries in use: retired ones are
        // absent from it by nature.
        reportNumbers(refused)
        let listsRetired = table.columns["code"] != nil
        for (i, e) in source.entries.enumerated() where !unmatchedNumber && seen[i] == nil && (listsRetired || e.status?.value != "retired") {
            let name = e.code?.value ?? e.nameVi?.value ?? "an entry"
            diagnostics.append(Diagnostic(.error, .spreadsheetEntryMissing, "\(name) (\(e.location)) has no row in the sheet; entries are never deleted: put its row back and set its status to 'retired' with a reason", at: at(CellPosition(row: table.headerRow, column: 0)), notes: [Diagnostic.Note("the entry", at: e.location)]))
        }
        for (row, values) in newRows {
            compareComputed(nil, row: row, values: values)
            add(row: row, values: values)
        }
    }

    /// A number in a text-only cell that does not read back to the entry's value.
    struct RefusedNumber {
        var row: Int
        var key: String
        var number: String
        /// The entry's value of the field; nil for a new row (or a row matching no entry).
        var held: String?
    }

    /// The text an entry holds for a text-only field, as the annex sheet writes it.
    static func heldText(_ e: SourceEntry, _ key: String) -> String {
        switch key {
        case "code": e.code?.value ?? ""
        case "replacedBy": e.replacedBy?.value ?? ""
        case "maTuongDuong": e.nationalCodes.map { $0.maTuongDuong?.value ?? "" }.joined(separator: "\n")
        case "tt23": e.nationalCodes.allSatisfy { $0.tt23 == nil } ? "" : e.nationalCodes.map { $0.tt23?.value ?? "" }.joined(separator: "\n")
        default: ""
        }
    }

    /// One error per column for its refused numbers, at the first of them, listing them in
    /// row order (C8, C9, C10, ...).
    private mutating func reportNumbers(_ refused: [RefusedNumber]) {
        let byKey = Dictionary(grouping: refused, by: \.key)
        for key in byKey.keys.sorted(by: { (table.columns[$0] ?? 0) < (table.columns[$1] ?? 0) }) {
            let cells = byKey[key]!.sorted { $0.row < $1.row }
            let shown = cells.prefix(20).map { r -> String in
                let name = at(CellPosition(row: r.row, column: table.columns[key] ?? 0)).description.split(separator: "!").last.map(String.init) ?? ""
                let why = switch r.held {
                case nil: "no entry holds it yet"
                case let held? where held.isEmpty: "the entry has none"
                case let held? where Double(held) == Double(r.number): "the entry has '\(held)': which was typed?"
                case let held?: "the entry has '\(held)'"
                }
                return "\(name) (\(r.number); \(why))"
            }
            let more = cells.count > 20 ? ", and \(cells.count - 20) more" : ""
            let count = cells.count == 1 ? "this '\(key)' cell holds a number" : "\(cells.count) '\(key)' cells hold numbers"
            diagnostics.append(Diagnostic(.error, .spreadsheetNumberForText, "\(count), not text, and \(cells.count == 1 ? "it does" : "they do") not read back to the entry's value: \(shown.joined(separator: ", "))\(more); a number loses how it was written (23.20 becomes 23.2), so format the column as Text and type \(cells.count == 1 ? "the value" : "these values") again (a number equal to the value the entry already holds, such as 23.75, is accepted)", at: cell(cells[0].row, key)))
        }
    }

    /// Notes the computed cells of a row that differ from the catalog's history of `code`
    /// (a new row, `code` nil, has none: any value there is an edit).
    private mutating func compareComputed(_ code: String?, row: Int, values: [String: String]) {
        guard let history else { return }
        let known = code.flatMap(history)
        guard known != nil || code == nil else { return }
        for key in SpreadsheetTable.computedFields where table.columns[key] != nil {
            let expected = known?.value(ofField: key) ?? ""
            let value = values[key] ?? ""
            if value != expected { computedEdits.append((cell(row, key), value, expected)) }
        }
    }

    /// The source value of a scalar field.
    private func value(_ e: SourceEntry, _ key: String) -> Located<String>? {
        switch key {
        case "nameVi": e.nameVi
        case "nameEn": e.nameEn
        case "group": e.group
        case "status": e.status
        case "statusReason": e.statusReason
        case "replacedBy": e.replacedBy
        case "unmappedReason": e.unmappedReason
        default: EntryFields.attribute(named: key).flatMap { e[$0] }
        }
    }

    /// Turns the differences between a row and its entry into edits.
    private mutating func compare(_ e: SourceEntry, row: Int, values: [String: String], listsToo: Bool) {
        let fields = self.fields
        for key in fields where table.columns[key] != nil {
            let new = values[key] ?? ""
            let old = value(e, key)
            guard new != (old?.value ?? "") else { continue }
            let place = cell(row, key)
            var done: Bool
            if let old, new.isEmpty {
                done = edits.remove(old)
            } else if let old {
                done = edits.replace(old, with: new)
            } else if key == "unmappedReason" {
                let indent = String(repeating: " ", count: edits.indentation(of: e.status?.location ?? e.location))
                edits.insertLines([indent + "\(key): \(YAMLEdits.scalar(new, quoted: false))"], before: nextEntry(after: e))
                done = true
            } else if let anchor = fields.prefix(while: { $0 != key }).compactMap({ value(e, $0) }).last {
                done = edits.insert(key: key, value: new, after: anchor.location)
            } else {
                done = false
            }
            if done {
                changes.append("\(old?.location ?? e.location): \(e.code?.value ?? ""): \(key): \(old.map { "'\($0.value)'" } ?? "(none)") -> \(new.isEmpty ? "(none)" : "'\(new)'") (\(place))")
            } else {
                diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, "cannot change '\(key)' of \(e.code?.value ?? "this entry") in place (the value spans lines in \(old?.location.description ?? "the source")); edit the YAML by hand", at: place))
            }
        }
        guard listsToo else { return }
        let lines = { (text: String?) in (text ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        let oldCodes = e.nationalCodes.map { $0.maTuongDuong?.value ?? "" }
        let oldTT23 = e.nationalCodes.map { $0.tt23?.value ?? "" }
        let newCodes = table.columns["maTuongDuong"] != nil ? lines(values["maTuongDuong"]) : oldCodes
        let newTT23 = table.columns["tt23"] != nil ? (values["tt23"].map(lines) ?? newCodes.map { _ in "" }) : oldTT23
        if newCodes != oldCodes || newTT23 != oldTT23 {
            replaceNationalCodes(of: e, codes: newCodes, tt23: newTT23, at: cell(row, newCodes != oldCodes ? "maTuongDuong" : "tt23"))
        }
        // The annex sheet's mappings cell is a summary derived from the mappings sheet: an
        // edit there alone is carried, the summary left as it was (or made to agree) is fine,
        // and a summary that says something else than both is a conflict naming both cells.
        let code = e.code?.value ?? ""
        let oldMappings = MappingSheet.rows(of: e.mappings)
        let newMappings = mappingSheet.map { $0.byCode[code] ?? [] } ?? oldMappings
        let summary = values["mappings"].map(lines) ?? []
        if table.columns["mappings"] != nil, summary != oldMappings.map(\.summary), summary != newMappings.map(\.summary) {
            let sheet = XLSXLayout.mappingsSheetName
            let message: String
            if mappingSheet == nil {
                message = "the mappings of \(code) differ from the sources, and this workbook has no '\(sheet)' sheet to give their names and comments; edit them in \((e.mappings.first?.location ?? e.location).description)"
            } else if newMappings == oldMappings {
                message = "this cell summarises the '\(sheet)' sheet, which was not changed for \(code); a mapping is edited there (one row per mapping, with its name and comment) and this cell follows: put it back to '\(oldMappings.map(\.summary).joined(separator: "; "))'"
            } else {
                let rows = mappingSheet?.firstRow[code].map { mappingAt($0).description } ?? "no row of the '\(sheet)' sheet"
                message = "this cell says '\(summary.joined(separator: "; "))' but the '\(sheet)' sheet (\(rows)) says '\(newMappings.map(\.summary).joined(separator: "; "))' for \(code); edit the mapping on the '\(sheet)' sheet only (this cell follows it) or make the two agree"
            }
            diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, message, at: cell(row, "mappings")))
        } else if newMappings != oldMappings {
            replaceMappings(of: e, with: newMappings)
        }
    }

    /// Rewrites the entry's national-code list (block style) with the cells' lines: national
    /// codes and TT23 numbers pair up line by line, an empty TT23 line meaning none.
    private mutating func replaceNationalCodes(of e: SourceEntry, codes: [String], tt23: [String], at place: SourceLocation) {
        guard let first = e.nationalCodes.first, !codes.contains(where: \.isEmpty), tt23.count == codes.count else {
            diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, "the national codes and TT23 numbers of \(e.code?.value ?? "this entry") must pair up line by line (\(codes.count) codes, \(tt23.count) TT23 lines; leave a TT23 line empty for none) and none may be empty", at: place))
            return
        }
        let indent = String(repeating: " ", count: edits.indentation(of: first.location))
        var lines: [String] = []
        for (code, number) in zip(codes, tt23) {
            lines.append(indent + "- maTuongDuong: \(YAMLEdits.scalar(code, quoted: false))")
            if !number.isEmpty { lines.append(indent + "  tt23: \(YAMLEdits.scalar(number, quoted: true))") }
        }
        let last = e.nationalCodes.flatMap { [$0.location.line, $0.maTuongDuong?.location.line ?? 0, $0.tt23?.location.line ?? 0] }.max() ?? first.location.line
        if edits.replaceLines(from: first.location, through: last, with: lines) {
            changes.append("\(first.location): \(e.code?.value ?? ""): nationalCodes: \(describe(e.nationalCodes.map { ($0.maTuongDuong?.value ?? "", $0.tt23?.value ?? "") })) -> \(describe(Array(zip(codes, tt23)))) (\(place))")
        } else {
            unsupported("national codes", of: e, at: place, source: first.location)
        }
    }

    /// Rewrites the entry's mappings (block style) with the mappings sheet's rows: the list is
    /// replaced, added before `unmappedReason` (or at the entry's end), or removed with its key.
    private mutating func replaceMappings(of e: SourceEntry, with rows: [MappingSheet.Row]) {
        let place = rows.first.map { mappingAt($0.position) } ?? cell(0, "code")
        let fieldIndent = edits.indentation(of: e.status?.location ?? e.location)
        let itemIndent = e.mappings.first.map { edits.indentation(of: $0.location) } ?? fieldIndent + 2
        let item = String(repeating: " ", count: itemIndent)
        var lines: [String] = []
        for r in rows {
            lines.append(item + "- system: \(YAMLEdits.scalar(r.system, quoted: false))")
            lines.append(item + "  code: \(YAMLEdits.scalar(r.code, quoted: false))")
            lines.append(item + "  display: \(YAMLEdits.scalar(r.display, quoted: false))")
            lines.append(item + "  relationship: \(YAMLEdits.scalar(r.relationship, quoted: false))")
            if !r.comment.isEmpty { lines.append(item + "  comment: \(YAMLEdits.scalar(r.comment, quoted: false))") }
        }
        let done: Bool
        if let first = e.mappings.first {
            let last = e.mappings.flatMap { m in [m.location.line] + [m.system, m.code, m.display, m.relationship, m.comment].compactMap { $0?.location.line } }.max()!
            // With no rows left, the `mappings:` key line before the first item goes too.
            let from = rows.isEmpty ? SourceLocation(fileID: first.location.fileID, line: first.location.line - 1, column: 1) : first.location
            done = edits.replaceLines(from: from, through: last, with: lines, keyLine: rows.isEmpty)
        } else {
            let block = [String(repeating: " ", count: fieldIndent) + "mappings:"] + lines
            if let reason = e.unmappedReason {
                done = edits.insertLines(block, atLineOf: reason.location)
            } else {
                edits.insertLines(block, before: nextEntry(after: e))
                done = true
            }
        }
        if done {
            changes.append("\((e.mappings.first?.location ?? e.location)): \(e.code?.value ?? ""): mappings: \(MappingSheet.describeChange(from: MappingSheet.rows(of: e.mappings), to: rows)) (\(place))")
        } else {
            diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, "cannot rewrite the mappings of \(e.code?.value ?? "this entry") in place (not one line per value); edit \((e.mappings.first?.location ?? e.location).description) by hand", at: place))
        }
    }

    private func describe(_ codes: [(String, String)]) -> String {
        codes.map { $0.1.isEmpty ? $0.0 : "\($0.0) (\($0.1))" }.joined(separator: ", ")
    }

    private mutating func unsupported(_ what: String, of e: SourceEntry, at place: SourceLocation, source: SourceLocation?) {
        diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, "the \(what) of \(e.code?.value ?? "this entry") differ from the sources; import changes names, group, status, attributes and national codes, not \(what) written this way: edit them in \((source ?? e.location).description)", at: place))
    }

    /// Where the entry after `e` begins, or nil for the annex's last entry.
    private func nextEntry(after e: SourceEntry) -> SourceLocation? {
        let locations = entryLocations
        var lo = 0, hi = locations.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if locations[mid] > e.location { hi = mid } else { lo = mid + 1 }
        }
        return lo < locations.count ? locations[lo] : nil
    }

    /// Appends a row without a code as a new entry at the end of the annex.
    private mutating func add(row: Int, values: [String: String]) {
        var required = ["nameVi", "nameEn", "group", "status", "maTuongDuong"]
        required += kind == .laboratory ? ["specimen"] : ["modality", "bodyRegion", "contrast", "laterality"]
        let missing = required.filter { values[$0] == nil }
        guard missing.isEmpty else {
            diagnostics.append(Diagnostic(.error, .spreadsheetNewEntryIncomplete, "this row has no code and matches no entry, so it would be a new entry, which needs \(missing.map { "'\($0)'" }.joined(separator: ", ")); fill them in (add the columns if the sheet lacks them), or give the row its entry's code", at: at(CellPosition(row: row, column: 0))))
            return
        }
        // A new entry has no code yet: its rows on the mappings sheet name it by one of its
        // national codes, and its mappings cell (a summary) must agree with them or be empty.
        let national = values["maTuongDuong"]!.split(separator: "\n").map(String.init)
        let keys = national.filter { mappingSheet?.byCode[$0] != nil }
        let mappingRows = keys.flatMap { mappingSheet?.byCode[$0] ?? [] }
        if let summary = values["mappings"], summary.split(separator: "\n").map(String.init) != mappingRows.map(\.summary) {
            let sheet = XLSXLayout.mappingsSheetName
            diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, mappingRows.isEmpty
                ? "a new entry's mappings are rows of the '\(sheet)' sheet (system, code, display, relationship, comment) with the entry's national code \(national.first ?? "") in the 'Mã (code)' column; add them there and leave this cell empty (it follows them)"
                : "this cell says '\(summary.replacingOccurrences(of: "\n", with: "; "))' but the '\(sheet)' sheet says '\(mappingRows.map(\.summary).joined(separator: "; "))' for the national code \(keys.joined(separator: ", ")); edit the mappings on the '\(sheet)' sheet only (this cell follows them)",
                at: cell(row, "mappings")))
            return
        }
        newEntryMappingKeys.formUnion(keys)
        guard let last = lastEntry else {
            diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, "annex \(source.annex?.value ?? "") has no entries to add this one after; add the first entry to the YAML by hand", at: at(CellPosition(row: row, column: 0))))
            return
        }
        let dash = String(repeating: " ", count: edits.indentation(of: last.location))
        let field = dash + "  "
        var lines: [String] = []
        let scalar = { (v: String) in YAMLEdits.scalar(v, quoted: false) }
        for key in fields where key != "unmappedReason" {
            guard let v = values[key] else { continue }
            lines.append((lines.isEmpty ? dash + "- " : field) + "\(key): \(scalar(v))")
            if key == "replacedBy" || (key == "statusReason" && values["replacedBy"] == nil) || (key == "status" && values["statusReason"] == nil && values["replacedBy"] == nil) {
                lines.append(field + "nationalCodes:")
                let tt23 = values["tt23"].map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
                for (i, code) in values["maTuongDuong"]!.split(separator: "\n").enumerated() {
                    lines.append(field + "  - maTuongDuong: \(scalar(String(code)))")
                    if i < tt23.count, !tt23[i].isEmpty { lines.append(field + "    tt23: \(YAMLEdits.scalar(tt23[i], quoted: true))") }
                }
            }
        }
        if !mappingRows.isEmpty {
            lines.append(field + "mappings:")
            for r in mappingRows {
                lines.append(field + "  - system: \(scalar(r.system))")
                lines.append(field + "    code: \(scalar(r.code))")
                lines.append(field + "    display: \(scalar(r.display))")
                lines.append(field + "    relationship: \(scalar(r.relationship))")
                if !r.comment.isEmpty { lines.append(field + "    comment: \(scalar(r.comment))") }
            }
        }
        if let reason = values["unmappedReason"] { lines.append(field + "unmappedReason: \(scalar(reason))") }
        edits.insertLines(lines, before: nil)
        newEntries += 1
        let mapped = mappingRows.isEmpty ? "" : " with mappings \(mappingRows.map(\.summary).joined(separator: ", ")) (\(mappingAt(mappingRows[0].position)))"
        changes.append("\(source.file): new entry '\(values["nameVi"]!)' (\(at(CellPosition(row: row, column: 0))))\(mapped); run `lienthong assign` to give it a code")
    }
}
