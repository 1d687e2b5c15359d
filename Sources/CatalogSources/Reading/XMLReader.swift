import CLibXML2
import CatalogCore
import Foundation

/// Reads one XML document with libxml2's streaming reader into a small element tree, then
/// serves it through ``StructuredReader`` with the same schema as YAML:
///
/// - a mapping is an element whose attributes and child elements are its keys;
/// - a list is an element whose child elements (all named `itemName`) are its items;
/// - text is an element's character content, or an attribute's value.
///
/// DTDs, and with them every entity declaration, are refused before libxml2 parses the
/// document, so neither external entities (XXE) nor entity expansion bombs can occur; the
/// parser runs without network access and without entity substitution as a second guard.
public final class XMLReader: StructuredReader {
    /// An element as read: name, position, attributes, children and text.
    final class Element {
        let name: String
        let location: SourceLocation
        let textLocation: SourceLocation
        var attributes: [(name: String, value: String, location: SourceLocation)] = []
        var children: [Element] = []
        var text = ""
        var hasText: Bool { text.unicodeScalars.contains { !$0.properties.isWhitespace } }

        init(name: String, location: SourceLocation, textLocation: SourceLocation) {
            self.name = name
            self.location = location
            self.textLocation = textLocation
        }
    }

    /// The value to be read next.
    private enum Pending {
        case element(Element)
        case attribute(name: String, value: String, location: SourceLocation)
    }

    public var diagnostics = DiagnosticBag()
    /// The root element.
    let root: Element
    private var pending: Pending

    /// Parses `buffer` as the XML file `file`, positioned on the root element. The buffer must
    /// have an address, even when empty; it is not used after the initializer returns.
    init(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: ReaderLimits = .standard) throws {
        guard buffer.count <= limits.maxFileSize else {
            throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                "the file is \(buffer.count) bytes; the limit is \(limits.maxFileSize)", at: .start(of: file)))
        }
        let root = try XMLTreeBuilder(buffer: buffer, file: file, limits: limits).build()
        self.root = root
        self.pending = .element(root)
    }

    /// The name of the root element.
    public var rootName: String { root.name }

    public var location: SourceLocation {
        switch pending {
        case let .element(e): e.location
        case let .attribute(_, _, location): location
        }
    }

    public func readMapping(
        _ what: @autoclosure () -> String, keys: SchemaKeys, _ body: (Int, SourceLocation) throws -> Void
    ) throws -> MappingInfo? {
        guard case let .element(element) = pending else {
            diagnostics.error(.wrongType, "\(what()) must be a mapping (child elements), not an attribute", at: location)
            return nil
        }
        if element.hasText {
            diagnostics.error(.wrongType, "\(what()) must be a mapping (child elements), not text", at: element.textLocation)
            return nil
        }
        var info = MappingInfo(location: element.location, insertion: nil)
        if let first = element.children.first {
            info.insertion = CodeInsertionPoint(location: first.location, style: .xmlElement)
        }
        var seen: [String: SourceLocation] = [:]
        let values = element.attributes.map { (name: $0.name, location: $0.location, value: Pending.attribute(name: $0.name, value: $0.value, location: $0.location)) }
            + element.children.map { (name: $0.name, location: $0.location, value: Pending.element($0)) }
        for (name, location, value) in values {
            if let first = seen[name] {
                diagnostics.error(.duplicateKey, "key '\(name)' appears twice in \(what())", at: location,
                                  notes: [.init("first written here", at: first)])
                continue
            }
            seen[name] = location
            guard let key = keys.index(of: name) else {
                reportUnknownKey(name, at: location, in: what(), keys: keys)
                continue
            }
            info.present.insert(key)
            pending = value
            try body(key, location)
        }
        return info
    }

    @discardableResult
    public func readSequence(_ what: @autoclosure () -> String, itemName: String, _ body: () throws -> Void) throws -> Bool {
        guard case let .element(element) = pending else {
            diagnostics.error(.wrongType, "\(what()) must be a list of <\(itemName)> elements, not an attribute", at: location)
            return false
        }
        if element.hasText || !element.attributes.isEmpty {
            diagnostics.error(.wrongType, "\(what()) must be a list of <\(itemName)> elements", at: element.location)
            return false
        }
        for child in element.children {
            guard child.name == itemName else {
                diagnostics.error(.unknownKey, "<\(child.name)> in \(what()); its items are <\(itemName)> elements", at: child.location)
                continue
            }
            pending = .element(child)
            try body()
        }
        return true
    }

    public func readScalar(_ what: @autoclosure () -> String) throws -> Located<String>? {
        switch pending {
        case let .attribute(_, value, location):
            return Located(value, at: location)
        case let .element(element):
            if !element.children.isEmpty || !element.attributes.isEmpty {
                diagnostics.error(.wrongType, "\(what()) must be text, not child elements or attributes", at: element.location)
                return nil
            }
            return Located(element.text, at: element.textLocation)
        }
    }

    /// Nothing to do: XML values are nodes of the element tree, and the next read moves to
    /// the next node without consuming this one.
    public func skipValue() throws {}
}

