import CatalogCore
import CatalogEmitters
import CatalogRelease
import Foundation
import Testing

/// Each artifact family's shape (what an importer depends on) is recorded with its format
/// version in `Tests/Fixtures/shapes.json`. A change of shape without a format-version bump
/// fails here, so re-recording golden files cannot silently break a vendor's importer.
/// After a deliberate change: bump the family's `formatVersion`, then re-record with
/// `LIENTHONG_RECORD_GOLDEN=1`.
@Suite struct FormatShapeTests {
    static let record = Golden.fixtures.appendingPathComponent("shapes.json")

    /// The shape of a family's output: the product's one definition (``ArtifactShape/lines(of:)``)
    /// and, for the workbook, its sheets and columns.
    static func shape(of files: [OutputFile]) throws -> [String] {
        var lines = Set(try ArtifactShape.lines(of: files))
        for file in files where file.path.hasSuffix(".xlsx") {
            lines.formUnion(try XLSXShape.lines(name: "xlsx/<name>.xlsx", bytes: file.bytes))
        }
        return lines.sorted()
    }

    struct Recorded: Codable {
        var formatVersion: String
        var shape: [String]
    }

    @Test func shapesChangeOnlyWithAFormatVersionBump() throws {
        let catalog = try Golden.catalog("golden/yaml")
        var current: [String: Recorded] = [:]
        for family in ArtifactFamilies.all {
            #expect(SemanticVersion(family.formatVersion) != nil, "\(family.name) format version is not Semantic Versioning")
            current[family.name] = Recorded(formatVersion: family.formatVersion, shape: try Self.shape(of: family.emit(catalog)))
        }
        if Golden.recording {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(current).write(to: Self.record)
            return
        }
        let recorded = try JSONDecoder().decode([String: Recorded].self, from: Data(contentsOf: Self.record))
        #expect(Set(recorded.keys) == Set(current.keys), "artifact families changed; record them with LIENTHONG_RECORD_GOLDEN=1")
        for (name, now) in current {
            guard let before = recorded[name] else { continue }
            if now.formatVersion == before.formatVersion {
                let added = Set(now.shape).subtracting(before.shape), removed = Set(before.shape).subtracting(now.shape)
                #expect(added.isEmpty && removed.isEmpty,
                        "the \(name) artifacts changed shape without a format-version bump (still \(now.formatVersion)); added \(added.sorted().prefix(5)), removed \(removed.sorted().prefix(5))")
            } else {
                Issue.record("\(name) format version is \(now.formatVersion), recorded \(before.formatVersion): re-record Tests/Fixtures/shapes.json with LIENTHONG_RECORD_GOLDEN=1")
            }
        }
    }

    /// The guard works: a changed CSV header is a changed shape.
    @Test func aChangedHeaderIsAChangedShape() throws {
        let before = try Self.shape(of: [OutputFile(path: "csv/entries.csv", text: "code,status\r\nA,active\r\n")])
        let after = try Self.shape(of: [OutputFile(path: "csv/entries.csv", text: "code,state\r\nA,active\r\n")])
        #expect(before != after)
        #expect(try Self.shape(of: [OutputFile(path: "csv/entries.csv", text: "code,status\r\nB,retired\r\n")]) == before)
    }
}
