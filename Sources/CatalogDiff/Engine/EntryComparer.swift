import CatalogCore

/// Compares the entries of two snapshots code by code.
enum EntryComparer {
    /// The fix for a change that must be made as retire + add.
    static func retireFix(_ code: String) -> String { "retire \(code) and add a new entry (`lienthong assign` gives it a new code)" }

    /// The fix for a rename judged a change of meaning: every legitimate route.
    static func renameFix(_ code: String, version entry: Entry) -> String {
        "if the meaning is the same (a correction, a clarified or translated word), declare it in the manifest's 'clarifications' "
            + "({version: <this version>, codes: [\(code)], reason: ...}); if the meaning changed, " + retireFix(code)
            + "; or, for a reviewed exception, waive LT0910 for \(code) in 'waivers' with a justification"
    }

    static func compare(_ old: CatalogSnapshot, _ new: CatalogSnapshot) -> [Change] {
        var oldByCode: [String: Entry] = [:]
        oldByCode.reserveCapacity(old.catalog.entries.count)
        for entry in old.catalog.entries { oldByCode[entry.code] = entry }
        var newByCode: [String: Entry] = [:]
        newByCode.reserveCapacity(new.catalog.entries.count)
        for entry in new.catalog.entries { newByCode[entry.code] = entry }
        var changes: [Change] = []
        for entry in new.catalog.entries {
            let source = new.sources?.entries[entry.code]
            guard let before = oldByCode[entry.code] else {
                changes.append(Change(kind: .added, code: entry.code, new: entry.nameVi, message: "\(entry.code) '\(entry.nameVi)' was added", location: source?.entry))
                continue
            }
            if before == entry, !replacementTargetChanged(entry, oldByCode, newByCode) { continue }
            changes += compare(before, entry, source: source, oldByCode: oldByCode, newByCode: newByCode)
        }
        for entry in old.catalog.entries where newByCode[entry.code] == nil {
            changes.append(Change(kind: .removed, code: entry.code, old: entry.nameVi, rule: .codeRemoved,
                                  message: "\(entry.code) '\(entry.nameVi)' was removed",
                                  fix: "put \(entry.code) back with status: retired, its statusReason and (if any) replacedBy; a code is never deleted",
                                  location: old.sources?.entries[entry.code]?.entry))
        }
        return changes.sorted { ($0.code ?? "", $0.kind) < ($1.code ?? "", $1.kind) }
    }

    /// Whether the entry a replacement points to changed status (so the replacement must be re-judged).
    static func replacementTargetChanged(_ entry: Entry, _ old: [String: Entry], _ new: [String: Entry]) -> Bool {
        guard let target = entry.replacedBy else { return false }
        return old[target]?.status != new[target]?.status
    }

