import CatalogCore
@testable import CatalogSpreadsheets
import Foundation
import Testing

/// One workbook per spreadsheet rule that no other test provokes: each gives its diagnostic,
/// with its rule ID, and no plan to write.
@Suite struct SheetRuleTests {
    typealias Cell = TestWorkbook.Cell

    /// The golden catalog's annex 1 as a sheet of code, nameVi and nameEn, rows changed by `edit`.
    static func annexSheet(_ catalog: Catalog, name: String = "Phụ lục 1", edit: (inout [[Cell?]]) -> Void = { _ in }) -> TestWorkbook.Sheet {
        var rows: [[Cell?]] = [["Mã (code)", "Tên tiếng Việt (nameVi)", "Tên tiếng Anh (nameEn)"]]
        for e in catalog.entries where e.annex == 1 { rows.append([.text(e.code), .text(e.nameVi), .text(e.nameEn)]) }
        edit(&rows)
        return TestWorkbook.Sheet(name: name, rows: rows)
    }

    /// The diagnostics of importing `sheets` into annex `annex` of the golden catalog.
    static func diagnostics(_ sheets: [TestWorkbook.Sheet], annex: Int? = 1) throws -> (SpreadsheetImporter.Plan?, [Diagnostic]) {
        let (loaded, _) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        return SpreadsheetImporter.plan(try TestWorkbook.bytes(sheets), fileName: "t.xlsx", annex: annex, catalog: loaded.catalog!, sources: loaded.annexBytes)
    }

    @Test func aMissingRowIsRefusedBecauseEntriesAreNeverDeleted() throws {
        let (_, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        let (plan, diagnostics) = try Self.diagnostics([Self.annexSheet(catalog) { $0.remove(at: 1) }])
        #expect(plan == nil)
        #expect(diagnostics.contains { $0.rule == .spreadsheetEntryMissing }, "\(diagnostics.map(\.description))")
    }

    @Test func anUnknownCodeIsNamed() throws {
        let (_, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        let (plan, diagnostics) = try Self.diagnostics([Self.annexSheet(catalog) { $0.append([.text("HS9999X"), .text("Định lượng gì đó [Máu]"), .text("Something")]) }])
        #expect(plan == nil)
        #expect(diagnostics.contains { $0.rule == .spreadsheetUnknownCode && $0.message.contains("'HS9999X'") }, "\(diagnostics.map(\.description))")
    }

    @Test func aWorkbookWithoutTheAnnexSheetIsNamed() throws {
        let (_, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        let (plan, diagnostics) = try Self.diagnostics([Self.annexSheet(catalog, name: "Trang tính 1"), Self.annexSheet(catalog, name: "Trang tính 2")], annex: nil)
        #expect(plan == nil)
        #expect(diagnostics.map(\.rule) == [.spreadsheetNoAnnexSheet], "\(diagnostics.map(\.description))")
    }

    @Test func aNewRowWithoutItsRequiredFieldsIsIncomplete() throws {
        let (_, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        // A row with no code and a national code no entry has: a new entry, which needs its group,
        // status and specimen too.
        var rows: [[Cell?]] = [["Mã (code)", "Tên tiếng Việt (nameVi)", "Tên tiếng Anh (nameEn)", "Mã tương đương (maTuongDuong)"]]
        for e in catalog.entries where e.annex == 1 { rows.append([.text(e.code), .text(e.nameVi), .text(e.nameEn), .text(e.nationalCodes.map(\.maTuongDuong).joined(separator: "\n"))]) }
        rows.append([nil, .text("Định lượng Insulin [Máu]"), .text("Insulin, quantitative [blood]"), .text("23.0999.1999")])
        let (plan, diagnostics) = try Self.diagnostics([TestWorkbook.Sheet(name: "Phụ lục 1", rows: rows)])
        #expect(plan == nil)
        #expect(diagnostics.contains { $0.rule == .spreadsheetNewEntryIncomplete && $0.message.contains("'group'") }, "\(diagnostics.map(\.description))")
    }

    @Test func theSameEntryTwiceIsADuplicateRow() throws {
        let (_, catalog) = try ImportTests.load("Tests/Fixtures/golden/yaml")
        let (plan, diagnostics) = try Self.diagnostics([Self.annexSheet(catalog) { $0.append($0[1]) }])
        #expect(plan == nil)
        #expect(diagnostics.contains { $0.rule == .spreadsheetDuplicateRow }, "\(diagnostics.map(\.description))")
    }
}
