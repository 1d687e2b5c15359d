import CatalogCore

/// Proposes the relationship a mapping to a candidate would have, from the axis checks, with
/// the reason in one sentence. A proposal for a person to confirm, never written by the tool.
enum RelationshipAdvisor {
    /// The axes on which a disagreement makes the candidate only related.
    static let essentialAxes: Set<String> = ["component", "system", "modality", "contrast"]

    static func propose(_ axes: [AxisCheck], query: EntryQuery, concept: ReferenceConcept, queryCoverage: Double) -> (MappingRelationship, String) {
        let disagreeing = axes.filter { $0.status == .disagree || ($0.status == .partial && essentialAxes.contains($0.axis)) }.map(\.axis)
        if !disagreeing.isEmpty {
            return (.relatedTo, "the \(disagreeing.joined(separator: ", ")) differ\(disagreeing.count == 1 ? "s" : ""): related, not the same test")
        }
        var narrower: [String] = []   // the entry says more than the code
        var broader: [String] = []    // the code says more than the entry
        for check in axes {
            switch check.status {
            case .targetBroader: narrower.append(check.axis)
            case .targetNarrower:
                broader.append(check.axis == "property" ? "property (the national service fixes no unit; the code fixes \(check.reference ?? "one"))" : check.axis)
            default: break
            }
        }
        narrower += query.qualifiers
        if queryCoverage < 0.75, query.domain == .imaging { narrower.append("anatomy named in more detail") }
        switch (narrower.isEmpty, broader.isEmpty) {
        case (true, true):
            return (.equivalent, "every compared axis agrees")
        case (false, true):
            return (.sourceIsNarrowerThanTarget, "the entry fixes what the code leaves open: \(narrower.joined(separator: ", "))")
        case (true, false):
            return (.sourceIsBroaderThanTarget, "the code fixes what the entry leaves open: \(broader.joined(separator: ", "))")
        case (false, false):
            return (.relatedTo, "each fixes something the other leaves open (entry: \(narrower.joined(separator: ", ")); code: \(broader.joined(separator: ", ")))")
        }
    }
}
