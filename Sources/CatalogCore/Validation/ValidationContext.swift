/// Shared helpers for the validation rules: a diagnostic bag plus checks that many rules use.
struct ValidationContext {
    var diagnostics = DiagnosticBag()
    /// The reference data that confirms mappings, by system.
    var references: [MappingSystem: ReferenceSet] = [:]
    /// Systems already reported as lacking a reference table (reported once each).
    var systemsWithoutReference: Set<MappingSystem> = []

    /// Reports text that is not NFC or has stray whitespace; returns the text either way.
    @discardableResult
    mutating func checkText(_ text: Located<String>?, _ field: String) -> String? {
        guard let text else { return nil }
        if !TextChecks.isNFC(text.value) {
            diagnostics.error(.notNFC, "'\(field)' is not in Unicode NFC; write precomposed characters (e.g. 'ế' as U+1EBF, not 'ê' + U+0301)", at: text.location)
        }
        if let problem = TextChecks.whitespaceProblem(text.value) {
            diagnostics.error(.strayWhitespace, "'\(field)' has \(problem)", at: text.location)
        }
        return text.value
    }

    /// A required text field: reported as missing when empty, checked otherwise.
    mutating func requireText(_ text: Located<String>?, _ field: String) -> String? {
        guard let text else { return nil }
        if text.value.isEmpty {
            diagnostics.error(.missingField, "'\(field)' must not be empty", at: text.location)
            return nil
        }
        return checkText(text, field)
    }

    /// Reads an enumerated value, reporting it with a suggestion when it is not allowed.
    mutating func vocabulary<V: Vocabulary>(_ text: Located<String>?, _ field: String, as type: V.Type) -> V? {
        vocabulary(text, field, allowed: V.allowedValues).flatMap(V.init(rawValue:))
    }

    /// A value of a closed list, reported when not allowed.
    mutating func vocabulary(_ text: Located<String>?, _ field: String, allowed: [String]) -> String? {
        guard let text else { return nil }
        if allowed.contains(text.value) { return text.value }
        diagnostics.error(
            .valueNotAllowed,
            "'\(text.value)' is not an allowed \(field); allowed: \(allowed.joined(separator: ", "))\(Suggestion.hint(for: text.value, in: allowed))",
            at: text.location)
        return nil
    }

    /// Reads a whole number within a range.
    mutating func integer(_ text: Located<String>?, _ field: String, in range: ClosedRange<Int>) -> Int? {
        guard let text else { return nil }
        guard text.value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), !text.value.isEmpty, let n = Int(text.value), range.contains(n) else {
            diagnostics.error(.malformedValue, "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text.value)'", at: text.location)
            return nil
        }
        return n
    }

    /// Whether `text` matches a simple pattern given as a predicate, reporting otherwise.
    mutating func require(_ condition: Bool, _ rule: RuleID, _ message: @autoclosure () -> String, at location: SourceLocation) {
        if !condition { diagnostics.error(rule, message(), at: location) }
    }
}

/// Character-class helpers for format rules, on UTF-8 bytes.
enum ASCII {
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
    static func isLowerOrDigit(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || isDigit(b) }

    /// Whether `text` is digits with dots exactly where `shape` has them, e.g. "00.0000.0000".
    static func matchesDigitShape(_ text: String, _ shape: String) -> Bool {
        let t = Array(text.utf8), s = Array(shape.utf8)
        guard t.count == s.count else { return false }
        return zip(t, s).allSatisfy { c, p in p == UInt8(ascii: "0") ? isDigit(c) : c == p }
    }
}
