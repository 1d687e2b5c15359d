/// The validation stage: checks a ``SourceCatalog`` against every rule and, when no error
/// remains, builds the typed ``Catalog``.
public enum Validator {
    /// What validation found.
    public struct Result: Sendable {
        /// The catalog, present only when there is no error.
        public var catalog: Catalog?
        public var diagnostics: [Diagnostic]
    }

    /// Validates `source`. With `requireCodes` false, entries without a code are accepted (the
    /// state `assign` starts from) and no catalog is built for them. `published` describes the
    /// output folder; when it holds the same catalog (same canonical URL), the manifest's
    /// version may not be lower than the latest version there.
    public static func validate(_ source: SourceCatalog, requireCodes: Bool = true, published: PublishedCatalog? = nil) -> Result {
        var ctx = ValidationContext(references: source.references)
        let (metadata, plans) = ManifestRules.check(source.manifest, &ctx)
        if let metadata, let published, published.canonicalUrl == metadata.canonicalUrl, let latest = published.versions.max(),
           metadata.version < latest, let location = source.manifest.version?.location {
            ctx.diagnostics.error(.versionBehindPublished, "version \(metadata.version) is lower than \(latest), the latest version already published; versions only go forward", at: location)
        }
        var annexes: [Annex] = []
        var drafts: [EntryRules.Draft] = []
        for plan in plans {
            guard let file = source.annexes.first(where: { $0.file == plan.spec.file.map { resolve($0.value, against: source.manifest.file) } }) else { continue }
            let (groups, annexDrafts) = EntryRules.check(file, plan: plan, &ctx)
            annexes.append(Annex(number: plan.number, prefix: plan.prefix, kind: plan.kind, serialWidth: plan.serialWidth,
                                 expectedCount: plan.expectedCount, titleVi: plan.titleVi, titleEn: plan.titleEn, groups: groups))
            drafts.append(contentsOf: annexDrafts)
        }
        CodeRules.check(drafts, ledger: source.ledger, plans: plans, checkedAnnexes: Set(annexes.map(\.number)),
                            allPlansValid: plans.count == source.manifest.annexes.count, requireCodes: requireCodes, &ctx)
        let diagnostics = ctx.diagnostics.sorted
        guard let metadata, !ctx.diagnostics.hasErrors, plans.count == source.manifest.annexes.count,
              annexes.count == plans.count else {
            return Result(catalog: nil, diagnostics: diagnostics)
        }
        var entries = drafts.compactMap(\.entry)
        guard entries.count == drafts.count, entries.allSatisfy({ !$0.code.isEmpty }) else {
            return Result(catalog: nil, diagnostics: diagnostics)
        }
        entries.sort { ($0.annex, $0.code) < ($1.annex, $1.code) }
        let catalog = Catalog(metadata: metadata, annexes: annexes, entries: entries)
        let coverage = CoverageRules.check(catalog, manifest: source.manifest, plans: plans)
        guard coverage.isEmpty else { return Result(catalog: nil, diagnostics: (diagnostics + coverage).sorted()) }
        return Result(catalog: catalog, diagnostics: diagnostics)
    }

    /// The path of a file named in the manifest, as the loader names it: relative to the
    /// manifest's folder.
    public static func resolve(_ path: String, against manifest: String) -> String {
        guard let slash = manifest.lastIndex(of: "/") else { return path }
        return String(manifest[...slash]) + path
    }
}

/// What an output folder already holds: the catalog's identity and its versions.
public struct PublishedCatalog: Sendable {
    public var canonicalUrl: String
    public var versions: [SemanticVersion]

    public init(canonicalUrl: String, versions: [SemanticVersion]) {
        self.canonicalUrl = canonicalUrl
        self.versions = versions
    }
}
