import CatalogRelease
import Foundation

extension Terminology {
    /// The release feeds `publish` wrote at the top of the folder served (``FolderFeeds``),
    /// by file name, as checked at load time; their links are the ones published
    /// (`<canonical base>/releases/<version>/…`, which ``releaseFile(version:path:)`` serves
    /// under `/releases/`), whatever `baseURL` the request came by.
    public func feeds(baseURL: String) -> [String: [UInt8]] {
        releases.feeds
    }

    /// A file of a published release the feeds link to: one its `release.json` lists, or
    /// `release.json` itself. Read at request time and checked against the manifest, so a file
    /// changed on disk is never handed out.
    public func releaseFile(version: String, path: String) throws -> [UInt8] {
        guard let release = releases.releases.first(where: { $0.version == version && $0.status == .published }), let manifest = release.manifest else {
            throw FHIRError(.notFound, .notFound, "no published release \(version) is served")
        }
        let expected: FileDigest
        if path == ReleaseManifest.fileName {
            expected = manifest.manifestDigest
        } else if let listed = manifest.manifest.file(path) {
            expected = FileDigest(size: listed.size, sha256: listed.sha256)
        } else {
            throw FHIRError(.notFound, .notFound, "\(path) is not a file of release \(version)")
        }
        guard let data = FileManager.default.contents(atPath: release.folder + "/" + path) else {
            throw FHIRError(.serviceUnavailable, .exception, "\(path) of release \(version) cannot be read now")
        }
        let bytes = [UInt8](data)
        guard FileDigest.of(bytes: bytes) == expected else {
            throw FHIRError(.serviceUnavailable, .exception, "\(path) of release \(version) differs from its release.json on disk; it is not served")
        }
        return bytes
    }
}
