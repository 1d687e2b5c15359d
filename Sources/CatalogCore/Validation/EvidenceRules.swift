/// Attaches to each mapping the evidence of the reference row that confirms it (see
/// ``EvidenceDeriver``) and checks that the row still confirms it (LT0614): an axis or part the
/// entry fixes must not disagree with the row.
enum EvidenceRules {
    /// `mappings` (checked, in the order of `e.mappings`) with their evidence; one LT0614 warning
    /// per mapping (other than 'related-to') whose confirming row disagrees with the entry's attributes.
    ///
    /// A warning, not an error: the disagreement may be the entry's attribute or the target,
    /// and only a reviewer can tell which; the build stays usable while the content is fixed.
    static func attach(to mappings: [Mapping], of e: SourceEntry, attributes: Attributes, _ ctx: inout ValidationContext) -> [Mapping] {
        var result = mappings
        for (i, m) in mappings.enumerated() {
            guard let concept = ctx.references[m.system]?.concepts[m.code],
                  let row = EvidenceDeriver.confirmingRow(of: concept, display: m.display) else { continue }
            let evidence = EvidenceDeriver.evidence(code: m.code, row: row, attributes: attributes)
            result[i].evidence = evidence
            let disagreeing = evidence.axes.filter { $0.agreement == .disagrees }
            // A 'related-to' mapping already says the entry and the target differ (its comment
            // says how): its disagreements are published, not reported.
            guard !disagreeing.isEmpty, m.relationship != .relatedTo else { continue }
            let location = i < e.mappings.count ? (e.mappings[i].code?.location ?? e.mappings[i].location) : e.location
            let what = disagreeing.map { "\($0.axis): the entry says '\($0.entry ?? "")', the reference '\($0.reference ?? "")'" }.joined(separator: "; ")
            ctx.diagnostics.warning(.evidenceDisagrees,
                "\(m.system.rawValue) \(m.code) ('\(evidence.name)') disagrees with the entry on \(what); correct the entry's attribute if it is wrong, else map to the code whose reference row agrees, or (when the difference is intended) make the mapping 'related-to' and say in 'comment' how the entry differs",
                at: location, notes: [.init("confirming row (\(evidence.file) line \(evidence.line))", at: row.location)])
        }
        return result
    }
}
