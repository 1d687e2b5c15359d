/// Writes RFC 4180 CSV: UTF-8 without a byte-order mark, CRLF after every record, fields
/// quoted when they hold a comma, a quote, a line break, or leading or trailing spaces.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]) { row(header) }

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(13)
        bytes.append(10)
    }

    private mutating func append(_ field: String) {
        var text = field
        let clean = text.withUTF8 { utf8 in
            guard utf8.first != UInt8(ascii: " "), utf8.last != UInt8(ascii: " "),
                  !utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if clean { return }
        let utf8 = field.utf8
        bytes.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
