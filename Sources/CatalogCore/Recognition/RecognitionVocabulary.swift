/// What a recognition rule of Article 2 states; the decision engine gives each kind its meaning.
public enum RecognitionRuleKind: String, Vocabulary {
    /// Laboratory: the performing laboratory is announced at least at the rule's `level`.
    case minimumLevel = "minimum-level"
    /// Laboratory: a laboratory recognises results of a laboratory of the same or a higher level.
    case levelOrder = "level-order"
    /// Laboratory: ISO 15189-accredited laboratories share the techniques within their scopes.
    case iso15189Scope = "iso15189-scope"
    /// Imaging: a validity or data requirement of the study; its `fact` must hold.
    case studyRequirement = "study-requirement"
    /// Imaging: a reason the receiving facility may still repeat the study; applies when its `fact` holds.
    case repeatReason = "repeat-reason"
    /// Every result: the treating doctor decides whether to reuse it or repeat the service.
    case doctorDecides = "doctor-decides"

    /// The annex kind the rule is about, or nil when it is about every result.
    public var annexKind: AnnexKind? {
        switch self {
        case .minimumLevel, .levelOrder, .iso15189Scope: .laboratory
        case .studyRequirement, .repeatReason: .imaging
        case .doctorDecides: nil
        }
    }
}

/// A fact about an imaging study that a requirement or a repeat reason names. `lienthong
/// recognize` takes them as options or derives them from the study's DICOM headers.
public enum StudyFact: String, Vocabulary {
    // Validity and data requirements (must hold).
    case licensedFacility = "licensed-facility"
    case signedByPerformer = "signed-by-performer"
    case signedByReporter = "signed-by-reporter"
    case intact
    case notEdited = "not-edited"
    case completeSeries = "complete-series"
    case completePhases = "complete-phases"
    case dicomFormat = "dicom-format"
    case patientIdentifiers = "patient-identifiers"
    case patientMatchesRecord = "patient-matches-record"
    case acquisitionTimeMatchesRecord = "acquisition-time-matches-record"
    case modalityMatchesEntry = "modality-matches-entry"
    case bodyPartMatchesEntry = "body-part-matches-entry"
    case contrastMatchesEntry = "contrast-matches-entry"
    case lateralityMatchesEntry = "laterality-matches-entry"
    // Repeat reasons (apply when they hold).
    case clinicalPictureChanged = "clinical-picture-changed"
    case tooOld = "too-old"
    case poorQuality = "poor-quality"
    case identityInDoubt = "identity-in-doubt"

    /// Whether the fact names a circumstance for repeating rather than a requirement.
    public var isRepeatReason: Bool {
        switch self {
        case .clinicalPictureChanged, .tooOld, .poorQuality, .identityInDoubt: true
        default: false
        }
    }
}

/// The three answers, from best to worst. A decision is the worst outcome among its reasons.
public enum RecognitionOutcome: String, Vocabulary, Comparable {
    /// The result may be reused.
    case reusable
    /// The result may be reused if the treating doctor judges so (a fact is unknown, or a
    /// repeat reason applies).
    case doctorJudgement = "doctor-judgement"
    /// The result may not be reused: the service must be repeated.
    case notReusable = "not-reusable"

    var rank: Int {
        switch self {
        case .reusable: 0
        case .doctorJudgement: 1
        case .notReusable: 2
        }
    }

    public static func < (lhs: RecognitionOutcome, rhs: RecognitionOutcome) -> Bool { lhs.rank < rhs.rank }
}

/// The decision of an answer, from best to worst: a rule's outcome, or "not enough
/// information" when a condition the decision rests on is unknown. Distinct from the treating
/// doctor's judgement, which follows a repeat reason or a rule whose outcome says so.
public enum RecognitionVerdict: String, Vocabulary, Comparable {
    /// The result may be reused.
    case reusable
    /// The result may be reused if the treating doctor judges so.
    case doctorJudgement = "doctor-judgement"
    /// A condition the decision rests on is unknown: the facts that would settle it are named.
    case notEnoughInformation = "not-enough-information"
    /// The result may not be reused: the service must be repeated.
    case notReusable = "not-reusable"

    /// The verdict a rule's outcome gives.
    public init(_ outcome: RecognitionOutcome) {
        switch outcome {
        case .reusable: self = .reusable
        case .doctorJudgement: self = .doctorJudgement
        case .notReusable: self = .notReusable
        }
    }

    var rank: Int {
        switch self {
        case .reusable: 0
        case .doctorJudgement: 1
        case .notEnoughInformation: 2
        case .notReusable: 3
        }
    }

    public static func < (lhs: RecognitionVerdict, rhs: RecognitionVerdict) -> Bool { lhs.rank < rhs.rank }
}
