import CatalogSources
import CatalogCore
import CatalogEmitters

/// The release feeds (``ReleaseFeeds``) as files at the top of an output folder: written by
/// `build` and `publish` in the same commit as `index.json`, and checked by every run (the
/// gate) and by `serve`. They are a function of `index.json`, the published versions'
/// `release.json` files and the newest published catalog's title and publisher, so they are
/// byte-identical on every machine and in every time zone, and a feed that differs from that
/// function was changed by hand ([LT1310]).
public enum FolderFeeds {
    /// The three feeds, by file name.
    public static let names = [ReleaseFeeds.atomName, ReleaseFeeds.packageListName, ReleaseFeeds.packageFeedName]

    /// Where the feeds are: the canonical base, where `lienthong serve` serves them, and their
    /// links `<canonical base>/releases/<version>/<path>`, where it serves the release files
    /// (docs/guide/feeds.md).
    public static func baseURL(_ m: CatalogMetadata) -> String { FHIRPackageModel.base(m) }

    /// The feeds of `index`'s published releases. `manifests` holds `release.json` bytes by
    /// version (read from `root` for those not given). Nil when no release is published, or a
    /// manifest cannot be read (the gate reports that itself).
    public static func files(root: String, index: VersionIndex, latest: CatalogMetadata, given: [String: [UInt8]] = [:]) -> [OutputFile]? {
        let published = index.releases.filter { $0.status == .published }
        guard !published.isEmpty else { return nil }
        var manifests: [String: ReleaseFeeds.Release] = [:]
        for record in published {
            let path = root + "/" + record.version + "/" + ReleaseManifest.fileName
            guard let bytes = given[record.version] ?? (try? ReleaseVerifier.readSmall(path)),
                  let manifest = try? ReleaseManifest.decode(bytes, path: path) else { return nil }
            manifests[record.version] = ReleaseFeeds.Release(manifest: manifest, manifestDigest: FileDigest.of(bytes: bytes))
        }
        let feeds = ReleaseFeeds(index: index, manifests: manifests, title: latest.titleEn, publisher: latest.publisher,
                                 packageName: FHIRPackageModel.packageName(latest), baseURL: baseURL(latest))
        return feeds.files()
    }

    /// Each feed at the top of `root` that differs from what ``files(root:index:latest:given:)``
    /// gives. A missing feed is no problem (folders published before the feeds have none; the
    /// next `build` or `publish` writes them).
    public static func problems(root: String, index: VersionIndex, latest: CatalogMetadata) -> [ReleaseProblem] {
        guard let expected = files(root: root, index: index, latest: latest) else { return [] }
        var problems: [ReleaseProblem] = []
        for file in expected {
            let path = root + "/" + file.path
            guard FileKind.of(path) != nil else { continue }
            guard let bytes = try? ReleaseVerifier.readSmall(path), bytes == file.bytes else {
                problems.append(ReleaseProblem(path: path, kind: .feed("this release feed differs from what index.json and the published releases' release.json give; delete it and run `lienthong build` (or `publish`), which writes it again")))
                continue
            }
        }
        return problems
    }
}
