import CatalogCore
@testable import CatalogEmitters
import CatalogSources
@testable import CatalogSpreadsheets
import Foundation
import Testing

/// Tables as the Ministry and the national lists lay them out (issue 26): headings of their
/// own, the header under merged title rows, section rows, numbers typed in text columns; each
/// imports as exactly its changes.
@Suite struct RealTableTests {
    typealias Cell = TestWorkbook.Cell

    /// The lines that differ between two versions of a file: (removed, added).
    static func lineDiff(_ before: [UInt8], _ after: [UInt8]) -> (removed: [String], added: [String]) {
        let a = String(decoding: before, as: UTF8.self).components(separatedBy: "\n")
        let b = String(decoding: after, as: UTF8.self).components(separatedBy: "\n")
        let diff = b.difference(from: a)
        var removed: [String] = [], added: [String] = []
        for change in diff {
            switch change {
            case .remove(_, let line, _): removed.append(line)
            case .insert(_, let line, _): added.append(line)
            }
        }
        return (removed, added)
    }

    /// An official-style table of annex 1 of the golden catalog: title rows merged above the
    /// header on row 6, section rows, every entry in use by its national code, one renamed.
    static func officialTable(_ catalog: Catalog, headings: [String], fields: [String], renamed: String) -> TestWorkbook.Sheet {
        let width = headings.count
        var rows: [[Cell?]] = [
            [.text("BỘ Y TẾ")], [.text("PHỤ LỤC 1")], [.text("DANH MỤC XÉT NGHIỆM HÓA SINH LIÊN THÔNG")], [],
            [.text("(Ban hành kèm theo Thông tư số …/2026/TT-BYT)")],
            headings.map { .text($0) },
            [.text("I. HÓA SINH")],
        ]
        let entries = catalog.entries.filter { $0.annex == 1 && $0.status != .retired }
        for (n, e) in entries.enumerated() {
            if n == 2 { rows.append([.text("II. ĐIỆN GIẢI VÀ KHÍ MÁU")]) }
            rows.append(fields.map { field -> Cell? in
                switch field {
                case "stt": .number(String(n + 1))
                case "maTuongDuong": .text(e.nationalCodes[0].maTuongDuong)
                case "nameVi": .text(e.nameVi + (e.code == renamed ? " (bản chính thức)" : ""))
                default: nil
                }
            })
        }
        let last = CellPosition.letters(width - 1)
        return TestWorkbook.Sheet(name: "Bảng 1", rows: rows, merged: [1, 2, 3, 5, 7, 10].map { "A\($0):\(last)\($0)" })
    }

    static let headingForms: [([String], [String])] = [
        (["STT", "Mã dịch vụ", "Tên dịch vụ kỹ thuật"], ["stt", "maTuongDuong", "nameVi"]),
        (["STT", "Mã DVKT", "Tên DVKT"], ["stt", "maTuongDuong", "nameVi"]),
        (["STT", "MA_TUONG_DUONG", "TEN_DVKT_PHEDUYET"], ["stt", "maTuongDuong", "nameVi"]),
        (["stt", "ma dich vu", "TEN DICH VU KY THUAT"], ["stt", "maTuongDuong", "nameVi"]),
        (["STT", "MÃ\nDỊCH VỤ", "Tên dịch vụ\nkỹ thuật"], ["stt", "maTuongDuong", "nameVi"]),
        // The national code first: the section rows' text lands in its column.
        (["Mã tương đương", "STT", "TEN_DVKT_PHEDUYET"], ["maTuongDuong", "stt", "nameVi"]),
    ]

