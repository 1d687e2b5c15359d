/// The recognition rules source (`recognition.yaml` or `.xml`) as written, with positions.
public struct SourceRecognition: Sendable {
    public var file: String
    public var clauses: [SourceRecognitionClause] = []
    public var qualityLevels: [SourceQualityLevel] = []
    public var rules: [SourceRecognitionRule] = []

    public init(file: String) { self.file = file }
}

/// A clause as written.
public struct SourceRecognitionClause: Sendable {
    public var location: SourceLocation
    public var id: Located<String>?
    public var citation: Located<String>?
    public var textVi: Located<String>?
    public var textEn: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// A quality level as written.
public struct SourceQualityLevel: Sendable {
    public var location: SourceLocation
    public var level: Located<String>?
    public var nameVi: Located<String>?
    public var nameEn: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// A rule as written.
public struct SourceRecognitionRule: Sendable {
    public var location: SourceLocation
    public var id: Located<String>?
    public var kind: Located<String>?
    public var fact: Located<String>?
    public var level: Located<String>?
    public var annexes: [Located<String>] = []
    public var modalities: [Located<String>] = []
    public var outcome: Located<String>?
    public var clause: Located<String>?
    public var textVi: Located<String>?
    public var textEn: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}
