import CatalogCore
import Testing

/// LT0304: control characters, noncharacters and bidirectional controls are refused in every
/// text value, YAML and XML, with the character and its position in the value (issue 12:
/// NUL, ESC, BEL, DEL, C1 controls, U+FFFE/U+FFFF and U+202E passed `check` and a NUL reached
/// both SQL files).
@Suite struct ControlCharacterTests {
    let base = TestCatalog()

    /// The lab annex of ``TestCatalog`` written in XML, so that the same values can be tried
    /// through the XML reader (character references reach every value there).
    static let labXML = """
        <annex annex="1">
          <groups><group id="chung" nameVi="Chung" nameEn="General"/></groups>
          <entries>
            <entry>
              <code>HS0001D</code>
              <nameVi>Định lượng Glucose [Máu]</nameVi>
              <nameEn>Glucose</nameEn>
              <group>chung</group>
              <status>active</status>
              <nationalCodes><nationalCode maTuongDuong="23.0075.1494" tt23="23.75"/></nationalCodes>
              <specimen>serum-or-plasma</specimen>
              <mappings><mapping system="loinc" code="2345-7" display="Glucose [Mass/volume] in Serum or Plasma" relationship="equivalent"/></mappings>
            </entry>
            <entry>
              <code>HS0002B</code>
              <nameVi>Định lượng Creatinin (máu)</nameVi>
              <nameEn>Creatinine</nameEn>
              <group>chung</group>
              <status>active</status>
              <nationalCodes><nationalCode maTuongDuong="23.0051.1494"/></nationalCodes>
              <specimen>serum-or-plasma</specimen>
              <unmappedReason>Chưa đối chiếu</unmappedReason>
            </entry>
            <entry>
              <code>HS00039</code>
              <nameVi>Định lượng Urê máu [Máu]</nameVi>
              <nameEn>Urea</nameEn>
              <group>chung</group>
              <status>retired</status>
              <statusReason>Gộp vào xét nghiệm khác</statusReason>
              <replacedBy>HS0002B</replacedBy>
              <nationalCodes><nationalCode maTuongDuong="23.0166.1494"/></nationalCodes>
              <specimen>serum-or-plasma</specimen>
            </entry>
          </entries>
        </annex>

        """

    var xml: TestCatalog {
        var c = base.replacing("file: lab.yaml", with: "file: lab.xml", in: "catalog.yaml")
        c.files["cat/lab.xml"] = Self.labXML
        return c
    }

    @Test func theXMLFixtureIsValid() {
        #expect(xml.diagnostics().isEmpty)
    }

    /// One value per refused class, written with YAML escapes (libyaml refuses most of them
    /// raw, as a syntax error, but accepts every escape).
    static let yamlCases: [(escape: String, found: String)] = [
        (#"\0"#, "U+0000 (null)"),
        (#"\e"#, "U+001B (escape)"),
        (#"\a"#, "U+0007 (bell)"),
        (#"\x7F"#, "U+007F (delete)"),
        (#"\x9B"#, "U+009B (C1 control character)"),
        (#"\uFFFE"#, "U+FFFE (noncharacter)"),
        (#"\uFFFF"#, "U+FFFF (noncharacter)"),
        (#"\u202E"#, "U+202E (right-to-left override)"),
        (#"\u202A"#, "U+202A (left-to-right embedding)"),
        (#"\u2066"#, "U+2066 (left-to-right isolate)"),
        (#"\u2069"#, "U+2069 (pop directional isolate)"),
    ]

    @Test(arguments: yamlCases)
    func refusedInYAML(escape: String, found: String) {
        let c = base.replacing("nameEn: Glucose", with: "nameEn: \"Gluc\(escape)ose\"", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:9:13: error: 'nameEn' contains \(found) at character 5 of its value; remove it (it is invisible or reorders text, and would be published as is) [LT0304]"])
    }

    /// A right-to-left override written raw (libyaml accepts it as printable).
    @Test func rawBidiOverrideInYAML() {
        let c = base.replacing("statusReason: Gộp", with: "statusReason: Gộp\u{202E}", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:35:19: error: 'statusReason' contains U+202E (right-to-left override) at character 4 of its value; remove it (it is invisible or reorders text, and would be published as is) [LT0304]"])
    }

    /// Every kind of value: codes, vocabulary values, list items and manifest values too.
    @Test func everyTextValueIsChecked() {
        let c = base.replacing("legalBasis:\n  - Thông tư thử", with: "legalBasis:\n  - \"Thông tư\\e thử\"", in: "catalog.yaml")
            .replacing("tt23: \"23.75\"", with: "tt23: \"23.75\\0\"", in: "lab.yaml")
            .replacing("relationship: equivalent\n  - code: DQ0002Z", with: "relationship: \"\\u2067equivalent\"\n  - code: DQ0002Z", in: "img.yaml")
        let lines = c.diagnostics().filter { $0.hasSuffix("[LT0304]") }
        #expect(lines.map { String($0.prefix(while: { $0 != " " })) } == ["cat/catalog.yaml:10:5:", "cat/img.yaml:23:23:", "cat/lab.yaml:14:15:"])
    }

    @Test func refusedInXMLElementsAndAttributes() {
        let c = xml.replacing("<nameEn>Glucose</nameEn>", with: "<nameEn>Gluc&#x202E;ose</nameEn>", in: "lab.xml")
            .replacing("display=\"Glucose [Mass/volume]", with: "display=\"&#x85;&#x9B;Glucose [Mass/volume]", in: "lab.xml")
        #expect(c.diagnostics().filter { $0.contains("LT0304") } == [
            "cat/lab.xml:7:15: error: 'nameEn' contains U+202E (right-to-left override) at character 5 of its value; remove it (it is invisible or reorders text, and would be published as is) [LT0304]",
            "cat/lab.xml:12:55: error: 'display' contains U+009B (C1 control character) at character 2 of its value; remove it (it is invisible or reorders text, and would be published as is) [LT0304]",
        ])
    }

    @Test func cleanTextPassesTheBytePathAndTheSlowPath() {
        #expect(ControlCharacters.first(in: "Định lượng Glucose [Máu]") == nil)
        #expect(ControlCharacters.first(in: "Nhiệt độ 37 °C – tab\tand\nline") == nil)
        #expect(ControlCharacters.first(in: "ab" + String(Unicode.Scalar(0x10FFFF)!))?.position == 3)
        #expect(ControlCharacters.first(in: String(Unicode.Scalar(0xFDD0)!))?.position == 1)
        #expect(ControlCharacters.first(in: "x\u{85}y") == nil) // NEL is whitespace: LT0302 reports it
    }
}
