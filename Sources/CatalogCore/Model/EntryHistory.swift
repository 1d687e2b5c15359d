/// When an entry first appeared in a published release and when it last changed, as LOINC's
/// `VersionFirstReleased` and `VersionLastChanged`: computed from the releases, never typed.
public struct EntryHistory: Sendable, Equatable {
    /// The version of the first release that carried the code.
    public var firstReleased: SemanticVersion
    /// The version of the latest release in which the entry differed from the release before.
    public var lastChanged: SemanticVersion

    public init(firstReleased: SemanticVersion, lastChanged: SemanticVersion) {
        self.firstReleased = firstReleased
        self.lastChanged = lastChanged
    }

    /// The names the tabular artifacts (CSV, spreadsheet) give the two values.
    public static let fieldNames = ["versionFirstReleased", "versionLastChanged"]

    /// The value named `field` (one of ``fieldNames``), as text; nil for another name.
    public func value(ofField field: String) -> String? {
        switch field {
        case "versionFirstReleased": firstReleased.description
        case "versionLastChanged": lastChanged.description
        default: nil
        }
    }

    /// The history of every entry of `current`, given the published releases before it in
    /// any order (each a catalog read back from its `catalog.json`).
    ///
    /// An entry changed in a release when any field differs from the release before it (the
    /// same test under which the diff lists a change for the code). A code is first released
    /// in the first release that carries it; an entry of `current` that no release carries is
    /// first released, and last changed, in `current`'s version. Releases at or above
    /// `current`'s version are ignored.
    public static func compute(releases: [Catalog], current: Catalog) -> [String: EntryHistory] {
        let version = current.metadata.version
        let ordered = releases.filter { $0.metadata.version < version }.sorted { $0.metadata.version < $1.metadata.version }
        var history: [String: EntryHistory] = [:]
        var previous: [String: Entry] = [:]
        for catalog in ordered + [current] {
            let v = catalog.metadata.version
            var seen: [String: Entry] = [:]
            seen.reserveCapacity(catalog.entries.count)
            for entry in catalog.entries {
                seen[entry.code] = entry
                if let before = previous[entry.code] {
                    if before != entry { history[entry.code]?.lastChanged = v }
                } else if history[entry.code] == nil {
                    history[entry.code] = EntryHistory(firstReleased: v, lastChanged: v)
                } else {
                    // Gone from a release and back (a removal the diff refuses): a change.
                    history[entry.code]?.lastChanged = v
                }
            }
            previous = seen
        }
        // Codes of earlier releases that `current` no longer carries have no entry to describe.
        return history.filter { code, _ in previous[code] != nil }
    }
}

extension Catalog {
    /// The history of `entry`: as computed from the releases, or, when none was computed
    /// (a catalog compiled without its output folder), that of a first release.
    public func history(of entry: Entry) -> EntryHistory {
        history[entry.code] ?? EntryHistory(firstReleased: metadata.version, lastChanged: metadata.version)
    }
}
