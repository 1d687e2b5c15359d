/// What is known about the two laboratories of a laboratory result.
public struct LaboratoryFacts: Sendable, Equatable {
    /// The performing laboratory's announced quality level; nil when unknown, 0 when none.
    public var performingLevel: Int?
    /// The receiving laboratory's quality level; nil when unknown.
    public var receivingLevel: Int?
    /// The entry codes within the performing laboratory's ISO 15189 scope; nil when it is not accredited.
    public var performingScope: Set<String>?
    /// The entry codes within the receiving laboratory's ISO 15189 scope; nil when it is not accredited.
    public var receivingScope: Set<String>?

    public init(performingLevel: Int? = nil, receivingLevel: Int? = nil, performingScope: Set<String>? = nil, receivingScope: Set<String>? = nil) {
        self.performingLevel = performingLevel
        self.receivingLevel = receivingLevel
        self.performingScope = performingScope
        self.receivingScope = receivingScope
    }
}

/// A piece of evidence in Vietnamese and English.
public struct Evidence: Sendable, Equatable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }
}

/// What is known about an imaging study: each fact true, false, or absent (unknown).
public struct StudyFacts: Sendable, Equatable {
    public var values: [StudyFact: Bool]
    /// Why each fact has its value (or why it is unknown and what would settle it), when it was
    /// derived (e.g. from DICOM headers).
    public var evidence: [StudyFact: Evidence]

    public init(_ values: [StudyFact: Bool] = [:], evidence: [StudyFact: Evidence] = [:]) {
        self.values = values
        self.evidence = evidence
    }

    public subscript(fact: StudyFact) -> Bool? {
        get { values[fact] }
        set { values[fact] = newValue }
    }
}

extension StudyFacts {
    /// Sets `fact` (nil: unknown) with its evidence.
    public mutating func set(_ fact: StudyFact, _ value: Bool?, vi: String, en: String) {
        self[fact] = value
        evidence[fact] = Evidence(vi: vi, en: en)
    }
}
