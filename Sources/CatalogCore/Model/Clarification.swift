/// A name correction the catalog's maintainers declare editorial: in `version`, the names of
/// `codes` were corrected (a spelling, a redundant word, an untranslated term, an added
/// abbreviation) without changing what the codes mean. Declared once per batch in the
/// manifest's `clarifications` with a reason a reviewer can judge, it makes `diff`, `check`
/// and `publish` classify those renames as clarifications (not breaking, listed as such in
/// the release notes), as LOINC tells a name change from a change of meaning. An undeclared
/// rename that the heuristic of ``NameChange`` judges a change of meaning is still refused.
public struct Clarification: Sendable, Equatable {
    public var version: SemanticVersion
    public var codes: [String]
    public var reason: String
    /// Where the clarification is written.
    public var location: SourceLocation
    /// Where each code is written in it, by code.
    public var codeLocations: [String: SourceLocation]

    public init(version: SemanticVersion, codes: [String], reason: String, location: SourceLocation, codeLocations: [String: SourceLocation] = [:]) {
        self.version = version
        self.codes = codes
        self.reason = reason
        self.location = location
        self.codeLocations = codeLocations
    }

    /// The valid clarifications a manifest declares (invalid ones are reported by `check`, LT0912).
    public static func all(in manifest: SourceManifest) -> [Clarification] {
        var ctx = ValidationContext(references: [:])
        return ClarificationRules.check(manifest.clarifications, &ctx)
    }
}

extension Array where Element == Clarification {
    /// The clarification declaring `code`'s rename in `version`, if there is one.
    public func clarification(for code: String, in version: SemanticVersion) -> Clarification? {
        first { $0.version == version && $0.codes.contains(code) }
    }
}

/// Rules on the manifest's `clarifications`: each names a version, at least one code and a
/// reason; every code was issued (checked with the ledger) and appears once per version.
enum ClarificationRules {
    /// Checks the clarifications' own form; returns the valid ones.
    static func check(_ sources: [SourceClarification], _ ctx: inout ValidationContext) -> [Clarification] {
        var result: [Clarification] = []
        var seen: [String: SourceLocation] = [:]
        for source in sources {
            let reason = ctx.requireText(source.reason, "reason")
            var version: SemanticVersion?
            if let v = source.version {
                version = SemanticVersion(v.value)
                ctx.require(version != nil, .malformedValue, "'version' must be a Semantic Version such as 2026.4.0, not '\(v.value)'", at: v.location)
            }
            var locations: [String: SourceLocation] = [:]
            for code in source.codes {
                let key = (version?.description ?? "") + " " + code.value
                if let first = seen[key] {
                    ctx.diagnostics.error(.clarificationInvalid, "\(code.value) is declared clarified twice for \(version?.description ?? "this version"); keep one",
                                          at: code.location, notes: [.init("first declared here", at: first)])
                    continue
                }
                seen[key] = code.location
                locations[code.value] = code.location
            }
            if let version, let reason, !source.codes.isEmpty {
                result.append(Clarification(version: version, codes: source.codes.map(\.value), reason: reason, location: source.location, codeLocations: locations))
            }
        }
        return result
    }

    /// Every clarified code must be one the ledger issued.
    static func checkCodes(_ sources: [SourceClarification], ledger: Ledger, _ ctx: inout ValidationContext) {
        for source in sources {
            for code in source.codes where !code.value.isEmpty && ledger.position(of: code.value) == nil {
                ctx.diagnostics.error(.clarificationInvalid, "clarification of '\(code.value)': no such code was ever issued (it is not in \(ledger.file)); name an issued code", at: code.location)
            }
        }
    }
}
