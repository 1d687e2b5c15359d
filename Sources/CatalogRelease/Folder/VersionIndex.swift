import CatalogCore
import CatalogEmitters
import Foundation

/// `index.json` at the top of `generated/`: every catalog version present, newest last, with
/// its status (draft or published), each artifact family's format version and files, and for a
/// published version the path and SHA-256 of its `release.json`. Building a version replaces
/// only its own record; records of other versions are carried over as they were.
public struct VersionIndex: Sendable, Equatable {
    /// The format version of `index.json` itself (1.1.0 added `status` and `releaseManifest`).
    public static let formatVersion = FormatHistory.current("index.json")

    /// Whether a version is still a draft (the next `build` may rewrite it) or published
    /// (never changes again).
    public enum Status: String, Codable, Sendable, Equatable {
        case draft, published
    }

    /// One version's record.
    public struct Release: Codable, Sendable, Equatable {
        public var version: String
        public var status: Status
        public var effectiveDate: String
        public var entryCount: Int
        public var artifacts: [Artifact]
        /// The version's `release.json`, once published.
        public var releaseManifest: ManifestReference?
        /// Its detached signature `release.json.sig`, once signed (index format 1.2.0), so
        /// that a signature removed later is noticed.
        public var signature: ManifestReference?

        public init(version: String, status: Status = .draft, effectiveDate: String, entryCount: Int, artifacts: [Artifact],
                    releaseManifest: ManifestReference? = nil) {
            self.version = version
            self.status = status
            self.effectiveDate = effectiveDate
            self.entryCount = entryCount
            self.artifacts = artifacts
            self.releaseManifest = releaseManifest
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decode(String.self, forKey: .version)
            // Indexes of format 1.0.0 had no status: every version in them was a draft.
            status = try c.decodeIfPresent(Status.self, forKey: .status) ?? .draft
            effectiveDate = try c.decode(String.self, forKey: .effectiveDate)
            entryCount = try c.decode(Int.self, forKey: .entryCount)
            artifacts = try c.decode([Artifact].self, forKey: .artifacts)
            releaseManifest = try c.decodeIfPresent(ManifestReference.self, forKey: .releaseManifest)
            signature = try c.decodeIfPresent(ManifestReference.self, forKey: .signature)
        }
    }

    /// Where a published version's `release.json` is, and its SHA-256.
    public struct ManifestReference: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// One artifact family of a version.
    public struct Artifact: Codable, Sendable, Equatable {
        public var family: String
        public var formatVersion: String
        public var files: [String]
    }

    private struct Document: Codable {
        var canonicalUrl: String
        var releases: [Release]
    }

    public var canonicalUrl: String
    public var releases: [Release]

    public init(canonicalUrl: String, releases: [Release]) {
        self.canonicalUrl = canonicalUrl
        self.releases = releases
    }

    /// Reads an existing `index.json`; nil if it cannot be read as one.
    public static func read(_ bytes: [UInt8]) -> VersionIndex? {
        try? decode(bytes, path: "index.json")
    }

    /// Reads an `index.json`, or says exactly why it cannot (a truncated or hand-broken index
    /// is an error, never a reason to start a new one).
    public static func decode(_ bytes: [UInt8], path: String) throws -> VersionIndex {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(bytes))
        } catch {
            throw ReleaseError.malformed(path, "this index of published versions cannot be read (\(Self.reason(error))); restore it from version control, or remove it only if no version here was ever published")
        }
        for release in document.releases where SemanticVersion(release.version) == nil {
            throw ReleaseError.malformed(path, "'\(release.version)' is not a version; restore the file from version control")
        }
        return VersionIndex(canonicalUrl: document.canonicalUrl, releases: document.releases)
    }

    /// A decoding error in a few words.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let DecodingError.dataCorrupted(context): return "not valid JSON: \(context.debugDescription)"
        case let DecodingError.keyNotFound(key, _): return "the field '\(key.stringValue)' is missing"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "a value at \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        default: return "\(error)"
        }
    }

    /// What the index says exists, for the rule that versions only go forward.
    public var published: PublishedCatalog {
        PublishedCatalog(canonicalUrl: canonicalUrl, versions: releases.compactMap { SemanticVersion($0.version) },
                         releasedVersions: releases.filter { $0.status == .published }.compactMap { SemanticVersion($0.version) })
    }

    /// The record of `version`, if any.
    public func release(_ version: String) -> Release? {
        releases.first { $0.version == version }
    }

    /// The highest published version below `version`.
    public func previousPublished(before version: SemanticVersion) -> String? {
        releases.filter { $0.status == .published }.compactMap { SemanticVersion($0.version) }.filter { $0 < version }.max()?.description
    }

    /// The record for `catalog` built from the paths (relative to the version folder) of the
    /// files emitted for it, per family.
    public static func release(for catalog: Catalog, paths: [(family: any ArtifactFamily, paths: [String])]) -> Release {
        let version = catalog.metadata.version.description
        return Release(
            version: version, effectiveDate: catalog.metadata.effectiveDate, entryCount: catalog.entries.count,
            artifacts: paths.map { Artifact(family: $0.family.name, formatVersion: $0.family.formatVersion,
                                            files: $0.paths.map { version + "/" + $0 }.sorted()) })
    }

    /// The index with `release` put in place of any record of the same version, keeping only
    /// versions in `present`, ordered by Semantic Versioning precedence.
    public func replacing(with release: Release, keeping present: Set<String>) -> VersionIndex {
        var kept = releases.filter { $0.version != release.version && present.contains($0.version) }
        kept.append(release)
        kept.sort { (SemanticVersion($0.version) ?? SemanticVersion(major: 0, minor: 0, patch: 0)) < (SemanticVersion($1.version) ?? SemanticVersion(major: 0, minor: 0, patch: 0)) }
        return VersionIndex(canonicalUrl: canonicalUrl, releases: kept)
    }

    /// Renders `index.json`.
    public func render() -> OutputFile {
        var w = JSONWriter()
        w.object { w in
            w.field("formatVersion", Self.formatVersion)
            w.field("canonicalUrl", canonicalUrl)
            w.field("latest", releases.last?.version)
            w.field("latestPublished", releases.last { $0.status == .published }?.version)
            w.key("releases")
            w.array { w in
                for r in releases {
                    w.object { w in
                        w.field("version", r.version)
                        w.field("status", r.status.rawValue)
                        w.field("effectiveDate", r.effectiveDate)
                        w.field("entryCount", r.entryCount)
                        if let manifest = r.releaseManifest {
                            w.key("releaseManifest")
                            w.object { w in
                                w.field("path", manifest.path)
                                w.field("sha256", manifest.sha256)
                            }
                        }
                        if let signature = r.signature {
                            w.key("signature")
                            w.object { w in
                                w.field("path", signature.path)
                                w.field("sha256", signature.sha256)
                            }
                        }
                        w.key("artifacts")
                        w.array { w in
                            for a in r.artifacts {
                                w.object { w in
                                    w.field("family", a.family)
                                    w.field("formatVersion", a.formatVersion)
                                    w.field("files", strings: a.files)
                                }
                            }
                        }
                    }
                }
            }
        }
        return OutputFile(path: "index.json", bytes: w.finish())
    }
}
