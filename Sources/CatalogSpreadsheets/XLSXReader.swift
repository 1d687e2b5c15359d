import CLibXML2
import Foundation
import ZIPFoundation

/// A workbook as read from an XLSX file: its sheets in order, each cell's text and kind.
public struct SpreadsheetWorkbook: Sendable {
    public var sheets: [SpreadsheetSheet]
}

/// One worksheet: cells by position, and the merged ranges.
public struct SpreadsheetSheet: Sendable {
    public var name: String
    /// Cells by (zero-based row, zero-based column); set through ``put(_:at:)``.
    public private(set) var cells: [CellPosition: SpreadsheetCell] = [:]
    /// Merged ranges (zero-based, inclusive).
    public var merged: [(first: CellPosition, last: CellPosition)] = []
    /// One past the last row that holds a cell (kept as cells are put, so asking is O(1)).
    public private(set) var rowCount = 0
    /// One past the last column that holds a cell.
    public private(set) var columnCount = 0

    public init(name: String) { self.name = name }

    /// Puts `cell` at `position`.
    public mutating func put(_ cell: SpreadsheetCell, at position: CellPosition) {
        cells[position] = cell
        rowCount = max(rowCount, position.row + 1)
        columnCount = max(columnCount, position.column + 1)
    }

    /// The text of the cell at `row`, `column`, or "" when it is empty.
    public func text(_ row: Int, _ column: Int) -> String { cells[CellPosition(row: row, column: column)]?.text ?? "" }
}

/// A cell position, zero-based; ``description`` is the A1 spelling (`C12`).
public struct CellPosition: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `C12` (or `$C$12`).
    public init?(a1: String) {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in a1.utf8 where b != 0x24 {  // "$"
            if (0x41...0x5A).contains(b), digits == 0 {
                guard letters < 4 else { return nil }
                column = column * 26 + Int(b) - 64
                letters += 1
            } else if (0x30...0x39).contains(b) {
                guard digits < 8 else { return nil }
                row = row * 10 + Int(b) - 48
                digits += 1
            } else {
                return nil
            }
        }
        guard letters > 0, row > 0 else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    /// The column's letters: 0 → A, 26 → AA.
    public static func letters(_ column: Int) -> String {
        var n = column + 1, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    public var description: String { "\(Self.letters(column))\(row + 1)" }
}

/// A cell's value: its text as the file stores it, and whether it is text or a number (a
/// number has lost any leading zeros or trailing zeros it was typed with).
public struct SpreadsheetCell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case text, number, boolean, error, other }
    public var text: String
    public var kind: Kind
}

/// Why a file could not be read as a workbook.
public struct SpreadsheetReadError: Error, Sendable, Equatable {
    public var message: String
}

/// Reads XLSX files (Office Open XML spreadsheets) with ZIPFoundation and libxml2: the
/// workbook's sheet list, shared strings and each worksheet's cells and merged ranges.
/// Untrusted input: members over ``maxMemberSize`` and XML with a DOCTYPE are refused, and
/// libxml2 runs without network access or entity substitution.
public enum XLSXReader {
    /// The largest uncompressed size of one member (a zip bomb stops here), whatever the
    /// caller's own limit.
    public static let maxMemberSize = 256 << 20

