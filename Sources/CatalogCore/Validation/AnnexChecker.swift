/// Checks one annex file as its parts arrive: the declared annex number, the groups and the
/// entries, in batches and in any order. A loader can thus validate a file's entries while
/// the rest of the file is still being parsed, and drop each source entry once checked.
/// Everything the annex's rules need across entries (groups, names seen, entries in use)
/// is kept here; the catalog-wide rules run later on the drafts.
public struct AnnexChecker: Sendable {
    /// What checking a whole annex file found.
    public struct Result: Sendable {
        /// The annex, when the plan and file allowed one.
        var annex: Annex
        var drafts: [EntryRules.Draft]
        /// The annex's entries in code order, when every entry is valid.
        var sortedEntries: [Entry]?
        var diagnostics: [Diagnostic]
    }

    let plan: ManifestRules.AnnexPlan
    private let format: CodeFormat
    /// The path of the annex file, as the loader names it.
    public let file: String
    private var ctx: ValidationContext
    private var groups: [Group]?
    /// Ids of groups defined with an error (already reported): entries naming them are not
    /// reported again, one root cause giving one diagnostic.
    private var brokenGroups: Set<String> = []
    private var drafts: [EntryRules.Draft] = []
    /// Entries whose group could not be checked yet (the groups come later in the file):
    /// their draft index and group.
    private var pendingGroups: [(draft: Int, group: Located<String>)] = []
    private var namesVi = NameRegister()
    private var namesEn = NameRegister()
    private var namesViBare = NameRegister()
    private var inUse = 0

    init(plan: ManifestRules.AnnexPlan, file: String, references: [MappingSystem: ReferenceSet]) {
        self.plan = plan
        self.format = plan.format
        self.file = file
        ctx = ValidationContext(references: references)
    }

    /// Checks the annex number the file declares.
    public mutating func checkDeclaredNumber(_ declared: Located<String>?) {
        EntryRules.checkDeclaredNumber(declared, plan: plan, &ctx)
    }

    /// Checks the file's groups (once), and the groups of the entries already checked.
    public mutating func check(groups sources: [SourceGroup]) {
        let checked = EntryRules.checkGroups(sources, &ctx, broken: &brokenGroups)
        groups = checked
        for (index, group) in pendingGroups { resolve(group, ofDraft: index, in: checked) }
        pendingGroups = []
    }

    /// Checks a batch of entries, in file order. (An array, not any collection: this is the
    /// hot loop of validation, and a generic one would run unspecialized across modules.)
    public mutating func check(entries: [SourceEntry]) {
        let firstDraft = drafts.count
        for i in entries.indices {
            let code = entries[i].code, status = entries[i].status
            let draft = EntryRules.Draft(
                source: .init(location: entries[i].location, code: code, status: status, replacedBy: entries[i].replacedBy),
                locations: EntryLocations(entries[i]),
                annex: plan.number, codeIsWellFormed: code.map { CodeRules.checkForm($0, format: format, annex: plan.number, &ctx) } ?? false,
                entry: EntryRules.checkEntry(entries[i], plan: plan, &ctx))
            drafts.append(draft)
            if let group = entries[i].group {
                if let groups { resolve(group, ofDraft: drafts.count - 1, in: groups) } else { pendingGroups.append((drafts.count - 1, group)) }
            }
            if status?.value != EntryStatus.retired.rawValue { inUse += 1 }
        }
        EntryRules.checkDuplicateNames(entries, firstDraft: firstDraft, drafts: drafts, vi: &namesVi, en: &namesEn, viBare: &namesViBare, &ctx)
    }

    /// Ends the file: entries whose group never came are reported, the count is checked.
    public mutating func finish() -> Result {
        let groups = groups ?? []
        for (index, group) in pendingGroups { resolve(group, ofDraft: index, in: groups) }
        EntryRules.checkCount(inUse, file: file, plan: plan, &ctx)
        let annex = Annex(number: plan.number, prefix: plan.prefix, kind: plan.kind, serialWidth: plan.serialWidth,
                          expectedCount: plan.expectedCount, titleVi: plan.titleVi, titleEn: plan.titleEn, groups: groups)
        var sorted = drafts.compactMap(\.entry)
        if sorted.count == drafts.count {
            sorted.sort { $0.code < $1.code }
        }
        return Result(annex: annex, drafts: drafts, sortedEntries: sorted.count == drafts.count ? sorted : nil, diagnostics: ctx.diagnostics.all)
    }

    /// Reports an entry's group if the annex does not define it, and then drops its typed form.
    private mutating func resolve(_ group: Located<String>, ofDraft index: Int, in groups: [Group]) {
        guard !groups.contains(where: { $0.id == group.value }) else { return }
        if brokenGroups.contains(group.value) {
            drafts[index].entry = nil
            return
        }
        let ids = groups.map(\.id)
        ctx.diagnostics.error(.unknownGroup, "group '\(group.value)' is not defined in this annex's 'groups'\(Suggestion.hint(for: group.value, in: ids))", at: group.location)
        drafts[index].entry = nil
    }
}
