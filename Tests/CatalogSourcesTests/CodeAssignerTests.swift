import CatalogCore
import Foundation
import CatalogSources
import Testing

/// `assign` inserts exactly one field per entry without a code and touches nothing else.
@Suite struct CodeAssignerTests {
    static let manifest = """
    canonicalUrl: https://example.org/cs
    oid: 2.25.7
    name: T
    titleVi: T
    titleEn: T
    version: 3.1.0
    effectiveDate: "2026-07-01"
    publisher: P
    legalBasis: []
    description: D
    annexes:
      - {number: 1, file: lab.FORMAT, prefix: HS, kind: laboratory, serialWidth: 4, expectedCount: 2, titleVi: H, titleEn: B}

    """

    /// A distinct national code per entry name: a national code may lead to one entry in use only.
    static let nationalCodes = ["Hai": "23.0051.1494", "Ba": "23.0166.1494"]

    static func entryYAML(_ name: String, code: String? = nil) -> String {
        let codeLine = code.map { "  - code: \($0)\n    nameVi: \(name)\n" } ?? "  - nameVi: \(name)\n"
        return codeLine + """
            nameEn: \(name) en
            group: g
            status: active
            nationalCodes:
              - maTuongDuong: \(nationalCodes[name] ?? "23.0075.1494")
            specimen: serum

        """
    }

    /// Loads `files` (paths under `c/`) and plans the assignment.
    static func plan(_ files: [String: String]) throws -> (CodeAssigner.Plan, [String: [UInt8]]) {
        let fs = InMemoryFileSystem(Dictionary(uniqueKeysWithValues: files.map { ("c/" + $0.key, Array($0.value.utf8)) }))
        let loaded = SourceLoader.load(directory: "c", from: fs, keepingBytes: true)
        let source = try #require(loaded.catalog)
        #expect(Validator.validate(source, requireCodes: false).diagnostics.filter { $0.severity == .error }.isEmpty)
        return (try CodeAssigner.plan(source, bytes: loaded.annexBytes), fs.files)
    }

    @Test func insertsOneLineInYAMLBlocksAndKeepsEverythingElse() throws {
        let lab = "# comment kept\nannex: 1 # trailing comment kept\ngroups:\n  - {id: g, nameVi: G, nameEn: G}\nentries:\n"
            + Self.entryYAML("Một", code: "HS0001D") + Self.entryYAML("Hai") + "  # between entries\n" + Self.entryYAML("Ba")
        let ledger = "code\tannex\tissued\tnameVi\nHS0001D\t1\t3.0.0\tMột\n"
        let (plan, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("yaml"), "lab.yaml": lab, "ledger.tsv": ledger])
        #expect(plan.assignments.map(\.code) == ["HS0002B", "HS00039"])
        let edited = String(decoding: try #require(plan.editedFiles["c/lab.yaml"]), as: UTF8.self)
        let expected = "# comment kept\nannex: 1 # trailing comment kept\ngroups:\n  - {id: g, nameVi: G, nameEn: G}\nentries:\n"
            + Self.entryYAML("Một", code: "HS0001D") + Self.entryYAML("Hai", code: "HS0002B") + "  # between entries\n" + Self.entryYAML("Ba", code: "HS00039")
        #expect(edited == expected)
        #expect(plan.ledger.render() == ledger + "HS0002B\t1\t3.1.0\tHai\nHS00039\t1\t3.1.0\tBa\n")
    }

    @Test func isIdempotent() throws {
        let lab = "annex: 1\ngroups:\n  - {id: g, nameVi: G, nameEn: G}\nentries:\n" + Self.entryYAML("Một")
        let (first, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("yaml"), "lab.yaml": lab])
        let edited = String(decoding: first.editedFiles["c/lab.yaml"]!, as: UTF8.self)
        let (second, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("yaml"), "lab.yaml": edited, "ledger.tsv": first.ledger.render()])
        #expect(first.assignments.map(\.code) == ["HS0001D"])
        #expect(second.assignments.isEmpty)
        #expect(second.editedFiles.isEmpty)
    }

    /// Serials continue after the highest the ledger ever issued, even when that entry is
    /// retired, and skip the serials whose check character would be '*' (8 for HS).
    @Test func neverReusesASerialAndSkipsStarSerials() throws {
        let retired = "  - code: HS00071\n    nameVi: Cũ\n    nameEn: Old\n    group: g\n    status: retired\n    statusReason: Bỏ\n    nationalCodes:\n      - maTuongDuong: 23.0075.1494\n    specimen: serum\n"
        let lab = "annex: 1\ngroups:\n  - {id: g, nameVi: G, nameEn: G}\nentries:\n" + retired + Self.entryYAML("Mới")
        #expect(CodeFormat(prefix: "HS", serialWidth: 4).code(forSerial: 7) == "HS00071")
        let ledger = "code\tannex\tissued\tnameVi\nHS00071\t1\t1.0.0\tCũ\n"
        let (plan, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("yaml"), "lab.yaml": lab, "ledger.tsv": ledger])
        #expect(plan.assignments.map(\.code) == ["HS0009Y"])
    }

    @Test func flowMappingsGetACommaSeparatedField() throws {
        let lab = "annex: 1\ngroups:\n  - {id: g, nameVi: G, nameEn: G}\nentries:\n  - {nameVi: Một, nameEn: One, group: g, status: active, nationalCodes: [{maTuongDuong: 23.0075.1494}], specimen: serum}\n"
        let (plan, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("yaml"), "lab.yaml": lab])
        let edited = String(decoding: try #require(plan.editedFiles["c/lab.yaml"]), as: UTF8.self)
        #expect(edited == lab.replacingOccurrences(of: "{nameVi: Một", with: "{code: HS0001D, nameVi: Một"))
    }

    @Test func preservesCRLFLineEnds() throws {
        let lab = ("annex: 1\ngroups:\n  - {id: g, nameVi: G, nameEn: G}\nentries:\n" + Self.entryYAML("Một")).replacingOccurrences(of: "\n", with: "\r\n")
        let (plan, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("yaml"), "lab.yaml": lab])
        let edited = String(decoding: try #require(plan.editedFiles["c/lab.yaml"]), as: UTF8.self)
        #expect(edited == lab.replacingOccurrences(of: "  - nameVi: Một", with: "  - code: HS0001D\r\n    nameVi: Một"))
    }

    @Test func insertsAnElementInXML() throws {
        let lab = """
        <annex annex="1">
          <groups><group id="g" nameVi="G" nameEn="G"/></groups>
          <entries>
            <entry>
              <nameVi>Một</nameVi>
              <nameEn>One</nameEn>
              <group>g</group>
              <status>active</status>
              <nationalCodes><nationalCode maTuongDuong="23.0075.1494"/></nationalCodes>
              <specimen>serum</specimen>
            </entry>
          </entries>
        </annex>

        """
        let (plan, _) = try Self.plan(["catalog.yaml": Self.manifest.replacingFORMAT("xml"), "lab.xml": lab])
        let edited = String(decoding: try #require(plan.editedFiles["c/lab.xml"]), as: UTF8.self)
        #expect(edited == lab.replacingOccurrences(of: "      <nameVi>Một", with: "      <code>HS0001D</code>\n      <nameVi>Một"))
    }
}

extension String {
    func replacingFORMAT(_ ext: String) -> String { replacingOccurrences(of: "FORMAT", with: ext) }
}
