/// How serious a diagnostic is. Only errors make a command fail.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in the sources, at a position, under a stable rule ID.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var severity: Severity
    public var rule: RuleID
    public var message: String
    public var location: SourceLocation
    /// Related positions (for example the first occurrence of a duplicate).
    public var notes: [Note]

    /// A secondary position attached to a diagnostic.
    public struct Note: Hashable, Sendable {
        public var message: String
        public var location: SourceLocation
        public init(_ message: String, at location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    public init(
        _ severity: Severity, _ rule: RuleID, _ message: String,
        at location: SourceLocation, notes: [Note] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The diagnostic as a compiler prints it: `path:line:col: severity: message [ID]`.
    public var description: String { "\(location): \(severity.rawValue): \(message) [\(rule.rawValue)]" }

    /// Diagnostics sort by file, line, column, then rule ID, then message, so output is stable.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.message < rhs.message
    }
}

/// Collects the diagnostics of one stage so that every problem is reported in a single run.
public struct DiagnosticBag: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func error(_ rule: RuleID, _ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = []) {
        all.append(Diagnostic(.error, rule, message, at: location, notes: notes))
    }

    public mutating func warning(_ rule: RuleID, _ message: String, at location: SourceLocation, notes: [Diagnostic.Note] = []) {
        all.append(Diagnostic(.warning, rule, message, at: location, notes: notes))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The diagnostics in output order.
    public var sorted: [Diagnostic] { all.sorted() }
}
