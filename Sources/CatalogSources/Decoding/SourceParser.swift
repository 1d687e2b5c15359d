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

    /// Reads the recognition rules source.
    public static func parseRecognition(_ bytes: [UInt8], file: String, limits: ReaderLimits = .standard) -> Result<SourceRecognition> {
        read(bytes, file: file, limits: limits, task: RecognitionTask(file: file))
    }

    /// Reads one annex file.
    public static func parseAnnex(_ bytes: [UInt8], file: String, limits: ReaderLimits = .standard) -> Result<SourceAnnex> {
        let collector = AnnexCollector(SourceAnnex(file: file, format: format(ofPath: file) ?? .yaml))
        let result = streamAnnex(bytes, file: file, limits: limits, into: collector, batchSize: 4096)
        return Result(value: result.value.map { _ in collector.annex.withLock { $0 } }, diagnostics: result.diagnostics)
    }

    /// Reads one annex file, handing its parts to `sink` as they are decoded (entries in
    /// batches of `batchSize`). The value is nil when a fatal problem stopped reading; the sink
    /// has then been given only what came before it.
    public static func streamAnnex(_ bytes: [UInt8], file: String, limits: ReaderLimits = .standard,
                                   into sink: some AnnexSink, batchSize: Int) -> Result<Void> {
        read(bytes, file: file, limits: limits, task: AnnexTask(file: file, sink: sink, batchSize: batchSize))
    }

    /// Reads one annex file from `source`, handing its parts to `sink` as they are decoded, as
    /// the bytes variant does. A YAML file is parsed as it is read, so it is never held whole;
    /// an XML file is read whole first.
    public static func streamAnnex(_ source: any SourceFile, file: String, limits: ReaderLimits = .standard,
                                   into sink: some AnnexSink, batchSize: Int) -> Result<Void> {
        let task = AnnexTask(file: file, sink: sink, batchSize: batchSize)
        switch format(ofPath: file) ?? .yaml {
        case .yaml:
            return runYAML(task, file: file) { try YAMLReader(source: source, file: file, limits: limits) }
        case .xml:
            do {
                return read(try source.contents(), file: file, limits: limits, task: task)
            } catch {
                return Result(value: nil, diagnostics: [SourceReadFailure.unreadable(file, error).diagnostic])
            }
        }
    }

    /// Opens the right reader over the bytes (in place, not copied) and runs `task` on it,
    /// specialised for that reader.
    private static func read<Task: DecodingTask>(_ bytes: [UInt8], file: String, limits: ReaderLimits, task: Task) -> Result<Task.Value> {
        // The C parsers need an address even for an empty file.
        let storage = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[0..<bytes.count])
            switch format(ofPath: file) ?? .yaml {
            case .yaml:
                return runYAML(task, file: file) { try YAMLReader(buffer: buffer, file: file, limits: limits) }
            case .xml:
                let reader: XMLReader
                do { reader = try XMLReader(buffer: buffer, file: file, limits: limits) } catch {
                    return Result(value: nil, diagnostics: [failureDiagnostic(error, file: file)])
                }
                if reader.rootName != Task.rootElement {
                    reader.diagnostics.error(.wrongType, "the root element must be <\(Task.rootElement)>, not <\(reader.rootName)>", at: reader.location)
                }
                return run(task, on: reader) {}
            }
        }
    }

    /// Runs `task` on the YAML reader `open` makes, then checks that the document ends.
    private static func runYAML<Task: DecodingTask>(_ task: Task, file: String, _ open: () throws -> YAMLReader) -> Result<Task.Value> {
        let reader: YAMLReader
        do { reader = try open() } catch {
            return Result(value: nil, diagnostics: [failureDiagnostic(error, file: file)])
        }
        return run(task, on: reader) { try reader.finish() }
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

private struct AnnexTask<Sink: AnnexSink>: DecodingTask {
    static var rootElement: String { "annex" }
    let file: String
    let sink: Sink
    let batchSize: Int
    func run<Reader: StructuredReader>(_ decoder: SchemaDecoder<Reader>) throws {
        try decoder.annex(into: sink, batchSize: batchSize)
    }
}

private struct RecognitionTask: DecodingTask {
    static let rootElement = "recognition"
    let file: String
    func run<Reader: StructuredReader>(_ decoder: SchemaDecoder<Reader>) throws -> SourceRecognition {
        try decoder.recognition(file: file)
    }
}
