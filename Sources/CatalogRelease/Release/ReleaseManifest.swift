import CatalogCore
import CatalogEmitters
import Foundation

/// `release.json` in a published version's folder: the catalog's identity, the version and its
/// place in the sequence, the format version of every artifact family, and every file of the
/// release with its size and SHA-256, archives included. Everything in it comes from the
/// sources and the files, never from the clock, so publishing the same sources twice gives the
/// same bytes. It lists every file of the folder except itself and its detached signature
/// (`release.json.sig`).
public struct ReleaseManifest: Codable, Equatable, Sendable {
    /// The format version of `release.json`.
    public static let formatVersion = FormatHistory.current("release.json")
    /// The file's name in a version folder.
    public static let fileName = "release.json"
    /// The detached Ed25519 signature of `release.json`, beside it.
    public static let signatureName = "release.json.sig"

    /// One artifact family's format.
    public struct Family: Codable, Equatable, Sendable {
        public var name: String
        public var formatVersion: String
    }

    /// One file of the release.
    public struct File: Codable, Equatable, Sendable {
        /// Relative to the version folder, with `/`.
        public var path: String
        public var size: Int
        public var sha256: String
    }

    /// An archive of the release, also listed in ``files``.
    public struct Archive: Codable, Equatable, Sendable {
        /// `fhir-package` (the FHIR NPM package, `package.tgz`) or `version` (every other file
        /// of the version folder, in one `.tar.gz`).
        public var kind: String
        public var path: String
    }

    public var formatVersion: String
    public var canonicalUrl: String
    public var oid: String
    public var name: String
    public var version: String
    public var effectiveDate: String
    public var previousRelease: String?
    public var families: [Family]
    public var archives: [Archive]
    public var files: [File]

    /// The digest of a listed file, by path.
    public func file(_ path: String) -> File? { files.first { $0.path == path } }

    /// Reads a `release.json`, or says why it cannot be read.
    public static func decode(_ bytes: [UInt8], path: String) throws -> ReleaseManifest {
        do {
            let manifest = try JSONDecoder().decode(ReleaseManifest.self, from: Data(bytes))
            guard SemanticVersion(manifest.version) != nil else {
                throw ReleaseError.malformed(path, "'\(manifest.version)' is not a version")
            }
            for file in manifest.files where !RelativePath.isSafe(file.path) {
                throw ReleaseError.malformed(path, "the listed path '\(file.path)' leaves the version folder; this release manifest cannot be trusted")
            }
            return manifest
        } catch let error as ReleaseError {
            throw error
        } catch {
            throw ReleaseError.malformed(path, "this release manifest cannot be read (\(VersionIndex.reason(error))); restore it from the release archive or from version control")
        }
    }

    /// Renders the file: fixed key order, two-space indentation, files in path order.
    public func render() -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            w.field("formatVersion", formatVersion)
            w.field("canonicalUrl", canonicalUrl)
            w.field("oid", oid)
            w.field("name", name)
            w.field("version", version)
            w.field("effectiveDate", effectiveDate)
            w.field("previousRelease", previousRelease)
            w.key("families")
            w.array { w in
                for f in families {
                    w.object { w in
                        w.field("name", f.name)
                        w.field("formatVersion", f.formatVersion)
                    }
                }
            }
            w.key("archives")
            w.array { w in
                for a in archives {
                    w.object { w in
                        w.field("kind", a.kind)
                        w.field("path", a.path)
                    }
                }
            }
            w.key("files")
            w.array { w in
                for f in files.sorted(by: { $0.path < $1.path }) {
                    w.object { w in
                        w.field("path", f.path)
                        w.field("size", f.size)
                        w.field("sha256", f.sha256)
                    }
                }
            }
        }
        return w.finish()
    }
}

/// Paths inside a release, as manifests and archives list them.
enum RelativePath {
    /// Whether `path` stays inside its folder: relative, no `..` or empty component.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}
