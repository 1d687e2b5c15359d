import CatalogCore
import CatalogEmitters
import CatalogRelease
import CatalogSources

/// The one rule set that stands between the sources and a release, applied by `check`,
/// `build`, `build --check` and `publish` alike to the same compiled catalog and the same
/// snapshot of the published folder, so that what `publish` would refuse, `check` says first:
///
/// - every published version still matches its `release.json` (LT1301, LT1307);
/// - a published version is never edited: sources at a published version must compile to
///   exactly that release (LT1302);
/// - against the latest release below the manifest's version, every breaking change is an
///   error with its rule (LT0901–LT0910), unless waived (then a warning) or, for a rename,
///   declared a clarification;
/// - a clarification names a code whose names changed (LT0913);
/// - drafts of other versions are pointed out (LT1308).
public enum ReleaseGate {
    /// What the gate found.
    public struct Verdict: Sendable {
        /// Every problem, as diagnostics with rule IDs.
        public var diagnostics: [Diagnostic]
        /// The comparison with the previous release, when there is one and the catalog compiled.
        public var report: DiffReport?
        /// The previous release as a diff side (for release notes), when there is one.
        public var previous: CatalogSnapshot?
        /// The sources as a diff side, when they compiled.
        public var current: CatalogSnapshot?

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Judges `compilation` (its catalog, when it compiled) against `snapshot`.
    public static func evaluate(_ compilation: SourceLoader.Compilation, against snapshot: PublishedSnapshot, label: String = "annexes") -> Verdict {
        var diagnostics = snapshot.problems.map(\.diagnostic)
        guard let current = SnapshotLoader.snapshot(of: compilation, label: label), let manifest = compilation.manifest else {
            return Verdict(diagnostics: diagnostics)
        }
        let version = current.catalog.metadata.version
        let manifestAt = manifest.version?.location ?? .start(of: manifest.file)
        for draft in snapshot.drafts where draft != version.description {
            diagnostics.append(Diagnostic(.warning, .draftOfOtherVersion,
                "\(snapshot.folder.root)/\(draft) is a draft of version \(draft), not of the sources' \(version); it is not a release and binds nothing — remove it with `lienthong discard \(draft)` when it is no longer wanted",
                at: .named(snapshot.folder.root + "/" + draft)))
        }
        if snapshot.isPublished(version) {
            // Sources at a published version must be that release, byte for byte in meaning.
            guard let release = snapshot.release(version), let published = try? SnapshotLoader.published(release) else {
                return Verdict(diagnostics: diagnostics, current: current)
            }
            let report = CatalogComparer.compare(published, current)
            // "The version stays" is this very problem, not one of its places.
            let edits = report.changes.filter { $0.kind != .versionChanged }
            if !edits.isEmpty {
                let shown = edits.prefix(5).map(\.message).joined(separator: "; ")
                diagnostics.append(Diagnostic(.error, .publishedVersionEdited,
                    "version \(version) is published and never changes, but the sources differ from it in \(edits.count) place\(edits.count == 1 ? "" : "s") (\(shown)\(edits.count > 5 ? "; …" : "")); raise 'version' (for example to \(nextMinor(version))) to make these changes a new edition",
                    at: manifestAt, notes: edits.prefix(20).compactMap { c in c.location.map { .init(c.message, at: $0) } }))
            } else if catalogDigest(snapshot.withHistory(current.catalog)) != release.catalogDigest {
                // Nothing an entry-level diff sees, but the catalog's own text (titles,
                // description, publisher, notices, recognition rules) would change.
                diagnostics.append(Diagnostic(.error, .publishedVersionEdited,
                    "version \(version) is published and never changes, but its json/catalog.json would change (the manifest's titles, description, publisher, notices or recognition rules differ from the release); raise 'version' (for example to \(nextMinor(version))) to make these changes a new edition",
                    at: manifestAt))
            }
            return Verdict(diagnostics: diagnostics, report: report, previous: published, current: current)
        }
        guard let previousRelease = snapshot.latest(before: version) else {
            return Verdict(diagnostics: diagnostics, current: current)
        }
        let previous: CatalogSnapshot
        do { previous = try SnapshotLoader.published(previousRelease) } catch {
            diagnostics.append(Diagnostic(.error, .publishedFileChanged, "\(error)", at: .named(previousRelease.folder)))
            return Verdict(diagnostics: diagnostics, current: current)
        }
        let report = CatalogComparer.compare(previous, current)
        for change in report.changes {
            guard let rule = change.rule else { continue }
            let at = change.location ?? manifestAt
            let fix = change.fix.map { "; fix: \($0)" } ?? ""
            if let waiver = change.waiver {
                diagnostics.append(Diagnostic(.warning, rule, "\(change.message) (against \(previous.label); waived: \(waiver.justification))",
                                              at: at, notes: [.init("waived here", at: waiver.location)]))
            } else {
                diagnostics.append(Diagnostic(.error, rule, "\(change.message) (against release \(previous.label))\(fix)", at: at))
            }
        }
        let renamed = Set(report.changes.filter { [.clarifiedVi, .clarifiedEn, .renamedVi, .renamedEn].contains($0.kind) }.compactMap(\.code))
        for clarification in current.clarifications where clarification.version == version {
            for code in clarification.codes where !renamed.contains(code) {
                diagnostics.append(Diagnostic(.warning, .clarificationUnused,
                    "\(code) is declared clarified in \(version), but its names are the same as in release \(previous.label); remove it from the clarification",
                    at: clarification.codeLocations[code] ?? clarification.location))
            }
        }
        return Verdict(diagnostics: diagnostics, report: report, previous: previous, current: current)
    }

    /// The SHA-256 of `catalog`'s `json/catalog.json` as this tool emits it.
    static func catalogDigest(_ catalog: Catalog) -> String? {
        CatalogJSONEmitter().emit(catalog).first { $0.path == "json/catalog.json" }.map { FileDigest.of(bytes: $0.bytes).sha256 }
    }

    /// The next minor version after `version` (2026.3.0 → 2026.4.0), for fix hints.
    static func nextMinor(_ version: SemanticVersion) -> String {
        "\(version.major).\(version.minor + 1).0"
    }
}
