import CatalogCore
import CatalogEmitters
import CatalogRelease
import Foundation

/// The shape of the artifacts a diff can see on both sides (what an importer depends on): the
/// structure of `catalog.json`'s closed JSON Schema (`catalog.schema.json`: key paths and value
/// types, so a property added, removed or retyped shows, while data never does), and each CSV
/// file's header row. Numbered file
/// names are generalised (`annex-N.csv`), as in the test suite's shape guard.
public enum ArtifactShape {
    /// The families whose shape a diff compares.
    public static let families = ["json", "csv"]

    /// Each family's format version as this tool emits it.
    public static var formatVersions: [String: String] {
        Dictionary(ArtifactFamilies.all.map { ($0.name, $0.formatVersion) }, uniquingKeysWith: { first, _ in first })
    }

    /// The shapes this tool gives `catalog`'s artifacts. A shape is the schema and the header
    /// rows, never the data, so the families are emitted for the catalog without its entries:
    /// the cost does not grow with the catalog (a test proves the result equal to the shapes
    /// of the whole emitted catalog).
    public static func shapes(of catalog: Catalog) -> [String: [String]] {
        var bare = catalog
        bare.entries = []
        bare.history = [:]
        return shapes(of: ArtifactFamilies.all.filter { families.contains($0.name) }.flatMap { $0.emit(bare) })
    }

    /// The shape lines of `files` (paths relative to the version folder), by family.
    public static func shapes(of files: [OutputFile]) -> [String: [String]] {
        var lines: [String: Set<String>] = [:]
        for file in files {
            let name = file.path.replacingOccurrences(of: #"annex-\d+"#, with: "annex-N", options: .regularExpression)
            if file.path.hasPrefix("csv/"), file.path.hasSuffix(".csv") {
                let header = String(decoding: file.bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
                lines["csv", default: []].insert("\(name): \(header)")
            } else if file.path == "json/catalog.schema.json", let shape = try? JSONShape.lines(of: file.bytes, root: name) {
                lines["json", default: []].formUnion(shape)
            }
        }
        return lines.mapValues { $0.sorted() }
    }
}
