import CatalogCore
import CatalogSources
import Foundation

/// The output folder (`generated/`): one folder per catalog version, `index.json` naming them
/// and their status, and `schema/`. Reads and checks what is there; writing goes through an
/// ``OutputStage`` under the folder's ``FolderLock``.
public struct OutputFolder: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var indexPath: String { root + "/index.json" }

    /// Whether the folder exists (as a folder); throws when something else stands there.
    public func exists() throws -> Bool {
        switch FileKind.of(root) {
        case nil: return false
        case .directory?: return true
        case let kind?: throw ReleaseError.notAFolder(root, kind: kind)
        }
    }

    /// Makes the folder (and its parents) when it does not exist.
    public func create() throws {
        guard try !exists() else { return }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw ReleaseError.io(root, "the output folder cannot be made", (error as NSError).code == 0 ? EIO : Int32((error as NSError).code))
        }
    }

    /// Takes the folder's lock: exclusively to write, shared to read. A commit that a killed
    /// run left half done (its files outside the version folder — feeds, `index.json` — partly
    /// moved) is finished first, under the exclusive lock, so every holder sees the old
    /// `index.json` and feeds or the new ones, never a mix.
    public func lock(_ mode: FolderLock.Mode, waiting seconds: Double = FolderLock.standardWait) throws -> FolderLock {
        guard hasInterruptedCommit() else { return try FolderLock.acquire(root, mode, waiting: seconds) }
        let lock = try FolderLock.acquire(root, .exclusive, waiting: seconds)
        removeStaleStaging()
        if mode == .shared { lock.share() }
        return lock
    }

    /// Whether a staging folder holds a commit journal (``OutputStage/journalName``).
    func hasInterruptedCommit() -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.contains { $0.hasPrefix(OutputStage.stagingPrefix) && FileKind.of(root + "/" + $0 + "/" + OutputStage.journalName) == .regular }
    }

    /// Removes staging folders that killed runs left behind, after finishing the commit of one
    /// that holds a journal: its staged files still there move into place in the journal's
    /// order (`index.json` last). Call with the exclusive lock held: then no other run is
    /// using one.
    public func removeStaleStaging() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return }
        for name in names.sorted() where name.hasPrefix(OutputStage.stagingPrefix) {
            let staging = root + "/" + name
            if let journal = try? ReleaseVerifier.readSmall(staging + "/" + OutputStage.journalName) {
                for path in String(decoding: journal, as: UTF8.self).split(separator: "\n").map(String.init) {
                    // Only paths the journal's own run staged: relative, never leaving the folder.
                    guard !path.hasPrefix("/"), !path.split(separator: "/").contains(".."), FileKind.of(staging + "/" + path) == .regular else { continue }
                    let parent = (path as NSString).deletingLastPathComponent
                    if !parent.isEmpty { try? FileManager.default.createDirectory(atPath: root + "/" + parent, withIntermediateDirectories: true) }
                    _ = rename(staging + "/" + path, root + "/" + path)
                }
                FolderSync.sync(root)
            }
            try? FileManager.default.removeItem(atPath: staging)
        }
    }

    /// The index, nil when there is none yet; throws when it exists but cannot be read.
    public func readIndex() throws -> VersionIndex? {
        guard let kind = FileKind.of(indexPath) else { return nil }
        guard kind == .regular else { throw ReleaseError.notAFile(indexPath, kind: kind) }
        return try VersionIndex.decode(ReleaseVerifier.readSmall(indexPath), path: indexPath)
    }

    /// The names of the version folders present.
    public func versionFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { SemanticVersion($0) != nil && FileKind.of(root + "/" + $0) == .directory }
            .sorted { SemanticVersion($0)! < SemanticVersion($1)! }
    }

    /// Whether `version` is published: the index says so, or its folder has a `release.json`
    /// (a publish that stopped before its index was written).
    public func isPublished(_ version: String, index: VersionIndex?) -> Bool {
        index?.release(version)?.status == .published || FileKind.of(root + "/" + version + "/" + ReleaseManifest.fileName) != nil
    }

    /// Checks every published version against its `release.json` and the index against the
    /// folders: each file that differs, is missing or is extra; a published version whose
    /// folder is gone; a `release.json` the index does not vouch for.
    /// `finishing` names a version whose interrupted publication the caller completes: its
    /// missing index record is not a problem.
    public func verifyPublished(index: VersionIndex?, finishing: String? = nil) -> [ReleaseProblem] {
        var problems: [ReleaseProblem] = []
        let folders = Set(versionFolders())
        for release in index?.releases ?? [] where release.status == .published && !folders.contains(release.version) {
            problems.append(ReleaseProblem(path: root + "/" + release.version, kind: .unlisted("version \(release.version) is published (index.json) but its folder is missing; restore it from the release archive or from version control")))
        }
        for version in folders.sorted() {
            let record = index?.release(version)
            let manifestPath = root + "/" + version + "/" + ReleaseManifest.fileName
            let hasManifest = FileKind.of(manifestPath) != nil
            guard record?.status == .published || hasManifest else { continue }
            if record?.status != .published {
                if version == finishing {
                    problems += ReleaseVerifier.verify(folder: root + "/" + version, publicKey: nil).problems
                    continue
                }
                problems.append(ReleaseProblem(path: manifestPath, kind: .unlisted("version \(version) has a release.json, but index.json does not list it as published (a publish was interrupted?); run `lienthong publish` with the manifest at \(version) to finish it, or restore index.json")))
                continue
            }
            if let expected = record?.releaseManifest?.sha256, let actual = try? FileDigest.of(file: manifestPath), actual.sha256 != expected {
                problems.append(ReleaseProblem(path: manifestPath, kind: .unlisted("release.json of version \(version) is not the one index.json recorded at publication; restore it from the release archive or from version control")))
            }
            if let signature = record?.signature {
                let path = root + "/" + signature.path
                if FileKind.of(path) == nil {
                    problems.append(ReleaseProblem(path: path, kind: .signature("version \(version) was signed (index.json records release.json.sig), but the signature is missing; restore it from the publisher's download")))
                } else if (try? FileDigest.of(file: path))?.sha256 != signature.sha256 {
                    problems.append(ReleaseProblem(path: path, kind: .signature("release.json.sig of version \(version) is not the one index.json recorded when it was signed; restore it from the publisher's download")))
                }
            }
            problems += ReleaseVerifier.verify(folder: root + "/" + version, publicKey: nil).problems
        }
        return problems
    }
}
