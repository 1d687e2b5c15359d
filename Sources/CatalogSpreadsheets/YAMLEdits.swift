import CatalogCore
import CatalogSources

/// Minimal edits to one YAML annex file, as `assign` makes them: a scalar value replaced in
/// place, a `key: value` line inserted or removed, an entry appended; everything else in the
/// file (comments, order, quoting of untouched values) stays as it is.
struct YAMLEdits {
    private(set) var text: [UInt8]
    /// Planned replacements of byte ranges, numbered in the order they were planned.
    private var edits: [(start: Int, end: Int, bytes: [UInt8], order: Int)] = []

    /// Byte offset at which each line starts, computed once (edits never change `text`).
    private let lineStarts: [Int]

    init(_ text: [UInt8]) {
        self.text = text
        var starts = [0]
        for (i, b) in text.enumerated() where b == 10 { starts.append(i + 1) }
        lineStarts = starts
    }

    /// Whether any edit is planned.
    var isEmpty: Bool { edits.isEmpty }

    /// The byte offset of a 1-based line and column (columns count characters, as the
    /// readers' locations do), or nil outside the text.
    private func offset(of location: SourceLocation) -> Int? {
        guard location.line >= 1, location.line <= lineStarts.count else { return nil }
        var i = lineStarts[location.line - 1]
        var remaining = location.column - 1
        while remaining > 0 {
            guard i < text.count, text[i] != 10 else { return nil }
            i += 1
            while i < text.count, text[i] & 0xC0 == 0x80 { i += 1 }
            remaining -= 1
        }
        return i
    }

    /// Start of the line holding `offset`, and the offset just past its line end.
    private func lineBounds(_ offset: Int) -> (start: Int, end: Int, contentEnd: Int) {
        var start = offset
        while start > 0, text[start - 1] != 10 { start -= 1 }
        var end = offset
        while end < text.count, text[end] != 10 { end += 1 }
        let contentEnd = end > start && text[end - 1] == 13 ? end - 1 : end
        return (start, min(end + 1, text.count), contentEnd)
    }

    /// The line ending the file uses.
    private var newline: [UInt8] { text.firstIndex(of: 10).map { $0 > 0 && text[$0 - 1] == 13 ? [13, 10] : [10] } ?? [10] }

    /// Replaces the one-line scalar `old` with `value`; false when the value spans lines or is
    /// written in a form this editor does not rewrite (block scalars).
    mutating func replace(_ old: Located<String>, with value: String) -> Bool {
        guard let start = offset(of: old.location) else { return false }
        let line = lineBounds(start)
        var end = line.contentEnd
        let raw = String(decoding: text[start..<end], as: UTF8.self)
        let quoted = raw.hasPrefix("\"") || raw.hasPrefix("'")
        if quoted {
            // The quoted scalar ends at its closing quote on this line.
            let quote = raw.first!
            guard let close = Self.closingQuote(raw, quote) else { return false }
            end = start + raw.utf8.distance(from: raw.startIndex, to: close)
        } else {
            guard !raw.hasPrefix("|"), !raw.hasPrefix(">") else { return false }
            let plain = raw.components(separatedBy: " #")[0].trimmingCharacters(in: .whitespaces)
            guard plain == old.value else { return false }
            end = start + plain.utf8.count
        }
        plan(start, end, Array(Self.scalar(value, quoted: quoted).utf8))
        return true
    }

    /// Removes the line of the one-line field whose value is `old`.
    mutating func remove(_ old: Located<String>) -> Bool {
        guard let start = offset(of: old.location) else { return false }
        let line = lineBounds(start)
        plan(line.start, line.end, [])
        return true
    }

    /// Inserts `key: value` on a new line after the line of `after`, indented like it.
    mutating func insert(key: String, value: String, after: SourceLocation) -> Bool {
        guard let anchor = offset(of: after) else { return false }
        let line = lineBounds(anchor)
        let indent = text[line.start..<line.end].prefix { $0 == 32 }
        var bytes = Array(indent) + Array("\(key): \(Self.scalar(value, quoted: false))".utf8) + newline
        if line.end == text.count, text.last != 10 { bytes = newline + bytes }
        plan(line.end, line.end, bytes)
        return true
    }

