import CatalogCore

/// One side of a diff: a catalog, what is known of its artifacts, and, when it was compiled
/// from sources, where each entry and manifest field is written (for annotations) and the
/// waivers the manifest grants.
public struct CatalogSnapshot: Sendable {
    /// How the user named the side (`2026.1.0`, `annexes`, `main:annexes`, a path).
    public var label: String
    public var catalog: Catalog
    /// Each artifact family's format version, where the side says it.
    public var formatVersions: [String: String]
    /// Each family's shape (see ``ArtifactShape``), for the families the side has files of.
    public var shapes: [String: [String]]
    /// The sources the side was compiled from, if it was.
    public var sources: SourceIndex?
    /// The waivers the side's manifest grants (sources only).
    public var waivers: [Waiver]
    /// The renames the side's manifest declares editorial (sources only).
    public var clarifications: [Clarification]

    public init(label: String, catalog: Catalog, formatVersions: [String: String] = [:], shapes: [String: [String]] = [:],
                sources: SourceIndex? = nil, waivers: [Waiver] = [], clarifications: [Clarification] = []) {
        self.label = label
        self.catalog = catalog
        self.formatVersions = formatVersions
        self.shapes = shapes
        self.sources = sources
        self.waivers = waivers
        self.clarifications = clarifications
    }
}

/// Where a compiled side's entries and manifest fields are written.
public struct SourceIndex: Sendable {
    public var manifest: SourceManifest
    /// Where every entry's fields are written, by code.
    public var entries: [String: EntryLocations]

    public init(manifest: SourceManifest, entries: [String: EntryLocations]) {
        self.manifest = manifest
        self.entries = entries
    }

    /// Where the manifest writes `field` (canonicalUrl, oid, version, effectiveDate).
    public func manifestLocation(_ field: String) -> SourceLocation? {
        switch field {
        case "canonicalUrl": manifest.canonicalUrl?.location
        case "oid": manifest.oid?.location
        case "version": manifest.version?.location
        case "effectiveDate": manifest.effectiveDate?.location
        default: nil
        }
    }
}
