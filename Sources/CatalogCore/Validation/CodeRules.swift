/// Rules that look across the whole catalog: stable codes, the ledger and replacements.
struct CodeRules {
    /// Checks every entry's code against the others and the ledger, and the replacements.
    ///
    /// `checkedAnnexes` are the annexes whose file was read and checked; ledger codes of other
    /// annexes are not judged, since the reason they are absent is already reported.
    /// `allPlansValid` says whether every manifest annex has valid settings, without which a
    /// ledger code that fits no annex may just belong to the broken one.
    static func check(_ drafts: DraftList, ledger: Ledger, plans: [ManifestRules.AnnexPlan],
                      checkedAnnexes: Set<Int>, allPlansValid: Bool,
                      requireCodes: Bool, _ ctx: inout ValidationContext) {
        // Which draft first carries each code: beside the ledger for issued codes, so that
        // looking a code up hashes it once (in the ledger's index), and by text for the rest.
        var owners = CodeOwners(ledger: ledger)
        for index in drafts.indices {
            guard let code = drafts[index].source.code else {
                if requireCodes {
                    ctx.diagnostics.error(.codeMissing, "this entry has no code yet; run `lienthong assign` to give it one", at: drafts[index].source.location)
                }
                continue
            }
            // Its form was checked with the annex (``checkForm(_:format:annex:_:)``).
            guard drafts[index].codeIsWellFormed else { continue }
            let position = ledger.position(of: code.value)
            if let first = owners.claim(code.value, at: position, by: index) {
                ctx.diagnostics.error(.duplicateCode, "code '\(code.value)' is already used by another entry", at: code.location,
                                      notes: [.init("first used here", at: drafts[first].source.code!.location)])
                continue
            }
            guard let position else {
                // An unreadable ledger is reported once (LT0105), not once per code.
                if ledger.isUnreadable { continue }
                ctx.diagnostics.error(.codeNotInLedger, "code '\(code.value)' was never issued (it is not in \(ledger.file)); remove it and run `lienthong assign`", at: code.location)
                continue
            }
            let issuedTo = ledger.annex(at: position)
            if issuedTo != drafts[index].annex {
                ctx.diagnostics.error(.ledgerMismatch, "code '\(code.value)' was issued to annex \(issuedTo) but stands in annex \(drafts[index].annex)", at: code.location,
                                      notes: [.init("issued here", at: ledger.record(at: position).location)])
            }
        }
        // Every code written, valid or not; only needed when the ledger holds a code no valid
        // entry carries, which is rare.
        var usedCodes: Set<String>?
        for i in 0..<ledger.count where owners.owner(atPosition: i) == nil {
            let record = ledger.record(at: i)
            let owner = plans.first { plan in
                if case .valid = plan.format.read(record.code) { return true } else { return false }
            }
            guard let owner else {
                if allPlansValid {
                    ctx.diagnostics.error(.ledgerSyntax, "ledger code '\(record.code)' does not fit any annex's code format", at: record.location)
                }
                continue
            }
            if usedCodes == nil { usedCodes = Set(drafts.indices.compactMap { drafts[$0].source.code?.value }) }
            if checkedAnnexes.contains(owner.number), usedCodes?.contains(record.code) == false {
                ctx.diagnostics.error(.issuedCodeMissing, "code '\(record.code)' (issued in \(record.issuedIn), '\(record.nameVi)') is missing from the sources; keep the entry and mark it retired", at: record.location)
            }
        }
        checkReplacements(drafts, owners: owners, &ctx)
    }