    /// The changes of one entry present on both sides.
    static func compare(_ a: Entry, _ b: Entry, source: EntryLocations?, oldByCode: [String: Entry], newByCode: [String: Entry]) -> [Change] {
        let code = b.code
        var changes: [Change] = []
        func add(_ kind: ChangeKind, _ field: String?, _ old: String?, _ new: String?, _ message: String, rule: RuleID? = nil, fix: String? = nil, at location: SourceLocation?) {
            changes.append(Change(kind: kind, code: code, field: field, old: old, new: new, rule: rule, message: message, fix: fix,
                                  location: location ?? source?.entry))
        }
        if a.annex != b.annex {
            add(.movedAnnex, "annex", String(a.annex), String(b.annex), "\(code) moved from annex \(a.annex) to annex \(b.annex)",
                rule: .codeAnnexChanged, fix: "leave \(code) in annex \(a.annex); " + retireFix(code) + " in annex \(b.annex)", at: source?.code)
        }
        if a.status != b.status {
            let at = source?.status
            switch (a.status, b.status) {
            case (.retired, _):
                add(.broughtBack, "status", a.status.rawValue, b.status.rawValue, "\(code) was retired and is \(b.status.rawValue) again",
                    rule: .retiredCodeBroughtBack, fix: "leave \(code) retired and add a new entry (`lienthong assign` gives it a new code)", at: at)
            case (_, .retired):
                let reason = b.statusReason.map { ": \($0)" } ?? ""
                let replacement = b.replacedBy.map { ", replaced by \($0)" } ?? ""
                add(.retired, "status", a.status.rawValue, b.status.rawValue, "\(code) was retired\(replacement)\(reason)", at: at)
            case (_, .deprecated):
                let reason = b.statusReason.map { ": \($0)" } ?? ""
                add(.deprecated, "status", a.status.rawValue, b.status.rawValue, "\(code) was deprecated\(reason)", at: at)
            default:
                add(.reactivated, "status", a.status.rawValue, b.status.rawValue, "\(code) was deprecated and is active again", at: at)
            }
        }
        let renames = [(ChangeKind.renamedVi, "nameVi", a.nameVi, b.nameVi, source?.nameVi),
                       (ChangeKind.renamedEn, "nameEn", a.nameEn, b.nameEn, source?.nameEn)].filter { $0.2 != $0.3 }
        if a.group != b.group {
            add(.movedGroup, "group", a.group, b.group, "\(code) moved from group \(a.group) to \(b.group)", at: source?.group)
        }
        if a.replacedBy != b.replacedBy || replacementTargetChanged(b, oldByCode, newByCode) {
            let target = b.replacedBy
            let unusable = target.map { newByCode[$0] == nil || newByCode[$0]!.status == .retired } ?? false
            let state = target.map { newByCode[$0] == nil ? "\($0), which does not exist" : newByCode[$0]!.status == .retired ? "\($0), which is retired" : $0 } ?? "nothing"
            add(.replacementChanged, "replacedBy", a.replacedBy, b.replacedBy, "\(code) is now replaced by \(state)",
                rule: unusable ? .replacementUnusable : nil, fix: unusable ? "point replacedBy at an active entry, or remove it" : nil,
                at: source?.replacedBy)
        }
        var nationalChanged = false
        let oldNational = a.nationalCodes.map(describe), newNational = b.nationalCodes.map(describe)
        for (i, n) in newNational.enumerated() where !oldNational.contains(n) {
            nationalChanged = true
            add(.nationalCodeAdded, "nationalCodes", nil, n, "\(code) gained national code \(n)",
                at: source?.nationalCode(b.nationalCodes[i].maTuongDuong))
        }
        for n in oldNational where !newNational.contains(n) {
            nationalChanged = true
            add(.nationalCodeRemoved, "nationalCodes", n, nil, "\(code) lost national code \(n)", at: source?.nationalCodes.first?.location)
        }
        for (field, x, y) in attributeDifferences(a.attributes, b.attributes) {
            let at = source?.attribute(field)
            add(.attributeChanged, field, x, y, "\(code)'s \(field) changed from \(x ?? "none") to \(y ?? "none")", at: at)
        }
        let retargeted = compareMappings(a, b, source: source, into: &changes)
        for (kind, field, x, y, at) in renames {
            let spelling = NameChange.isSpellingFix(from: x, to: y)
            let cause = !spelling ? "the names differ by more than a spelling fix"
                : retargeted ? "it comes with a retargeted mapping" : nationalChanged ? "it comes with a changed national code" : nil
            add(kind, field, x, y, "\(code) renamed from '\(x)' to '\(y)'" + (cause.map { ": a change of meaning (\($0))" } ?? ""),
                rule: cause == nil ? nil : .meaningChanged, fix: cause == nil ? nil : renameFix(code, version: b), at: at)
        }
        compareDetails(a, b, source: source, into: &changes)
        return changes
    }

