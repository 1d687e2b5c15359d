/// Rules on one annex file and its entries: groups, names, status fields, national codes,
/// kind-specific attributes and mappings. Codes and cross-annex rules are in ``CodeRules``.
struct EntryRules {
    /// An entry after its own rules: the few source fields the catalog-wide rules need, and
    /// its typed form when every field is valid. (Not the whole source entry: validation holds
    /// one draft per entry.)
    struct Draft: Sendable {
        struct Source: Sendable {
            var location: SourceLocation
            var code: Located<String>?
            var status: Located<String>?
            var replacedBy: Located<String>?
        }
        var source: Source
        /// Where each field is written, kept for the stages after validation.
        var locations: EntryLocations
        /// The number of the annex the entry stands in.
        var annex: Int
        /// Whether its code has the annex's form (false when it has no code).
        var codeIsWellFormed: Bool
        var entry: Entry?
    }

    /// Checks an annex file's declared number against its manifest plan.
    static func checkDeclaredNumber(_ declared: Located<String>?, plan: ManifestRules.AnnexPlan, _ ctx: inout ValidationContext) {
        if let declared, declared.value != String(plan.number) {
            ctx.diagnostics.error(.annexMismatch, "this file declares annex '\(declared.value)' but the manifest lists it as annex \(plan.number)", at: declared.location,
                                  notes: plan.spec.file.map { [.init("listed here", at: $0.location)] } ?? [])
        }
    }

    /// Checks the entries' count in use against the manifest's expectation.
    static func checkCount(_ inUse: Int, file: String, plan: ManifestRules.AnnexPlan, _ ctx: inout ValidationContext) {
        if inUse != plan.expectedCount, let loc = plan.spec.expectedCount?.location {
            ctx.diagnostics.warning(.entryCount, "annex \(plan.number) (\(file)) has \(inUse) entries in use (not retired); the manifest expects \(plan.expectedCount)", at: loc)
        }
    }

