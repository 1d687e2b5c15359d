import CatalogCore
import CatalogSources
import Testing

/// Positions and shapes as the two readers report them.
@Suite struct ReaderTests {
    static let yaml = """
    annex: 1
    groups:
      - {id: chung, nameVi: "Chung", nameEn: General}
    entries:
      - code: HS0001D
        nameVi: Định lượng
        nationalCodes:
          - maTuongDuong: 23.0075.1494

    """

    static let xml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <annex annex="1">
      <groups><group id="chung" nameVi="Chung" nameEn="General"/></groups>
      <entries>
        <entry>
          <code>HS0001D</code>
          <nameVi>Định lượng</nameVi>
          <nationalCodes>
            <nationalCode maTuongDuong="23.0075.1494"/>
          </nationalCodes>
        </entry>
      </entries>
    </annex>

    """

    @Test func yamlPositions() throws {
        let result = SourceParser.parseAnnex(Array(Self.yaml.utf8), file: "a.yaml")
        let annex = try #require(result.value)
        #expect(annex.annex?.location.description == "a.yaml:1:8")
        #expect(annex.groups.first?.id?.location.description == "a.yaml:3:10")
        #expect(annex.groups.first?.nameVi?.location.description == "a.yaml:3:25")
        let entry = try #require(annex.entries.first)
        #expect(entry.location.description == "a.yaml:5:5")
        #expect(entry.code?.location.description == "a.yaml:5:11")
        #expect(entry.nameVi?.value == "Định lượng")
        #expect(entry.nameVi?.location.description == "a.yaml:6:13")
        #expect(entry.nationalCodes.first?.maTuongDuong?.location.description == "a.yaml:8:23")
        #expect(entry.insertion == CodeInsertionPoint(location: SourceLocation(file: "a.yaml", line: 5, column: 5), style: .yamlBlock))
        #expect(annex.groups.isEmpty == false)
    }

    @Test func xmlPositions() throws {
        let result = SourceParser.parseAnnex(Array(Self.xml.utf8), file: "a.xml")
        let annex = try #require(result.value)
        #expect(annex.annex?.location.description == "a.xml:2:8")
        #expect(annex.groups.first?.id?.location.description == "a.xml:3:18")
        #expect(annex.groups.first?.nameEn?.location.description == "a.xml:3:44")
        let entry = try #require(annex.entries.first)
        #expect(entry.location.description == "a.xml:5:5")
        #expect(entry.code?.location.description == "a.xml:6:13")
        #expect(entry.nameVi?.value == "Định lượng")
        #expect(entry.nameVi?.location.description == "a.xml:7:15")
        #expect(entry.nationalCodes.first?.maTuongDuong?.location.description == "a.xml:9:23")
        #expect(entry.insertion == CodeInsertionPoint(location: SourceLocation(file: "a.xml", line: 6, column: 7), style: .xmlElement))
    }

    @Test func xmlEntitiesAndCDATAAreDecoded() throws {
        let xml = "<annex annex=\"1\"><groups><group id=\"a\"><nameVi>A &amp; B</nameVi><nameEn><![CDATA[x < y]]></nameEn></group></groups><entries/></annex>"
        let group = try #require(SourceParser.parseAnnex(Array(xml.utf8), file: "a.xml").value?.groups.first)
        #expect(group.nameVi?.value == "A & B")
        #expect(group.nameEn?.value == "x < y")
    }

    @Test func xmlItemsMustCarryTheItemName() {
        let xml = "<annex annex=\"1\"><groups><grp id=\"a\"/></groups><entries/></annex>"
        let result = SourceParser.parseAnnex(Array(xml.utf8), file: "a.xml")
        #expect(result.diagnostics.map(\.description) == ["a.xml:1:26: error: <grp> in 'groups'; its items are <group> elements [LT0203]"])
    }

    @Test func xmlRootElementIsChecked() {
        let result = SourceParser.parseAnnex(Array("<catalog/>".utf8), file: "a.xml")
        #expect(result.diagnostics.first?.description == "a.xml:1:1: error: the root element must be <annex>, not <catalog> [LT0201]")
    }

    @Test func yamlQuotedAndPlainScalarsKeepTheirText() throws {
        let yaml = "annex: \"1\"\ngroups: []\nentries:\n  - nationalCodes:\n      - {maTuongDuong: 23.0075.1494, tt23: 23.10}\n"
        let annex = try #require(SourceParser.parseAnnex(Array(yaml.utf8), file: "a.yaml").value)
        #expect(annex.annex?.value == "1")
        #expect(annex.entries.first?.nationalCodes.first?.tt23?.value == "23.10")
        #expect(annex.entries.first?.insertion?.style == .yamlBlock)
    }
}
