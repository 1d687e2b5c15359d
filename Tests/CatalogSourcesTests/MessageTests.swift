import CatalogCore
import CatalogSources
import Foundation
import Testing

/// Reader messages in the project's words (issue 12): the encoding a non-UTF-8 file looks
/// like, at the first bad byte; libyaml's and libxml2's errors rewritten with their own text
/// as a note; one diagnostic per root cause (a byte order mark in mid-file, nesting 33).
@Suite struct MessageTests {
    static let yaml = "annex: 1\ngroups:\n  - id: chung\n    nameVi: Hóa sinh máu\n    nameEn: Blood chemistry\nentries: []\n"
    static let xml = "<annex annex=\"1\">\n  <groups><group id=\"chung\" nameVi=\"Hóa sinh máu\" nameEn=\"Blood chemistry\"/></groups>\n  <entries/>\n</annex>\n"

    /// The one diagnostic of reading `bytes` as `file`, with its notes.
    static func only(_ bytes: [UInt8], _ file: String) -> [String] {
        let result = SourceParser.parseAnnex(bytes, file: file)
        return result.diagnostics.flatMap { [$0.description] + $0.notes.map { "\($0.location): note: \($0.message)" } }
    }

    @Test func encodingsAreNamed() {
        let latin1 = Array(Self.yaml.data(using: .isoLatin1)!)
        #expect(Self.only(latin1, "a.yaml").first == "a.yaml:4:14: error: the file is not UTF-8 text: it looks like Latin-1 (ISO-8859-1) or Windows-1252; save it as UTF-8 [LT0102]")
        let utf16 = Array(Self.yaml.data(using: .utf16LittleEndian)!)
        #expect(Self.only(utf16, "a.yaml").first == "a.yaml:1:2: error: the file is not UTF-8 text: it looks like UTF-16 (little-endian); save it as UTF-8 [LT0102]")
        let bom16 = [0xFF, 0xFE] + Array(Self.xml.data(using: .utf16LittleEndian)!)
        #expect(Self.only(bom16, "a.xml").first == "a.xml:1:1: error: the file is not UTF-8 text: it looks like UTF-16 (little-endian); save it as UTF-8 [LT0102]")
        // Windows-1258 writes tone marks as combining characters: 'á' is a + 0xEC.
        let cp1258: [UInt8] = Array("annex: 1\ngroups:\n  - id: chung\n    nameVi: Ho".utf8) + [0x61, 0xEC] + Array(" sinh\n".utf8)
        #expect(Self.only(cp1258, "a.yaml").first == "a.yaml:4:16: error: the file is not UTF-8 text: it looks like Windows-1258 (the Vietnamese code page); save it as UTF-8 [LT0102]")
        let xml1258: [UInt8] = Array("<annex annex=\"1\"><groups><group id=\"a\" nameVi=\"Ho".utf8) + [0x61, 0xEC] + Array("\"/></groups></annex>".utf8)
        #expect(Self.only(xml1258, "a.xml").first == "a.xml:1:51: error: the file is not UTF-8 text: it looks like Windows-1258 (the Vietnamese code page); save it as UTF-8 [LT0102]")
    }

    @Test func aTabIndentingYAML() {
        let tabbed = Self.yaml.replacingOccurrences(of: "    nameEn", with: "\tnameEn")
        #expect(Self.only(Array(tabbed.utf8), "a.yaml") == [
            "a.yaml:5:1: error: a tab cannot indent YAML (or start a value); indent with spaces [LT0101]",
            "a.yaml:5:1: note: libyaml: while scanning a plain scalar: found a tab character that violates indentation",
        ])
    }

    @Test func ampersandAndUnclosedElementsInXML() {
        let amp = Self.xml.replacingOccurrences(of: "Blood chemistry", with: "Blood & urine")
        #expect(Self.only(Array(amp.utf8), "a.xml").first == "a.xml:2:65: error: '&' must be written '&amp;' (or begin a character reference such as '&#x2013;') [LT0101]")
        let cut = String(Self.xml.prefix(while: { $0 != "<" || true }).dropLast("  <entries/>\n</annex>\n".count)) + "  <entries>\n"
        let lines = Self.only(Array(cut.utf8), "a.xml")
        #expect(lines.first?.hasSuffix("error: the file ends before '</entries></annex>': an element is never closed [LT0101]") == true, "\(lines)")
        #expect(lines.dropFirst().first?.contains("note: libxml2: ") == true)
    }

    @Test func aByteOrderMarkInMidFileIsOneDiagnostic() {
        for (file, text, position) in [("a.yaml", Self.yaml.replacingOccurrences(of: "groups:", with: "\u{FEFF}groups:"), "a.yaml:2:1"),
                                       ("a.xml", Self.xml.replacingOccurrences(of: "  <entries/>", with: "\u{FEFF}  <entries/>"), "a.xml:3:1")] {
            let result = SourceParser.parseAnnex(Array(text.utf8), file: file)
            #expect(result.value == nil)
            #expect(result.diagnostics.map(\.description) == ["\(position): error: a byte order mark (U+FEFF) stands in the middle of the file (were two files joined?); remove it [LT0102]"])
        }
    }

    @Test func nesting33IsOneDiagnostic() {
        let deep = "annex: 1\ngroups: " + String(repeating: "[", count: 33) + String(repeating: "]", count: 33) + "\nentries: []\n"
        let result = SourceParser.parseAnnex(Array(deep.utf8), file: "a.yaml")
        #expect(result.diagnostics.map(\.rule) == [.limitExceeded])
        let xmlDeep = "<annex annex=\"1\"><groups>" + String(repeating: "<group>", count: 33) + String(repeating: "</group>", count: 33) + "</groups></annex>"
        #expect(SourceParser.parseAnnex(Array(xmlDeep.utf8), file: "a.xml").diagnostics.map(\.rule) == [.limitExceeded])
    }
}
