/// Writes tab-separated values as SSSOM and spreadsheet tools read them: UTF-8, `\n` after
/// every record, fields unquoted. A field cannot hold a tab or a line break (catalog text
/// never does: validation refuses any whitespace but plain spaces); a field that begins with
/// a double quote is quoted CSV-style, so readers that honour quotes read it back unchanged.
public struct TSVWriter {
    /// Where the text goes: kept whole, or handed to a file in chunks.
    private var out: OutputBuffer
    /// The text written and not yet handed on.
    public var bytes: [UInt8] { out.bytes }

    /// A writer that keeps the table whole.
    public init() { out = OutputBuffer() }

    /// A writer that hands the table to `file` in chunks.
    public init(to file: any ArtifactFile) { out = OutputBuffer(to: [file], reservingCapacity: OutputBuffer.chunkSize) }

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.bytes.append(9) }
            var text = field
            text.withUTF8 { utf8 in
                for b in utf8 { precondition(b != 9 && b != 10 && b != 13, "TSV field holds a tab or line break: \(field)") }
                guard utf8.first == UInt8(ascii: "\"") else {
                    out.bytes.append(contentsOf: utf8)
                    return
                }
                out.bytes.append(UInt8(ascii: "\""))
                for b in utf8 {
                    if b == UInt8(ascii: "\"") { out.bytes.append(b) }
                    out.bytes.append(b)
                }
                out.bytes.append(UInt8(ascii: "\""))
            }
        }
        out.bytes.append(10)
    }

    /// Hands the rows written so far to the file once they pass a chunk; call between rows.
    @inline(__always)
    public mutating func flushIfFull() { out.flushIfFull() }

    /// Hands on the rest and closes the file.
    public mutating func close() { out.close() }
}
