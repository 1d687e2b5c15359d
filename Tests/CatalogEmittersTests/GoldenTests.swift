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
