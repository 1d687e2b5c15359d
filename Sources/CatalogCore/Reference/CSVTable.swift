/// A CSV table read per RFC 4180 (quoted fields may hold commas, quotes and line breaks),
/// keeping the line each record starts on.
public struct CSVTable: Sendable {
    public var header: [String]
    /// Each record with the 1-based line it starts on.
    public var rows: [(line: Int, fields: [String])]

    /// Parses `text`; returns nil if a quoted field is never closed.
    public static func parse(_ text: String) -> CSVTable? {
        var records: [(Int, [String])] = []
        var field: [UInt8] = []
        var fields: [String] = []
        var line = 1, recordLine = 1
        var inQuotes = false
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 2; continue }
                    inQuotes = false
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inQuotes = true
            case UInt8(ascii: ","): endField()
            case 13 where i + 1 < bytes.count && bytes[i + 1] == 10: break
            case 10:
                endField()
                records.append((recordLine, fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            default: field.append(b)
            }
            i += 1
        }
        if inQuotes { return nil }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            records.append((recordLine, fields))
        }
        guard let first = records.first else { return CSVTable(header: [], rows: []) }
        return CSVTable(header: first.1, rows: Array(records.dropFirst()))
    }

    /// The index of a named column.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }
}