    /// Checks the group definitions; the ids of those with an error go into `broken`.
    static func checkGroups(_ sources: [SourceGroup], _ ctx: inout ValidationContext, broken: inout Set<String>) -> [Group] {
        var groups: [Group] = []
        var seen: [String: SourceLocation] = [:]
        for g in sources {
            let nameVi = ctx.requireText(g.nameVi, "nameVi")
            let nameEn = ctx.requireText(g.nameEn, "nameEn")
            guard let id = g.id else { continue }
            let bytes = Array(id.value.utf8)
            let wellFormed = !bytes.isEmpty && bytes.allSatisfy { ASCII.isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
                && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-") && !id.value.contains("--")
            if !wellFormed {
                ctx.diagnostics.error(.malformedValue, "group 'id' must be kebab-case (a-z, 0-9, '-'), not '\(id.value)'", at: id.location)
                broken.insert(id.value)
                continue
            }
            if let first = seen[id.value] {
                ctx.diagnostics.error(.groupDefinedTwice, "group '\(id.value)' is defined twice", at: id.location, notes: [.init("first defined here", at: first)])
                continue
            }
            seen[id.value] = id.location
            if let nameVi, let nameEn { groups.append(Group(id: id.value, nameVi: nameVi, nameEn: nameEn)) } else { broken.insert(id.value) }
        }
        return groups
    }

    /// Checks one entry. Its group is only checked to be present; the annex checker knows
    /// the groups.
    static func checkEntry(_ e: SourceEntry, plan: ManifestRules.AnnexPlan, _ ctx: inout ValidationContext) -> Entry? {
        let nameVi = ctx.requireText(e.nameVi, "nameVi")
        let nameEn = ctx.requireText(e.nameEn, "nameEn")
        let group = e.group?.value
        let status = ctx.vocabulary(e.status, "status", as: EntryStatus.self)
        let reason = ctx.checkText(e.statusReason, "statusReason")
        if let status, status != .active, reason?.isEmpty ?? true {
            ctx.diagnostics.error(.statusReason, "a \(status.rawValue) entry must give its reason in 'statusReason'", at: e.status!.location)
        }
        if let status, status == .active, let r = e.replacedBy {
            ctx.diagnostics.warning(.replacementOnActive, "an active entry names a replacement ('\(r.value)'); only deprecated or retired entries are replaced", at: r.location)
        }
        let nationalCodes = checkNationalCodes(e, &ctx)
        let attributes = checkAttributes(e, kind: plan.kind, &ctx)
        if let scale = attributes?.laboratoryAttributes?.scale, let name = e.nameVi, let stated = ResultScale.stated(byName: name.value), stated != scale {
            let field = EntryFields.attribute(named: "scale").flatMap { e[$0] }
            ctx.diagnostics.error(.scaleContradictsName, "'scale' is \(scale.rawValue) but the Vietnamese name states a \(stated.rawValue) test; write 'scale: \(stated.rawValue)', or correct the name", at: field?.location ?? e.location)
        }
        var mappings = checkMappings(e, kind: plan.kind, &ctx)
        if let attributes, let checked = mappings {
            mappings = EvidenceRules.attach(to: checked, of: e, attributes: attributes, &ctx)
        }
        let unmapped = ctx.checkText(e.unmappedReason, "unmappedReason")
        if e.mappings.isEmpty, e.unmappedReason == nil, e.status?.value == EntryStatus.active.rawValue {
            ctx.diagnostics.warning(.unmappedWithoutReason, "this active entry has no mapping; say why in 'unmappedReason'", at: e.location)
        }
        guard let nameVi, let nameEn, let group, let status, let nationalCodes, let attributes, let mappings else { return nil }
        return Entry(code: e.code?.value ?? "", annex: plan.number, group: group, status: status, statusReason: reason,
                     replacedBy: e.replacedBy?.value, nameVi: nameVi, nameEn: nameEn, nationalCodes: nationalCodes,
                     attributes: attributes, mappings: mappings, unmappedReason: unmapped)
    }

    private static func checkNationalCodes(_ e: SourceEntry, _ ctx: inout ValidationContext) -> [NationalCode]? {
        var codes: [NationalCode] = []
        var seen: [String: SourceLocation] = [:]
        var valid = true
        if e.nationalCodes.isEmpty, e.nameVi != nil {
            ctx.diagnostics.error(.missingField, "an entry must list at least one national code in 'nationalCodes'", at: e.location)
            valid = false
        }
        for n in e.nationalCodes {
            guard let m = n.maTuongDuong else { valid = false; continue }
            if !ASCII.matchesDigitShape(m.value, "00.0000.0000") {
                ctx.diagnostics.error(.nationalCodeFormat, "'maTuongDuong' must have the form CC.TTTT.GGGG (e.g. 23.0075.1494), not '\(m.value)'", at: m.location)
                valid = false
            }
            if let first = seen[m.value] {
                ctx.diagnostics.error(.duplicateNationalCode, "national code '\(m.value)' is listed twice", at: m.location, notes: [.init("first listed here", at: first)])
            }
            seen[m.value] = m.location
            if let t = n.tt23 {
                let parts = t.value.split(separator: ".", omittingEmptySubsequences: false)
                let ok = parts.count == 2 && parts[0].count == 2 && parts[0].utf8.allSatisfy(ASCII.isDigit)
                    && !parts[1].isEmpty && parts[1].count <= 5 && parts[1].utf8.allSatisfy(ASCII.isDigit) && parts[1].first != "0"
                if !ok {
                    ctx.diagnostics.error(.nationalCodeFormat, "'tt23' must be a Circular 23/2024 technique number CC.N (e.g. 23.75), not '\(t.value)'", at: t.location)
                    valid = false
                } else if parts[0] != m.value.prefix(2) {
                    ctx.diagnostics.error(.nationalCodeFormat, "'tt23' chapter \(parts[0]) differs from the chapter of '\(m.value)'", at: t.location)
                    valid = false
                }
            }
            codes.append(NationalCode(maTuongDuong: m.value, tt23: n.tt23?.value))
        }
        return valid ? codes : nil
    }

    /// The entry's attributes, field by field as ``EntryFields`` describes them: another
    /// kind's field is refused, a required one must be given, a vocabulary value must be
    /// allowed and a text value well formed.
    private static func checkAttributes(_ e: SourceEntry, kind: AnnexKind, _ ctx: inout ValidationContext) -> Attributes? {
        for field in EntryFields.attributes where field.kind != kind {
            if let value = e[field] {
                ctx.diagnostics.error(.attributeForOtherKind, "'\(field.name)' belongs to \(field.kind.rawValue) entries; this annex is \(kind.rawValue)", at: value.location)
            }
        }
        let fields = EntryFields.attributes(of: kind)
        for field in fields where field.required && e[field] == nil {
            ctx.diagnostics.error(.kindAttributeMissing, "a \(kind.rawValue) entry must give '\(field.name)'", at: e.location)
        }
        var values: [String: String] = [:]
        for field in fields {
            let value = field.allowedValues.map { ctx.vocabulary(e[field], field.spokenName, allowed: $0) } ?? ctx.checkText(e[field], field.name)
            if let value { values[field.name] = value }
        }
        return Attributes(kind: kind, values: values)
    }

    private static func checkMappings(_ e: SourceEntry, kind: AnnexKind, _ ctx: inout ValidationContext) -> [Mapping]? {
        var mappings: [Mapping] = []
        var valid = true
        // The targets mapped so far; an entry has a few mappings, so a list beats a table.
        var seen: [(system: MappingSystem, code: Located<String>)] = []
        for m in e.mappings {
            let system = ctx.vocabulary(m.system, "mapping system", as: MappingSystem.self)
            let relationship = ctx.vocabulary(m.relationship, "relationship", as: MappingRelationship.self)
            let display = ctx.requireText(m.display, "display")
            let comment = ctx.checkText(m.comment, "comment")
            var systemSuitsKind = true
            if let system, !system.suits(kind), let loc = m.system?.location {
                ctx.diagnostics.error(.mappingSystemForKind, "'\(system.rawValue)' codes are for \(system.kinds.map(\.rawValue).sorted().joined(separator: " and ")) entries, not \(kind.rawValue)", at: loc)
                valid = false
                systemSuitsKind = false
            }
            var codeOK = false
            if let system, let code = m.code {
                codeOK = checkTargetCode(code, system: system, &ctx)
                    && systemSuitsKind && checkAgainstReference(code, display: m.display, system: system, &ctx)
                if let first = seen.first(where: { $0.system == system && $0.code.value == code.value }) {
                    ctx.diagnostics.error(.duplicateMapping, "the entry maps to \(system.rawValue) '\(code.value)' twice", at: code.location, notes: [.init("first mapped here", at: first.code.location)])
                } else {
                    seen.append((system, code))
                }
            }
            if let relationship, relationship != .equivalent, comment?.isEmpty ?? true, let loc = m.relationship?.location {
                ctx.diagnostics.warning(.mappingComment, "a '\(relationship.rawValue)' mapping should say in 'comment' how the entry differs from the target", at: loc)
            }
            guard let system, let relationship, let display, let code = m.code, codeOK else { valid = false; continue }
            mappings.append(Mapping(system: system, code: code.value, display: display, relationship: relationship, comment: comment))
        }
        return valid ? mappings : nil
    }

    /// Checks that the reference confirms the code, is not deprecated, and gives the display.
    private static func checkAgainstReference(_ code: Located<String>, display: Located<String>?, system: MappingSystem, _ ctx: inout ValidationContext) -> Bool {
        guard let reference = ctx.references[system] else {
            if !ctx.systemsWithoutReference.contains(system) {
                ctx.systemsWithoutReference.insert(system)
                ctx.diagnostics.error(.noReference, "no readable reference table for '\(system.rawValue)' is named in the manifest's 'references', so no \(system.rawValue) mapping can be confirmed", at: code.location)
            }
            return false
        }
        guard let concept = reference.concepts[code.value] else {
            ctx.diagnostics.error(.unknownTargetCode, "\(system.rawValue) code '\(code.value)' is not in the reference tables; a mapping is written only where the reference confirms the code; if the full reference data has it, refresh the project's subset: `make reference REF=<folder of the reference data>` (or `python3 scripts/extract-reference.py --reference <folder>`), which copies every mapped code's row into annexes/reference/", at: code.location)
            return false
        }
        if ReferenceSet.isDeprecated(concept) {
            ctx.diagnostics.error(.deprecatedTarget, "\(system.rawValue) code '\(code.value)' is deprecated ('\(concept.displays[0])')", at: code.location,
                                  notes: [.init("reference row", at: concept.location)])
            return false
        }
        if let display, !concept.displays.isEmpty, !concept.displays.contains(display.value) {
            ctx.diagnostics.warning(.displayMismatch, "display '\(display.value)' differs from the reference name '\(concept.displays[0])' of \(system.rawValue) \(code.value)", at: display.location,
                                    notes: [.init("reference row", at: concept.location)])
        }
        return true
    }

    /// Checks a target code's form (and check digit for LOINC).
    private static func checkTargetCode(_ code: Located<String>, system: MappingSystem, _ ctx: inout ValidationContext) -> Bool {
        let value = code.value
        switch system {
        case .loinc:
            guard let hyphen = loincHyphen(value) else {
                ctx.diagnostics.error(.loincFormat, "'\(value)' is not a LOINC code (digits, a hyphen and one check digit, e.g. 2345-7)", at: code.location)
                return false
            }
            guard LOINCCheckDigit.isValid(value) else {
                let base = value[..<hyphen]
                let expected = LOINCCheckDigit.compute(for: base) ?? 0
                ctx.diagnostics.error(.loincCheckDigit, "LOINC code '\(value)' fails its mod-10 check digit (expected \(base)-\(expected))", at: code.location)
                return false
            }
            return true
        case .radlex:
            let digits = value.dropFirst(4)
            guard value.hasPrefix("RPID"), !digits.isEmpty, digits.utf8.allSatisfy(ASCII.isDigit), digits.first != "0" else {
                ctx.diagnostics.error(.radlexFormat, "'\(value)' is not a RadLex Playbook ID (RPID followed by a number, e.g. RPID16)", at: code.location)
                return false
            }
            return true
        }
    }

    /// Where the hyphen of a well-formed LOINC code is (1 to 7 digits, a hyphen, one digit),
    /// or nil if `value` is not one.
    private static func loincHyphen(_ value: String) -> String.Index? {
        let bytes = value.utf8
        guard let hyphen = bytes.firstIndex(of: UInt8(ascii: "-")) else { return nil }
        let base = bytes[..<hyphen], check = bytes[bytes.index(after: hyphen)...]
        guard (1...7).contains(base.count), base.allSatisfy(ASCII.isDigit),
              check.count == 1, check.allSatisfy(ASCII.isDigit) else { return nil }
        return hyphen
    }

    /// Two entries of one annex may not share a Vietnamese name (error) or an English name
    /// (warning), compared after NFC, case folding and whitespace collapsing. `entries` are the
    /// sources of `drafts[firstDraft...]`; `vi` and `en` hold the names of the annex's entries
    /// seen so far.
    ///
    /// Vietnamese names that differ only in their diacritics (`Dinh luong Phospho [Mau]` beside
    /// `Định lượng Phospho [Máu]`) are a warning (LT0305): usually the same service typed
    /// without marks. `viBare` holds the names seen so far without diacritics.
    static func checkDuplicateNames(_ entries: [SourceEntry], firstDraft: Int, drafts: [Draft],
                                    vi: inout NameRegister, en: inout NameRegister, viBare: inout NameRegister, _ ctx: inout ValidationContext) {
        for offset in entries.indices {
            let index = firstDraft + offset
            let hasEntry = drafts[index].entry != nil
            if let name = entries[offset].nameVi, !name.value.isEmpty {
                let key = TextChecks.nameKey(name.value)
                let bare = viBare.register(TextChecks.searchKey(nameKey: key), at: name.location, draft: index, hasEntry: hasEntry,
                                           keyOf: { drafts[$0].entry.map { TextChecks.searchKey($0.nameVi) } })
                if let first = vi.register(key, at: name.location, draft: index, hasEntry: hasEntry,
                                           keyOf: { drafts[$0].entry.map { TextChecks.nameKey($0.nameVi) } }) {
                    ctx.diagnostics.error(.duplicateName, "another entry of this annex is already named '\(name.value)'", at: name.location, notes: [.init("first named here", at: first)])
                } else if let first = bare {
                    ctx.diagnostics.warning(.nameDiffersOnlyInDiacritics, "another entry of this annex has the same name but for its diacritics ('\(name.value)'); if they are one service, keep one entry, written with the Vietnamese marks", at: name.location, notes: [.init("first named here", at: first)])
                }
            }
            if let name = entries[offset].nameEn, !name.value.isEmpty,
               let first = en.register(TextChecks.nameKey(name.value), at: name.location, draft: index, hasEntry: hasEntry,
                                       keyOf: { drafts[$0].entry.map { TextChecks.nameKey($0.nameEn) } }) {
                ctx.diagnostics.warning(.duplicateName, "another entry of this annex already has the English name '\(name.value)'", at: name.location, notes: [.init("first named here", at: first)])
            }
        }
    }
}
