/// Writes tab-separated values as SSSOM and spreadsheet tools read them: UTF-8, `\n` after
/// every record, fields unquoted. A field cannot hold a tab or a line break (catalog text
/// never does: validation refuses any whitespace but plain spaces); a field that begins with
/// a double quote is quoted CSV-style, so readers that honour quotes read it back unchanged.
public struct TSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(9) }
            var text = field
            text.withUTF8 { utf8 in
                for b in utf8 { precondition(b != 9 && b != 10 && b != 13, "TSV field holds a tab or line break: \(field)") }
                guard utf8.first == UInt8(ascii: "\"") else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                bytes.append(UInt8(ascii: "\""))
                for b in utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                bytes.append(UInt8(ascii: "\""))
            }
        }
        bytes.append(10)
    }
}
