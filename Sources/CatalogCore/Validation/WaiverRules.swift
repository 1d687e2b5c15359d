/// Rules on the manifest's `waivers`: each names a waivable rule, a version and a
/// justification, and (checked with the ledger) a code that was issued.
enum WaiverRules {
    /// Checks the waivers' own form; returns the valid ones.
    static func check(_ sources: [SourceWaiver], _ ctx: inout ValidationContext) -> [Waiver] {
        var waivers: [Waiver] = []
        for source in sources {
            let code = ctx.requireText(source.code, "code")
            let justification = ctx.requireText(source.justification, "justification")
            var rule: RuleID?
            if let r = source.rule {
                rule = RuleID(rawValue: r.value).flatMap { Waiver.waivableRules.contains($0) ? $0 : nil }
                let allowed = Waiver.waivableRules.map(\.rawValue).sorted().joined(separator: ", ")
                ctx.require(rule != nil, .waiverInvalid, "rule '\(r.value)' cannot be waived; a waiver names one of \(allowed)", at: r.location)
            }
            var version: SemanticVersion?
            if let v = source.version {
                version = SemanticVersion(v.value)
                ctx.require(version != nil, .malformedValue, "'version' must be a Semantic Version such as 2026.2.0, not '\(v.value)'", at: v.location)
            }
            if let code, let justification, let rule, let version {
                waivers.append(Waiver(code: code, rule: rule, version: version, justification: justification, location: source.location))
            }
        }
        return waivers
    }

    /// Every waiver must name a code the ledger issued.
    static func checkCodes(_ sources: [SourceWaiver], ledger: Ledger, _ ctx: inout ValidationContext) {
        for source in sources {
            guard let code = source.code, !code.value.isEmpty, ledger.position(of: code.value) == nil else { continue }
            ctx.diagnostics.error(.waiverInvalid, "waiver for '\(code.value)': no such code was ever issued (it is not in \(ledger.file))", at: code.location)
        }
    }
}