/// Drives libxml2's `xmlTextReader` over a buffer and builds the element tree.
private struct XMLTreeBuilder {
    let buffer: UnsafeBufferPointer<UInt8>
    let file: String
    let limits: ReaderLimits

    /// The first error libxml2 reported, captured by the structured error handler.
    final class ErrorSink {
        var message: String?
        var line = 0
        var column = 0
        var isEncoding = false
        var code: Int32 = 0
        /// libxml2 stopped at one of its own limits (a text node over 10 MB, huge input).
        var isLimit = false
    }

    func build() throws -> XMLReader.Element {
        var lines = LineCursor(buffer)
        let scan = XMLStartTags(buffer)
        let fileID = SourceFiles.id(of: file)
        func location(_ offset: Int) -> SourceLocation {
            let (line, column) = lines.position(ofOffset: offset)
            return SourceLocation(fileID: fileID, line: line, column: column)
        }
        if let doctype = scan.doctypeOffset {
            throw SourceReadFailure(Diagnostic(.error, .forbiddenConstruct,
                "DOCTYPE declarations (and with them DTDs and entities) are not allowed in catalog sources", at: location(doctype)))
        }
        if let bom = EncodingGuess.strayByteOrderMark(buffer) {
            throw SourceReadFailure(Diagnostic(.error, .encoding, EncodingGuess.strayByteOrderMarkMessage, at: location(bom)))
        }
        for tag in scan.tags where XMLStartTags.attributeCount(in: tag, of: buffer) > limits.maxAttributes {
            throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                "an element has \(XMLStartTags.attributeCount(in: tag, of: buffer)) attributes; the limit is \(limits.maxAttributes)", at: location(tag.start)))
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
        guard let reader = xmlReaderForMemory(base, Int32(buffer.count), file, "UTF-8", options) else {
            throw SourceReadFailure(Diagnostic(.error, .syntax, "libxml2 could not start reading the file", at: .start(of: file)))
        }
        defer { xmlFreeTextReader(reader) }
        let sink = ErrorSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
            guard sink.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            sink.message = text.singleLine
            sink.line = Int(error.pointee.line)
            sink.column = Int(error.pointee.int2)
            let code = Int(error.pointee.code)
            sink.code = error.pointee.code
            sink.isLimit = code == Int(XML_ERR_NO_MEMORY.rawValue) || text.contains("huge") || text.contains("Huge")
            sink.isEncoding = code == Int(XML_ERR_INVALID_CHAR.rawValue) || code == Int(XML_ERR_INVALID_ENCODING.rawValue) || text.contains("UTF-8") || text.contains("encoding")
        }, context)

        var stack: [XMLReader.Element] = []
        var root: XMLReader.Element?
        var tagIndex = 0
        func failure() -> SourceReadFailure {
            let message = sink.message ?? "malformed XML"
            let at = SourceLocation(file: file, line: max(1, sink.line), column: max(1, sink.column))
            if sink.isLimit {
                // Named where the text begins, as when the reader's own limit stops it.
                return SourceReadFailure(Diagnostic(.error, .limitExceeded,
                    "a text value exceeds the limit of \(limits.maxScalarLength) bytes", at: stack.last?.textLocation ?? at, notes: [.init("libxml2: \(message)", at: at)]))
            }
            if sink.isEncoding || EncodingGuess.name(of: buffer)?.hasPrefix("UTF-16") == true {
                // Named at the first byte that is not UTF-8, which libxml2 does not always give.
                let bad = EncodingGuess.firstInvalidByte(buffer).map(location) ?? at
                return SourceReadFailure(Diagnostic(.error, .encoding, EncodingGuess.message(for: buffer), at: bad,
                                                    notes: [.init("libxml2: \(message)", at: at)]))
            }
            if !stack.isEmpty, message.hasPrefix("Extra content at the end") || message.hasPrefix("Premature end of data") {
                // The input ended with elements still open: name the end tags it lacks.
                let missing = stack.reversed().map { "</\($0.name)>" }.joined()
                return SourceReadFailure(Diagnostic(.error, .syntax, "the file ends before '\(missing)': an element is never closed", at: at,
                                                    notes: [.init("libxml2: \(message)", at: at)]))
            }
            if let words = ParserMessages.xml(code: sink.code, message: message) {
                // libxml2 stops just after a bare '&': name the '&' itself.
                var start = at
                if words.hasPrefix("'&'"), var i = lines.index.offset(line: at.line, column: at.column) {
                    let floor = max(0, i - 8)
                    while i > floor, i >= buffer.count || buffer[i] != UInt8(ascii: "&") { i -= 1 }
                    if i < buffer.count, buffer[i] == UInt8(ascii: "&") { start = location(i) }
                }
                return SourceReadFailure(Diagnostic(.error, .syntax, words, at: start, notes: [.init("libxml2: \(message)", at: at)]))
            }
            return SourceReadFailure(Diagnostic(.error, .syntax, "XML syntax error: \(message)", at: at))
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            guard status == 1, sink.message == nil else { throw failure() }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = String(cString: xmlTextReaderConstName(reader))
                guard tagIndex < scan.tags.count else { throw failure() }
                let tag = scan.tags[tagIndex]
                tagIndex += 1
                let element = XMLReader.Element(name: name, location: location(tag.start), textLocation: location(tag.contentStart))
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                let written = xmlTextReaderHasAttributes(reader) == 1 ? XMLStartTags.attributes(in: tag, of: buffer) : []
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    let attrName = String(cString: xmlTextReaderConstName(reader))
                    if attrName == "xmlns" || attrName.hasPrefix("xmlns:") { continue }
                    let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
                    let offset = written.first { $0.name.elementsEqual(attrName.utf8) }?.offset ?? tag.start
                    if value.utf8.count > limits.maxScalarLength {
                        throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                            "a text value of \(value.utf8.count) bytes exceeds the limit of \(limits.maxScalarLength)", at: location(offset)))
                    }
                    element.attributes.append((attrName, value, location(offset)))
                }
                if let parent = stack.last { parent.children.append(element) } else { root = element }
                if !isEmpty {
                    stack.append(element)
                    if stack.count > limits.maxDepth {
                        throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                            "elements are nested more than \(limits.maxDepth) levels deep", at: element.location))
                    }
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                stack.removeLast()
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue):
                guard let top = stack.last, let value = xmlTextReaderConstValue(reader) else { continue }
                top.text += String(cString: value)
                if top.text.utf8.count > limits.maxScalarLength {
                    throw SourceReadFailure(Diagnostic(.error, .limitExceeded,
                        "a text value exceeds the limit of \(limits.maxScalarLength) bytes", at: top.textLocation))
                }
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue), Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue),
                 Int32(XML_READER_TYPE_ENTITY.rawValue):
                let line = Int(xmlTextReaderGetParserLineNumber(reader))
                throw SourceReadFailure(Diagnostic(.error, .forbiddenConstruct,
                    "entities are not allowed in catalog sources", at: SourceLocation(file: file, line: max(1, line), column: 1)))
            default:
                continue
            }
        }
        if sink.message != nil { throw failure() }
        guard let root else {
            throw SourceReadFailure(Diagnostic(.error, .missingField, "the file holds no XML element", at: .start(of: file)))
        }
        return root
    }
}

extension String {
    /// The text on one line: line breaks (libxml2 messages contain and end with some)
    /// become single spaces, and surrounding whitespace is dropped.
    var singleLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
