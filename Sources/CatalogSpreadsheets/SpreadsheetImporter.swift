import CatalogCore
import CatalogEmitters
import CatalogSources
import Foundation

/// `lienthong import`: carries the rows of annex sheets (the exported workbook after edits, or
/// a table laid out as the official annexes are) into the YAML annex sources, editing only
/// what changed: a renamed entry gets its new name in place, a retired one its new status and
/// reason, a row without a code becomes a new entry at the end of the annex (`assign` then
/// gives it a code); changed national codes, and mappings changed in the mappings sheet,
/// rewrite that entry's list. Entries are matched by code, or by national code when the sheet
/// has no code column. What cannot be carried in place (a row removed, a value spanning lines)
/// is a diagnostic at the sheet's cell, and nothing is written.
public enum SpreadsheetImporter {
    /// The planned edits: new bytes per annex file, and one line per change for the report.
    public struct Plan: Sendable {
        public var editedFiles: [String: [UInt8]]
        public var changes: [String]
        public var newEntries: Int
    }

    /// Scalar fields compared between a row and its entry, in the order entries write them.
    static let scalarFields = [
        "nameVi", "nameEn", "group", "status", "statusReason", "replacedBy",
    ] + EntryFields.attributes.map(\.name) + ["unmappedReason"]
    static let laboratoryFields = Set(EntryFields.attributes(of: .laboratory).map(\.name))
    static let imagingFields = Set(EntryFields.attributes(of: .imaging).map(\.name))

