/// A breaking change the catalog's maintainers accept for one code in one version, with a
/// written justification (the manifest's `waivers`). `lienthong diff` and `check` still report
/// the change, marked waived with the justification, but it no longer fails the run.
public struct Waiver: Sendable, Equatable {
    /// The rules a waiver may name: those about one code. Changes of the whole catalog
    /// (identity, version order, artifact shapes) cannot be waived.
    public static let waivableRules: Set<RuleID> = [
        .codeRemoved, .codeAnnexChanged, .retiredCodeBroughtBack, .replacementUnusable, .equivalentMappingRetargeted, .meaningChanged,
    ]

    public var code: String
    public var rule: RuleID
    /// The catalog version the waiver is granted for; it applies to no other.
    public var version: SemanticVersion
    public var justification: String
    /// Where the waiver is written.
    public var location: SourceLocation

    public init(code: String, rule: RuleID, version: SemanticVersion, justification: String, location: SourceLocation) {
        self.code = code
        self.rule = rule
        self.version = version
        self.justification = justification
        self.location = location
    }

    /// The valid waivers a manifest declares (invalid ones are reported by `check`, LT0911).
    public static func all(in manifest: SourceManifest) -> [Waiver] {
        var ctx = ValidationContext(references: [:])
        return WaiverRules.check(manifest.waivers, &ctx)
    }
}

extension Array where Element == Waiver {
    /// The waiver for `rule` on `code` in `version`, if there is one.
    public func waiver(for code: String, rule: RuleID, in version: SemanticVersion) -> Waiver? {
        first { $0.code == code && $0.rule == rule && $0.version == version }
    }
}
