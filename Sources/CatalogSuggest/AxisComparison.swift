import CatalogCore

/// Compares a candidate's axes or parts with the entry's, one ``AxisCheck`` per axis.
enum AxisComparison {
    // MARK: Laboratory

    /// The five LOINC axes the catalog can compare: component, property, system (specimen),
    /// scale and method.
    static func laboratory(_ query: EntryQuery, _ axes: LabAxes, componentCoverage: Double) -> [AxisCheck] {
        var checks: [AxisCheck] = []
        let componentStatus: AxisStatus = componentCoverage >= 0.999 ? .agree : componentCoverage >= 0.5 ? .partial : .disagree
        checks.append(AxisCheck(axis: "component", entry: nil, reference: axes.component, status: componentStatus))
        checks.append(AxisCheck(axis: "property", entry: "unit not fixed", reference: axes.property, status: propertyStatus(axes.property)))
        let systemStatus = specimenStatus(query.specimen, axes)
        checks.append(AxisCheck(axis: "system", entry: query.specimen?.rawValue, reference: axes.system, status: systemStatus))
        let scaleStatus: AxisStatus
        if let expected = query.scale, let scale = axes.scale {
            scaleStatus = expected == scale || (expected == "Ord" && ["Nom", "Nar"].contains(scale)) ? .agree : .disagree
        } else {
            scaleStatus = .unstated
        }
        checks.append(AxisCheck(axis: "scale", entry: query.scale, reference: axes.scale, status: scaleStatus))
        let methodStatus: AxisStatus
        switch (query.method, axes.method) {
        case (nil, nil): methodStatus = .agree
        case (.some, nil): methodStatus = .targetBroader
        case (nil, .some):
            // A name that states the code's method ("Haematocrit by centrifugation",
            // "Reticulocyte count (laser counter)" through the vocabulary) agrees on it.
            methodStatus = !axes.methodTokens.isEmpty && axes.methodTokens.isSubset(of: query.tokens) ? .agree : .targetNarrower
        case (_, .some):
            // Every word of the code's method in the entry's method or names (through the
            // vocabulary: "Clauss" reads "coagulation assay") agrees; some of them is partial.
            let shared = axes.methodTokens.intersection(query.methodTokens.union(query.tokens)).count
            methodStatus = shared == 0 ? .disagree : shared == axes.methodTokens.count ? .agree : .partial
        }
        checks.append(AxisCheck(axis: "method", entry: query.method, reference: axes.method, status: methodStatus))
        return checks
    }

    /// A mass or substance concentration fixes a unit kind the national service leaves open.
    static func propertyStatus(_ property: String?) -> AxisStatus {
        guard let p = property?.lowercased() else { return .unstated }
        let unitKinds = ["mcnc", "scnc", "mass/volume", "moles/volume", "mrat", "srat", "mass/time", "moles/time"]
        return unitKinds.contains(p) ? .targetNarrower : .agree
    }

    /// The catalog specimens a LOINC system (axis value or name phrase) covers, and whether it
    /// is the generic "Specimen"/"XXX".
    static func specimens(ofSystem system: String) -> (Set<Specimen>, generic: Bool) {
        let s = " " + SuggestText.words(system).joined(separator: " ") + " "
        if s.hasText(" xxx ") || s.hasText(" specimen ") && !s.hasText(" respiratory ") && !s.hasText(" genital ") || s.hasText(" unspecified ") {
            return ([], true)
        }
        // Control material is not a patient specimen.
        if s.hasText(" control ") { return ([], false) }
        var set: Set<Specimen> = []
        if s.hasText(" ser plas ") || s.hasText(" serum or plasma ") { set.formUnion([.serumOrPlasma, .serum, .plasma]) }
        else {
            if s.hasText(" ser ") || s.hasText(" serum ") { set.insert(.serum) }
            if s.hasText(" plas ") || s.hasText(" plasma ") || s.hasText(" ppp ") { set.insert(.plasma) }
        }
        if s.hasText(" bld ") && !s.hasText(" dot ") || s.hasText(" blood ") && !s.hasText(" spot ") || s.hasText(" rbc ") || s.hasText(" red blood cell") || s.hasText(" bpu ") { set.insert(.blood) }
        if s.hasText(" dot ") || s.hasText(" blood spot ") { set.insert(.dryBloodSpot) }
        if s.hasText(" urine ") || s.hasText(" ur ") { set.insert(.urine) }
        if s.hasText(" csf ") || s.hasText(" cerebral spinal fluid ") { set.insert(.cerebrospinalFluid) }
        if s.hasText(" stool ") { set.insert(.stool) }
        if s.hasText(" sputum ") || s.hasText(" bronchial ") { set.insert(.sputum) }
        if s.hasText(" respiratory ") || s.hasText(" nph ") || s.hasText(" nasopharynx ") || s.hasText(" throat ") || s.hasText(" nose ") { set.insert(.respiratorySwab) }
        if s.hasText(" genital ") || s.hasText(" cvx ") || s.hasText(" cervix ") || s.hasText(" vag ") || s.hasText(" vaginal ") || s.hasText(" urethra ") { set.insert(.genitalSwab) }
        if s.hasText(" pus ") || s.hasText(" wound ") || s.hasText(" abscess ") { set.insert(.pus) }
        if s.hasText(" body fld ") || s.hasText(" body fluid ") || s.hasText(" pleural ") || s.hasText(" peritoneal ") { set.insert(.bodyFluid) }
        if s.hasText(" bone mar ") || s.hasText(" bone marrow ") { set.insert(.boneMarrow) }
        if s.hasText(" tiss ") || s.hasText(" tissue ") { set.insert(.tissue) }
        if s.hasText(" amnio") { set.insert(.amnioticFluid) }
        if s.hasText(" semen ") { set.insert(.semen) }
        return (set, false)
    }

