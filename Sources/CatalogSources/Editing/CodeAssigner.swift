import CatalogCore

/// Gives a code to every entry that has none, by inserting one line into the source file at
/// the entry's first field, so comments, order and formatting of everything else stay as
/// they are. Serials continue after the highest the ledger ever issued for the annex, and
/// each new code is appended to the ledger.
public enum CodeAssigner {
    /// One code handed out.
    public struct Assignment: Sendable, Equatable {
        public var code: String
        public var location: SourceLocation
    }

    /// The outcome: new bytes for each edited file, the extended ledger, and what was given.
    public struct Plan: Sendable {
        public var editedFiles: [String: [UInt8]]
        public var ledger: Ledger
        public var assignments: [Assignment]
    }

    /// Problems that stop assignment before anything is written.
    public struct Failure: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// Plans the edits for `catalog`, whose annex files' bytes are in `bytes`.
    public static func plan(_ catalog: SourceCatalog, bytes: [String: [UInt8]]) throws(Failure) -> Plan {
        var ledger = catalog.ledger
        var assignments: [Assignment] = []
        var edited: [String: [UInt8]] = [:]
        let version = catalog.manifest.version?.value ?? "unversioned"
        let specs = catalog.manifest.annexes.sorted { Int($0.number?.value ?? "") ?? 0 < Int($1.number?.value ?? "") ?? 0 }
        for spec in specs {
            guard let number = spec.number.flatMap({ Int($0.value) }), let prefix = spec.prefix?.value,
                  let width = spec.serialWidth.flatMap({ Int($0.value) }), let file = spec.file else { continue }
            let path = Validator.resolve(file.value, against: catalog.manifest.file)
            guard let annex = catalog.annexes.first(where: { $0.file == path }), var text = bytes[path] else { continue }
            let format = CodeFormat(prefix: prefix, serialWidth: width)
            var next = ledger.highestSerial(for: format) + 1
            var insertions: [(offset: Int, text: [UInt8])] = []
            let lines = text.withUnsafeBufferPointer { LineIndex($0) }
            for entry in annex.entries where entry.code == nil {
                while next <= format.maxSerial, format.code(forSerial: next) == nil { next += 1 }
                guard next <= format.maxSerial, let code = format.code(forSerial: next) else {
                    throw Failure(diagnostics: [Diagnostic(.error, .codeFormat, "annex \(number) has used every serial of width \(width); widen 'serialWidth'", at: entry.location)])
                }
                guard let point = entry.insertion, let offset = lines.offset(line: point.location.line, column: point.location.column) else {
                    throw Failure(diagnostics: [Diagnostic(.error, .codeMissing, "cannot find where to write this entry's code", at: entry.location)])
                }
                next += 1
                insertions.append((offset, insertionText(code, style: point.style, in: text, at: offset)))
                ledger.append(Ledger.Record(code: code, annex: number, issuedIn: version, nameVi: entry.nameVi?.value ?? "",
                                            location: SourceLocation(file: ledger.file, line: ledger.count + 2, column: 1)))
                assignments.append(Assignment(code: code, location: entry.location))
            }
            guard !insertions.isEmpty else { continue }
            for insertion in insertions.sorted(by: { $0.offset > $1.offset }) {
                text.insert(contentsOf: insertion.text, at: insertion.offset)
            }
            edited[path] = text
        }
        return Plan(editedFiles: edited, ledger: ledger, assignments: assignments)
    }

    /// The bytes to insert before the first field at `offset`: the code field, then whatever
    /// separates it from the next field in this syntax, matching the file's line endings.
    static func insertionText(_ code: String, style: CodeInsertionPoint.Style, in text: [UInt8], at offset: Int) -> [UInt8] {
        var lineStart = offset
        while lineStart > 0, text[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let prefix = text[lineStart..<offset]
        var lineEnd = offset
        while lineEnd < text.count, text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let newline: [UInt8] = lineEnd > 0 && lineEnd < text.count && text[lineEnd - 1] == UInt8(ascii: "\r") ? [13, 10] : [10]
        switch style {
        case .yamlFlow:
            return Array("code: \(code), ".utf8)
        case .yamlBlock:
            let indent = prefix.map { $0 == UInt8(ascii: "\t") ? $0 : UInt8(ascii: " ") }
            return Array("code: \(code)".utf8) + newline + indent
        case .xmlElement:
            let field = Array("<code>\(code)</code>".utf8)
            let onlyWhitespace = prefix.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            return onlyWhitespace ? field + newline + Array(prefix) : field
        }
    }
}
