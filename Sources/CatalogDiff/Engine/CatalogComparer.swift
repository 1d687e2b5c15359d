import CatalogCore

/// The diff engine: compares two snapshots and classifies every change, marking the breaking
/// ones with their rule and the waivers that accept them. Pure: no files, no clock.
public enum CatalogComparer {
    /// Every change from `old` to `new`.
    public static func compare(_ old: CatalogSnapshot, _ new: CatalogSnapshot) -> DiffReport {
        var changes = EntryComparer.compare(old, new)
        changes = catalogChanges(old, new, entriesChanged: !changes.isEmpty) + changes
        let version = new.catalog.metadata.version
        for i in changes.indices {
            if let code = changes[i].code, let clarification = new.clarifications.clarification(for: code, in: version) {
                declareClarified(&changes[i], by: clarification)
            }
            guard let rule = changes[i].rule, let code = changes[i].code else { continue }
            changes[i].waiver = new.waivers.waiver(for: code, rule: rule, in: version)
        }
        return DiffReport(old: .init(label: old.label, version: old.catalog.metadata.version.description),
                          new: .init(label: new.label, version: version.description), changes: changes)
    }

    /// A rename the manifest declares editorial becomes a clarification: not breaking, listed
    /// with its reason. Other changes of the entry keep their class and rules.
    static func declareClarified(_ change: inout Change, by clarification: Clarification) {
        let kind: ChangeKind
        switch change.kind {
        case .renamedVi: kind = .clarifiedVi
        case .renamedEn: kind = .clarifiedEn
        default: return
        }
        change.kind = kind
        change.rule = nil
        change.fix = nil
        change.clarification = clarification
        change.message = "\(change.code ?? "") clarified from '\(change.old ?? "")' to '\(change.new ?? "")' (meaning kept: \(clarification.reason))"
    }

    /// Changes of the catalog as a whole: identity, version, dates, annexes, artifact formats.
    static func catalogChanges(_ old: CatalogSnapshot, _ new: CatalogSnapshot, entriesChanged: Bool) -> [Change] {
        let a = old.catalog.metadata, b = new.catalog.metadata
        let at = { (field: String) in new.sources?.manifestLocation(field) }
        var changes: [Change] = []
        if a.canonicalUrl != b.canonicalUrl {
            changes.append(Change(kind: .canonicalUrlChanged, field: "canonicalUrl", old: a.canonicalUrl, new: b.canonicalUrl, rule: .canonicalUrlChanged,
                                  message: "the canonical URL changed from \(a.canonicalUrl) to \(b.canonicalUrl)",
                                  fix: "set canonicalUrl back to \(a.canonicalUrl): every stored code refers to it", location: at("canonicalUrl")))
        }
        if a.oid != b.oid {
            changes.append(Change(kind: .oidChanged, field: "oid", old: a.oid, new: b.oid, rule: .oidChanged,
                                  message: "the OID changed from \(a.oid) to \(b.oid)", fix: "set oid back to \(a.oid)", location: at("oid")))
        }
        var metadataChanged = a.canonicalUrl != b.canonicalUrl || a.oid != b.oid || a.effectiveDate != b.effectiveDate
        if a.effectiveDate != b.effectiveDate {
            changes.append(Change(kind: .effectiveDateChanged, field: "effectiveDate", old: a.effectiveDate, new: b.effectiveDate,
                                  message: "the effective date changed from \(a.effectiveDate) to \(b.effectiveDate)", location: at("effectiveDate")))
        }
        let oldAnnexes = Set(old.catalog.annexes.map(\.number)), newAnnexes = Set(new.catalog.annexes.map(\.number))
        for number in newAnnexes.subtracting(oldAnnexes).sorted() {
            changes.append(Change(kind: .annexAdded, field: "annex \(number)", new: String(number), message: "annex \(number) was added"))
        }
        for number in oldAnnexes.subtracting(newAnnexes).sorted() {
            changes.append(Change(kind: .annexRemoved, field: "annex \(number)", old: String(number), message: "annex \(number) was removed"))
        }
        for family in Set(old.formatVersions.keys).intersection(new.formatVersions.keys).sorted() {
            let x = old.formatVersions[family]!, y = new.formatVersions[family]!
            guard x != y else { continue }
            changes.append(Change(kind: .formatVersionChanged, field: family, old: x, new: y,
                                  message: "the \(family) artifacts' format version changed from \(x) to \(y)"))
        }
        for family in Set(old.shapes.keys).intersection(new.shapes.keys).sorted() {
            let x = Set(old.shapes[family]!), y = Set(new.shapes[family]!)
            guard x != y else { continue }
            let added = y.subtracting(x).sorted(), removed = x.subtracting(y).sorted()
            let detail = (added.prefix(3).map { "+ " + $0 } + removed.prefix(3).map { "- " + $0 }).joined(separator: "; ")
            let same = old.formatVersions[family] != nil && old.formatVersions[family] == new.formatVersions[family]
            changes.append(Change(kind: .shapeChanged, field: family, old: old.formatVersions[family], new: new.formatVersions[family],
                                  rule: same ? .shapeChangedWithoutFormatBump : nil,
                                  message: "the \(family) artifacts' shape changed (\(added.count) added, \(removed.count) removed: \(detail))" + (same ? " but their format version stays \(old.formatVersions[family]!)" : ""),
                                  fix: same ? "bump the \(family) family's formatVersion (a shape change is an API change for importers)" : nil))
            metadataChanged = true
        }
        metadataChanged = metadataChanged || !changes.isEmpty
        if a.version != b.version || entriesChanged || metadataChanged {
            let forward = a.version < b.version
            changes.append(Change(kind: .versionChanged, field: "version", old: a.version.description, new: b.version.description,
                                  rule: forward ? nil : .versionNotIncreasing,
                                  message: forward ? "version \(a.version) → \(b.version)"
                                      : a.version == b.version ? "the content changed but the version stays \(b.version)"
                                      : "version \(b.version) is lower than \(a.version)",
                                  fix: forward ? nil : "raise the manifest's version above \(a.version)", location: at("version")))
        }
        return changes.sorted { $0.kind < $1.kind }
    }
}
