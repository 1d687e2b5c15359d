import CatalogCore

/// A pull reader over one structured document, YAML or XML, that hands out values with their
/// positions. The schema decoder asks for the shape it expects; the reader reports a
/// mismatch, skips the value and lets decoding go on, so one run finds every problem.
///
/// Problems that make the rest of the file unreadable (syntax errors, forbidden constructs,
/// limits) are thrown as ``SourceReadFailure``.
public protocol StructuredReader: AnyObject {
    /// The position of the value about to be read.
    var location: SourceLocation { get throws }

    /// The problems found so far that did not stop reading.
    var diagnostics: DiagnosticBag { get set }

    /// Reads a mapping of `keys`. `body` is called with the position of each allowed key not
    /// seen before, and must read or skip exactly one value; unknown and repeated keys are
    /// reported and skipped here. Returns nil (after reporting) if the value is not a mapping.
    /// `what` names the mapping in messages; it is only worked out when one is reported.
    func readMapping(
        _ what: @autoclosure () -> String, keys: SchemaKeys, _ body: (_ key: Int, _ location: SourceLocation) throws -> Void
    ) throws -> MappingInfo?

    /// Reads a list; `body` reads one item per call. `itemName` is the element name XML uses
    /// for items. Returns false (after reporting) if the value is not a list.
    @discardableResult
    func readSequence(_ what: @autoclosure () -> String, itemName: String, _ body: () throws -> Void) throws -> Bool

    /// Reads a text value. Returns nil (after reporting) if the value is not text.
    func readScalar(_ what: @autoclosure () -> String) throws -> Located<String>?

    /// Skips one value of any shape.
    func skipValue() throws
}

/// What a reader knows about a mapping it has read, for tools that edit the file.
public struct MappingInfo: Sendable {
    /// Where the mapping begins.
    public var location: SourceLocation
    /// Where its first field begins, and how a new first field must be spelled there.
    public var insertion: CodeInsertionPoint?
    /// The allowed keys it gives.
    public var present = KeySet()
}

/// A problem after which the rest of a file cannot be read.
public struct SourceReadFailure: Error, Sendable {
    public var diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    /// The file `file` could not be read from its source (`error` says why).
    static func unreadable(_ file: String, _ error: any Error) -> SourceReadFailure {
        SourceReadFailure(Diagnostic(.error, .fileMissing, "the file cannot be read: \(error)", at: .start(of: file)))
    }
}

/// Limits that keep hostile input from exhausting time or memory.
public struct ReaderLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxFileSize: Int
    /// Deepest nesting of mappings and lists.
    public var maxDepth: Int
    /// Longest single text value, in bytes.
    public var maxScalarLength: Int
    /// Most attributes on one XML element (the largest schema object has 16 keys).
    public var maxAttributes: Int

    public init(maxFileSize: Int = 1 << 30, maxDepth: Int = 32, maxScalarLength: Int = 1 << 16, maxAttributes: Int = 256) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxScalarLength = maxScalarLength
        self.maxAttributes = maxAttributes
    }

    public static let standard = ReaderLimits()
}

extension StructuredReader {
    /// Reports a key that the schema does not know, with the closest allowed spelling.
    func reportUnknownKey(_ key: String, at location: SourceLocation, in what: String, keys: SchemaKeys) {
        diagnostics.error(
            .unknownKey,
            "unknown key '\(key)' in \(what)\(Suggestion.hint(for: key, in: keys.names))",
            at: location)
    }
}
