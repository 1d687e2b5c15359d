/// Writes pretty-printed JSON straight into a byte buffer, in the order the caller gives keys,
/// with two-space indentation and `\n` line ends, so output is byte-for-byte reproducible.
/// Non-ASCII text is written as UTF-8; only `"`, `\` and control characters are escaped.
public struct JSONWriter {
    /// Where the text goes: kept whole, or handed to a file in chunks.
    private var out: OutputBuffer
    /// The text written and not yet handed on.
    public var bytes: [UInt8] { out.bytes }
    /// How many containers are open.
    private var depth = 0
    /// Bit n: whether the container at depth n + 1 already has an element (emitters nest a
    /// handful of levels; 64 is the limit).
    private var hasElement: UInt64 = 0
    /// Indentation for up to 32 levels, appended in one piece.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
    /// Set after a key, so the value that follows is not indented again.
    private var afterKey = false

    /// A writer that keeps the document whole (see ``finish()``).
    public init(reservingCapacity capacity: Int = 0) { out = OutputBuffer(reservingCapacity: capacity) }

    /// A writer that hands the document to `file` in chunks (see ``flushIfFull()`` and
    /// ``close()``).
    public init(to file: any ArtifactFile) { out = OutputBuffer(to: [file], reservingCapacity: OutputBuffer.chunkSize) }

    /// Writes an object whose members `body` writes.
    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// Writes an array whose elements `body` writes.
    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// Writes an object key; the next call writes its value.
    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        out.bytes.append(UInt8(ascii: ":"))
        out.bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    public mutating func int(_ value: Int) {
        separate()
        out.bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes a number given as decimal text (e.g. "92.3"), unquoted; the caller formats it so
    /// that output stays reproducible.
    public mutating func decimal(_ text: String) {
        separate()
        out.bytes.append(contentsOf: text.utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        out.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A member with a text value; nothing is written for nil.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// A member whose value is an array of strings.
    public mutating func field(_ name: String, strings: [String]) {
        key(name)
        array { w in for s in strings { w.string(s) } }
    }

    /// The finished document, ending with a newline.
    public mutating func finish() -> [UInt8] {
        out.bytes.append(UInt8(ascii: "\n"))
        return out.bytes
    }

    /// Hands the text written so far to the file once it passes a chunk; call between elements.
    @inline(__always)
    public mutating func flushIfFull() { out.flushIfFull() }

    /// Ends the document with a newline and closes its file.
    public mutating func close() {
        out.bytes.append(UInt8(ascii: "\n"))
        out.close()
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        out.bytes.append(bracket)
        precondition(depth < 64, "JSON nested more than 64 levels")
        depth += 1
        hasElement &= ~(1 << UInt64(depth - 1))
    }

    private mutating func close(_ bracket: UInt8) {
        let had = hasElement & (1 << UInt64(depth - 1)) != 0
        depth -= 1
        if had { newline() }
        out.bytes.append(bracket)
    }

    /// Before a value or key: the comma and line break that separate it from the previous one.
    private mutating func separate() {
        if afterKey { afterKey = false; return }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if hasElement & bit != 0 { out.bytes.append(UInt8(ascii: ",")) }
        hasElement |= bit
        newline()
    }

    private mutating func newline() {
        out.bytes.append(UInt8(ascii: "\n"))
        var width = 2 * depth
        while width > 0 {
            let n = min(width, Self.spaces.count)
            out.bytes.append(contentsOf: Self.spaces[0..<n])
            width -= n
        }
    }

    private mutating func writeString(_ s: String) {
        out.bytes.append(UInt8(ascii: "\""))
        if out.bytes.appendIfClean(s, special: isQuoteOrControl) {
            out.bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.bytes.append(UInt8(ascii: "\\")); out.bytes.append(b)
            case UInt8(ascii: "\\"): out.bytes.append(UInt8(ascii: "\\")); out.bytes.append(b)
            case 0x0A: out.bytes.append(UInt8(ascii: "\\")); out.bytes.append(UInt8(ascii: "n"))
            case 0x0D: out.bytes.append(UInt8(ascii: "\\")); out.bytes.append(UInt8(ascii: "r"))
            case 0x09: out.bytes.append(UInt8(ascii: "\\")); out.bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.bytes.append(contentsOf: Array("\\u00".utf8))
                out.bytes.append(hex[Int(b >> 4)])
                out.bytes.append(hex[Int(b & 0xF)])
            default: out.bytes.append(b)
            }
        }
        out.bytes.append(UInt8(ascii: "\""))
    }
}
