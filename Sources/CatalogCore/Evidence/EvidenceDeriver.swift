import Foundation

/// Derives, for one mapping, the evidence its reference row gives (see ``MappingEvidence``):
/// a pure function of the rows the compiler already read and the entry's attributes.
///
/// Laboratory codes are compared on the six LOINC axes, read from the table's own axis columns
/// (COMPONENT, PROPERTY, TIME_ASPCT, SYSTEM, SCALE_TYP, METHOD_TYP) when it has them, else from
/// the long common name ("Component [Property] in System by Method"). The entry fixes the
/// system (its specimen, unless `unspecified`) and the method (when it states one); the other
/// axes are shown, not compared. Imaging codes are compared on the playbook parts the name and
/// the RadLex part columns state: modality, region, contrast, laterality; views are shown (the
/// entry has no views attribute). A disagreement is only claimed where both sides state a
/// value the tool reads with certainty; a region it cannot read is `not-compared`, never agreed.
public enum EvidenceDeriver {
    /// The row that confirms `mapping`: among the concept's rows, first one whose name is the
    /// mapping's display and that has axis columns, then one whose name is the display, then
    /// one with axis columns, then the first; nil when the reader kept no row.
    public static func confirmingRow(of concept: ReferenceSet.Concept, display: String) -> ReferenceSet.Row? {
        let rows = concept.rows
        return rows.first { $0.name == display && hasAxisColumns($0) }
            ?? rows.first { $0.name == display }
            ?? rows.first(where: hasAxisColumns)
            ?? rows.first
    }

    /// The evidence of a mapping to `code` confirmed by `row`, for an entry with `attributes`.
    public static func evidence(code: String, row: ReferenceSet.Row, attributes: Attributes) -> MappingEvidence {
        let axes: [AxisEvidence]
        switch attributes {
        case let .laboratory(lab): axes = laboratory(row, specimen: lab.specimen, method: lab.method, scale: lab.scale)
        case let .imaging(i): axes = imaging(row, modality: i.modality, region: i.bodyRegion, contrast: i.contrast, laterality: i.laterality)
        }
        return MappingEvidence(file: row.table.file, line: row.line, release: row.table.release, sourceTitle: row.table.title,
                               code: code, name: row.name, axes: axes)
    }

    static func hasAxisColumns(_ row: ReferenceSet.Row) -> Bool {
        row.table.header.contains("SYSTEM") || row.table.header.contains("MODALITY")
    }

    // MARK: Laboratory

