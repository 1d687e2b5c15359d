import CatalogCore
import CatalogEmitters
import Crypto
import Dispatch
import Foundation

/// The pipeline after validation, in one place: **emit** every artifact family into an
/// ``OutputStage`` → **stage** the version folder whole → **commit** it (`build`), or first add
/// its archives, `release.json` and signature and mark it published (`publish`); either way
/// the release feeds (``FolderFeeds``) are written beside `index.json`, in the same commit. Every step
/// runs under the output folder's lock, after the published versions have been checked against
/// their release manifests; a published version is never changed.
public enum ReleasePipeline {
    /// What a build or publish did, or (dry run) would do.
    public struct Outcome: Sendable {
        public var changes: OutputStage.Changes
        public var fileCount: Int
        /// The version was already published and is unchanged.
        public var alreadyPublished = false
    }

    /// How a run treats the output folder.
    public struct Settings {
        /// Only compare (`build --check`): nothing is written.
        public var dryRun = false
        /// Told the name of each stage as it ends ("emit and compare", "write"), for timings.
        public var stageEnded: (String) -> Void = { _ in }
        public init(dryRun: Bool = false, stageEnded: @escaping (String) -> Void = { _ in }) {
            self.dryRun = dryRun
            self.stageEnded = stageEnded
        }
    }

    /// What `publish` adds to a version besides the build's files.
    public struct ReleaseContents {
        /// Files under ``releaseExtrasFolder`` (release notes, changes and upgrade scripts
        /// against the previous release), listed in `release.json` like every other.
        public var extras: [OutputFile]
        /// The previous published version, nil for the first release.
        public var previous: String?
        public var signingKey: Curve25519.Signing.PrivateKey?
        public init(extras: [OutputFile], previous: String?, signingKey: Curve25519.Signing.PrivateKey?) {
            self.extras = extras
            self.previous = previous
            self.signingKey = signingKey
        }
    }

    /// The folder of a version that holds ``ReleaseContents/extras``.
    public static let releaseExtrasFolder = "changes"

    /// `build`: writes the catalog's version folder (a draft), `index.json` and `schema/`.
    /// The caller holds the folder's lock (exclusive to write, shared for a dry run) and read
    /// `snapshot` under it.
    public static func build(_ catalog: Catalog, snapshot: PublishedSnapshot, settings: Settings = Settings()) throws -> Outcome {
        try run(catalog, snapshot, settings, release: nil)
    }

    /// `publish`: builds the version and makes it a release: archives, `release.json` (and its
    /// signature), status published in `index.json`. Publishing a version that is already
    /// published and unchanged does nothing. The caller holds the folder's exclusive lock.
    public static func publish(_ catalog: Catalog, snapshot: PublishedSnapshot, release: ReleaseContents, settings: Settings = Settings()) throws -> Outcome {
        try run(catalog, snapshot, settings, release: release)
    }

    private static func run(_ catalog: Catalog, _ snapshot: PublishedSnapshot, _ settings: Settings, release: ReleaseContents?) throws -> Outcome {
        let folder = snapshot.folder
        let publishing = release != nil
        let version = catalog.metadata.version.description
        let writing = !settings.dryRun
        if writing { try folder.create() }
        let present = try folder.exists()
        if writing { folder.removeStaleStaging() }
        let index = snapshot.index
        if let index, index.canonicalUrl != catalog.metadata.canonicalUrl {
            throw ReleaseError.otherCatalog(folder.indexPath, holds: index.canonicalUrl, building: catalog.metadata.canonicalUrl)
        }
        if let latest = snapshot.latest()?.version, catalog.metadata.version < latest {
            throw ReleaseError.versionBehind(folder.indexPath, version: version, latest: latest.description)
        }
        if !snapshot.problems.isEmpty { throw ReleaseError.tampered(snapshot.problems) }
        // Each entry's first-released and last-changed versions, from the verified releases.
        let catalog = snapshot.withHistory(catalog)
        let published = folder.isPublished(version, index: index)
        let stage = try OutputStage(root: folder.root, wholeFolder: version, writing: writing && present)
        defer { stage.discard() }
        var record = emit(catalog, into: stage)
        if published, let existing = index?.release(version), existing.status == .published {
            record = existing
        } else if published {
            // A publication stopped after its folder was committed: finish it in the index.
            let manifest = folder.root + "/" + version + "/" + ReleaseManifest.fileName
            record.status = .published
            record.releaseManifest = VersionIndex.ManifestReference(path: version + "/" + ReleaseManifest.fileName,
                                                                   sha256: try FileDigest.of(file: manifest).sha256)
        }
        var releaseFiles: (String) -> Bool = { _ in false }
        var newManifest: [String: [UInt8]] = [:]
        if published {
            releaseFiles = { isReleaseFile($0, of: version) }
        } else if let release {
            let added = try addRelease(catalog, record: record, release: release, to: stage)
            record = added.record
            newManifest[version] = added.manifest
        }
        let versions = Set(folder.versionFolders()).union([version])
        let nextIndex = VersionIndex(canonicalUrl: catalog.metadata.canonicalUrl, releases: index?.releases ?? [])
            .replacing(with: record, keeping: versions)
        // The feeds go in the same commit as the index they describe (see OutputStage.commit).
        if let newest = nextIndex.releases.last(where: { $0.status == .published }),
           let latest = newest.version == version ? catalog.metadata : SemanticVersion(newest.version).flatMap({ snapshot.release($0)?.catalog.metadata }),
           let feeds = FolderFeeds.files(root: folder.root, index: nextIndex, latest: latest, given: newManifest) {
            for file in feeds { stage.write(file) }
        }
        stage.write(nextIndex.render())
        for file in SourceSchemaEmitter.emit(baseURL: catalog.metadata.canonicalUrl) { stage.write(file) }
        let changes = try stage.finish(owned: [version, "schema"], keeping: releaseFiles)
        if published {
            let inside = changes.all.filter { $0.hasPrefix(version + "/") }
            if !inside.isEmpty {
                throw ReleaseError.publishedVersionChanged(folder.root + "/" + version, version: version, files: inside.map { String($0.dropFirst(version.count + 1)) })
            }
        }
        let outcome = Outcome(changes: changes, fileCount: stage.fileCount, alreadyPublished: published && publishing)
        settings.stageEnded(publishing ? "emit, archive and compare" : "emit and compare")
        if writing {
            if !changes.isEmpty { try stage.commit(changes) }
            settings.stageEnded("write")
        }
        return outcome
    }

