import CatalogCore
import CatalogDiff
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Foundation
import Testing

/// Reading a published catalog back: `catalog.json` → ``Catalog`` → `catalog.json` gives the
/// same bytes, and the entries equal those compiled from the sources.
@Suite struct RoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theRealCatalogReadsBackToTheSameBytes() throws {
        let compiled = try SnapshotLoader.sources(Self.root.appendingPathComponent("annexes").path, label: "annexes")
        let json = try #require(CatalogJSONEmitter().emit(compiled.catalog).first { $0.path == "json/catalog.json" })
        let catalog = try CatalogJSONReader.read(json.bytes, path: "catalog.json")
        #expect(catalog.entries == compiled.catalog.entries)
        let again = CatalogJSONEmitter().emit(catalog).first { $0.path == "json/catalog.json" }
        let same = again?.bytes == json.bytes
        #expect(same, "emit(read(emit(catalog))) differs from emit(catalog)")
    }

    @Test func thePublishedFirstReleaseReadsBack() throws {
        let path = Self.root.appendingPathComponent("generated/2026.1.0/json/catalog.json").path
        let catalog = try CatalogJSONReader.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        #expect(catalog.entries.count == 869)
        #expect(catalog.metadata.version.description == "2026.1.0")
        #expect(catalog.entries.first { $0.code == "HS0001D" }?.nameVi == "Định lượng Glucose [Máu]")
    }

    @Test func sourcesAndTheirArtifactReadBackAgree() throws {
        let compiled = try SnapshotLoader.sources(Self.root.appendingPathComponent("Tests/Fixtures/golden/yaml").path, label: "golden")
        let json = try #require(CatalogJSONEmitter().emit(compiled.catalog).first { $0.path == "json/catalog.json" })
        let read = try CatalogJSONReader.read(json.bytes, path: "catalog.json")
        #expect(read.entries == compiled.catalog.entries)
        #expect(read.metadata.version == compiled.catalog.metadata.version)
        #expect(read.annexes.map(\.groups) == compiled.catalog.annexes.map(\.groups))
        #expect(read.annexes.map(\.serialWidth) == compiled.catalog.annexes.map(\.serialWidth))
    }

    @Test func malformedCatalogJSONIsAnErrorNamingThePlace() {
        #expect(throws: ReleaseError.self) { try CatalogJSONReader.read(Array("{\"version\": 3}".utf8), path: "x.json") }
        #expect(throws: ReleaseError.self) { try CatalogJSONReader.read(Array("not json".utf8), path: "x.json") }
    }
}
