/// The manifest's coverage minimums: the catalog's `minimumCoverage` applies to the whole
/// catalog and, unless an annex sets its own, to each annex.
enum CoverageRules {
    /// Returns the errors for every minimum that is not met (malformed minimums are reported
    /// by ``ManifestRules`` and ignored here).
    static func check(_ catalog: Catalog, manifest: SourceManifest, plans: [ManifestRules.AnnexPlan]) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        let report = CoverageReport(catalog)
        let catalogMinimum = minimum(manifest.minimumCoverage)
        if let (needed, location) = catalogMinimum, report.total.permille < needed {
            errors.append(Diagnostic(.error, .coverageBelowMinimum, "\(report.total.percentText)% of the catalog's entries are mapped (\(report.total.mapped) of \(report.total.entries)); the minimum is \(format(needed))%", at: location))
        }
        for row in report.annexes {
            guard let plan = plans.first(where: { $0.number == row.annex }) else { continue }
            guard let (needed, location) = minimum(plan.spec.minimumCoverage) ?? catalogMinimum else { continue }
            if row.permille < needed {
                errors.append(Diagnostic(.error, .coverageBelowMinimum, "\(row.percentText)% of annex \(plan.number)'s entries are mapped (\(row.mapped) of \(row.entries)); the minimum is \(format(needed))%", at: location))
            }
        }
        return errors
    }

    private static func minimum(_ text: Located<String>?) -> (Int, SourceLocation)? {
        guard let text, let value = CoverageReport.permille(from: text.value) else { return nil }
        return (value, text.location)
    }

    /// Reports a minimum that is not a percentage with at most one decimal.
    static func checkFormat(_ text: Located<String>?, _ ctx: inout ValidationContext) {
        if let text, CoverageReport.permille(from: text.value) == nil {
            ctx.diagnostics.error(.malformedValue, "'minimumCoverage' must be a percentage from 0 to 100 with at most one decimal, not '\(text.value)'", at: text.location)
        }
    }

    private static func format(_ permille: Int) -> String {
        permille % 10 == 0 ? "\(permille / 10)" : "\(permille / 10).\(permille % 10)"
    }
}