    /// Whether `path` (relative to the output folder) is one of the files `publish` adds to a
    /// version folder, which `build` does not produce.
    static func isReleaseFile(_ path: String, of version: String) -> Bool {
        path == version + "/" + ReleaseManifest.fileName || path == version + "/" + ReleaseManifest.signatureName
            || path.hasPrefix(version + "/" + ReleaseBundle.folder + "/") || path.hasPrefix(version + "/" + releaseExtrasFolder + "/")
    }

    /// Emits every file `build` produces for `catalog` into `stage`, with paths relative to the
    /// output folder, and returns the version's record for `index.json`. Families run
    /// concurrently, heaviest first, each streaming its files to the stage in chunks, so no
    /// artifact is ever whole in memory.
    public static func emit(_ catalog: Catalog, into stage: any ArtifactOutput & Sendable) -> VersionIndex.Release {
        let version = catalog.metadata.version.description
        let families = ArtifactFamilies.all
        var paths = [[String]](repeating: [], count: families.count)
        // Heaviest first, so that no large family starts last.
        let schedule = families.indices.sorted { families[$0].weight > families[$1].weight }
        paths.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: families.count) { turn in
                let i = schedule[turn]
                let output = VersionFolder(version, in: stage)
                families[i].emit(catalog, to: output)
                slots[i] = output.paths
            }
        }
        return VersionIndex.release(for: catalog, paths: zip(families, paths).map { ($0, $1) })
    }

    /// Adds the release's archives, `release.json` and signature to the staged version, and
    /// returns the version's record marked published and the `release.json` bytes.
    private static func addRelease(_ catalog: Catalog, record: VersionIndex.Release, release: ReleaseContents, to stage: OutputStage) throws -> (record: VersionIndex.Release, manifest: [UInt8]) {
        let version = catalog.metadata.version.description
        let (extras, previous, signingKey) = (release.extras, release.previous, release.signingKey)
        for file in extras {
            precondition(file.path.hasPrefix(releaseExtrasFolder + "/"), "release extras go under \(releaseExtrasFolder)/")
            stage.write(OutputFile(path: version + "/" + file.path, bytes: file.bytes))
        }
        let bundle = try ReleaseBundle.write(catalog, record: record, previous: previous, extras: extras.map(\.path), to: stage)
        stage.write(OutputFile(path: version + "/" + ReleaseManifest.fileName, bytes: bundle))
        var signature: VersionIndex.ManifestReference?
        if let signingKey {
            let bytes = try ReleaseKeys.sign(bundle, with: signingKey)
            stage.write(OutputFile(path: version + "/" + ReleaseManifest.signatureName, bytes: bytes))
            signature = VersionIndex.ManifestReference(path: version + "/" + ReleaseManifest.signatureName, sha256: FileDigest.of(bytes: bytes).sha256)
        }
        var published = record
        published.status = .published
        published.releaseManifest = VersionIndex.ManifestReference(path: version + "/" + ReleaseManifest.fileName,
                                                                   sha256: FileDigest.of(bytes: bundle).sha256)
        published.signature = signature
        return (published, bundle)
    }
}

/// One family's view of the stage: its paths go under the version folder, and are noted for
/// the version's record in `index.json`.
private final class VersionFolder: ArtifactOutput {
    let prefix: String
    let stage: any ArtifactOutput
    /// The paths opened, relative to the version folder.
    private(set) var paths: [String] = []

    init(_ version: String, in stage: any ArtifactOutput) {
        prefix = version + "/"
        self.stage = stage
    }

    func open(_ path: String) -> any ArtifactFile {
        paths.append(path)
        return stage.open(prefix + path)
    }
}
