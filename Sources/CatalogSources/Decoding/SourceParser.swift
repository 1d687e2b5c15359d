import CatalogCore

/// The reading stage: turns the bytes of a manifest or annex file into located source
/// records, choosing YAML or XML by the file's extension.
public enum SourceParser {
    /// The result of reading one file: what could be decoded, and every problem found.
    public struct Result<Value: Sendable>: Sendable {
        /// The decoded value, or nil when a fatal problem stopped reading.
        public var value: Value?
        public var diagnostics: [Diagnostic]
    }

    /// The source format a path's extension names, or nil.
    public static func format(ofPath path: String) -> SourceFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        if lower.hasSuffix(".xml") { return .xml }
        return nil
    }

    /// Reads a catalog manifest.
    public static func parseManifest(_ bytes: [UInt8], file: String, limits: ReaderLimits = .standard) -> Result<SourceManifest> {
        read(bytes, file: file, limits: limits, task: ManifestTask(file: file))
    }

    /// Reads one annex file.
    public static func parseAnnex(_ bytes: [UInt8], file: String, limits: ReaderLimits = .standard) -> Result<SourceAnnex> {
        read(bytes, file: file, limits: limits, task: AnnexTask(file: file, format: format(ofPath: file) ?? .yaml))
    }

    /// Opens the right reader and runs `task` on it, specialised for that reader.
    private static func read<Task: DecodingTask>(_ bytes: [UInt8], file: String, limits: ReaderLimits, task: Task) -> Result<Task.Value> {
        switch format(ofPath: file) ?? .yaml {
        case .yaml:
            let reader: YAMLReader
            do { reader = try YAMLReader(bytes: bytes, file: file, limits: limits) } catch {
                return Result(value: nil, diagnostics: [failureDiagnostic(error, file: file)])
            }
            return run(task, on: reader) { try reader.finish() }
        case .xml:
            let reader: XMLReader
            do { reader = try XMLReader(bytes: bytes, file: file, limits: limits) } catch {
                return Result(value: nil, diagnostics: [failureDiagnostic(error, file: file)])
            }
            if reader.rootName != Task.rootElement {
                reader.diagnostics.error(.wrongType, "the root element must be <\(Task.rootElement)>, not <\(reader.rootName)>", at: reader.location)
            }
            return run(task, on: reader) {}
        }
    }

    private static func run<Task: DecodingTask, Reader: StructuredReader>(
        _ task: Task, on reader: Reader, finish: () throws -> Void
    ) -> Result<Task.Value> {
        do {
            let value = try task.run(SchemaDecoder(reader: reader))
            try finish()
            return Result(value: value, diagnostics: reader.diagnostics.all)
        } catch {
            return Result(value: nil, diagnostics: reader.diagnostics.all + [failureDiagnostic(error, file: task.file)])
        }
    }

    private static func failureDiagnostic(_ error: Error, file: String) -> Diagnostic {
        (error as? SourceReadFailure)?.diagnostic ?? Diagnostic(.error, .syntax, "\(error)", at: .start(of: file))
    }
}

/// One kind of file to decode, generic over the reader so each reader gets specialised code.
private protocol DecodingTask {
    associatedtype Value: Sendable
    /// The XML root element of such a file.
    static var rootElement: String { get }
    var file: String { get }
    func run<Reader: StructuredReader>(_ decoder: SchemaDecoder<Reader>) throws -> Value
}

private struct ManifestTask: DecodingTask {
    static let rootElement = "catalog"
    let file: String
    func run<Reader: StructuredReader>(_ decoder: SchemaDecoder<Reader>) throws -> SourceManifest {
        try decoder.manifest(file: file)
    }
}

private struct AnnexTask: DecodingTask {
    static let rootElement = "annex"
    let file: String
    let format: SourceFormat
    func run<Reader: StructuredReader>(_ decoder: SchemaDecoder<Reader>) throws -> SourceAnnex {
        try decoder.annex(file: file, format: format)
    }
}
