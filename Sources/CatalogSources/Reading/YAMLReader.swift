import CYAML
import CatalogCore

/// Reads one YAML document through libyaml's event API, one event ahead, without building a
/// document tree. Aliases, anchors, tags and further documents are refused: the catalog
/// schema needs none of them, and aliases are how "billion laughs" files blow up.
public final class YAMLReader: StructuredReader {
    /// The kind of the current parser event. A scalar's bytes stay in libyaml's event until
    /// the reader moves on, so a key is matched without becoming a string.
    enum Event {
        case streamStart, streamEnd, documentStart, documentEnd
        case mappingStart(flow: Bool), mappingEnd
        case sequenceStart(flow: Bool), sequenceEnd
        case scalar
    }

    public var diagnostics = DiagnosticBag()
    private let file: String
    private let fileID: Int32
    private let limits: ReaderLimits
    /// Where the bytes come from.
    private let input: Input
    /// The reader's moving parts, behind a pointer: they change on every event, and as
    /// stored properties of a class each access would pay a run-time exclusivity check. The
    /// reader is used by one thread at a time and never hands out references to them.
    private struct State {
        var parser = yaml_parser_t()
        /// libyaml's current event, kept until the next one is pulled.
        var event = yaml_event_t()
        var current: (event: Event, location: SourceLocation)
        var depth = 0
        /// Where each key of the mappings being read was first written, one slot per allowed
        /// key of each open mapping (innermost last), for the note on a repeated key.
        var keyLocations: [SourceLocation] = []
    }

    private let state: UnsafeMutablePointer<State>
    private var parser: yaml_parser_t {
        unsafeAddress { UnsafePointer(state.pointer(to: \.parser)!) }
        unsafeMutableAddress { state.pointer(to: \.parser)! }
    }
    private var event: yaml_event_t {
        unsafeAddress { UnsafePointer(state.pointer(to: \.event)!) }
        unsafeMutableAddress { state.pointer(to: \.event)! }
    }
    private var current: (event: Event, location: SourceLocation) {
        unsafeAddress { UnsafePointer(state.pointer(to: \.current)!) }
        unsafeMutableAddress { state.pointer(to: \.current)! }
    }
    private var depth: Int {
        unsafeAddress { UnsafePointer(state.pointer(to: \.depth)!) }
        unsafeMutableAddress { state.pointer(to: \.depth)! }
    }
    private var keyLocations: [SourceLocation] {
        unsafeAddress { UnsafePointer(state.pointer(to: \.keyLocations)!) }
        unsafeMutableAddress { state.pointer(to: \.keyLocations)! }
    }

    /// Where libyaml's bytes come from: a buffer read in place (owned by the caller), or a
    /// file read in pieces as the parser asks for them, so a large file is never held whole.
    private enum Input {
        case buffer(UnsafeBufferPointer<UInt8>)
        case file(FileInput)
    }

    /// A file being fed to libyaml, and the first error reading it.
    private final class FileInput {
        let source: any SourceFile
        var failure: (any Error)?
        /// Bytes handed to libyaml so far, and at the last event the reader pulled.
        var fed = 0
        var fedAtLastEvent = 0
        /// Where the last event pulled ends: a value too long starts after it.
        var lastEventEnd = (line: 1, column: 1)
        /// Most bytes libyaml may take in to produce one event (see ``ValueTooLong``).
        let bytesPerEvent: Int
        init(_ source: any SourceFile, bytesPerEvent: Int) {
            self.source = source
            self.bytesPerEvent = bytesPerEvent
        }
    }

    /// libyaml gathers a whole scalar before it reports it, so the text-value limit cannot
    /// wait for the event: the read callback refuses to feed more than `bytesPerEvent` bytes
    /// (8 times the value limit plus 1 MiB: escapes, libyaml's 16 KiB reads and its
    /// look-ahead all fit well inside) between two events. A huge scalar, or a huge comment,
    /// stops reading with that much buffered, not the whole value.
    struct ValueTooLong: Error {
        let bytes: Int
    }

    /// Prepares to read `buffer` as the YAML file `file`, positioned on the document's root
    /// value. The buffer is read in place: it must have an address (even when empty) and stay
    /// valid as long as the reader.
    convenience init(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits = .standard) throws {
        try self.init(.buffer(buffer), size: buffer.count, file: file, limits: limits)
    }

