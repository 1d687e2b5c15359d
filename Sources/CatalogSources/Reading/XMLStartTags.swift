/// The start tags of an XML document in document order, with their byte offsets, found by
/// one forward scan of the raw bytes. libxml2's reader reports only where its parser has
/// got to; this gives each element and attribute the position where it is written.
///
/// The scan is exact for well-formed XML because `<` never appears unescaped in text or
/// attribute values: every `<` opens a tag, a comment, a CDATA section, a processing
/// instruction or a declaration, and only start tags are kept.
struct XMLStartTags {
    /// One start tag: where `<` is and where its content begins (after `>`).
    struct Tag {
        var start: Int
        var contentStart: Int
    }

    private(set) var tags: [Tag] = []
    /// Offset of a `<!DOCTYPE` declaration, if the document has one.
    private(set) var doctypeOffset: Int?

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        func hasPrefix(_ s: StaticString, at j: Int) -> Bool {
            let len = s.utf8CodeUnitCount
            guard j + len <= n else { return false }
            return s.withUTF8Buffer { p in (0..<len).allSatisfy { bytes[j + $0] == p[$0] } }
        }
        func skip(past terminator: StaticString, from j: Int) -> Int {
            var k = j
            while k < n {
                if hasPrefix(terminator, at: k) { return k + terminator.utf8CodeUnitCount }
                k += 1
            }
            return n
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if hasPrefix("<!--", at: i) { i = skip(past: "-->", from: i + 4); continue }
            if hasPrefix("<![CDATA[", at: i) { i = skip(past: "]]>", from: i + 9); continue }
            if hasPrefix("<?", at: i) { i = skip(past: "?>", from: i + 2); continue }
            if hasPrefix("<!DOCTYPE", at: i) { doctypeOffset = doctypeOffset ?? i }
            if i + 1 < n, bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "!") {
                i = skip(past: ">", from: i + 1)
                continue
            }
            var k = i + 1
            var quote: UInt8?
            while k < n {
                let b = bytes[k]
                if let q = quote { if b == q { quote = nil } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b } else if b == UInt8(ascii: ">") { break }
                k += 1
            }
            tags.append(Tag(start: i, contentStart: min(k + 1, n)))
            i = k + 1
        }
    }

    /// The attributes written in a tag, name and offset of each, in order, found in one pass
    /// over the tag (one lookup per attribute would make a tag of many attributes quadratic).
    static func attributes(in tag: Tag, of bytes: UnsafeBufferPointer<UInt8>) -> [(name: ArraySlice<UInt8>, offset: Int)] {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        let end = tag.contentStart
        var found: [(name: ArraySlice<UInt8>, offset: Int)] = []
        var i = tag.start + 1
        while i < end, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
        while i < end {
            while i < end, isSpace(bytes[i]) { i += 1 }
            let start = i
            while i < end, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
            guard i > start else { break }
            let name = ArraySlice(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            while i < end, isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "=") else { break }
            i += 1
            while i < end, isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { break }
            let quote = bytes[i]
            i += 1
            while i < end, bytes[i] != quote { i += 1 }
            i += 1
            found.append((name, start))
        }
        return found
    }

    /// How many attributes a tag holds: the `=` signs outside quoted values. Counted for every
    /// tag before libxml2 parses, since libxml2 checks each attribute against every earlier
    /// one of its element (quadratic in the attributes of one element).
    static func attributeCount(in tag: Tag, of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var quote: UInt8?
        for i in tag.start..<tag.contentStart {
            let b = bytes[i]
            if let q = quote { if b == q { quote = nil } } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { quote = b } else if b == UInt8(ascii: "=") { count += 1 }
        }
        return count
    }
}
