/// The reference row that confirms a mapping, and how its axes (laboratory) or playbook parts
/// (imaging) compare with the entry's attributes: what a reviewer needs to check the mapping
/// in one look. Derived by ``EvidenceDeriver`` from the reference subset the compiler reads.
public struct MappingEvidence: Sendable, Equatable {
    /// The table's path inside the reference folder (`loinc/loinc_2_72_lab_subset_axes.csv`).
    public var file: String
    /// The 1-based line of the row.
    public var line: Int
    /// The source's release as SOURCES.md records it; nil when it records none.
    public var release: String?
    /// What the source is, as SOURCES.md says ("RadLex Core Playbook v2.3").
    public var sourceTitle: String?
    public var code: String
    /// The name the row gives the code.
    public var name: String
    /// Each axis or part compared, in a fixed order.
    public var axes: [AxisEvidence]

    public init(file: String, line: Int, release: String?, sourceTitle: String?, code: String, name: String, axes: [AxisEvidence]) {
        self.file = file
        self.line = line
        self.release = release
        self.sourceTitle = sourceTitle
        self.code = code
        self.name = name
        self.axes = axes
    }

    /// The axes whose reference value agrees with the entry.
    public var agreeing: [String] { axes.filter { $0.agreement == .agrees }.map(\.axis) }
    /// The axes the reference row leaves unspecified.
    public var unspecified: [String] { axes.filter { $0.agreement == .unspecified }.map(\.axis) }
    /// The axes the entry fixes and the reference row contradicts.
    public var disagreeing: [String] { axes.filter { $0.agreement == .disagrees }.map(\.axis) }
}

/// One axis (LOINC: component, property, time, system, scale, method) or playbook part
/// (modality, region, contrast, laterality, views) of a confirming row.
public struct AxisEvidence: Sendable, Equatable {
    /// How the reference's value compares with the entry's.
    public enum Agreement: String, Sendable, CaseIterable {
        /// The entry fixes the axis and the reference gives the same (or a value that covers it).
        case agrees
        /// The reference row does not state the axis.
        case unspecified
        /// The entry does not fix the axis: the reference's value is shown, not compared.
        case notFixed = "not-fixed"
        /// The entry fixes the part and the reference states something the tool cannot read
        /// with certainty (a region in the playbook's words): neither agreed nor disagreed.
        case notCompared = "not-compared"
        /// The entry fixes the axis and the reference gives another value.
        case disagrees
    }

    public var axis: String
    /// The entry's value, when it fixes the axis.
    public var entry: String?
    /// The reference's value, when the row states it.
    public var reference: String?
    public var agreement: Agreement

    public init(axis: String, entry: String?, reference: String?, agreement: Agreement) {
        self.axis = axis
        self.entry = entry
        self.reference = reference
        self.agreement = agreement
    }
}