    /// Prepares to read `source` as the YAML file `file`, positioned on the document's root
    /// value; the file is read as the parser goes.
    convenience init(source: any SourceFile, file: String, limits: ReaderLimits = .standard) throws {
        try self.init(.file(FileInput(source, bytesPerEvent: 8 * limits.maxScalarLength + (1 << 20))), size: source.size, file: file, limits: limits)
    }

    private init(_ input: Input, size: Int, file: String, limits: ReaderLimits) throws {
        self.file = file
        self.fileID = SourceFiles.id(of: file)
        self.limits = limits
        self.input = input
        state = .allocate(capacity: 1)
        state.initialize(to: State(current: (.streamStart, .start(of: file))))
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        switch input {
        case let .buffer(buffer): yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        case let .file(fileInput):
            // libyaml's read callback: fills its buffer with the file's next bytes.
            yaml_parser_set_input(&parser, { data, buffer, size, sizeRead in
                let input = Unmanaged<FileInput>.fromOpaque(data!).takeUnretainedValue()
                do {
                    if input.fed - input.fedAtLastEvent > input.bytesPerEvent {
                        throw ValueTooLong(bytes: input.fed - input.fedAtLastEvent)
                    }
                    let n = try input.source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size))
                    input.fed += n
                    sizeRead!.pointee = n
                    return 1
                } catch {
                    input.failure = error
                    return 0
                }
            }, Unmanaged.passUnretained(fileInput).toOpaque())
        }
        guard size <= limits.maxFileSize else {
            throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                "the file is \(size) bytes; the limit is \(limits.maxFileSize)", at: .start(of: file)))
        }
        try advance()
        guard case .streamStart = current.event else { throw unexpected("the start of the stream") }
        try advance()
        if case .streamEnd = current.event {
            throw SourceReadFailure(Diagnostic(.error, .missingField, "the file holds no YAML document", at: .start(of: file)))
        }
        guard case .documentStart = current.event else { throw unexpected("a document") }
        try advance()
    }

    deinit {
        yaml_event_delete(&event)
        yaml_parser_delete(&parser)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Checks that nothing follows the root value but the end of the stream.
    public func finish() throws {
        guard case .documentEnd = current.event else { throw unexpected("the end of the document") }
        try advance()
        if case .documentStart = current.event {
            throw SourceReadFailure(Diagnostic(.error, .forbiddenConstruct,
                "a second YAML document ('---') is not allowed; one file holds one document", at: current.location))
        }
    }

    public var location: SourceLocation { current.location }

    // MARK: Reading values

    public func readMapping(
        _ what: @autoclosure () -> String, keys: SchemaKeys, _ body: (Int, SourceLocation) throws -> Void
    ) throws -> MappingInfo? {
        guard case let .mappingStart(flow) = current.event else {
            try skip(expected: "a mapping", for: what())
            return nil
        }
        var info = MappingInfo(location: current.location, insertion: nil)
        try enter()
        let base = keyLocations.count
        keyLocations.append(contentsOf: repeatElement(info.location, count: keys.names.count))
        defer { keyLocations.removeLast(keys.names.count) }
        // Unknown keys by name, for the note on a repeated one: a dictionary, so that a
        // mapping of many unknown keys is read in linear time.
        var unknown: [String: SourceLocation] = [:]
        while true {
            if case .mappingEnd = current.event { break }
            let location = current.location
            guard case .scalar = current.event else {
                diagnostics.error(.wrongType, "a key in \(what()) must be plain text", at: location)
                try skipValue()
                try skipValue()
                continue
            }
            if info.insertion == nil {
                info.insertion = CodeInsertionPoint(location: location, style: flow ? .yamlFlow : .yamlBlock)
            }
            if let key = keys.index(of: scalarBytes) {
                try advance()
                if info.present.contains(key) {
                    diagnostics.error(.duplicateKey, "key '\(keys.names[key])' appears twice in \(what())", at: location,
                                      notes: [.init("first written here", at: keyLocations[base + key])])
                    try skipValue()
                } else {
                    info.present.insert(key)
                    keyLocations[base + key] = location
                    try body(key, location)
                }
            } else {
                let name = String(decoding: scalarBytes, as: UTF8.self)
                try advance()
                if let first = unknown[name] {
                    diagnostics.error(.duplicateKey, "key '\(name)' appears twice in \(what())", at: location,
                                      notes: [.init("first written here", at: first)])
                } else {
                    unknown[name] = location
                    reportUnknownKey(name, at: location, in: what(), keys: keys)
                }
                try skipValue()
            }
        }
        try leave()
        return info
    }

    @discardableResult
    public func readSequence(_ what: @autoclosure () -> String, itemName: String, _ body: () throws -> Void) throws -> Bool {
        guard case .sequenceStart = current.event else {
            try skip(expected: "a list", for: what())
            return false
        }
        try enter()
        while true {
            if case .sequenceEnd = current.event { break }
            try body()
        }
        try leave()
        return true
    }

    public func readScalar(_ what: @autoclosure () -> String) throws -> Located<String>? {
        guard case .scalar = current.event else {
            try skip(expected: "text", for: what())
            return nil
        }
        let value = Located(String(decoding: scalarBytes, as: UTF8.self), at: current.location)
        try advance()
        return value
    }

    public func skipValue() throws {
        switch current.event {
        case .scalar:
            try advance()
        case .mappingStart, .sequenceStart:
            try enter()
            var level = 1
            while level > 0 {
                switch current.event {
                case .mappingStart, .sequenceStart: try enter(); level += 1
                case .mappingEnd, .sequenceEnd: try leave(); level -= 1
                default: try advance()
                }
            }
        default:
            throw unexpected("a value")
        }
    }

    // MARK: Events

    /// Skips a value of the wrong shape, then reports it: when skipping fails (the value is
    /// nested too deep, or broken), only that failure is reported, one root cause, one diagnostic.
    private func skip(expected shape: String, for what: String) throws {
        let location = current.location, found = describe(current.event)
        try skipValue()
        diagnostics.error(.wrongType, "\(what) must be \(shape), not \(found)", at: location)
    }

    private func describe(_ event: Event) -> String {
        switch event {
        case .mappingStart: "a mapping"
        case .sequenceStart: "a list"
        case .scalar: "text"
        default: "the end of a block"
        }
    }

    private func unexpected(_ expected: String) -> SourceReadFailure {
        SourceReadFailure(Diagnostic(.error, .syntax, "expected \(expected) here", at: current.location))
    }

    /// Consumes a mapping or sequence start, enforcing the depth limit.
    private func enter() throws {
        depth += 1
        if depth > limits.maxDepth {
            throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                "values are nested more than \(limits.maxDepth) levels deep", at: current.location))
        }
        try advance()
    }

    /// Consumes a mapping or sequence end.
    private func leave() throws {
        depth -= 1
        try advance()
    }

    /// The bytes of the current scalar event (valid until the next `advance`).
    private var scalarBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: event.data.scalar.value, count: Int(event.data.scalar.length))
    }

    /// Releases the current event and pulls the next one from libyaml.
    private func advance() throws {
        yaml_event_delete(&event)
        guard yaml_parser_parse(&parser, &event) == 1 else { throw parserFailure() }
        if case let .file(fileInput) = input {
            fileInput.fedAtLastEvent = fileInput.fed
            fileInput.lastEventEnd = (Int(event.end_mark.line) + 1, Int(event.end_mark.column) + 1)
        }
        let location = SourceLocation(fileID: fileID, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: current = (.streamStart, location)
        case YAML_STREAM_END_EVENT: current = (.streamEnd, location)
        case YAML_DOCUMENT_START_EVENT: current = (.documentStart, location)
        case YAML_DOCUMENT_END_EVENT: current = (.documentEnd, location)
        case YAML_ALIAS_EVENT:
            throw SourceReadFailure(Diagnostic(.error, .forbiddenConstruct,
                "YAML aliases ('*name') are not allowed in catalog sources; write the value out", at: location))
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            try refuseDecorations(anchor: scalar.anchor, tag: scalar.tag, at: location)
            let length = Int(scalar.length)
            guard length <= limits.maxScalarLength else {
                throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                    "a text value of \(length) bytes exceeds the limit of \(limits.maxScalarLength)", at: location))
            }
            current = (.scalar, location)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            try refuseDecorations(anchor: start.anchor, tag: start.tag, at: location)
            current = (.mappingStart(flow: start.style == YAML_FLOW_MAPPING_STYLE), location)
        case YAML_MAPPING_END_EVENT: current = (.mappingEnd, location)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            try refuseDecorations(anchor: start.anchor, tag: start.tag, at: location)
            current = (.sequenceStart(flow: start.style == YAML_FLOW_SEQUENCE_STYLE), location)
        case YAML_SEQUENCE_END_EVENT: current = (.sequenceEnd, location)
        default: throw unexpected("a YAML event")
        }
    }

    /// Anchors and tags are refused: they serve aliases and type coercion, neither of which the
    /// catalog uses, and both hide what a value really is.
    private func refuseDecorations(anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation) throws {
        if anchor != nil {
            throw SourceReadFailure(Diagnostic(.error, .forbiddenConstruct,
                "YAML anchors ('&name') are not allowed in catalog sources", at: location))
        }
        if let tag {
            let name = String(cString: tag)
            throw SourceReadFailure(Diagnostic(.error, .forbiddenConstruct,
                "YAML tags ('\(name)') are not allowed in catalog sources", at: location))
        }
    }

    /// Converts libyaml's error state into a diagnostic at the problem's position.
    private func parserFailure() -> SourceReadFailure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if case let .file(fileInput) = input, let failure = fileInput.failure {
            if let tooLong = failure as? ValueTooLong {
                let end = fileInput.lastEventEnd
                return SourceReadFailure(Diagnostic(.error, .limitExceeded,
                    "the text value (or comment) after this point runs over \(tooLong.bytes) bytes and was not read further; a text value may hold at most \(limits.maxScalarLength) bytes",
                    at: SourceLocation(fileID: fileID, line: end.line, column: end.column)))
            }
            if let tooLarge = failure as? SourceFileTooLarge {
                return SourceReadFailure(Diagnostic(.error, .limitExceeded, "the file grew to \(tooLarge.size) bytes while it was read; the limit is \(tooLarge.limit)", at: .start(of: file)))
            }
            return .unreadable(file, failure)
        }
        if parser.error == YAML_READER_ERROR {
            return withFileBytes { bytes in
                // libyaml names the byte where it noticed; the first bad byte may come before.
                let offset = problem.contains("control") ? Int(parser.problem_offset) : EncodingGuess.firstInvalidByte(bytes) ?? Int(parser.problem_offset)
                let (line, column) = LineIndex(bytes).position(ofOffset: min(offset, bytes.count))
                let at = SourceLocation(file: file, line: line, column: column)
                let note = Diagnostic.Note("libyaml: \(problem) (byte \(offset))", at: at)
                // A control character in otherwise valid UTF-8 is a YAML rule, not an encoding;
                // unless the file is UTF-16, whose ASCII letters come with NUL bytes.
                let guess = EncodingGuess.name(of: bytes)
                if problem.contains("control"), guess?.hasPrefix("UTF-16") != true {
                    return SourceReadFailure(Diagnostic(.error, .encoding,
                        "the file contains a control character, which YAML text cannot hold; remove it (or write it as an escape in a double-quoted value)", at: at, notes: [note]))
                }
                return SourceReadFailure(Diagnostic(.error, .encoding, EncodingGuess.message(for: bytes), at: at, notes: [note]))
            }
        }
        if parser.error == YAML_MEMORY_ERROR {
            return SourceReadFailure(Diagnostic(.error, .limitExceeded, "the YAML parser ran out of memory", at: current.location))
        }
        let mark = parser.problem_mark
        var message = problem
        if let context = parser.context { message = String(cString: context) + ": " + message }
        let at = SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        let bom: SourceLocation? = withFileBytes { bytes in
            EncodingGuess.strayByteOrderMark(bytes).map { offset in
                let (line, column) = LineIndex(bytes).position(ofOffset: offset)
                return SourceLocation(file: file, line: line, column: column)
            }
        }
        if let bom, bom <= at {
            return SourceReadFailure(Diagnostic(.error, .encoding, EncodingGuess.strayByteOrderMarkMessage, at: bom, notes: [.init("libyaml: \(message)", at: at)]))
        }
        let atTab = withFileBytes { bytes in
            LineIndex(bytes).offset(line: at.line, column: at.column).map { $0 < bytes.count && bytes[$0] == 0x09 } ?? false
        }
        if let words = ParserMessages.yaml(problem: problem, context: parser.context.map { String(cString: $0) }, atTab: atTab) {
            return SourceReadFailure(Diagnostic(.error, .syntax, words, at: at, notes: [.init("libyaml: \(message)", at: at)]))
        }
        return SourceReadFailure(Diagnostic(.error, .syntax, "YAML syntax error: \(message)", at: at))
    }

    /// Runs `body` on the file's bytes: the buffer read in place, or a streamed file read
    /// again from the start (only when reporting an error).
    private func withFileBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        switch input {
        case let .buffer(buffer):
            return body(buffer)
        case let .file(fileInput):
            let bytes = (try? fileInput.source.contents()) ?? []
            return bytes.withUnsafeBufferPointer(body)
        }
    }
}
