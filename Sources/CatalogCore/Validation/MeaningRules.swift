/// Rule LT0910 in `check`: a code whose meaning is published keeps it. The ledger records
/// each code's Vietnamese name at issue; an entry whose code was issued in a version already
/// published may be renamed only by a spelling fix (``NameChange``). `lienthong diff` applies
/// the full rule (with mappings and national codes) between two versions.
enum MeaningRules {
    static func checkAgainstLedger(_ drafts: DraftList, ledger: Ledger, publishedUpTo latest: SemanticVersion,
                                   version: SemanticVersion, waivers: [Waiver], _ ctx: inout ValidationContext) {
        var issuedPublished: [String: Bool] = [:]
        for i in drafts.indices {
            guard let entry = drafts[i].entry, let position = ledger.position(of: entry.code) else { continue }
            let issuedIn = ledger.issuedIn(at: position)
            let published: Bool
            if let known = issuedPublished[issuedIn] { published = known } else {
                published = SemanticVersion(issuedIn).map { $0 <= latest } ?? false
                issuedPublished[issuedIn] = published
            }
            guard published else { continue }
            let issuedName = ledger.nameVi(at: position)
            guard issuedName != entry.nameVi, !NameChange.isSpellingFix(from: issuedName, to: entry.nameVi) else { continue }
            let location = drafts[i].source.nameVi ?? drafts[i].source.location
            let message = "\(entry.code) was published as '\(issuedName)' and is now named '\(entry.nameVi)': that changes what the code means, not its spelling; retire \(entry.code) and add a new entry (or, if the meaning is the same, add a waiver with a justification)"
            if waivers.waiver(for: entry.code, rule: .meaningChanged, in: version) != nil {
                ctx.diagnostics.warning(.meaningChanged, message + " (waived)", at: location)
            } else {
                ctx.diagnostics.error(.meaningChanged, message, at: location, notes: [.init("issued with that name here", at: ledger.record(at: position).location)])
            }
        }
    }
}