    /// The LOINC axes of the row: its columns, else its name.
    static func labAxes(_ row: ReferenceSet.Row) -> (component: String?, property: String?, time: String?, system: String?, scale: String?, method: String?) {
        if row.table.header.contains("SYSTEM") {
            return (row.value("COMPONENT"), row.value("PROPERTY"), row.value("TIME_ASPCT"), row.value("SYSTEM"), row.value("SCALE_TYP"), row.value("METHOD_TYP"))
        }
        let name = row.name
        var rest = Substring(name)
        var component: String? = nil, property: String? = nil
        if let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            component = String(rest[..<open]).trimmingSpaces
            property = String(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        var system: String? = nil, method: String? = nil
        if let inRange = rest.range(of: " in ") ?? (rest.hasPrefix("in ") ? rest.range(of: "in ") : nil) {
            var tail = rest[inRange.upperBound...]
            if let by = tail.range(of: " by ") {
                method = String(tail[by.upperBound...]).trimmingSpaces
                tail = tail[..<by.lowerBound]
            }
            system = String(tail).trimmingSpaces
        } else if let by = rest.range(of: " by ") {
            method = String(rest[by.upperBound...]).trimmingSpaces
        }
        if component == nil { component = system == nil && method == nil ? name : nil }
        return (component?.nilIfEmpty, property?.nilIfEmpty, nil, system?.nilIfEmpty, nil, method?.nilIfEmpty)
    }

    static func laboratory(_ row: ReferenceSet.Row, specimen: Specimen, method: String?, scale: ResultScale? = nil) -> [AxisEvidence] {
        let a = labAxes(row)
        func shown(_ axis: String, _ value: String?) -> AxisEvidence {
            AxisEvidence(axis: axis, entry: nil, reference: value, agreement: value == nil ? .unspecified : .notFixed)
        }
        var axes = [shown("component", a.component), shown("property", a.property), shown("time", a.time)]
        // System: the entry's specimen against the specimens the LOINC system covers.
        let systemAgreement: AxisEvidence.Agreement
        if specimen == .unspecified { systemAgreement = a.system == nil ? .unspecified : .notFixed }
        else if let system = a.system {
            let (covered, generic) = specimens(ofSystem: system)
            systemAgreement = generic ? .unspecified : specimenAgrees(specimen, covered) ? .agrees : .disagrees
        } else { systemAgreement = .unspecified }
        axes.append(AxisEvidence(axis: "system", entry: specimen == .unspecified ? nil : specimen.rawValue, reference: a.system, agreement: systemAgreement))
        axes.append(scaleEvidence(scale, a.scale))
        let methodAgreement: AxisEvidence.Agreement
        switch (method, a.method) {
        case (_, nil): methodAgreement = .unspecified
        case (nil, _?): methodAgreement = .notFixed
        case let (entry?, reference?): methodAgreement = methodWords(entry).isDisjoint(with: methodWords(reference)) ? .disagrees : .agrees
        }
        axes.append(AxisEvidence(axis: "method", entry: method, reference: a.method, agreement: methodAgreement))
        return axes
    }

    /// The entry's result scale (as its name states it) against LOINC's `SCALE_TYP`: a quantity
    /// is `Qn` (or `OrdQn`), a qualitative finding `Ord`, `Nom` (or `OrdQn`); the narrative and
    /// document scales are left unspecified.
    static func scaleEvidence(_ scale: ResultScale?, _ reference: String?) -> AxisEvidence {
        guard let reference else { return AxisEvidence(axis: "scale", entry: scale?.rawValue, reference: nil, agreement: .unspecified) }
        guard let scale else { return AxisEvidence(axis: "scale", entry: nil, reference: reference, agreement: .notFixed) }
        let agreement: AxisEvidence.Agreement
        switch (scale, reference) {
        case (.quantitative, "Qn"), (.quantitative, "OrdQn"), (.qualitative, "Ord"), (.qualitative, "Nom"), (.qualitative, "OrdQn"): agreement = .agrees
        case (.quantitative, "Ord"), (.quantitative, "Nom"), (.qualitative, "Qn"): agreement = .disagrees
        default: agreement = .unspecified
        }
        return AxisEvidence(axis: "scale", entry: scale.rawValue, reference: reference, agreement: agreement)
    }

    /// Whether a LOINC system covering `covered` agrees with the entry's specimen.
    static func specimenAgrees(_ specimen: Specimen, _ covered: Set<Specimen>) -> Bool {
        if covered.contains(specimen) { return true }
        // Serum or plasma against Ser or Plas alone: the code is for one of the two.
        if specimen == .serumOrPlasma { return !covered.isDisjoint(with: [.serum, .plasma]) }
        return false
    }

    /// The catalog specimens a LOINC system (axis value or the phrase of a name) covers, and
    /// whether it is the generic "Specimen" / "XXX".
    static func specimens(ofSystem system: String) -> (Set<Specimen>, generic: Bool) {
        let words = " " + lowerWords(system).joined(separator: " ") + " "
        func has(_ phrase: String) -> Bool { words.contains(" " + phrase + " ") }
        if has("xxx") || has("specimen") && !has("respiratory") && !has("genital") { return ([], true) }
        var set: Set<Specimen> = []
        if has("ser plas") || has("serpl") || has("serum or plasma") || has("intravascular any") { set.formUnion([.serum, .plasma, .serumOrPlasma]) }
        if has("ser") || has("serum") { set.insert(.serum) }
        if has("plas") || has("plasma") || has("ppp") { set.insert(.plasma) }
        if (has("bld") || has("blood") || has("rbc") || has("red blood cells") || has("bpu")) && !has("dot") && !has("spot") { set.insert(.blood) }
        if has("dot") || has("blood spot") { set.insert(.dryBloodSpot) }
        if has("urine") || has("ur") { set.insert(.urine) }
        if has("csf") || has("cerebral spinal fluid") { set.insert(.cerebrospinalFluid) }
        if has("stool") { set.insert(.stool) }
        if has("sputum") || has("bronchial") { set.insert(.sputum) }
        if has("respiratory") || has("nph") || has("nasopharynx") || has("throat") || has("nose") || has("nasal") { set.insert(.respiratorySwab) }
        if has("genital") || has("cvx") || has("cervix") || has("vag") || has("vaginal") || has("urethra") { set.insert(.genitalSwab) }
        if has("pus") || has("wound") || has("abscess") { set.insert(.pus) }
        if has("body fld") || has("body fluid") || has("pleural") || has("peritoneal") || has("synovial") { set.insert(.bodyFluid) }
        if has("bone mar") || has("bone marrow") { set.insert(.boneMarrow) }
        if has("tiss") || has("tissue") { set.insert(.tissue) }
        if has("amnio") || has("amniotic fluid") { set.insert(.amnioticFluid) }
        if has("semen") { set.insert(.semen) }
        return (set, false)
    }

    /// The comparable words of a method, with the abbreviations and techniques LOINC's method
    /// axis names by their class read as that class: PCR is a nucleic acid amplification (NAA)
    /// and a molecular genetics method, an impedance or flow-cytometry counter an automated
    /// count, the Clauss and tilt-tube assays coagulation assays, a centrifuge centrifugation.
    static func methodWords(_ text: String) -> Set<String> {
        let aliases: [String: [String]] = [
            "ia": ["immunoassay"], "eia": ["immunoassay"], "immunochromatographic": ["immunoassay"], "immunochromatography": ["immunoassay"],
            "immunochemical": ["immunoassay"], "coag": ["coagulation"], "coagulometer": ["coagulation"], "clotting": ["coagulation"],
            "clauss": ["coagulation"], "tilt": ["coagulation"],
            "haematology": ["hematology"], "microscope": ["microscopy"], "auto": ["automated"], "if": ["immunofluorescence"],
            "ifa": ["immunofluorescence"], "agglutinating": ["agglutination"], "agglut": ["agglutination"], "cytometer": ["cytometry"],
            "pcr": ["pcr", "naa", "molecular"], "naat": ["naa", "molecular"], "naa": ["naa", "molecular"],
            "counter": ["count"], "counting": ["count"], "centrifuge": ["centrifugation"],
        ]
        let stop: Set<String> = ["by", "and", "or", "with", "of", "the", "test", "method", "a", "in", "on", "system", "nominal"]
        var words = Set<String>()
        for word in lowerWords(text) where !stop.contains(word) { words.formUnion(aliases[word] ?? [word]) }
        return words
    }

    // MARK: Imaging

    static func imaging(_ row: ReferenceSet.Row, modality: Modality, region: BodyRegion, contrast: Contrast, laterality: Laterality) -> [AxisEvidence] {
        let name = row.name
        let words = lowerWords(name)
        var axes: [AxisEvidence] = []
        // Modality: the name's first word, as the playbooks write it (CTA is CT, RFA is XA).
        let prefix = name.split(separator: " ").first.map(String.init) ?? ""
        let refModality = Self.modality(ofPrefix: prefix)
        axes.append(AxisEvidence(axis: "modality", entry: modality.rawValue, reference: refModality == nil ? nil : prefix,
                                 agreement: refModality == nil ? .unspecified : refModality == modality ? .agrees : .disagrees))
        // Region: agreed when the name holds a word of the entry's region; otherwise not compared.
        let regionFound = (regionWords[region] ?? []).contains { phrase in (" " + words.joined(separator: " ") + " ").contains(" " + phrase + " ") }
        axes.append(AxisEvidence(axis: "region", entry: region.rawValue, reference: nil, agreement: regionFound ? .agrees : .notCompared))
        // Contrast.
        let refContrast = contrastOf(name: name, row: row)
        let contrastAgreement: AxisEvidence.Agreement
        if let refContrast { contrastAgreement = contrastAgrees(contrast, refContrast) ? .agrees : .disagrees } else { contrastAgreement = .unspecified }
        axes.append(AxisEvidence(axis: "contrast", entry: contrast.rawValue, reference: refContrast?.rawValue, agreement: contrastAgreement))
        // Laterality.
        let refSide = lateralityOf(words: words, row: row)
        let sideAgreement: AxisEvidence.Agreement
        if let refSide { sideAgreement = lateralityAgrees(laterality, refSide) ? .agrees : .disagrees } else { sideAgreement = .unspecified }
        axes.append(AxisEvidence(axis: "laterality", entry: laterality.rawValue, reference: refSide?.rawValue, agreement: sideAgreement))
        // Views: shown only.
        let views = viewsOf(name)
        axes.append(AxisEvidence(axis: "views", entry: nil, reference: views, agreement: views == nil ? .unspecified : .notFixed))
        return axes
    }

    /// The catalog's modality a playbook name's first word stands for; nil for modalities the
    /// catalog has none of.
    static func modality(ofPrefix prefix: String) -> Modality? {
        switch prefix.uppercased() {
        case "XR": .xr
        case "RF": .rf
        case "RFA", "XA": .xa
        case "MG": .mg
        case "CT", "CTA": .ct
        case "MR", "MRA": .mr
        case "US", "US.DOPPLER": .us
        case "DXA": .dxa
        default: nil
        }
    }

    /// The contrast a playbook name (or a RadLex row's TECHNIQUE column) states; nil when it
    /// states none. A route the catalog has no value for is `other`.
    static func contrastOf(name: String, row: ReferenceSet.Row) -> Contrast? {
        let text = " " + lowerWords(name + " " + (row.value("TECHNIQUE") ?? "")).joined(separator: " ") + " "
        func has(_ phrase: String) -> Bool { text.contains(" " + phrase + " ") }
        if has("wo and w contrast") || has("wo and w iv contrast") { return .withoutAndWithIV }
        if has("wo contrast") || has("wo iv contrast") || has("without iv contrast") {
            return has("w air contrast") || has("w contrast") ? .other : Contrast.none
        }
        guard has("w contrast") || has("w iv contrast") || has("with iv contrast") || has("w positive contrast") else { return nil }
        if has("w contrast iv") || has("w iv contrast") || has("with iv contrast") { return has("air contrast") ? .other : .iv }
        if has("w contrast ia") { return .intraArterial }
        if has("w contrast po") { return .oral }
        if has("w contrast pr") { return .rectal }
        if has("w contrast intrathecal") { return .intrathecal }
        if has("w contrast intra articular") || has("w contrast intraarticular") { return .intraArticular }
        if has("w contrast retrograde") { return .retrograde }
        return .other
    }

    /// Whether the entry's contrast agrees with the one the name states: the same, or the
    /// entry's `other` against a route the catalog names none for or any route given.
    static func contrastAgrees(_ entry: Contrast, _ reference: Contrast) -> Bool {
        if entry == reference { return true }
        let given: Set<Contrast> = [.none, .withoutAndWithIV]
        if entry == .other { return !given.contains(reference) }
        if reference == .other { return !given.contains(entry) }
        return false
    }

    /// The side a name or a RadLex LATERALITY column states.
    static func lateralityOf(words: [String], row: ReferenceSet.Row) -> Laterality? {
        let column = row.value("LATERALITY").map { lowerWords($0) } ?? []
        let all = Set(words + column)
        if all.contains("bilateral") || all.contains("bilat") { return .bilateral }
        if all.contains("left") && !all.contains("right") { return .left }
        if all.contains("right") && !all.contains("left") { return .right }
        return nil
    }

    static func lateralityAgrees(_ entry: Laterality, _ reference: Laterality) -> Bool {
        switch (entry, reference) {
        case (.unilateral, .left), (.unilateral, .right): true
        default: entry == reference
        }
    }

    /// The views phrase of a playbook name ("2 Views", "Single view", "1 or 2 Views", "3+ Views").
    static func viewsOf(_ name: String) -> String? {
        let tokens = name.split(separator: " ").map(String.init)
        guard let i = tokens.firstIndex(where: { ["view", "views"].contains($0.lowercased().trimmingCharacters(",")) }) else { return nil }
        var start = i
        while start > 0, let first = tokens[start - 1].first, first.isNumber || ["or", "single", "minimum", "&", "and"].contains(tokens[start - 1].lowercased()) || tokens[start - 1].hasSuffix("+") {
            start -= 1
        }
        return start == i ? nil : tokens[start...i].joined(separator: " ").trimmingCharacters(",")
    }

    /// Words of the entry's region as the playbooks write them.
    static let regionWords: [BodyRegion: [String]] = [
        .head: ["head", "brain", "skull", "cranial", "sella", "pituitary", "iac", "internal auditory", "temporal bone", "orbit", "orbits", "mastoid", "sinuses", "facial bones"],
        .face: ["face", "facial", "facial bones", "sinuses", "paranasal sinuses", "orbit", "orbits", "mandible", "maxilla", "nasal bones", "zygomatic", "tmj", "temporomandibular", "teeth", "dental", "salivary", "parotid", "submandibular", "sialogram"],
        .neck: ["neck", "thyroid", "larynx", "pharynx", "parotid", "soft tissue"],
        .chest: ["chest", "thorax", "lung", "lungs", "ribs", "rib", "sternum", "sternoclavicular", "clavicle", "esophagus"],
        .breast: ["breast", "breasts", "mammogram"],
        .heart: ["heart", "cardiac", "coronary", "coronary arteries"],
        .abdomen: ["abdomen", "abdominal", "liver", "kidney", "kidneys", "pancreas", "gallbladder", "spleen", "biliary", "bile", "stomach", "small bowel", "colon", "upper gi", "renal", "adrenal", "duodenum", "retroperitoneum", "urinary tract"],
        .pelvis: ["pelvis", "pelvic", "bladder", "urinary bladder", "uterus", "prostate", "ovary", "scrotum", "testicle", "urethra", "fetal", "pregnant uterus", "uterus and fallopian tubes", "rectum"],
        .abdomenPelvis: ["abdomen and pelvis", "abdomen pelvis", "kidney ureter and bladder", "urinary tract"],
        .chestAbdomenPelvis: ["chest abdomen and pelvis", "chest and abdomen and pelvis"],
        .spine: ["spine", "spinal"],
        .cervicalSpine: ["cervical spine", "spine cervical"],
        .thoracicSpine: ["thoracic spine", "spine thoracic"],
        .lumbarSpine: ["lumbar spine", "spine lumbar", "lumbosacral"],
        .sacrumCoccyx: ["sacrum", "coccyx", "sacroiliac"],
        .upperLimb: ["upper extremity", "humerus", "forearm", "arm", "clavicle", "scapula", "finger", "fingers", "thumb"],
        .lowerLimb: ["lower extremity", "femur", "tibia", "fibula", "leg", "tibia and fibula", "toe", "toes", "calcaneus", "patella"],
        .shoulder: ["shoulder", "shoulders"],
        .elbow: ["elbow", "elbows"],
        .wrist: ["wrist", "wrists"],
        .hand: ["hand", "hands", "finger", "fingers"],
        .hip: ["hip", "hips"],
        .knee: ["knee", "knees"],
        .ankle: ["ankle", "ankles"],
        .foot: ["foot", "feet", "toe", "toes", "calcaneus"],
        .vessels: ["artery", "arteries", "vein", "veins", "vessels", "aorta", "vascular", "angiogram", "carotid", "venous", "arterial", "av fistula"],
        .wholeBody: ["whole body", "skeletal", "bones"],
    ]

    // MARK: Text

    /// The lower-case words of `text`: letters and digits, split at everything else (ASCII case
    /// folding; the reference names are ASCII).
    static func lowerWords(_ text: String) -> [String] {
        var words: [String] = [], word = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { word.append(ch) } else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }

    /// The text without leading and trailing occurrences of `characters`.
    func trimmingCharacters(_ characters: String) -> String {
        var s = Substring(self)
        while let f = s.first, characters.contains(f) { s = s.dropFirst() }
        while let l = s.last, characters.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
