import CatalogCore
import CatalogEmitters
import CatalogRelease
import Foundation
import Testing

/// Every emitter's output for the golden fixture catalog, byte for byte.
@Suite struct GoldenTests {
    @Test(arguments: ArtifactFamilies.all.map(\.name))
    func familyMatchesGolden(_ name: String) throws {
        let catalog = try Golden.catalog("golden/yaml")
        let family = try #require(ArtifactFamilies.all.first { $0.name == name })
        try Golden.assertMatches(family.emit(catalog), folder: "golden/expected")
    }

    @Test func indexMatchesGolden() throws {
        let catalog = try Golden.catalog("golden/yaml")
        let emitted = ArtifactFamilies.all.map { ($0, $0.emit(catalog)) }
        let index = VersionIndex(canonicalUrl: catalog.metadata.canonicalUrl, releases: [])
            .replacing(with: VersionIndex.release(for: catalog, paths: emitted.map { (family: $0.0, paths: $0.1.map(\.path)) }), keeping: [])
        try Golden.assertMatches([index.render()], folder: "golden/expected")
    }

    @Test func sourceSchemasMatchGolden() throws {
        try Golden.assertMatches(SourceSchemaEmitter.emit(baseURL: "https://example.org/fhir/CodeSystem/golden"), folder: "golden/expected")
    }

    /// Every file under `golden/expected` is one some emitter produces: a golden file that
    /// nothing produces any more (a renamed or dropped output) is stale, and named here.
    @Test func noGoldenFileIsStale() throws {
        let catalog = try Golden.catalog("golden/yaml")
        var produced = Set(ArtifactFamilies.all.flatMap { $0.emit(catalog).map(\.path) })
        produced.insert("index.json")
        for file in SourceSchemaEmitter.emit(baseURL: "https://example.org/fhir/CodeSystem/golden") { produced.insert(file.path) }
        let base = Golden.fixtures.appendingPathComponent("golden/expected")
        var stale: [String] = []
        let files = try #require(FileManager.default.enumerator(atPath: base.path))
        while let relative = files.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: base.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, !produced.contains(relative) { stale.append(relative) }
        }
        #expect(stale.isEmpty, "stale golden files (no emitter produces them; delete them): \(stale.sorted())")
    }

    /// The same catalog written in YAML and in XML compiles to byte-identical artifacts.
    @Test func yamlAndXMLSourcesGiveIdenticalArtifacts() throws {
        let fromYAML = try Golden.catalog("golden/yaml")
        let fromXML = try Golden.catalog("golden/xml")
        #expect(fromYAML == fromXML)
        for family in ArtifactFamilies.all {
            #expect(family.emit(fromYAML) == family.emit(fromXML), "\(family.name) differs")
        }
    }

    @Test func emittingTwiceGivesTheSameBytes() throws {
        let catalog = try Golden.catalog("golden/yaml")
        for family in ArtifactFamilies.all {
            #expect(family.emit(catalog) == family.emit(catalog))
        }
    }
}