    /// How the entry's specimen compares with a LOINC system.
    static func specimenStatus(_ specimen: Specimen?, _ axes: LabAxes) -> AxisStatus {
        guard let specimen, axes.system != nil else { return .unstated }
        let (set, generic) = (axes.specimens, axes.genericSpecimen)
        if generic { return specimen == .unspecified ? .agree : .targetBroader }
        if specimen == .unspecified { return set.isEmpty ? .unstated : .targetNarrower }
        // A system the catalog has no specimen for (stone, hair, breath…) is another specimen.
        if set.isEmpty { return .disagree }
        if set.contains(specimen) {
            if set == [specimen] || specimen == .serumOrPlasma { return .agree }
            // Blood or Tissue, Ser/Plas for serum: the code covers the entry's specimen and more.
            return .targetBroader
        }
        if specimen == .serumOrPlasma, !set.isDisjoint(with: [.serum, .plasma]) { return .targetNarrower }
        return .disagree
    }

    // MARK: Imaging

    /// The playbook parts: modality, region (anatomy), contrast, laterality and views.
    static func imaging(_ query: EntryQuery, _ parts: ImagingParts, regionTokens: Set<String>, candidateTokens: Set<String>) -> [AxisCheck] {
        var checks: [AxisCheck] = []
        let modalityStatus: AxisStatus = parts.modality == nil ? .disagree : parts.modality == query.modality ? .agree : .disagree
        checks.append(AxisCheck(axis: "modality", entry: query.modality?.rawValue, reference: parts.modalityText, status: modalityStatus))
        let regionStatus: AxisStatus = regionTokens.isEmpty ? .unstated : regionTokens.isDisjoint(with: candidateTokens) ? .partial : .agree
        checks.append(AxisCheck(axis: "region", entry: query.bodyRegion?.rawValue, reference: parts.region, status: regionStatus))
        checks.append(AxisCheck(axis: "contrast", entry: query.contrast?.rawValue, reference: parts.contrast?.rawValue, status: contrastStatus(query, parts)))
        checks.append(AxisCheck(axis: "laterality", entry: query.laterality?.rawValue, reference: parts.laterality?.rawValue, status: lateralityStatus(query.laterality, parts.laterality)))
        let viewsText = parts.views.map { $0.lowerBound == $0.upperBound ? String($0.lowerBound) : $0.upperBound >= 99 ? "\($0.lowerBound)+" : "\($0.lowerBound)-\($0.upperBound)" }
        var views = viewsStatus(query.views, parts)
        // A code that names a projection the entry does not name is for another projection.
        if !parts.projections.isEmpty, !parts.projections.isSubset(of: query.projections.union(["frontal", "ap", "pa"].contains(where: query.projections.contains) ? ["ap", "pa", "frontal"] : [])) {
            views = .disagree
        }
        checks.append(AxisCheck(axis: "views", entry: query.views.map(String.init), reference: viewsText, status: views))
        return checks
    }

    /// Contrast: a name that states none is plain for radiography, ultrasound and
    /// mammography, and open (either) for CT and MR.
    static func contrastStatus(_ query: EntryQuery, _ parts: ImagingParts) -> AxisStatus {
        guard let entry = query.contrast else { return .unstated }
        guard let target = parts.contrast else {
            switch parts.modality {
            case .xr?, .us?, .mg?, .dxa?: return entry == .none ? .agree : .disagree
            default: return entry == .none ? .targetBroader : .targetBroader
            }
        }
        if entry == target { return .agree }
        if entry == .other, target != .none, target != .iv, target != .withoutAndWithIV { return .agree }
        if entry == .iv, target == .intraArterial || target == .other { return .partial }
        if entry == .intraArterial, target == .iv { return .partial }
        return .disagree
    }

    static func lateralityStatus(_ entry: Laterality?, _ target: Laterality?) -> AxisStatus {
        switch (entry, target) {
        case (nil, _): return .unstated
        case (.none?, nil), (.unilateral?, nil), (.bilateral?, .bilateral?): return entry == .unilateral ? .targetBroader : .agree
        case (.bilateral?, nil): return .targetBroader
        case (.left?, .left?), (.right?, .right?): return .agree
        case (.left?, nil), (.right?, nil): return .targetBroader
        case (.unilateral?, .left?), (.unilateral?, .right?): return .targetNarrower
        case (.none?, .bilateral?): return .targetNarrower
        // A code for one named side is another order than a service with no side.
        case (.none?, _?): return .disagree
        default: return .disagree
        }
    }

    static func viewsStatus(_ entry: Int?, _ parts: ImagingParts) -> AxisStatus {
        guard let target = parts.views else { return entry == nil ? .unstated : .targetBroader }
        guard let entry else { return .targetNarrower }
        if target.contains(entry) { return target.count == 1 ? .agree : .targetBroader }
        return .disagree
    }
}
