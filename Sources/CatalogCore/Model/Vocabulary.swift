/// The closed vocabularies of the source schema. Each is a `String` raw-value enum whose raw
/// values are what authors write in the annex files; they appear unchanged in the artifacts.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Sendable, Hashable {}

extension Vocabulary {
    /// Every allowed spelling, in declaration order.
    public static var allowedValues: [String] { allCases.map(\.rawValue) }
}

/// The life-cycle of an entry. Codes are never deleted: an entry leaves the catalog by retiring.
public enum EntryStatus: String, Vocabulary {
    case active, deprecated, retired
}

/// The publication status of an edition of the catalog (FHIR's PublicationStatus): `draft`
/// until the circular is issued and the content is the official one.
public enum EditionStatus: String, Vocabulary {
    case draft, active, retired
}

/// Whether an annex lists laboratory tests or imaging procedures.
public enum AnnexKind: String, Vocabulary {
    case laboratory, imaging
}

/// How the catalog entry relates to a mapping target, named as FHIR R5 ConceptMap does.
public enum MappingRelationship: String, Vocabulary {
    case equivalent
    case sourceIsNarrowerThanTarget = "source-is-narrower-than-target"
    case sourceIsBroaderThanTarget = "source-is-broader-than-target"
    case relatedTo = "related-to"
}

/// International code systems an entry may be mapped to.
public enum MappingSystem: String, Vocabulary {
    /// LOINC, for laboratory tests and (through the LOINC/RSNA Radiology Playbook) imaging.
    case loinc
    /// RadLex Playbook IDs (RPIDs) for imaging procedures.
    case radlex

    /// The canonical URI FHIR and SSSOM use for the system.
    public var uri: String {
        switch self {
        case .loinc: "http://loinc.org"
        case .radlex: "http://www.radlex.org"
        }
    }

    /// Whether the system's codes are for entries of `kind` (one of ``kinds``).
    public func suits(_ kind: AnnexKind) -> Bool {
        switch self {
        case .loinc: true
        case .radlex: kind == .imaging
        }
    }

    /// The annex kinds whose entries may use this system.
    public var kinds: Set<AnnexKind> {
        switch self {
        case .loinc: [.laboratory, .imaging]
        case .radlex: [.imaging]
        }
    }
}

/// The specimen a laboratory test is performed on.
public enum Specimen: String, Vocabulary {
    case blood, serum, plasma
    case serumOrPlasma = "serum-or-plasma"
    case urine
    case cerebrospinalFluid = "cerebrospinal-fluid"
    case stool, sputum
    case respiratorySwab = "respiratory-swab"
    case genitalSwab = "genital-swab"
    case pus
    case bodyFluid = "body-fluid"
    case boneMarrow = "bone-marrow"
    case tissue, cells
    case amnioticFluid = "amniotic-fluid"
    case semen
    case dryBloodSpot = "dry-blood-spot"
    case unspecified
}

/// Imaging modality, using the LOINC/RSNA Playbook's modality abbreviations.
public enum Modality: String, Vocabulary {
    /// Plain radiography.
    case xr = "XR"
    /// Fluoroscopy (radio-fluoroscopy with contrast studies).
    case rf = "RF"
    /// Mammography.
    case mg = "MG"
    /// Computed tomography.
    case ct = "CT"
    /// Magnetic resonance.
    case mr = "MR"
    /// Ultrasound.
    case us = "US"
    /// X-ray angiography, including digital subtraction angiography (DSA).
    case xa = "XA"
    /// Dual-energy X-ray absorptiometry (bone densitometry).
    case dxa = "DXA"
}

/// Body region of an imaging procedure.
public enum BodyRegion: String, Vocabulary {
    case head, face, neck, chest, breast, heart, abdomen, pelvis
    case abdomenPelvis = "abdomen-pelvis"
    case chestAbdomenPelvis = "chest-abdomen-pelvis"
    case spine
    case cervicalSpine = "cervical-spine"
    case thoracicSpine = "thoracic-spine"
    case lumbarSpine = "lumbar-spine"
    case sacrumCoccyx = "sacrum-coccyx"
    case upperLimb = "upper-limb"
    case lowerLimb = "lower-limb"
    case shoulder, elbow, wrist, hand, hip, knee, ankle, foot
    case vessels
    case wholeBody = "whole-body"
    case other
}

/// The scale of a laboratory result, as the national name states it: "Định lượng" (or "Đo
/// hoạt độ", "đếm số lượng") a quantity, "Định tính" a qualitative finding. LOINC's scale axis
/// (`SCALE_TYP`) draws the same line: `Qn` against `Ord` and `Nom`.
public enum ResultScale: String, Vocabulary {
    case quantitative, qualitative

    /// The scale a Vietnamese name states, compared without diacritics: "định lượng", "đo hoạt
    /// độ" or "đếm số lượng" a quantity, "định tính" a qualitative finding; nil when it states
    /// neither or both ("định tính và định lượng").
    public static func stated(byName name: String) -> ResultScale? {
        let key = " " + TextChecks.searchKey(name) + " "
        let quantitative = [" dinh luong", " do hoat do ", " dem so luong "].contains { key.contains($0) }
        let qualitative = key.contains(" dinh tinh")
        return quantitative == qualitative ? nil : quantitative ? .quantitative : .qualitative
    }
}

/// Contrast use in an imaging procedure.
public enum Contrast: String, Vocabulary {
    case none
    case iv
    case withoutAndWithIV = "without-and-with-iv"
    case intraArterial = "intra-arterial"
    case oral, rectal
    case intraArticular = "intra-articular"
    case intrathecal
    case retrograde
    case other
}

/// Laterality of an imaging procedure.
public enum Laterality: String, Vocabulary {
    case none, left, right, bilateral
    /// One side, either left or right, recorded in the order.
    case unilateral
}
