/// Turns byte offsets of a UTF-8 buffer into line and column positions (columns counted in
/// Unicode scalars), and back.
public struct LineIndex {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset at which each line starts.
    private var lineStarts: [Int] = [0]

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { lineStarts.append(i + 1) }
    }

    /// 1-based line and column of a byte offset.
    public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        var i = lineStarts[lo]
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        if i < bytes.count, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { column -= 1 }
        return (lo + 1, column)
    }

    /// The byte offset of a 1-based line and column, or nil if the position is outside the text.
    public func offset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        var i = lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0 {
            guard i < bytes.count, bytes[i] != UInt8(ascii: "\n") else { return nil }
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            remaining -= 1
        }
        return i
    }
}
