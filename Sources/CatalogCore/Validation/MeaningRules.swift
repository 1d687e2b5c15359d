/// Rule LT0910 in `check`: a code whose meaning is published keeps it. A code of the latest
/// published version may be renamed only by a spelling fix (``NameChange``) of its name there;
/// when that version's names are not at hand, of the Vietnamese name the ledger recorded at
/// issue, for every code issued in a version already published. `lienthong diff` applies the
/// full rule (with mappings and national codes) between two versions.
enum MeaningRules {
    static func check(_ drafts: DraftList, ledger: Ledger, publishedUpTo latest: SemanticVersion, names: [String: String],
                      version: SemanticVersion, waivers: [Waiver], _ ctx: inout ValidationContext) {
        var issuedPublished: [String: Bool] = [:]
        for i in drafts.indices {
            guard let entry = drafts[i].entry else { continue }
            var published: String?
            var notes: [Diagnostic.Note] = []
            if !names.isEmpty {
                published = names[entry.code]
            } else if let position = ledger.position(of: entry.code) {
                let issuedIn = ledger.issuedIn(at: position)
                let isPublished: Bool
                if let known = issuedPublished[issuedIn] { isPublished = known } else {
                    isPublished = SemanticVersion(issuedIn).map { $0 <= latest } ?? false
                    issuedPublished[issuedIn] = isPublished
                }
                if isPublished {
                    published = ledger.nameVi(at: position)
                    notes = [.init("issued with that name here", at: ledger.record(at: position).location)]
                }
            }
            guard let published, published != entry.nameVi, !NameChange.isSpellingFix(from: published, to: entry.nameVi) else { continue }
            // At the code (drafts keep no other position: at 100,000 entries every byte of a draft counts).
            let location = drafts[i].source.code?.location ?? drafts[i].source.location
            let message = "\(entry.code) was published as '\(published)' and is now named '\(entry.nameVi)': that changes what the code means, not its spelling; retire \(entry.code) and add a new entry (or, if the meaning is the same, add a waiver with a justification)"
            if waivers.waiver(for: entry.code, rule: .meaningChanged, in: version) != nil {
                ctx.diagnostics.warning(.meaningChanged, message + " (waived)", at: location)
            } else {
                ctx.diagnostics.error(.meaningChanged, message, at: location, notes: notes)
            }
        }
    }
}
