import CatalogCore
import CatalogSources

/// The output folder as one run sees it, read once, under the folder's lock held by the
/// caller: the index, every problem of the published versions against their release
/// manifests, and each published version's catalog parsed once. Every stage of a run —
/// validation (versions only go forward), the release gate (breaking changes against the
/// latest release), the entries' history, release notes — reads this, never the disk again,
/// so two commands cannot see two different folders.
public struct PublishedSnapshot: Sendable {
    /// One published version.
    public struct Release: Sendable {
        public var version: SemanticVersion
        /// The version's folder.
        public var folder: String
        /// Its `json/catalog.json`, read back.
        public var catalog: Catalog
        /// Each artifact family's format version, from its `release.json` (or the index).
        public var formatVersions: [String: String]
        /// The SHA-256 of its `json/catalog.json`, to tell whether sources at this version
        /// still compile to it.
        public var catalogDigest: String
    }

    /// The folder read.
    public var folder: OutputFolder
    /// Its index, nil when there is none (a new folder).
    public var index: VersionIndex?
    /// The published versions, oldest first, each with its catalog; a version whose catalog
    /// could not be read is left out, and its problem is in ``problems``.
    public var releases: [Release]
    /// How the published versions differ from their release manifests, and catalogs that
    /// could not be read: each refuses any run that would build on this folder.
    public var problems: [ReleaseProblem]

    /// An empty folder (none yet).
    public static func empty(_ folder: OutputFolder) -> PublishedSnapshot {
        PublishedSnapshot(folder: folder, index: nil, releases: [], problems: [])
    }

    /// Reads `folder` (the caller holds its lock). `finishing` names a version whose
    /// interrupted publication the caller completes. Catalogs are read through `fs` (the
    /// seam tests count reads through).
    public static func read(_ folder: OutputFolder, finishing: String? = nil, through fs: some SourceFileSystem = DiskFileSystem(maxFileSize: .max)) throws -> PublishedSnapshot {
        guard try folder.exists() else { return .empty(folder) }
        return read(folder, index: try folder.readIndex(), finishing: finishing, through: fs)
    }

    /// Reads `folder` whose index the caller has already read (under the same lock).
    public static func read(_ folder: OutputFolder, index: VersionIndex?, finishing: String? = nil, through fs: some SourceFileSystem = DiskFileSystem(maxFileSize: .max)) -> PublishedSnapshot {
        guard let index else { return .empty(folder) }
        var problems = folder.verifyPublished(index: index, finishing: finishing)
        var releases: [Release] = []
        let broken = problems.map(\.path)
        for version in index.published.releasedVersions.sorted() {
            let root = folder.root + "/" + version.description
            let path = root + "/json/catalog.json"
            // A release with a problem is already reported: it is not read as if sound, so
            // nothing is compared with it (one root cause, one diagnostic).
            guard !broken.contains(where: { $0 == root || $0.hasPrefix(root + "/") }) else { continue }
            do {
                guard let bytes = try fs.contents(of: path) else {
                    problems.append(ReleaseProblem(path: path, kind: .missing))
                    continue
                }
                let catalog = try CatalogJSONReader.read(bytes, path: path)
                releases.append(Release(version: version, folder: root, catalog: catalog,
                                        formatVersions: formatVersions(of: root, record: index.release(version.description)),
                                        catalogDigest: FileDigest.of(bytes: bytes).sha256))
            } catch let error as ReleaseError {
                problems.append(ReleaseProblem(path: path, kind: .unlisted(error.message)))
            } catch {
                problems.append(ReleaseProblem(path: path, kind: .unlisted("cannot be read: \(error)")))
            }
        }
        // The feeds are checked once the releases they describe are sound (one root cause).
        if problems.isEmpty, let newest = releases.last {
            problems += FolderFeeds.problems(root: folder.root, index: index, latest: newest.catalog.metadata)
        }
        return PublishedSnapshot(folder: folder, index: index, releases: releases, problems: problems)
    }

    /// The families' format versions of a version folder: its `release.json`, or the index.
    static func formatVersions(of folder: String, record: VersionIndex.Release?) -> [String: String] {
        var versions: [String: String] = [:]
        let path = folder + "/" + ReleaseManifest.fileName
        if let bytes = try? ReleaseVerifier.readSmall(path), let manifest = try? ReleaseManifest.decode(bytes, path: path) {
            for family in manifest.families { versions[family.name] = family.formatVersion }
        } else if let record {
            for artifact in record.artifacts { versions[artifact.family] = artifact.formatVersion }
        }
        return versions
    }

    /// What validation needs of the folder: its identity and versions.
    public var published: PublishedCatalog? { index?.published }

    /// The latest published version below `version` (every published version when nil).
    public func latest(before version: SemanticVersion? = nil) -> Release? {
        releases.last { version == nil || $0.version < version! }
    }

    /// The published version `version`, if it is one and could be read.
    public func release(_ version: SemanticVersion) -> Release? {
        releases.first { $0.version == version }
    }

    /// Whether `version` is published (the index says so, or its folder has a release.json).
    public func isPublished(_ version: SemanticVersion) -> Bool {
        folder.isPublished(version.description, index: index)
    }

    /// The versions whose folders are drafts (built, not published).
    public var drafts: [String] {
        index?.releases.filter { $0.status != .published }.map(\.version) ?? []
    }

    /// `catalog` with each entry's history computed from the releases published before it.
    public func withHistory(_ catalog: Catalog) -> Catalog {
        var catalog = catalog
        let version = catalog.metadata.version
        catalog.history = EntryHistory.compute(releases: releases.filter { $0.version < version }.map(\.catalog), current: catalog)
        return catalog
    }
}
