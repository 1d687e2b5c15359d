/// Writes RFC 4180 CSV: UTF-8 without a byte-order mark, CRLF after every record, fields
/// quoted when they hold a comma, a quote, a line break, or leading or trailing spaces.
public struct CSVWriter {
    /// Where the text goes: kept whole, or handed to a file in chunks.
    private var out: OutputBuffer
    /// The text written and not yet handed on.
    public var bytes: [UInt8] { out.bytes }

    /// A writer that keeps the table whole, starting with `header`.
    public init(header: [String]) {
        out = OutputBuffer()
        row(header)
    }

    /// A writer that hands the table to `file` in chunks, starting with `header`.
    public init(header: [String], to file: any ArtifactFile) {
        out = OutputBuffer(to: [file], reservingCapacity: OutputBuffer.chunkSize)
        row(header)
    }

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        out.bytes.append(13)
        out.bytes.append(10)
    }

    private mutating func append(_ field: String) {
        var text = field
        let clean = text.withUTF8 { utf8 in
            guard utf8.first != UInt8(ascii: " "), utf8.last != UInt8(ascii: " "),
                  !utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return false }
            out.bytes.append(contentsOf: utf8)
            return true
        }
        if clean { return }
        let utf8 = field.utf8
        out.bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") { out.bytes.append(b) }
            out.bytes.append(b)
        }
        out.bytes.append(UInt8(ascii: "\""))
    }

    /// Hands the rows written so far to the file once they pass a chunk; call between rows.
    @inline(__always)
    public mutating func flushIfFull() { out.flushIfFull() }

    /// Hands on the rest and closes the file.
    public mutating func close() { out.close() }
}
