import CatalogCore
import Foundation

/// `index.json` at the top of `generated/`: every catalog version present, newest last, with
/// each artifact family's format version and files. Building a version replaces only its own
/// record; records of earlier versions are carried over as they were.
public struct VersionIndex: Sendable, Equatable {
    /// The format version of `index.json` itself.
    public static let formatVersion = "1.0.0"

    /// One version's record.
    public struct Release: Codable, Sendable, Equatable {
        public var version: String
        public var effectiveDate: String
        public var entryCount: Int
        public var artifacts: [Artifact]
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
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(bytes)) else { return nil }
        return VersionIndex(canonicalUrl: document.canonicalUrl, releases: document.releases)
    }

    /// What the index says is published.
    public var published: PublishedCatalog {
        PublishedCatalog(canonicalUrl: canonicalUrl, versions: releases.compactMap { SemanticVersion($0.version) })
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
            w.key("releases")
            w.array { w in
                for r in releases {
                    w.object { w in
                        w.field("version", r.version)
                        w.field("effectiveDate", r.effectiveDate)
                        w.field("entryCount", r.entryCount)
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
