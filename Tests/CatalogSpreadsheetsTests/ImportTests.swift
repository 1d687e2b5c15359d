import CatalogCore
@testable import CatalogEmitters
import CatalogSources
@testable import CatalogSpreadsheets
import Foundation
import Testing
import ZIPFoundation

/// The importer on workbooks written by the real exporter (libxlsxwriter): the exported
/// catalog comes back unchanged, and an edit made to the catalog before export comes back as
/// exactly that edit of the YAML source.
@Suite struct ImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Reader: SourceFileSystem {
        func contents(of path: String) throws -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
    }

    static func load(_ folder: String) throws -> (SourceLoader.Result, Catalog) {
        let loaded = SourceLoader.load(directory: root.appendingPathComponent(folder).path, from: Reader(), keepingBytes: true)
        let source = try #require(loaded.catalog)
        return (loaded, try #require(Validator.validate(source).catalog))
    }

    static func workbook(_ catalog: Catalog) -> [UInt8] { XLSXEmitter().emit(catalog)[0].bytes }

    @Test(arguments: ["Tests/Fixtures/golden/yaml", "annexes"])
    func exportThenImportChangesNothing(_ folder: String) throws {
        let (loaded, catalog) = try Self.load(folder)
        let (plan, diagnostics) = SpreadsheetImporter.plan(Self.workbook(catalog), fileName: "book.xlsx", annex: nil, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(plan?.editedFiles.isEmpty == true)
    }

    /// The history columns are computed: the exported values import as nothing, and edits
    /// there are ignored with one warning (LT1012) at the first edited cell, however many.
    @Test func historyColumnsAreComputedAndIgnored() throws {
        let (loaded, original) = try Self.load("annexes")
        let v = { (text: String) in SemanticVersion(text)! }
        var catalog = original
        for e in catalog.entries { catalog.history[e.code] = EntryHistory(firstReleased: v("2026.1.0"), lastChanged: v("2026.2.0")) }
        let history = catalog.history
        let unchanged = SpreadsheetImporter.plan(Self.workbook(catalog), fileName: "book.xlsx", annex: nil, catalog: loaded.catalog!,
                                                 sources: loaded.annexBytes, history: { history[$0] })
        #expect(unchanged.diagnostics.isEmpty, "\(unchanged.diagnostics.map(\.description))")
        #expect(unchanged.plan?.editedFiles.isEmpty == true)

        catalog.history["HS0001D"] = EntryHistory(firstReleased: v("2025.1.0"), lastChanged: v("2026.9.0"))
        catalog.history["HS00119"]?.lastChanged = v("2026.3.0")
        let edited = SpreadsheetImporter.plan(Self.workbook(catalog), fileName: "book.xlsx", annex: nil, catalog: loaded.catalog!,
                                              sources: loaded.annexBytes, history: { history[$0] })
        #expect(edited.plan?.editedFiles.isEmpty == true)
        let warning = try #require(edited.diagnostics.first)
        #expect(edited.diagnostics.count == 1)
        #expect(warning.severity == .warning && warning.rule == .spreadsheetComputedColumnEdited)
        #expect(warning.description.contains("book.xlsx:Phụ lục 1!"))
        #expect(warning.description.contains("'2025.1.0' where the catalog says '2026.1.0' (and 2 other cells)"))
        #expect(warning.description.hasSuffix("computed from the published releases, so the edit is ignored [LT1012]"))

        // Without the catalog's history (sources that do not compile yet), nothing is compared.
        let unknown = SpreadsheetImporter.plan(Self.workbook(catalog), fileName: "book.xlsx", annex: nil, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(unknown.diagnostics.isEmpty)
    }

    /// A rename and a retirement in the workbook become exactly those lines of the source.
    @Test func renameAndRetireComeBackAsThoseEdits() throws {
        let (loaded, original) = try Self.load("annexes")
        var catalog = original
        let renamed = try #require(catalog.entries.firstIndex { $0.code == "HS0001D" })
        catalog.entries[renamed].nameVi = "Định lượng Glucose [Máu] (đã sửa)"
        let retired = try #require(catalog.entries.firstIndex { $0.code == "HS00119" })
        catalog.entries[retired].status = .retired
        catalog.entries[retired].statusReason = "Thử nghiệm: rút khỏi danh mục."
        let (plan, diagnostics) = SpreadsheetImporter.plan(Self.workbook(catalog), fileName: "book.xlsx", annex: 1, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        let file = try #require(loaded.annexBytes.keys.first { $0.hasSuffix("01-hoa-sinh.yaml") })
        let before = String(decoding: loaded.annexBytes[file]!, as: UTF8.self).components(separatedBy: "\n")
        let after = String(decoding: try #require(plan?.editedFiles[file]), as: UTF8.self).components(separatedBy: "\n")
        let removed = before.filter { !after.contains($0) }, added = after.filter { !before.contains($0) }
        #expect(removed == ["    nameVi: Định lượng Glucose [Máu]", "    status: active"] || Set(removed) == ["    nameVi: Định lượng Glucose [Máu]"])
        #expect(added.contains("    nameVi: Định lượng Glucose [Máu] (đã sửa)"))
        #expect(added.contains("    status: retired"))
        #expect(added.contains("    statusReason: Thử nghiệm: rút khỏi danh mục.") == false)
        #expect(added.contains("    statusReason: \"Thử nghiệm: rút khỏi danh mục.\""))
        #expect(after.count == before.count + 1)
        #expect(plan?.changes.count == 3)
    }

    /// A row without a code becomes a new entry at the end of the annex, which validates once
    /// `assign` has given it a code.
    @Test func aNewRowBecomesANewEntry() throws {
        let (loaded, original) = try Self.load("Tests/Fixtures/golden/yaml")
        var catalog = original
        let template = try #require(catalog.entries.first { $0.status == .active && $0.mappings.isEmpty == false })
        var added = template
        added.code = ""
        added.nameVi = "Định lượng mới [Máu]"
        added.nameEn = "New test, quantitative [blood]"
        added.mappings = []
        added.unmappedReason = "Chưa có mã LOINC tương ứng."
        added.nationalCodes = [NationalCode(maTuongDuong: "23.0999.1999", tt23: "23.20")]
        let end = catalog.entries.lastIndex { $0.annex == template.annex }! + 1
        catalog.entries.insert(added, at: end)
        let (plan, diagnostics) = SpreadsheetImporter.plan(Self.workbook(catalog), fileName: "book.xlsx", annex: template.annex, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(plan?.newEntries == 1)
        let (file, bytes) = try #require(plan?.editedFiles.first)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("- nameVi: Định lượng mới [Máu]"))
        #expect(text.contains("tt23: \"23.20\""))
        #expect(text.hasPrefix(String(decoding: loaded.annexBytes[file]!, as: UTF8.self).trimmingCharacters(in: .newlines)))
    }

    /// A table longer than a sheet goes on in continuation sheets (`Phụ lục 6 (2)`), and the
    /// importer reads them as one table, reporting cells in their own sheet.
    @Test func continuationSheetsComeBackAsOneTable() throws {
        let (loaded, original) = try Self.load("annexes")
        let emitter = XLSXEmitter(rowsPerSheet: 100)
        let names = try XLSXReader.read(emitter.emit(original)[0].bytes).sheets.map(\.name)
        #expect(names.contains("Phụ lục 6 (6)") && names.contains("Ánh xạ (2)") && !names.contains("Phụ lục 1 (2)"))
        var nothing = SpreadsheetImporter.plan(emitter.emit(original)[0].bytes, fileName: "b.xlsx", annex: nil, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(nothing.diagnostics.isEmpty, "\(nothing.diagnostics.map(\.description))")
        #expect(nothing.plan?.editedFiles.isEmpty == true)
        var catalog = original
        let entries = catalog.entries.indices.filter { catalog.entries[$0].annex == 6 }
        let index = entries[250]
        catalog.entries[index].nameEn += " (edited)"
        nothing = SpreadsheetImporter.plan(emitter.emit(catalog)[0].bytes, fileName: "b.xlsx", annex: 6, catalog: loaded.catalog!, sources: loaded.annexBytes)
        #expect(nothing.plan?.changes.count == 1)
        #expect(nothing.plan?.changes.first?.hasSuffix("(b.xlsx:Phụ lục 6 (3)!C52)") == true, "\(nothing.plan?.changes ?? [])")
    }

    @Test func cellPositions() {
        #expect(CellPosition(a1: "C12") == CellPosition(row: 11, column: 2))
        #expect(CellPosition(a1: "$AA$3") == CellPosition(row: 2, column: 26))
        #expect(CellPosition(row: 0, column: 27).description == "AB1")
        #expect(CellPosition(a1: "12") == nil)
    }

    @Test func yamlScalarsStayText() {
        #expect(YAMLEdits.scalar("Định lượng Glucose", quoted: false) == "Định lượng Glucose")
        #expect(YAMLEdits.scalar("23.20", quoted: false) == "\"23.20\"")
        #expect(YAMLEdits.scalar("23.0075.1494", quoted: false) == "23.0075.1494")
        #expect(YAMLEdits.scalar("no", quoted: false) == "\"no\"")
        #expect(YAMLEdits.scalar("a: b", quoted: false) == "\"a: b\"")
        #expect(YAMLEdits.scalar("say \"x\"", quoted: true) == "\"say \\\"x\\\"\"")
    }

    @Test func headingsAreRecognisedWithOrWithoutDiacritics() {
        #expect(SpreadsheetTable.field(forHeading: "Tên kỹ thuật") == "nameVi")
        #expect(SpreadsheetTable.field(forHeading: "TEN KY THUAT") == "nameVi")
        #expect(SpreadsheetTable.field(forHeading: "Mã tương đương") == "maTuongDuong")
        #expect(SpreadsheetTable.field(forHeading: "Số TT23 (tt23)") == "tt23")
        #expect(SpreadsheetTable.field(forHeading: "STT") == "")
        #expect(SpreadsheetTable.field(forHeading: "Giá") == nil)
        #expect(SpreadsheetImporter.sheetNumber("Phụ lục 6") == 6)
        #expect(SpreadsheetImporter.sheetNumber("Annex 2") == 2)
    }

    @Test func aCSVInWindows1258IsNamedAsSuch() {
        // "Định lượng" in Windows-1258: Đ = 0xD0, ị = i + combining dot below (0xF2).
        let csv: [UInt8] = Array("STT,".utf8) + [0xD0, 0x69, 0xF2, 0x6E, 0x68] + Array(",23.20\r\n".utf8)
        let d = SpreadsheetImporter.notAWorkbook(csv, at: .named("annex-1.csv"))
        #expect(d.rule == .spreadsheetIsCSV)
        #expect(d.message.contains("Windows-1258"))
        #expect(d.description.hasPrefix("annex-1.csv: error: "))
    }
}

/// Hostile workbooks end in one diagnostic, never a crash or an entity expansion.
@Suite struct HostileWorkbookTests {
    static func zip(_ members: [String: String]) throws -> [UInt8] {
        let archive = try ZIPFoundation.Archive(data: Data(), accessMode: .create)
        for (path, text) in members.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    @Test func aDoctypeIsRefused() throws {
        let bytes = try Self.zip(["xl/workbook.xml": "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><workbook><sheets><sheet name=\"&a;\"/></sheets></workbook>"])
        #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(bytes) }
    }

    @Test func notAZipOrNoWorkbook() throws {
        #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(Array("PK\u{3}\u{4}garbage".utf8)) }
        #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(try Self.zip(["readme.txt": "x"])) }
    }

    @Test func aMinimalWorkbookIsRead() throws {
        let bytes = try Self.zip([
            "xl/workbook.xml": #"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Phụ lục 1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships><Relationship Id="rId1" Target="worksheets/s.xml"/></Relationships>"#,
            "xl/sharedStrings.xml": "<sst><si><t>Mã tương đương</t></si><si><r><t>23.0075</t></r><r><t>.1494</t></r></si></sst>",
            "xl/worksheets/s.xml": #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>TT23</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>23.2</v></c></row></sheetData><mergeCells><mergeCell ref="C1:D1"/></mergeCells></worksheet>"#,
        ])
        let sheet = try #require(try XLSXReader.read(bytes).sheets.first)
        #expect(sheet.name == "Phụ lục 1")
        #expect(sheet.text(0, 0) == "Mã tương đương")
        #expect(sheet.text(0, 1) == "TT23")
        #expect(sheet.cells[CellPosition(row: 1, column: 0)] == SpreadsheetCell(text: "23.0075.1494", kind: .text))
        #expect(sheet.cells[CellPosition(row: 1, column: 1)] == SpreadsheetCell(text: "23.2", kind: .number))
        #expect(sheet.merged.count == 1)
    }
}
