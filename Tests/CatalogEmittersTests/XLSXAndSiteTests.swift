import CatalogCore
@testable import CatalogEmitters
import Foundation
import Testing

/// The parts of the `xlsx` and `site` emitters that golden files do not pin down on their own.
@Suite struct XLSXAndSiteTests {
    /// The workbook is dated midnight UTC of the effective date, computed without a calendar.
    @Test func documentDateIsTheEffectiveDate() {
        #expect(XLSXEmitter.epochSeconds(ofDate: "1970-01-01") == 0)
        #expect(XLSXEmitter.epochSeconds(ofDate: "2000-03-01") == 951_868_800)
        #expect(XLSXEmitter.epochSeconds(ofDate: "2026-07-01") == 1_782_864_000)
    }

    /// Several national codes stand one per line, TT23 numbers aligned with them; no TT23 at
    /// all leaves the cell empty rather than a blank line.
    @Test func multipleValuesAreLinesOfOneCell() throws {
        let catalog = try Golden.catalog("golden/yaml")
        for entry in catalog.entries {
            let national = XLSXLayout.value("maTuongDuong", of: entry, in: catalog).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(national.count == entry.nationalCodes.count)
            let tt23 = XLSXLayout.value("tt23", of: entry, in: catalog)
            #expect(tt23.isEmpty || tt23.split(separator: "\n", omittingEmptySubsequences: false).count == entry.nationalCodes.count)
            #expect(XLSXLayout.value("mappings", of: entry, in: catalog).isEmpty == entry.mappings.isEmpty)
        }
    }

    /// Every value of every closed vocabulary has its meaning in Vietnamese and English on the
    /// allowed-values sheet, each annex's groups are listed under their annex, and every
    /// enumerated column of the annex and mappings sheets gets a drop-down list pointing there.
    @Test func enumeratedColumnsHaveListsOfMeaningfulValues() throws {
        for (field, values) in XLSXAllowedValues.vocabularies {
            for value in values {
                let label = XLSXAllowedValues.labels[field]?[value]
                #expect(label != nil && label?.vi != value, "\(field) '\(value)' has no Vietnamese meaning")
            }
        }
        let catalog = try Golden.catalog("golden/yaml")
        let rows = XLSXAllowedValues.rows(catalog)
        for annex in catalog.annexes {
            #expect(rows.filter { $0.field == "group" && $0.annex == annex.number }.map(\.value) == annex.groups.map(\.id))
            let lists = XLSXEmitter.lists(XLSXLayout.annexColumns(annex.kind), annex: annex.number, rows)
            let keys = lists.map { XLSXLayout.annexColumns(annex.kind)[$0.column].key }
            // Group and status, then every attribute with a closed list of values (EntryFields).
            #expect(keys == (annex.kind == .laboratory ? ["group", "status", "specimen", "scale"] : ["group", "status", "modality", "bodyRegion", "contrast", "laterality"]))
        }
        let mappingLists = XLSXEmitter.lists(XLSXLayout.mappingColumns, annex: nil, rows)
        #expect(mappingLists.map { XLSXLayout.mappingColumns[$0.column].key } == ["system", "relationship"])
        let status = try #require(XLSXAllowedValues.source(of: "status", annex: nil, in: rows))
        let first = try #require(rows.firstIndex { $0.field == "status" })
        #expect(status == "='Giá trị cho phép'!$C$\(first + 2):$C$\(first + 4)")

        let bytes = XLSXEmitter().emit(catalog).first { $0.path.hasSuffix(".xlsx") }!.bytes
        let sheets = try XLSXShape.lines(name: "x", bytes: bytes)
        #expect(sheets.last == "x: sheet Giá trị cho phép: Cột (field),Phụ lục (annex),Giá trị (value),Nghĩa tiếng Việt (vi),Nghĩa tiếng Anh (en)")
        let annexSheet = try XLSXShape.member(bytes: bytes, "xl/worksheets/sheet1.xml")
        #expect(annexSheet.contains("<dataValidations count=\"\(XLSXEmitter.lists(XLSXLayout.annexColumns(catalog.annexes[0].kind), annex: catalog.annexes[0].number, rows).count)\">"))
        #expect(annexSheet.contains("sqref=\"D2:D1048576\""))
    }

    /// Every entry has its page, and every page is under `site/`.
    @Test func siteHasAPagePerEntry() throws {
        let catalog = try Golden.catalog("golden/yaml")
        let paths = Set(SiteEmitter().emit(catalog).map(\.path))
        #expect(paths.allSatisfy { $0.hasPrefix("site/") })
        for entry in catalog.entries { #expect(paths.contains("site/entry/\(entry.code).html")) }
        for annex in catalog.annexes { #expect(paths.contains("site/annex-\(annex.number).html")) }
    }

    /// Text from the sources cannot open markup in a page.
    @Test func textIsEscaped() {
        #expect(HTML.escape("<script>a & \"b\" 'c'</script>") == "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;")
        #expect(HTML.escape("Định lượng") == "Định lượng")
    }
}

/// A text longer than a cell holds is cut with a note instead of being dropped.
@Suite struct XLSXLongTextTests {
    @Test func aTooLongTextIsCutWithANote() throws {
        var catalog = try Golden.catalog("golden/yaml")
        catalog.entries[0].statusReason = String(repeating: "ạ", count: 40_000)
        let bytes = XLSXEmitter().emit(catalog)[0].bytes
        let lines = try XLSXShape.cells(bytes: bytes, sheet: 1)
        let cell = try #require(lines.first { $0.hasSuffix("[cut: the whole text is in json/catalog.json]") })
        #expect(cell.unicodeScalars.count <= 32_767)
    }
}