    /// Reads the workbook in `bytes`. Every member is unpacked into a buffer bounded by
    /// `maxPartSize` (and ``maxMemberSize``), counted as it is unpacked, so a member that lies
    /// about its size stops there too. The archive's directory is read once: looking members
    /// up costs the same however many members it has.
    public static func read(_ bytes: [UInt8], maxPartSize: Int = maxMemberSize) throws(SpreadsheetReadError) -> SpreadsheetWorkbook {
        let limit = max(0, min(maxPartSize, maxMemberSize))
        let archive: Archive
        do { archive = try openArchive(bytes) } catch let error as CocoaError {
            throw SpreadsheetReadError(message: "the workbook cannot be read: no temporary file can be written in \(NSTemporaryDirectory()) (\(error.code.rawValue)); set TMPDIR to a writable folder")
        } catch {
            throw SpreadsheetReadError(message: "not an XLSX workbook (not a zip archive)")
        }
        // One pass over the central directory; the first of duplicate names wins, as
        // ZIPFoundation's own lookup would have it.
        var entries: [String: Entry] = [:]
        for entry in archive where entries[entry.path] == nil { entries[entry.path] = entry }
        func member(_ path: String) throws(SpreadsheetReadError) -> [UInt8]? {
            guard let entry = entries[path] else { return nil }
            let limitText = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            guard entry.uncompressedSize <= UInt64(limit) else {
                throw SpreadsheetReadError(message: "the member \(path) is larger than \(limitText) uncompressed (--max-file-size applies to every part)")
            }
            // The declared size may lie: the bytes are counted as they are unpacked too.
            var data = [UInt8]()
            data.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard data.count + chunk.count <= limit else {
                        throw SpreadsheetReadError(message: "the member \(path) unpacks to more than \(limitText) (--max-file-size applies to every part)")
                    }
                    data.append(contentsOf: chunk)
                }
            } catch let error as SpreadsheetReadError {
                throw error
            } catch {
                throw SpreadsheetReadError(message: "the member \(path) cannot be unpacked: \(error)")
            }
            return data
        }
        guard let workbookXML = try member("xl/workbook.xml") else {
            throw SpreadsheetReadError(message: "not an XLSX workbook (no xl/workbook.xml)")
        }
        let relations = try member("xl/_rels/workbook.xml.rels").map { bytes throws(SpreadsheetReadError) in try XMLTree(bytes, name: "workbook.xml.rels") }
        var targets: [String: String] = [:]
        relations?.forEach("Relationship") { node in
            if let id = node["Id"], let target = node["Target"] { targets[id] = target }
        }
        var strings: [String] = []
        if let shared = try member("xl/sharedStrings.xml") {
            try XMLTree(shared, name: "sharedStrings.xml").forEach("si") { strings.append($0.text(excluding: "rPh")) }
        }
        var declared: [(name: String, target: String)] = []
        try XMLTree(workbookXML, name: "workbook.xml").forEach("sheet") { node in
            guard let name = node["name"] else { return }
            let id = node["id", namespaceSuffix: "relationships"] ?? ""
            let target = targets[id] ?? "worksheets/sheet\(declared.count + 1).xml"
            declared.append((name, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target))
        }
        var sheets: [SpreadsheetSheet] = []
        for (name, target) in declared {
            guard let xml = try member(target) else { continue }
            sheets.append(try readSheet(name: name, xml: xml, strings: strings))
        }
        return SpreadsheetWorkbook(sheets: sheets)
    }

    /// Opens `bytes` as a zip archive. ZIPFoundation's in-memory archives trap on a read after
    /// a seek past the end of the data (a crafted directory offset; found by the `xlsx` fuzzer),
    /// so the bytes are read through a private temporary file instead, where reading past the
    /// end is a short read that ZIPFoundation reports as an error. The file is unlinked at once;
    /// the open archive keeps it until it is released.
    static func openArchive(_ bytes: [UInt8]) throws -> Archive {
        let folder = NSTemporaryDirectory()
        var template = Array(((folder.hasSuffix("/") ? folder : folder + "/") + "lienthong-xlsx-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer {
            unlink(path)
            close(fd)
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            guard n > 0 else { throw CocoaError(.fileWriteUnknown) }
            written += n
        }
        return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
    }

    /// The grid of an XLSX sheet (Excel's own limits): a cell beyond it is a damaged file.
    static let maxRows = 1_048_576, maxColumns = 16_384

    private static func readSheet(name: String, xml: [UInt8], strings: [String]) throws(SpreadsheetReadError) -> SpreadsheetSheet {
        var sheet = SpreadsheetSheet(name: name)
        let tree = try XMLTree(xml, name: name)
        var rowIndex = -1
        try tree.forEach("row") { (row) throws(SpreadsheetReadError) in
            rowIndex = row["r"].flatMap { Int($0) }.map { $0 - 1 } ?? rowIndex + 1
            var columnIndex = -1
            try row.forEach("c") { (cell) throws(SpreadsheetReadError) in
                let position = cell["r"].flatMap(CellPosition.init(a1:)) ?? CellPosition(row: rowIndex, column: columnIndex + 1)
                guard position.row >= 0, position.column >= 0, position.row < maxRows, position.column < maxColumns else {
                    throw SpreadsheetReadError(message: "the sheet '\(name)' has a cell outside the grid a workbook can have (\(cell["r"] ?? "row \(rowIndex + 1)"))")
                }
                columnIndex = position.column
                let value = cell.child("v")?.text() ?? ""
                let content: SpreadsheetCell?
                switch cell["t"] ?? "n" {
                case "s":
                    // The index must name one of the shared strings: a negative or too large
                    // one is a damaged (or crafted) file, never a crash.
                    guard let index = Int(value.trimmingCharacters(in: .whitespaces)), index >= 0, index < strings.count else {
                        throw SpreadsheetReadError(message: "the cell '\(name)'!\(position) refers to shared string '\(value)', but the workbook has \(strings.count) shared string\(strings.count == 1 ? "" : "s") (0 to \(strings.count - 1)); the file is damaged")
                    }
                    content = SpreadsheetCell(text: strings[index], kind: .text)
                case "inlineStr": content = cell.child("is").map { SpreadsheetCell(text: $0.text(excluding: "rPh"), kind: .text) }
                case "str": content = SpreadsheetCell(text: value, kind: .text)
                case "b": content = SpreadsheetCell(text: value, kind: .boolean)
                case "e": content = SpreadsheetCell(text: value, kind: .error)
                case "n": content = value.isEmpty ? nil : SpreadsheetCell(text: value, kind: .number)
                default: content = SpreadsheetCell(text: value, kind: .other)
                }
                if let content { sheet.put(content, at: position) }
            }
        }
        tree.forEach("mergeCell") { node in
            let parts = (node["ref"] ?? "").split(separator: ":").map(String.init)
            if parts.count == 2, let a = CellPosition(a1: parts[0]), let b = CellPosition(a1: parts[1]) { sheet.merged.append((a, b)) }
        }
        return sheet
    }
}

