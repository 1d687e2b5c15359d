/// The validation stage: checks a ``SourceCatalog`` against every rule and, when no error
/// remains, builds the typed ``Catalog``.
public enum Validator {
    /// What validation found.
    public struct Result: Sendable {
        /// The catalog, present only when there is no error.
        public var catalog: Catalog?
        public var diagnostics: [Diagnostic]
        /// Where each entry's fields are written, by code (every entry with a code).
        public var locations: [String: EntryLocations] = [:]
    }

    /// Validates `source`. With `requireCodes` false, entries without a code are accepted (the
    /// state `assign` starts from) and no catalog is built for them. `published` describes the
    /// output folder; when it holds the same catalog (same canonical URL), the manifest's
    /// version may not be lower than the latest version there.
    public static func validate(_ source: SourceCatalog, requireCodes: Bool = true, published: PublishedCatalog? = nil) -> Result {
        let session = ValidationSession(manifest: source.manifest, references: source.references, notices: source.notices, published: published)
        var checked: [AnnexChecker.Result] = []
        for var checker in session.annexCheckers() {
            guard let file = source.annexes.first(where: { $0.file == checker.file }) else { continue }
            checker.checkDeclaredNumber(file.annex)
            checker.check(groups: file.groups)
            checker.check(entries: file.entries)
            checked.append(checker.finish())
        }
        var result = session.finish(checked, ledger: source.ledger, requireCodes: requireCodes)
        if let recognition = source.recognition {
            let rules = RecognitionCheck.check(recognition, annexes: RecognitionCheck.annexes(of: source.manifest))
            result.diagnostics = (result.diagnostics + rules.diagnostics).sorted()
            result.catalog?.recognition = rules.rules
            if rules.rules == nil { result.catalog = nil }
        }
        return result
    }

    /// The path of a file named in the manifest, as the loader names it: relative to the
    /// manifest's folder.
    public static func resolve(_ path: String, against manifest: String) -> String {
        guard let slash = manifest.lastIndex(of: "/") else { return path }
        return String(manifest[...slash]) + path
    }
}

/// One validation run, in three steps: the manifest when it is created, then each annex file
/// through its ``AnnexChecker`` (concurrently, and while the file is read, if the caller
/// likes), then the catalog-wide rules in ``finish(_:ledger:requireCodes:)``.
public struct ValidationSession: Sendable {
    let manifest: SourceManifest
    let references: [MappingSystem: ReferenceSet]
    let metadata: CatalogMetadata?
    let plans: [ManifestRules.AnnexPlan]
    /// The manifest's problems.
    let diagnostics: [Diagnostic]
    /// The manifest's valid waivers.
    let waivers: [Waiver]

    /// Checks the manifest (and the version against the output folder's, see
    /// ``Validator/validate(_:requireCodes:published:)``).
    public init(manifest: SourceManifest, references: [MappingSystem: ReferenceSet], notices: [MappingSystem: String] = [:],
                published: PublishedCatalog?) {
        var ctx = ValidationContext(references: references)
        var (metadata, plans) = ManifestRules.check(manifest, &ctx)
        metadata?.notices = MappingSystem.allCases.compactMap { system in notices[system].map { Notice(system: system, text: $0) } }
        if let metadata, let published, published.canonicalUrl == metadata.canonicalUrl, let latest = published.releasedVersions.max(),
           metadata.version < latest, let location = manifest.version?.location {
            ctx.diagnostics.error(.versionBehindPublished, "version \(metadata.version) is lower than \(latest), the latest version already published; versions only go forward", at: location)
        }
        self.waivers = WaiverRules.check(manifest.waivers, &ctx)
        _ = ClarificationRules.check(manifest.clarifications, &ctx)
        self.manifest = manifest
        self.references = references
        self.metadata = metadata
        self.plans = plans
        self.diagnostics = ctx.diagnostics.all
    }

    /// A checker for each annex whose manifest settings are valid, naming its file as the
    /// loader names it.
    public func annexCheckers() -> [AnnexChecker] {
        plans.compactMap { plan in
            plan.spec.file.map { AnnexChecker(plan: plan, file: Validator.resolve($0.value, against: manifest.file), references: references) }
        }
    }

