import CatalogCore
import CatalogSources
import Crypto
import Foundation

/// Changes to the output folder that are not builds: signing a release published unsigned,
/// and discarding a draft. Each runs under the folder's exclusive lock, verifies what it
/// touches first, and writes the file before the index that vouches for it, so a killed run
/// leaves the folder as it was or as it should be.
public enum ReleaseSigning {
    /// What `sign` did.
    public enum Result: Equatable, Sendable {
        /// The signature was written (its path).
        case signed(String)
        /// The release already carries a signature; nothing was changed.
        case alreadySigned
    }

    /// Signs the published `version` in `folder` with `key`: writes `release.json.sig` beside
    /// its `release.json` (not a byte of the release changes) and records the signature in
    /// `index.json`.
    public static func sign(version: String, in folder: OutputFolder, with key: Curve25519.Signing.PrivateKey,
                            lockWait: Double = FolderLock.standardWait) throws -> Result {
        guard try folder.exists() else { throw ReleaseError.notAFolder(folder.root, kind: .other) }
        let lock = try folder.lock(.exclusive, waiting: lockWait)
        defer { lock.release() }
        guard let index = try folder.readIndex(), var record = index.release(version), record.status == .published else {
            throw ReleaseError.malformed(folder.indexPath, "version \(version) is not published in this folder; only a published release is signed (`lienthong publish` first)")
        }
        let versionFolder = folder.root + "/" + version
        let report = ReleaseVerifier.verify(folder: versionFolder, publicKey: nil)
        if !report.problems.isEmpty { throw ReleaseError.tampered(report.problems) }
        let signaturePath = versionFolder + "/" + ReleaseManifest.signatureName
        if FileKind.of(signaturePath) != nil { return .alreadySigned }
        let manifest = try ReleaseVerifier.readSmall(versionFolder + "/" + ReleaseManifest.fileName)
        let signature = try ReleaseKeys.sign(manifest, with: key)
        try OutputStage.replace(signaturePath, with: signature)
        record.signature = VersionIndex.ManifestReference(path: version + "/" + ReleaseManifest.signatureName, sha256: FileDigest.of(bytes: signature).sha256)
        let next = index.replacing(with: record, keeping: Set(index.releases.map(\.version)))
        try OutputStage.replace(folder.indexPath, with: next.render().bytes)
        return .signed(signaturePath)
    }

    /// Removes the draft `version` from `folder`: its record in `index.json` first, then its
    /// folder. A published version is refused.
    public static func discard(version: String, in folder: OutputFolder, lockWait: Double = FolderLock.standardWait) throws {
        guard try folder.exists() else { throw ReleaseError.notAFolder(folder.root, kind: .other) }
        let lock = try folder.lock(.exclusive, waiting: lockWait)
        defer { lock.release() }
        let index = try folder.readIndex()
        if folder.isPublished(version, index: index) {
            throw ReleaseError.malformed(folder.root + "/" + version, "version \(version) is published; a release is never removed (raise the manifest's version for the next edition)")
        }
        let present = FileKind.of(folder.root + "/" + version) == .directory
        guard present || index?.release(version) != nil else {
            throw ReleaseError.io(folder.root + "/" + version, "there is no draft \(version) to discard", ENOENT)
        }
        if let index, index.release(version) != nil {
            let kept = VersionIndex(canonicalUrl: index.canonicalUrl, releases: index.releases.filter { $0.version != version })
            try OutputStage.replace(folder.indexPath, with: kept.render().bytes)
        }
        if present {
            // Moved aside in one step, then removed: a reader never sees half a folder.
            let aside = folder.root + "/" + OutputStage.stagingPrefix + "discard-" + version
            try? FileManager.default.removeItem(atPath: aside)
            guard rename(folder.root + "/" + version, aside) == 0 else { throw ReleaseError.io(folder.root + "/" + version, "cannot be removed", errno) }
            try? FileManager.default.removeItem(atPath: aside)
        }
    }
}