/// A parsed XML document (libxml2's tree), freed when dropped.
final class XMLTree {
    private let document: xmlDocPtr
    private let root: XMLNode

    init(_ bytes: [UInt8], name: String) throws(SpreadsheetReadError) {
        if Self.contains(bytes, Array("<!DOCTYPE".utf8)) {
            throw SpreadsheetReadError(message: "\(name) declares a DOCTYPE, which a workbook never needs; refused")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlReadMemory($0, Int32(clamping: buffer.count), name, "UTF-8", options) }
            } ?? nil
        }
        guard let parsed, let rootNode = xmlDocGetRootElement(parsed) else {
            if let parsed { xmlFreeDoc(parsed) }
            throw SpreadsheetReadError(message: "\(name) is not well-formed XML")
        }
        document = parsed
        root = XMLNode(node: rootNode)
    }

    deinit { xmlFreeDoc(document) }

    /// Calls `body` for every element named `name` (see ``XMLNode/forEach(_:_:)``), keeping
    /// the tree alive meanwhile: its nodes are freed with it.
    func forEach<E: Error>(_ name: String, _ body: (XMLNode) throws(E) -> Void) throws(E) {
        defer { withExtendedLifetime(self) {} }
        try root.forEach(name, body)
    }

    /// Whether `pattern` occurs in `bytes`.
    static func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        var i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == pattern[0], bytes[i..<i + pattern.count].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }
}

/// An element of an ``XMLTree`` (valid while the tree lives).
struct XMLNode {
    let node: xmlNodePtr

    var name: String { String(cString: node.pointee.name) }

    /// The attribute `name` without a namespace.
    subscript(_ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    /// The attribute `name` in a namespace whose URI ends with `namespaceSuffix` (`r:id`).
    subscript(_ name: String, namespaceSuffix suffix: String) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if String(cString: a.pointee.name) == name, let ns = a.pointee.ns, let href = ns.pointee.href,
               String(cString: href).hasSuffix(suffix), let value = xmlNodeGetContent(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                defer { free(value) }
                return String(cString: value)
            }
            attribute = a.pointee.next
        }
        return nil
    }

    /// The element children.
    var children: [XMLNode] {
        var out: [XMLNode] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(XMLNode(node: c)) }
            child = c.pointee.next
        }
        return out
    }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Calls `body` for every descendant element named `name`, in document order (not
    /// descending into a match).
    func forEach<E: Error>(_ name: String, _ body: (XMLNode) throws(E) -> Void) throws(E) {
        for c in children {
            if c.name == name { try body(c) } else { try c.forEach(name, body) }
        }
    }

    /// The concatenated text of the `t` elements inside, leaving out elements named `skip`
    /// (phonetic runs), or the element's own text when it has no `t` children.
    func text(excluding skip: String? = nil) -> String {
        if name == "t" || name == "v" {
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { free(content) }
            let text = String(cString: content)
            return name == "t" ? Self.decodingEscapes(text) : text
        }
        var out = ""
        for c in children where c.name != skip { out += c.text(excluding: skip) }
        return out
    }

    /// `text` with the OOXML escapes `_xHHHH_` (a UTF-16 code unit, written for characters XML
    /// cannot carry, and `_x005F_` for a literal underscore) decoded; a surrogate pair is two
    /// escapes in a row, and anything that is not a valid escape stays as written.
    static func decodingEscapes(_ text: String) -> String {
        let isHexDigit = { (u: UInt16) in (0x30...0x39).contains(u) || (0x41...0x46).contains(u) || (0x61...0x66).contains(u) }
        guard text.contains("_x") else { return text }
        var units: [UInt16] = []
        let source = Array(text.utf16)
        var i = 0
        while i < source.count {
            if source[i] == 0x5F, i + 6 < source.count, source[i + 1] == 0x78, source[i + 6] == 0x5F,
               source[(i + 2)..<(i + 6)].allSatisfy(isHexDigit),
               let value = UInt16(String(decoding: source[(i + 2)..<(i + 6)], as: UTF16.self), radix: 16) {
                units.append(value)
                i += 7
            } else {
                units.append(source[i])
                i += 1
            }
        }
        // An unpaired surrogate from a crafted escape becomes U+FFFD, as in any invalid UTF-16.
        return String(decoding: units, as: UTF16.self)
    }
}