    /// Runs the catalog-wide rules over the checked annexes and builds the catalog when no
    /// error remains.
    public func finish(_ checked: [AnnexChecker.Result], ledger: Ledger, requireCodes: Bool) -> Validator.Result {
        var ctx = ValidationContext(references: references)
        // In the manifest's order, as the files were listed (which entry is "first" in a message).
        let order = { (r: AnnexChecker.Result) in plans.firstIndex { $0.number == r.annex.number } ?? plans.count }
        let checked = checked.sorted { order($0) < order($1) }
        CodeRules.check(DraftList(checked.map(\.drafts)), ledger: ledger, plans: plans, checkedAnnexes: Set(checked.map(\.annex.number)),
                        allPlansValid: plans.count == manifest.annexes.count, requireCodes: requireCodes, &ctx)
        if let metadata { CodeRules.checkIssueVersions(ledger, manifestVersion: metadata.version, &ctx) }
        CrosswalkRules.check(DraftList(checked.map(\.drafts)), &ctx)
        WaiverRules.checkCodes(manifest.waivers, ledger: ledger, &ctx)
        ClarificationRules.checkCodes(manifest.clarifications, ledger: ledger, &ctx)
        let all = diagnostics + checked.flatMap(\.diagnostics) + ctx.diagnostics.all
        let sorted = all.sorted()
        guard let metadata, !all.contains(where: { $0.severity == .error }), plans.count == manifest.annexes.count,
              checked.count == plans.count else {
            return Validator.Result(catalog: nil, diagnostics: sorted)
        }
        // Each annex sorted its entries by code; the catalog lists the annexes by number.
        var entries: [Entry] = []
        for result in checked.sorted(by: { $0.annex.number < $1.annex.number }) {
            guard let annexEntries = result.sortedEntries else { return Validator.Result(catalog: nil, diagnostics: sorted) }
            entries.append(contentsOf: annexEntries)
        }
        guard entries.allSatisfy({ !$0.code.isEmpty }) else {
            return Validator.Result(catalog: nil, diagnostics: sorted)
        }
        let catalog = Catalog(metadata: metadata, annexes: checked.map(\.annex), entries: entries)
        var locations: [String: EntryLocations] = [:]
        locations.reserveCapacity(entries.count)
        for result in checked { for draft in result.drafts { if let code = draft.entry?.code { locations[code] = draft.locations } } }
        let unnoticed = Self.systemsWithoutNotice(catalog, manifest: manifest)
        let coverage = CoverageRules.check(catalog, manifest: manifest, plans: plans)
        guard coverage.isEmpty else { return Validator.Result(catalog: nil, diagnostics: (sorted + coverage + unnoticed).sorted()) }
        return Validator.Result(catalog: catalog, diagnostics: unnoticed.isEmpty ? sorted : (sorted + unnoticed).sorted(), locations: locations)
    }

    /// A warning for each system the catalog maps to whose licence notice the manifest does
    /// not name: LOINC's and RSNA's terms require their notice wherever their content goes.
    static func systemsWithoutNotice(_ catalog: Catalog, manifest: SourceManifest) -> [Diagnostic] {
        var used = Set<MappingSystem>()
        for entry in catalog.entries { for mapping in entry.mappings { used.insert(mapping.system) } }
        let noticed = Set(catalog.metadata.notices.map(\.system))
        return MappingSystem.allCases.filter { used.contains($0) && !noticed.contains($0) }.map { system in
            let location = manifest.references.first { $0.system?.value == system.rawValue }?.location ?? .start(of: manifest.file)
            return Diagnostic(.warning, .noticeMissing, "the catalog maps to \(system.rawValue) but the manifest's 'notices' name no notice for it; add {system: \(system.rawValue), file: ...} with the notice its licence requires", at: location)
        }
    }
}

/// What an output folder already holds: the catalog's identity and its versions.
public struct PublishedCatalog: Sendable {
    public var canonicalUrl: String
    /// Every version in the folder, drafts included.
    public var versions: [SemanticVersion]
    /// The versions that are published (final), not drafts.
    public var releasedVersions: [SemanticVersion]

    /// `releasedVersions` defaults to every version (an index of format 1.0.0 had no status).
    public init(canonicalUrl: String, versions: [SemanticVersion], releasedVersions: [SemanticVersion]? = nil) {
        self.canonicalUrl = canonicalUrl
        self.versions = versions
        self.releasedVersions = releasedVersions ?? versions
    }
}
