import CatalogCore

/// How the catalog's modalities and body regions are spelled in DICOM headers (Modality
/// (0008,0060) defined terms; Body Part Examined (0018,0015) from DICOM PS3.16 Annex L).
enum DicomVocabulary {
    static func modalities(for modality: Modality) -> Set<String> {
        switch modality {
        case .xr: ["CR", "DX", "DR"]
        case .rf: ["RF"]
        case .mg: ["MG"]
        case .ct: ["CT"]
        case .mr: ["MR"]
        case .us: ["US"]
        case .xa: ["XA"]
        case .dxa: ["BMD", "DX"]
        }
    }

    /// The Body Part Examined values of a region; empty: any (the region has no single term).
    static func bodyParts(for region: BodyRegion) -> Set<String> {
        switch region {
        case .head: ["HEAD", "BRAIN", "SKULL"]
        case .face: ["FACE", "HEAD", "SKULL"]
        case .neck: ["NECK"]
        case .chest: ["CHEST", "THORAX", "LUNG"]
        case .breast: ["BREAST"]
        case .heart: ["HEART", "CHEST"]
        case .abdomen: ["ABDOMEN"]
        case .pelvis: ["PELVIS"]
        case .abdomenPelvis: ["ABDOMEN", "PELVIS", "ABDOMENPELVIS"]
        case .chestAbdomenPelvis: ["CHEST", "ABDOMEN", "PELVIS", "CHESTABDPELVIS", "CHESTABDOMEN"]
        case .spine: ["SPINE", "CSPINE", "TSPINE", "LSPINE", "SSPINE"]
        case .cervicalSpine: ["CSPINE", "SPINE"]
        case .thoracicSpine: ["TSPINE", "SPINE"]
        case .lumbarSpine: ["LSPINE", "SPINE"]
        case .sacrumCoccyx: ["SSPINE", "SACRUM", "COCCYX"]
        case .shoulder: ["SHOULDER"]
        case .elbow: ["ELBOW"]
        case .wrist: ["WRIST"]
        case .hand: ["HAND"]
        case .hip: ["HIP"]
        case .knee: ["KNEE"]
        case .ankle: ["ANKLE"]
        case .foot: ["FOOT"]
        case .upperLimb, .lowerLimb, .vessels, .wholeBody, .other: []
        }
    }
}