    /// What no other class covers, so that every difference between two entries is listed:
    /// a status or unmapped reason, a kept mapping's display or comment, and (when nothing
    /// else differs) the order of national codes or mappings. Runs after every other class,
    /// on `changes` holding this entry's changes only.
    static func compareDetails(_ a: Entry, _ b: Entry, source: EntryLocations?, into changes: inout [Change]) {
        let code = b.code
        func add(_ field: String, _ old: String?, _ new: String?, _ what: String, at location: SourceLocation?) {
            changes.append(Change(kind: .detailChanged, code: code, field: field, old: old, new: new,
                                  message: "\(code)'s \(what) changed", location: location ?? source?.entry))
        }
        if a.status == b.status, a.statusReason != b.statusReason { add("statusReason", a.statusReason, b.statusReason, "status reason", at: nil) }
        if a.unmappedReason != b.unmappedReason { add("unmappedReason", a.unmappedReason, b.unmappedReason, "unmapped reason", at: nil) }
        for m in b.mappings {
            guard let old = a.mappings.first(where: { $0.system == m.system && $0.code == m.code }) else { continue }
            let at = source?.mapping(code: m.code, system: m.system.rawValue)
            if old.display != m.display { add("\(m.system.rawValue):\(m.code):display", old.display, m.display, "display of mapping \(m.system.rawValue) \(m.code)", at: at) }
            if old.comment != m.comment { add("\(m.system.rawValue):\(m.code):comment", old.comment, m.comment, "comment on mapping \(m.system.rawValue) \(m.code)", at: at) }
        }
        if changes.isEmpty, a != b {
            add("order", nil, nil, "order of national codes or mappings", at: nil)
        }
    }

    static func describe(_ n: NationalCode) -> String { n.maTuongDuong + (n.tt23.map { " (TT23 \($0))" } ?? "") }

    /// The attribute fields that differ, with their old and new values.
    static func attributeDifferences(_ a: Attributes, _ b: Attributes) -> [(String, String?, String?)] {
        EntryFields.attributes.compactMap { field in
            let x = a.value(of: field), y = b.value(of: field)
            return x == y ? nil : (field.name, x, y)
        }
    }

    /// Mapping changes: by system, targets that left and came are paired as retargeted (in
    /// order); the rest are added or removed. Returns whether any mapping was retargeted.
    static func compareMappings(_ a: Entry, _ b: Entry, source: EntryLocations?, into changes: inout [Change]) -> Bool {
        let code = b.code
        var retargeted = false
        let location = { (target: String) in source?.mapping(code: target) ?? source?.entry }
        for system in MappingSystem.allCases {
            let old = a.mappings.filter { $0.system == system }, new = b.mappings.filter { $0.system == system }
            for m in new {
                guard let before = old.first(where: { $0.code == m.code }), before.relationship != m.relationship else { continue }
                changes.append(Change(kind: .mappingRelationshipChanged, code: code, field: "\(system.rawValue):\(m.code)", old: before.relationship.rawValue,
                                      new: m.relationship.rawValue, message: "\(code)'s mapping to \(system.rawValue) \(m.code) changed from \(before.relationship.rawValue) to \(m.relationship.rawValue)",
                                      location: location(m.code)))
            }
            let gone = old.filter { m in !new.contains { $0.code == m.code } }
            let came = new.filter { m in !old.contains { $0.code == m.code } }
            for (x, y) in zip(gone, came) {
                retargeted = true
                let breaking = x.relationship == .equivalent
                changes.append(Change(kind: .mappingRetargeted, code: code, field: system.rawValue, old: x.code, new: y.code,
                                      rule: breaking ? .equivalentMappingRetargeted : nil,
                                      message: "\(code)'s \(x.relationship.rawValue) mapping moved from \(system.rawValue) \(x.code) to \(y.code)",
                                      fix: breaking ? "keep the equivalent mapping to \(x.code); if \(code) now means \(y.code), " + retireFix(code) : nil,
                                      location: location(y.code)))
            }
            for m in came.dropFirst(min(gone.count, came.count)) {
                changes.append(Change(kind: .mappingAdded, code: code, field: system.rawValue, new: m.code,
                                      message: "\(code) gained a mapping to \(system.rawValue) \(m.code) (\(m.relationship.rawValue))", location: location(m.code)))
            }
            for m in gone.dropFirst(min(gone.count, came.count)) {
                changes.append(Change(kind: .mappingRemoved, code: code, field: system.rawValue, old: m.code,
                                      message: "\(code) lost its \(m.relationship.rawValue) mapping to \(system.rawValue) \(m.code)", location: source?.entry))
            }
        }
        return retargeted
    }
}
