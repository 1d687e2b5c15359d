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
        // A continuation byte belongs to the character begun before it; one with no lead
        // byte before it on its line (invalid UTF-8) is in column 1, never column 0.
        if i < bytes.count, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { column = max(1, column - 1) }
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

/// A ``LineIndex`` for positions asked in increasing order (the XML reader's elements and
/// attributes): a position on the same line as the one before continues counting columns
/// from there, so that many positions on one long line cost one pass, not one each.
struct LineCursor {
    let index: LineIndex
    private let bytes: UnsafeBufferPointer<UInt8>
    private var last: (offset: Int, line: Int, column: Int, lineEnd: Int)?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = LineIndex(bytes)
    }

    /// 1-based line and column of a byte offset (on a character boundary).
    mutating func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        if let last, offset >= last.offset, offset < last.lineEnd {
            var column = last.column
            for i in last.offset..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
            self.last = (offset, last.line, column, last.lineEnd)
            return (last.line, column)
        }
        let (line, column) = index.position(ofOffset: offset)
        var end = min(offset, bytes.count)
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        last = (offset, line, column, end)
        return (line, column)
    }
}
