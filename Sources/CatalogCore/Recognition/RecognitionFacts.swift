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

/// What is known about an imaging study: each fact true, false, or absent (unknown).
public struct StudyFacts: Sendable, Equatable {
    public var values: [StudyFact: Bool]
    /// Why each fact has its value, when it was derived (e.g. from DICOM headers).
    public var evidence: [StudyFact: String]

    public init(_ values: [StudyFact: Bool] = [:], evidence: [StudyFact: String] = [:]) {
        self.values = values
        self.evidence = evidence
    }

    public subscript(fact: StudyFact) -> Bool? {
        get { values[fact] }
        set { values[fact] = newValue }
    }
}
