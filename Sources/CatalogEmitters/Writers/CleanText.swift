extension [UInt8] {
    /// Appends `text`'s UTF-8 bytes in one copy and returns true when none of them is
    /// `special`; otherwise appends nothing and returns false, for the caller to escape. Most
    /// catalog text needs no escaping, so writers take this path first.
    @inline(__always)
    mutating func appendIfClean(_ text: String, special: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            for byte in utf8 where special(byte) { return false }
            append(contentsOf: utf8)
            return true
        }
    }
}

/// The bytes a JSON string or a Swift string literal cannot hold as they are: controls, the
/// double quote and the backslash.
@inline(__always)
func isQuoteOrControl(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
}
