import CatalogCore
import CatalogSources

extension OutputFolder {
    /// The catalogs of the releases `index` marks published below `version`, read back from
    /// their `json/catalog.json` (already verified against their release manifests), oldest
    /// first: the input of ``EntryHistory/compute(releases:current:)``.
    public func publishedCatalogs(_ index: VersionIndex, before version: SemanticVersion) throws -> [Catalog] {
        try index.published.releasedVersions.filter { $0 < version }.sorted().map { v in
            let path = root + "/" + v.description + "/json/catalog.json"
            guard let bytes = try DiskFileSystem(maxFileSize: .max).contents(of: path) else {
                throw ReleaseError.malformed(path, "published release \(v) has no json/catalog.json, which the entries' history is computed from; restore it from the release archive")
            }
            return try CatalogJSONReader.read(bytes, path: path)
        }
    }

    /// `catalog` with each entry's history computed from the releases published before it.
    public func withHistory(_ catalog: Catalog, index: VersionIndex?) throws -> Catalog {
        var catalog = catalog
        let releases = try index.map { try publishedCatalogs($0, before: catalog.metadata.version) } ?? []
        catalog.history = EntryHistory.compute(releases: releases, current: catalog)
        return catalog
    }
}
