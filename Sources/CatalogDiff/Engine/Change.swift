import CatalogCore

/// The class of a change, named as it appears in every output (stable: CI jobs filter on it).
public enum ChangeKind: String, Sendable, CaseIterable, Comparable {
    // The catalog as a whole
    case canonicalUrlChanged = "canonical-url-changed"
    case oidChanged = "oid-changed"
    case versionChanged = "version-changed"
    case effectiveDateChanged = "effective-date-changed"
    case annexAdded = "annex-added"
    case annexRemoved = "annex-removed"
    case formatVersionChanged = "format-version-changed"
    case shapeChanged = "shape-changed"
    // One entry
    case added
    case removed
    case deprecated
    case retired
    case broughtBack = "brought-back"
    case reactivated
    case renamedVi = "renamed-vi"
    case renamedEn = "renamed-en"
    case clarifiedVi = "clarified-vi"
    case clarifiedEn = "clarified-en"
    case movedGroup = "moved-group"
    case movedAnnex = "moved-annex"
    case replacementChanged = "replacement-changed"
    case nationalCodeAdded = "national-code-added"
    case nationalCodeRemoved = "national-code-removed"
    case attributeChanged = "attribute-changed"
    case mappingAdded = "mapping-added"
    case mappingRemoved = "mapping-removed"
    case mappingRetargeted = "mapping-retargeted"
    case mappingRelationshipChanged = "mapping-relationship-changed"
    case detailChanged = "detail-changed"

    /// Whether the change concerns the whole catalog rather than one entry.
    public var isCatalogWide: Bool { ChangeKind.allCases.firstIndex(of: self)! < ChangeKind.allCases.firstIndex(of: .added)! }

    /// One line saying what the class means (release notes, `--help`).
    public var summary: String {
        switch self {
        case .canonicalUrlChanged: "canonical URL changed"
        case .oidChanged: "OID changed"
        case .versionChanged: "version changed"
        case .effectiveDateChanged: "effective date changed"
        case .annexAdded: "annex added"
        case .annexRemoved: "annex removed"
        case .formatVersionChanged: "artifact family format version changed"
        case .shapeChanged: "artifact shape changed"
        case .added: "entry added"
        case .removed: "entry removed"
        case .deprecated: "entry deprecated"
        case .retired: "entry retired"
        case .broughtBack: "retired entry brought back"
        case .reactivated: "deprecated entry active again"
        case .renamedVi: "Vietnamese name changed"
        case .renamedEn: "English name changed"
        case .clarifiedVi: "Vietnamese name clarified, meaning kept (declared in the manifest's clarifications)"
        case .clarifiedEn: "English name clarified, meaning kept (declared in the manifest's clarifications)"
        case .movedGroup: "moved to another group"
        case .movedAnnex: "moved to another annex"
        case .replacementChanged: "replacement changed"
        case .nationalCodeAdded: "national code added"
        case .nationalCodeRemoved: "national code removed"
        case .attributeChanged: "attribute changed"
        case .mappingAdded: "mapping added"
        case .mappingRemoved: "mapping removed"
        case .mappingRetargeted: "mapping retargeted"
        case .mappingRelationshipChanged: "mapping relationship changed"
        case .detailChanged: "note or display changed (status or unmapped reason, mapping display or comment, order)"
        }
    }

    public static func < (a: ChangeKind, b: ChangeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One change between two versions.
public struct Change: Sendable, Equatable {
    public var kind: ChangeKind
    /// The entry's code (nil for a change of the whole catalog).
    public var code: String?
    /// What changed inside the entry or catalog (`nameVi`, `specimen`, `loinc:2345-7`, `csv`).
    public var field: String?
    public var old: String?
    public var new: String?
    /// The breaking-change rule the change violates, if any.
    public var rule: RuleID?
    /// The waiver that accepts it, if any.
    public var waiver: Waiver?
    /// The clarification that declares it editorial (clarified-vi, clarified-en).
    public var clarification: Clarification?
    /// What happened, in one sentence.
    public var message: String
    /// How to make the change without breaking (for breaking changes).
    public var fix: String?
    /// Where the new side writes it (or, for a removal, the old side), when compiled from sources.
    public var location: SourceLocation?

    public init(kind: ChangeKind, code: String? = nil, field: String? = nil, old: String? = nil, new: String? = nil,
                rule: RuleID? = nil, message: String, fix: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.code = code
        self.field = field
        self.old = old
        self.new = new
        self.rule = rule
        self.message = message
        self.fix = fix
        self.location = location
    }

    /// Breaking and not waived: what fails a run.
    public var isBreaking: Bool { rule != nil && waiver == nil }
}

/// Everything that changed from one side to the other.
public struct DiffReport: Sendable {
    public var old: Side
    public var new: Side
    /// Catalog-wide changes first, then by code, then by class.
    public var changes: [Change]

    /// A side as the report names it.
    public struct Side: Sendable, Equatable {
        public var label: String
        public var version: String
    }

    public var breaking: [Change] { changes.filter(\.isBreaking) }
    public var waived: [Change] { changes.filter { $0.rule != nil && $0.waiver != nil } }

    /// How many changes of each class.
    public var counts: [(ChangeKind, Int)] {
        var counts: [ChangeKind: Int] = [:]
        for change in changes { counts[change.kind, default: 0] += 1 }
        return ChangeKind.allCases.compactMap { kind in counts[kind].map { (kind, $0) } }
    }
}

/// When `diff` exits 1.
public enum FailOn: String, Sendable, CaseIterable {
    case none, breaking, any

    /// Whether `report` fails under this policy.
    public func fails(_ report: DiffReport) -> Bool {
        switch self {
        case .none: false
        case .breaking: !report.breaking.isEmpty
        case .any: !report.changes.isEmpty
        }
    }
}
