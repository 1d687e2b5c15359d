import CatalogCore
import Foundation

extension OutputFolder {
    /// What the folder has published, for validation: `index`'s versions and, when the latest
    /// published version's `json/catalog.json` can be read, its codes' Vietnamese names (rule
    /// LT0910 compares renames with them). An unreadable catalog leaves the names empty: the
    /// rule then falls back to the ledger's names at issue.
    public func published(_ index: VersionIndex) -> PublishedCatalog {
        var published = index.published
        guard let latest = published.releasedVersions.max() else { return published }
        let path = root + "/" + latest.description + "/json/catalog.json"
        if let data = FileManager.default.contents(atPath: path), let catalog = try? CatalogJSONReader.read([UInt8](data), path: path) {
            published.publishedNamesVi = Dictionary(catalog.entries.map { ($0.code, $0.nameVi) }, uniquingKeysWith: { first, _ in first })
        }
        return published
    }
}