    /// No ledger line may say its code was issued in a version newer than the manifest's: the
    /// manifest's version was lowered after `assign` (or a ledger from a later edition was
    /// copied in), and the codes would be published under an edition that did not issue them.
    /// Lines are parsed once per distinct version text (a ledger holds a handful).
    static func checkIssueVersions(_ ledger: Ledger, manifestVersion: SemanticVersion, _ ctx: inout ValidationContext) {
        var verdicts: [String: Bool] = [:]
        for i in 0..<ledger.count {
            let issuedIn = ledger.issuedIn(at: i)
            let ahead = verdicts[issuedIn] ?? {
                let ahead = SemanticVersion(issuedIn).map { $0 > manifestVersion } ?? false
                verdicts[issuedIn] = ahead
                return ahead
            }()
            if ahead {
                let record = ledger.record(at: i)
                ctx.diagnostics.error(.ledgerVersionAhead, "code '\(record.code)' was issued in version \(record.issuedIn), newer than the manifest's version \(manifestVersion); set the manifest's version back to at least \(record.issuedIn) (a published version is never rebuilt: raise it)", at: record.location)
            }
        }
    }

    /// Checks a code's form against its annex's format: prefix, serial digits, check
    /// character. Runs with the annex's entries, beside parsing; returns whether it holds.
    static func checkForm(_ code: Located<String>, format: CodeFormat, annex: Int, _ ctx: inout ValidationContext) -> Bool {
        switch format.read(code.value) {
        case .malformed:
            ctx.diagnostics.error(.codeFormat, "'\(code.value)' is not a code of annex \(annex): expected '\(format.prefix)', \(format.serialWidth) digits and a check character (e.g. \(format.firstCode))", at: code.location)
            return false
        case let .wrongCheckCharacter(expected) where expected == "*":
            ctx.diagnostics.error(.codeCheckCharacter, "'\(code.value)' is not a code: serial '\(code.value.dropLast())' is never issued (its check character would be '*')", at: code.location)
            return false
        case let .wrongCheckCharacter(expected):
            ctx.diagnostics.error(.codeCheckCharacter, "'\(code.value)' has a wrong check character: '\(code.value.dropLast())' takes '\(expected)'; did you mean '\(code.value.dropLast())\(expected)'?", at: code.location)
            return false
        case .valid:
            return true
        }
    }

    private static func checkReplacements(_ drafts: DraftList, owners: CodeOwners, _ ctx: inout ValidationContext) {
        for index in drafts.indices {
            guard let replacement = drafts[index].source.replacedBy else { continue }
            if replacement.value == drafts[index].source.code?.value {
                ctx.diagnostics.error(.replacementSelf, "an entry cannot replace itself", at: replacement.location)
                continue
            }
            guard let targetIndex = owners.owner(of: replacement.value) else {
                ctx.diagnostics.error(.replacementMissing, "replacement '\(replacement.value)' is not a code of this catalog", at: replacement.location)
                continue
            }
            if let status = drafts[targetIndex].source.status, let value = EntryStatus(rawValue: status.value), value != .active {
                ctx.diagnostics.error(.replacementNotActive, "replacement '\(replacement.value)' is \(status.value), not active", at: replacement.location,
                                      notes: [.init("its status is set here", at: status.location)])
            }
        }
    }
}

/// Which draft first carries each well-formed code. Issued codes are kept by their ledger
/// position, in an array, so that the ledger's own index is the only hashing of a code; codes
/// the ledger lacks (each already an error) by their text.
private struct CodeOwners {
    let ledger: Ledger
    /// The draft index carrying each ledger record's code, -1 for none.
    private var byPosition: [Int]
    private var unissued: [String: Int] = [:]

    init(ledger: Ledger) {
        self.ledger = ledger
        byPosition = Array(repeating: -1, count: ledger.count)
    }

    /// Gives `code` (at ledger `position`, if issued) to draft `index`, unless a draft has it
    /// already: then returns that draft's index.
    mutating func claim(_ code: String, at position: Int?, by index: Int) -> Int? {
        if let position {
            if byPosition[position] >= 0 { return byPosition[position] }
            byPosition[position] = index
        } else {
            if let first = unissued[code] { return first }
            unissued[code] = index
        }
        return nil
    }

    /// The draft carrying the code of the ledger record at `position`, if any.
    func owner(atPosition position: Int) -> Int? {
        byPosition[position] >= 0 ? byPosition[position] : nil
    }

    /// The draft carrying `code`, if any.
    func owner(of code: String) -> Int? {
        if let position = ledger.position(of: code) { return owner(atPosition: position) }
        return unissued[code]
    }
}
