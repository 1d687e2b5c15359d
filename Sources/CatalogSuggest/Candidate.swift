import CatalogCore

/// How one axis of a candidate compares with the entry.
public enum AxisStatus: String, Sendable {
    /// Both say the same.
    case agree
    /// The reference code is more general on this axis (it covers the entry and more).
    case targetBroader = "target-broader"
    /// The reference code fixes something the entry leaves open.
    case targetNarrower = "target-narrower"
    /// They overlap only in part.
    case partial
    /// One side does not say; nothing to compare.
    case unstated
    /// They say different things.
    case disagree

    /// The axis's contribution to the score (0 … 1).
    var value: Double {
        switch self {
        case .agree: 1
        case .targetBroader: 0.75
        case .targetNarrower: 0.6
        case .partial: 0.4
        case .unstated: 0.5
        case .disagree: 0
        }
    }
}

/// One axis compared: its name, what each side says and the verdict.
public struct AxisCheck: Sendable, Equatable {
    /// component, property, system, scale, method (laboratory); modality, region, contrast,
    /// laterality, views (imaging).
    public var axis: String
    public var entry: String?
    public var reference: String?
    public var status: AxisStatus
}

/// One proposed code with its evidence.
public struct Candidate: Sendable {
    public var system: MappingSystem
    public var code: String
    public var display: String
    /// 0 … 1; higher is a better fit.
    public var score: Double
    /// The part of the score that comes from the names' words (0 … 1).
    public var textScore: Double
    public var axes: [AxisCheck]
    /// The reference row that holds the code: table (relative to the reference folder) and line.
    public var file: String
    public var line: Int
    public var relationship: MappingRelationship
    /// Why this relationship, in one sentence.
    public var reason: String
}

/// The assistant's answer for one entry: ranked candidates per code system.
public struct EntrySuggestions: Sendable {
    public var code: String
    public var annex: Int
    public var nameVi: String
    public var nameEn: String
    /// The entry's current mapped codes (empty for an unmapped entry).
    public var mapped: [String]
    public var unmappedReason: String?
    /// Candidates per system, best first.
    public var candidates: [MappingSystem: [Candidate]]

    /// The best candidate over all systems.
    public var best: Candidate? {
        candidates.values.compactMap(\.first).max { $0.score < $1.score }
    }
}