    /// Inserts `lines` (without line ends) at the end of the block that ends before `next`
    /// (the following entry) or at the end of the file, leaving trailing blank and comment
    /// lines where they are.
    mutating func insertLines(_ lines: [String], before next: SourceLocation?) {
        var point = next.flatMap { offset(of: $0) }.map { lineBounds($0).start } ?? text.count
        // Step back over blank and comment lines that precede the next block.
        while point > 0 {
            let previous = lineBounds(point - 1)
            let content = String(decoding: text[previous.start..<previous.contentEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard content.isEmpty || content.hasPrefix("#") else { break }
            point = previous.start
        }
        var bytes: [UInt8] = point > 0 && text[point - 1] != 10 ? newline : []
        for line in lines { bytes += Array(line.utf8) + newline }
        plan(point, point, bytes)
    }

    /// Inserts `lines` (without line ends) before the line holding `location`.
    mutating func insertLines(_ lines: [String], atLineOf location: SourceLocation) -> Bool {
        guard let o = offset(of: location) else { return false }
        var bytes: [UInt8] = []
        for line in lines { bytes += Array(line.utf8) + newline }
        plan(lineBounds(o).start, lineBounds(o).start, bytes)
        return true
    }

    /// Indentation (spaces) of the line holding `location`.
    func indentation(of location: SourceLocation) -> Int {
        guard let o = offset(of: location) else { return 0 }
        let line = lineBounds(o)
        return text[line.start..<line.end].prefix { $0 == 32 }.count
    }

    private mutating func plan(_ start: Int, _ end: Int, _ bytes: [UInt8]) {
        edits.append((start, end, bytes, edits.count))
    }

    /// Replaces the block list whose first item is on the line of `first` and whose last value
    /// is on line `lastLine` with `lines` (without line ends); false unless the list is written
    /// in block style (each item on its own `- ` line).
    /// With `keyLine`, the first line is the list's key (`mappings:`) instead of its first item.
    mutating func replaceLines(from first: SourceLocation, through lastLine: Int, with lines: [String], keyLine: Bool = false) -> Bool {
        guard let startOffset = offset(of: SourceLocation(fileID: first.fileID, line: first.line, column: 1)),
              let lastOffset = offset(of: SourceLocation(fileID: first.fileID, line: lastLine, column: 1)) else { return false }
        let head = lineBounds(startOffset), tail = lineBounds(lastOffset)
        let firstLine = String(decoding: text[head.start..<head.contentEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard keyLine ? firstLine.hasSuffix(":") : firstLine.hasPrefix("- ") else { return false }
        // The block ends at `lastLine` only if the next line is not a continuation of its value.
        let dash = text[head.start..<head.end].prefix { $0 == 32 }.count
        if tail.end < text.count {
            let next = lineBounds(tail.end)
            let content = text[next.start..<next.contentEnd]
            let indent = content.prefix { $0 == 32 }.count
            if indent < content.count, indent > dash { return false }
        }
        var bytes: [UInt8] = []
        for line in lines { bytes += Array(line.utf8) + newline }
        plan(head.start, tail.end, bytes)
        return true
    }

    /// The text with every edit applied, in one pass (linear in the text and the edits, however
    /// many insertions share a point): edits in offset order, insertions at one point in
    /// planned order and before a replacement starting there.
    func applied() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + edits.reduce(0) { $0 + $1.bytes.count })
        var cursor = 0
        for edit in edits.sorted(by: { ($0.start, $0.end, $0.order) < ($1.start, $1.end, $1.order) }) {
            if edit.start >= cursor {
                out += text[cursor..<edit.start]
                cursor = edit.start
            }
            out += edit.bytes
            cursor = max(cursor, edit.end)
        }
        out += text[min(cursor, text.count)...]
        return out
    }

    /// The closing quote of a quoted scalar that starts `raw`, if it closes on this line.
    private static func closingQuote(_ raw: String, _ quote: Character) -> String.Index? {
        var i = raw.index(after: raw.startIndex)
        while i < raw.endIndex {
            let c = raw[i]
            if quote == "\"", c == "\\" {
                i = raw.index(after: i)
                if i < raw.endIndex { i = raw.index(after: i) }
                continue
            }
            if c == quote {
                let next = raw.index(after: i)
                if quote == "'", next < raw.endIndex, raw[next] == "'" { i = raw.index(after: next); continue }
                return next
            }
            i = raw.index(after: i)
        }
        return nil
    }

    /// `value` as a YAML scalar: plain when YAML reads it back as the same text, else
    /// double-quoted (always when the old value was quoted, to keep the file's choice).
    static func scalar(_ value: String, quoted: Bool) -> String {
        if !quoted, isSafePlain(value) { return value }
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 {
                    let hex = String(c.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// Whether `value` can be written as a plain scalar that YAML 1.1 and 1.2 read as this
    /// same string (not a number, boolean or null; no indicator, comment or mapping syntax).
    static func isSafePlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
              first != " ", last != " ", !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) else { return false }
        if value.contains(": ") || value.contains(" #") || value.hasSuffix(":") || value.contains("\n") || value.contains("\t") { return false }
        let lowered = value.lowercased()
        if ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"].contains(lowered) { return false }
        // A national code CC.TTTT.GGGG stays plain, as the sources write it.
        if isNationalCode(value) { return true }
        // Only a value starting with a digit, a sign or a dot can read as a number or a date:
        // every other value skips the (slow) patterns below.
        guard "0123456789+-.".unicodeScalars.contains(first) else { return true }
        // What YAML 1.1 or 1.2 would read as a number or a date (23.20, 0012, 1e3, 1:30, 2026-07-01) is quoted.
        let numberLike: [Regex<Substring>] = [
            /[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)/,
            /[-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+]?[0-9]+)?/,
            /[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+/,
            /[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?/,
            /[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)/,
        ]
        if numberLike.contains(where: { value.wholeMatch(of: $0) != nil }) { return false }
        if value.prefixMatch(of: /[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/) != nil { return false }
        return true
    }

    /// Whether `value` is a national code `CC.TTTT.GGGG` (checked by hand: it runs for every
    /// value written).
    static func isNationalCode(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count == 12, bytes[2] == 0x2E, bytes[7] == 0x2E else { return false }
        return bytes.enumerated().allSatisfy { i, b in i == 2 || i == 7 || (0x30...0x39).contains(b) }
    }
}