    @Test(arguments: headingForms.indices)
    func anOfficialTableImportsAsItsOneRename(_ form: Int) throws {
        let (loaded, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        let (headings, fields) = Self.headingForms[form]
        let book = try TestWorkbook.bytes([Self.officialTable(catalog, headings: headings, fields: fields, renamed: "HS0001D")])
        let (plan, diagnostics) = SpreadsheetImporter.plan(book, fileName: "bang.xlsx", annex: 1, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(diagnostics.isEmpty, "\(headings): \(diagnostics.map(\.description))")
        let (file, bytes) = try #require(plan?.editedFiles.first)
        let diff = Self.lineDiff(loaded.annexBytes[file]!, bytes)
        #expect(diff.removed == ["    nameVi: Định lượng Glucose [Máu]"])
        #expect(diff.added == ["    nameVi: Định lượng Glucose [Máu] (bản chính thức)"])
        #expect(plan?.changes.count == 1)
        #expect(plan?.changes.first?.hasSuffix("(bang.xlsx:Bảng 1!\(CellPosition.letters(fields.firstIndex(of: "nameVi")!))8)") == true, "\(plan?.changes ?? [])")
    }

    @Test func headingSynonymsFold() {
        for (heading, field) in [("Mã dịch vụ", "maTuongDuong"), ("MA_DICH_VU", "maTuongDuong"), ("Mã DVKT", "maTuongDuong"), ("MA_TUONG_DUONG", "maTuongDuong"),
                                 ("TEN_DVKT_PHEDUYET", "nameVi"), ("Tên DVKT", "nameVi"), ("TÊN DỊCH VỤ\nKỸ THUẬT", "nameVi"), ("TEN_DICH_VU", "nameVi"),
                                 ("Mã kỹ thuật (TT23/2024)", "tt23"), ("  stt ", "")] {
            #expect(SpreadsheetTable.field(forHeading: heading) == field, "\(heading)")
        }
        #expect(SpreadsheetTable.field(forHeading: "DON_GIA") == nil)
        #expect(SpreadsheetTable.isSectionRow(["I. HÓA SINH", "", ""]))
        #expect(SpreadsheetTable.isSectionRow(["", "", "HUYẾT HỌC"]))
        #expect(!SpreadsheetTable.isSectionRow(["23.0075.1494", "", ""]))
        #expect(!SpreadsheetTable.isSectionRow(["1", "Định lượng Glucose", "23.0075.1494"]))
    }

    /// A column import does not know is one warning naming it; the rest imports.
    @Test func unknownColumnsAreOneWarningNamingThem() throws {
        let (loaded, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        var sheet = Self.officialTable(catalog, headings: ["STT", "Mã dịch vụ", "Tên dịch vụ kỹ thuật", "Đơn giá", "GHI_CHU_2"], fields: ["stt", "maTuongDuong", "nameVi", "price", "note"], renamed: "")
        sheet.rows[7 + 1][3] = .number("27000")
        let (plan, diagnostics) = SpreadsheetImporter.plan(try TestWorkbook.bytes([sheet]), fileName: "bang.xlsx", annex: 1, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(plan?.editedFiles.isEmpty == true)
        #expect(diagnostics.count == 1)
        let warning = try #require(diagnostics.first)
        #expect(warning.severity == .warning && warning.rule == .spreadsheetUnknownColumn)
        #expect(warning.description.hasPrefix("bang.xlsx:Bảng 1!D6: warning: import does not know the columns 'Đơn giá' (D), 'GHI_CHU_2' (E)"), "\(warning.description)")
    }

    /// No row qualifies: the message names the row most like a header, its unknown headings
    /// and its known ones.
    @Test func noHeaderNamesTheLikeliestRow() throws {
        let (loaded, _) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        let sheet = TestWorkbook.Sheet(name: "Bảng 1", rows: [[.text("DANH MỤC")], [], [.text("STT"), .text("Mã số DV"), .text("Tên gọi")], [.number("1"), .text("23.0075.1494"), .text("Glucose")]])
        let (plan, diagnostics) = SpreadsheetImporter.plan(try TestWorkbook.bytes([sheet]), fileName: "bang.xlsx", annex: 1, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(plan == nil)
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1 && error.rule == .spreadsheetColumnMissing)
        #expect(error.description.hasPrefix("bang.xlsx:Bảng 1!A3: error: no header row: none of the first 30 rows names two columns import knows; row 3 looks most like a header (it names 'STT' (A)), but its headings 'Mã số DV' (B), 'Tên gọi' (C) are not known"), "\(error.description)")
        #expect(error.message.contains("TEN_DVKT_PHEDUYET"))
    }

    /// TT23 numbers typed as numbers: accepted where they read back to the entry's value,
    /// refused where ambiguous (23.2 for "23.20") or different, in one error per column with
    /// the cells in row order.
    @Test func numbersInTheTT23ColumnReadBackOrAreReportedOnce() throws {
        let (loaded, catalog) = try ImportTests.load("annexes")
        let entries = catalog.entries.filter { $0.annex == 1 }
        func sheet(changing changed: Set<Int>) -> TestWorkbook.Sheet {
            var rows: [[Cell?]] = [["Mã (code)", "Tên tiếng Việt (nameVi)", "Số TT23 (tt23)"]]
            for (i, e) in entries.enumerated() {
                let tt23 = e.nationalCodes.allSatisfy { $0.tt23 == nil } ? "" : e.nationalCodes.map { $0.tt23 ?? "" }.joined(separator: "\n")
                let cell: Cell? = if changed.contains(i + 1) { .number("99.5") } else if e.nationalCodes.count == 1, let t = e.nationalCodes[0].tt23, let d = Double(t) { .number("\(d)") } else { tt23.isEmpty ? nil : .text(tt23) }
                rows.append([.text(e.code), .text(e.nameVi), cell])
            }
            return TestWorkbook.Sheet(name: "Phụ lục 1", rows: rows)
        }
        let ambiguous = entries.enumerated().filter { $0.element.nationalCodes.count == 1 && ($0.element.nationalCodes[0].tt23?.hasSuffix("0") ?? false) }.map { $0.offset + 1 }
        #expect(ambiguous.count >= 2 && ambiguous.contains { $0 >= 10 })
        // Rows 8 and 9 (C8, C9) hold other numbers; the ambiguous ones come after, from C10 on.
        let (plan, diagnostics) = SpreadsheetImporter.plan(try TestWorkbook.bytes([sheet(changing: [7, 8])]), fileName: "b.xlsx", annex: 1, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(plan == nil)
        #expect(diagnostics.count == 1, "\(diagnostics.map(\.description))")
        let error = try #require(diagnostics.first)
        #expect(error.rule == .spreadsheetNumberForText)
        let refused = Set(ambiguous + [7, 8]).sorted().map { $0 + 1 }
        #expect(error.description.hasPrefix("b.xlsx:Phụ lục 1!C\(refused[0]): error: \(refused.count) 'tt23' cells hold numbers"), "\(error.description)")
        // Rows in numeric order: C5, C8, C9, C23, … (not C23 before C5).
        let listed = error.message.matches(of: /C([0-9]+) \(/).map { Int($0.1)! }
        #expect(listed == refused && listed.contains(8) && listed.contains(9) && listed.contains { $0 >= 10 }, "\(listed)")
        #expect(error.message.contains("(23.2; the entry has '23.20': which was typed?)"))
        // Only numbers that read back: accepted, nothing to change.
        let (same, none) = SpreadsheetImporter.plan(try TestWorkbook.bytes([sheet(changing: []).withoutAmbiguous(ambiguous, entries)]), fileName: "b.xlsx", annex: 1, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(none.isEmpty, "\(none.map(\.description))")
        #expect(same?.editedFiles.isEmpty == true)
    }

    /// The annex sheets' mappings cells are derived from the mappings sheet: an edit there
    /// alone is carried (and described exactly); a summary that disagrees with both names both cells.
    @Test func mappingSheetEditsAloneAreCarried() throws {
        let (loaded, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        var workbook = try XLSXReader.read(ImportTests.workbook(catalog))
        let m = try #require(workbook.sheets.firstIndex { $0.name == XLSXLayout.mappingsSheetName })
        let row = try #require((1..<workbook.sheets[m].rowCount).first { workbook.sheets[m].text($0, 0) == "HS0001D" })
        workbook.sheets[m].put(SpreadsheetCell(text: "related-to", kind: .text), at: CellPosition(row: row, column: 4))
        workbook.sheets[m].put(SpreadsheetCell(text: "Nhận xét mới.", kind: .text), at: CellPosition(row: row, column: 5))
        let (plan, diagnostics) = SpreadsheetImporter.plan(try TestWorkbook.bytes(workbook), fileName: "b.xlsx", annex: nil, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(plan?.changes.count == 1)
        #expect(plan?.changes.first?.contains("HS0001D: mappings: loinc 2345-7: relationship 'equivalent' -> 'related-to', comment (none) -> 'Nhận xét mới.' (b.xlsx:Ánh xạ!A\(row + 1))") == true, "\(plan?.changes ?? [])")
        let (file, bytes) = try #require(plan?.editedFiles.first)
        let diff = Self.lineDiff(loaded.annexBytes[file]!, bytes)
        #expect(diff.removed == ["        relationship: equivalent"])
        #expect(diff.added == ["        relationship: related-to", "        comment: Nhận xét mới."])

        // The summary cell edited too, to something else again: one error naming both cells.
        let a = try #require(workbook.sheets.firstIndex { $0.name == "Phụ lục 1" })
        let summaryColumn = try #require((0..<workbook.sheets[a].columnCount).first { workbook.sheets[a].text(0, $0).hasSuffix("(mappings)") })
        let entryRow = try #require((1..<workbook.sheets[a].rowCount).first { workbook.sheets[a].text($0, 0) == "HS0001D" })
        workbook.sheets[a].put(SpreadsheetCell(text: "loinc 2345-7 (source-is-broader-than-target)", kind: .text), at: CellPosition(row: entryRow, column: summaryColumn))
        let conflict = SpreadsheetImporter.plan(try TestWorkbook.bytes(workbook), fileName: "b.xlsx", annex: nil, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(conflict.plan == nil && conflict.diagnostics.count == 1)
        let error = try #require(conflict.diagnostics.first)
        #expect(error.rule == .spreadsheetUnsupportedEdit)
        #expect(error.description.hasPrefix("b.xlsx:Phụ lục 1!\(CellPosition(row: entryRow, column: summaryColumn)): error: this cell says 'loinc 2345-7 (source-is-broader-than-target)' but the 'Ánh xạ' sheet (b.xlsx:Ánh xạ!A\(row + 1)) says 'loinc 2345-7 (related-to)' for HS0001D"), "\(error.description)")
    }
}

extension TestWorkbook.Sheet {
    /// The sheet with the ambiguous rows' TT23 cells written as text (as they should be).
    func withoutAmbiguous(_ rows: [Int], _ entries: [Entry]) -> Self {
        var copy = self
        for r in rows { copy.rows[r][2] = .text(entries[r - 1].nationalCodes[0].tt23!) }
        return copy
    }
}