    /// Plans the import of `bytes` (the file `fileName`) into `catalog`, whose annex files'
    /// bytes are in `sources`. `annex` limits the import to one annex (and lets a workbook with
    /// a single sheet of another name stand for it). The computed columns
    /// (``SpreadsheetTable/computedFields``) are never imported; `history` gives each code's
    /// history as the catalog computes it from the releases, and a workbook that differs from it
    /// there gets one warning (`LT1012`). Every part of the workbook unpacks into at most
    /// `maxPartSize` bytes. Returns the plan, or the diagnostics that stop it.
    public static func plan(_ bytes: [UInt8], fileName: String, annex: Int?, catalog: SourceCatalog,
                            sources: [String: [UInt8]], history: ((String) -> EntryHistory?)? = nil,
                            maxPartSize: Int = XLSXReader.maxMemberSize)
        -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let fileStart = SourceLocation.named(fileName)
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            return (nil, [notAWorkbook(bytes, at: fileStart)])
        }
        let workbook: SpreadsheetWorkbook
        do { workbook = try XLSXReader.read(bytes, maxPartSize: maxPartSize) } catch {
            return (nil, [Diagnostic(.error, .spreadsheetUnreadable, "cannot read the workbook: \(error.message); save it again as .xlsx (Excel Workbook)", at: fileStart)])
        }
        var diagnostics: [Diagnostic] = []
        var plan = Plan(editedFiles: [:], changes: [], newEntries: 0)
        let specs = catalog.manifest.annexes.compactMap { spec -> (Int, SourceAnnexSpec)? in spec.number.flatMap { Int($0.value) }.map { ($0, spec) } }
        var matchedAny = false
        var computedEdits: [(place: SourceLocation, value: String, catalog: String)] = []
        var newEntryMappingKeys: Set<String> = []
        // The exported mappings sheet, when the workbook has it (with the exported header).
        // Each sheet's base name and annex number, worked out once (a workbook may have
        // thousands of sheets).
        let bases = workbook.sheets.map { baseName($0.name) }
        let numbers = bases.map { annexNumber(baseName: $0) }
        let mappingParts = joined(workbook.sheets.indices.filter { bases[$0] == XLSXLayout.mappingsSheetName }.map { workbook.sheets[$0] })
        let dataSheets = workbook.sheets.indices.filter { numbers[$0] != nil || !isAuxiliary(bases[$0]) }.map { workbook.sheets[$0] }
        var partsByNumber: [Int: [SpreadsheetSheet]] = [:]
        for (i, number) in numbers.enumerated() { if let number { partsByNumber[number, default: []].append(workbook.sheets[i]) } }
        let mappingSheet = mappingParts.flatMap { MappingSheet($0.sheet) }
        let mappingAt = { (p: CellPosition) in let (name, cell) = mappingParts!.origin(p); return SourceLocation.named("\(fileName):\(name)!\(cell)") }
        for (number, spec) in specs.sorted(by: { $0.0 < $1.0 }) where annex == nil || annex == number {
            let parts = partsByNumber[number] ?? []
            guard let (sheet, origin) = parts.isEmpty ? (annex != nil && dataSheets.count == 1 ? joined([dataSheets[0]]) : nil) : joined(parts) else { continue }
            matchedAny = true
            guard let file = spec.file else { continue }
            let path = Validator.resolve(file.value, against: catalog.manifest.file)
            guard let source = catalog.annexes.first(where: { $0.file == path }), let text = sources[path] else { continue }
            let at = { (p: CellPosition) in let (name, cell) = origin(p); return SourceLocation.named("\(fileName):\(name)!\(cell)") }
            guard source.format == .yaml else {
                diagnostics.append(Diagnostic(.error, .spreadsheetUnsupportedEdit, "annex \(number) is written in XML (\(path)); import edits YAML sources only", at: at(CellPosition(row: 0, column: 0))))
                continue
            }
            guard let table = SpreadsheetTable.read(sheet, position: at, diagnostics: &diagnostics) else { continue }
            let kind = spec.kind.flatMap { AnnexKind(rawValue: $0.value) } ?? .laboratory
            var annexImport = AnnexImport(source: source, kind: kind, table: table, edits: YAMLEdits(text), at: at)
            annexImport.history = history
            if let sheet = mappingSheet {
                annexImport.mappingSheet = sheet
                annexImport.mappingAt = mappingAt
            }
            annexImport.run()
            diagnostics += annexImport.diagnostics
            computedEdits += annexImport.computedEdits
            newEntryMappingKeys.formUnion(annexImport.newEntryMappingKeys)
            if !annexImport.edits.isEmpty {
                plan.editedFiles[path] = annexImport.edits.applied()
                plan.changes += annexImport.changes
                plan.newEntries += annexImport.newEntries
            }
        }
        if let mappingSheet {
            let known = Set(catalog.annexes.flatMap { $0.entries.compactMap(\.code?.value) }).union(newEntryMappingKeys)
            for (code, position) in mappingSheet.firstRow.sorted(by: { $0.value.row < $1.value.row }) where !known.contains(code) {
                diagnostics.append(Diagnostic(.error, .spreadsheetUnknownCode, "'\(code)' is not the code of an entry; a mapping row names the entry it belongs to by its code (a new entry, which has no code yet, by its national code)", at: mappingAt(position)))
            }
        }
        if let first = computedEdits.first {
            diagnostics.append(computedColumnsWarning(first, count: computedEdits.count))
        }
        if !matchedAny {
            let names = workbook.sheets.prefix(20).map { "'\($0.name)'" }.joined(separator: ", ") + (workbook.sheets.count > 20 ? ", and \(workbook.sheets.count - 20) more" : "")
            let want = annex.map { "'\(XLSXLayout.annexSheetName($0))'" } ?? "'Phụ lục N'"
            diagnostics.append(Diagnostic(.error, .spreadsheetNoAnnexSheet, "no sheet for \(annex.map { "annex \($0)" } ?? "an annex") (sheets: \(names)); name the sheet \(want), or pass --annex N for a workbook of one sheet", at: fileStart))
        }
        return diagnostics.contains { $0.severity == .error } ? (nil, diagnostics) : (plan, diagnostics)
    }

    /// The one warning for every edited cell of the computed columns, at the first of them.
    static func computedColumnsWarning(_ first: (place: SourceLocation, value: String, catalog: String), count: Int) -> Diagnostic {
        let was = first.catalog.isEmpty ? "a new row has none" : "the catalog says '\(first.catalog)'"
        let others = count > 1 ? " (and \(count - 1) other cell\(count == 2 ? "" : "s"))" : ""
        let says = first.value.isEmpty ? "this cell is empty" : "this cell says '\(first.value)'"
        return Diagnostic(.warning, .spreadsheetComputedColumnEdited, "\(says) where \(was)\(others); the columns 'versionFirstReleased' and 'versionLastChanged' are computed from the published releases, so the edit is ignored", at: first.place)
    }

    /// The diagnostic for a file that is not a zip archive: a CSV (in UTF-8 or, as Excel's
    /// "CSV" saves it in Vietnam, Windows-1258) or something else.
    static func notAWorkbook(_ bytes: [UInt8], at location: SourceLocation) -> Diagnostic {
        let text = bytes.prefix(1 << 16)
        let looksLikeText = !text.isEmpty && !text.contains(0) && text.contains { $0 == 10 || $0 == 44 || $0 == 59 || $0 == 9 }
        guard looksLikeText else {
            return Diagnostic(.error, .spreadsheetUnreadable, "not an XLSX workbook; save it from Excel or LibreOffice as .xlsx (Excel Workbook)", at: location)
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            return Diagnostic(.error, .spreadsheetIsCSV, "this is a CSV or text file in a legacy encoding (Excel's 'CSV' saves Vietnamese in Windows-1258), not a workbook, and its diacritics would be lost; open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook), then import that", at: location)
        }
        return Diagnostic(.error, .spreadsheetIsCSV, "this is a CSV or text file, not a workbook; a CSV loses how codes were written (23.20 becomes 23.2), so open it in Excel or LibreOffice, check the codes, and save it as .xlsx (Excel Workbook)", at: location)
    }

    /// A sheet's name without the continuation suffix the exporter gives a table's later sheets
    /// (`Ánh xạ (2)` → `Ánh xạ`).
    static func baseName(_ name: String) -> String {
        // " (N)" at the end, N >= 2; parsed by hand (a regular expression per sheet is slow).
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex,
              name[name.index(before: open)] == " " else { return name }
        let digits = name[name.index(after: open)..<name.index(before: name.endIndex)]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n >= 2 else { return name }
        return String(name[..<name.index(before: open)])
    }

    /// One table from its sheets in order: the first sheet, then the data rows (below the
    /// header) of the continuation sheets, and how to find a joined cell's own sheet and cell.
    static func joined(_ parts: [SpreadsheetSheet]) -> (sheet: SpreadsheetSheet, origin: (CellPosition) -> (String, CellPosition))? {
        guard var sheet = parts.first else { return nil }
        var starts: [(row: Int, name: String)] = [(0, sheet.name)]
        for part in parts.dropFirst() {
            let offset = sheet.rowCount - 1
            starts.append((sheet.rowCount, part.name))
            for (position, cell) in part.cells where position.row > 0 {
                sheet.put(cell, at: CellPosition(row: position.row + offset, column: position.column))
            }
        }
        let origin = { (p: CellPosition) -> (String, CellPosition) in
            // The last part starting at or before the row (binary search: parts are in row order).
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid].row <= p.row { lo = mid } else { hi = mid - 1 }
            }
            guard lo > 0 else { return (starts[0].name, p) }
            return (starts[lo].name, CellPosition(row: p.row - starts[lo].row + 1, column: p.column))
        }
        return (sheet, origin)
    }

    /// The annex number a sheet's name gives (`Phụ lục 6`, `Phu luc 6`, `Annex 6`, and their
    /// continuation sheets `Phụ lục 6 (2)`).
    static func sheetNumber(_ name: String) -> Int? { annexNumber(baseName: baseName(name)) }

    /// The annex number a sheet's base name (``baseName(_:)``) gives.
    static func annexNumber(baseName: String) -> Int? {
        let folded = SpreadsheetTable.fold(baseName)
        for prefix in ["phu luc ", "annex "] where folded.hasPrefix(prefix) {
            return Int(folded.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Whether a sheet is one of the exported workbook's other sheets (notes, mappings, national codes).
    static func isAuxiliary(_ name: String) -> Bool {
        [XLSXLayout.nationalCodesSheetName, XLSXLayout.mappingsSheetName, XLSXLayout.notesSheetName, XLSXLayout.allowedValuesSheetName].contains(name)
    }
}
