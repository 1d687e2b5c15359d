import CatalogCore

/// One family of generated artifacts (JSON, CSV, ...). Each family has a format version,
/// written into its artifacts and into `index.json`, that changes by Semantic Versioning
/// rules whenever the artifacts' shape changes; vendors' importers key on it.
public protocol ArtifactFamily: Sendable {
    /// The family's name in `index.json` and its folder under a version folder.
    var name: String { get }
    /// The version of the artifacts' shape.
    var formatVersion: String { get }
    /// Writes the family's files for `catalog` into `output`, with paths relative to the
    /// version folder, each in chunks as it is rendered.
    func emit(_ catalog: Catalog, to output: any ArtifactOutput)
    /// The family's rough share of the work of a build (bytes written per entry, say), so
    /// that the heaviest families start first when they run concurrently.
    var weight: Int { get }
}

extension ArtifactFamily {
    public var weight: Int { 1 }

    /// The family's files for `catalog`, whole, in the order they were opened.
    public func emit(_ catalog: Catalog) -> [OutputFile] {
        let output = MemoryOutput()
        emit(catalog, to: output)
        return output.files
    }
}

/// The families `build` writes, in order.
public enum ArtifactFamilies {
    public static let all: [any ArtifactFamily] = [CatalogJSONEmitter(), CSVEmitter(), SQLEmitter(), FHIREmitter(), SwiftPackageEmitter(), SSSOMEmitter(), XLSXEmitter(), SiteEmitter()]
}
