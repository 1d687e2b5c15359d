/// A pull parser over the bytes of a JSON document, for reading published artifacts back
/// quickly (a 100,000-entry `catalog.json` is 60 MB; Foundation's parser builds a dictionary
/// per object, this reads values straight into the caller's types). Strict RFC 8259 syntax;
/// every error names the byte offset.
struct JSONScanner {
    /// A JSON syntax error or an unexpected value, at a byte offset.
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    /// The kinds of value, as the next byte announces them.
    enum Kind { case object, array, string, number, bool, null }

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

    mutating func whitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// The kind of the next value.
    mutating func kind() throws -> Kind {
        whitespace()
        guard i < bytes.count else { throw fail("unexpected end of the document") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw fail("unexpected character")
        }
    }

    mutating func expect(_ byte: UInt8) throws {
        whitespace()
        guard i < bytes.count, bytes[i] == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        i += 1
    }

    /// Reads an object, calling `body` with each key (the scanner then at its value, which
    /// `body` must read or skip).
    mutating func object(_ body: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        whitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            whitespace()
            guard i < bytes.count else { throw fail("unterminated object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    /// Reads an array, calling `body` at each item.
    mutating func array(_ body: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        whitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
        while true {
            try body(&self)
            whitespace()
            guard i < bytes.count else { throw fail("unterminated array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    /// Reads a string; text without escapes is decoded in one step.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
            guard bytes[i] >= 0x20 else { throw fail("control character in a string") }
            i += 1
        }
        guard i < bytes.count else { throw fail("unterminated string") }
        if bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { break }
            guard b == UInt8(ascii: "\\") else {
                guard b >= 0x20 else { throw fail("control character in a string") }
                out.append(b)
                continue
            }
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw fail("lone surrogate") }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let s = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(s)).utf8))
            default: throw fail("invalid escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt32(b - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt32(b - 0x57)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v << 4 | UInt32(b - 0x37)
            default: throw fail("invalid \\u escape")
            }
        }
        return v
    }

    /// Reads a number's text (syntax checked).
    mutating func numberText() throws -> Substring {
        whitespace()
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digits = { (s: inout JSONScanner) -> Int in
            let from = s.i
            while s.i < s.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s.bytes[s.i]) { s.i += 1 }
            return s.i - from
        }
        guard digits(&self) > 0 else { throw fail("invalid number") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") { i += 1; guard digits(&self) > 0 else { throw fail("invalid number") } }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw fail("invalid number") }
        }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }

    mutating func int() throws -> Int {
        let text = try numberText()
        guard let n = Int(text) else { throw fail("expected an integer, not \(text)") }
        return n
    }

    mutating func bool() throws -> Bool {
        guard try kind() == .bool else { throw fail("expected true or false") }
        let value = bytes[i] == UInt8(ascii: "t")
        try literal(value ? "true" : "false")
        return value
    }

    /// Consumes `null` if it comes next.
    mutating func null() throws -> Bool {
        guard try kind() == .null else { return false }
        try literal("null")
        return true
    }

    mutating func literal(_ word: StaticString) throws {
        whitespace()
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count, memcmp(bytes.baseAddress! + i, word.utf8Start, count) == 0 else { throw fail("expected \(word)") }
        i += count
    }

    /// Skips one value of any kind.
    mutating func skip() throws {
        switch try kind() {
        case .object: try object { s, _ in try s.skip() }
        case .array: try array { s in try s.skip() }
        case .string: _ = try string()
        case .number: _ = try numberText()
        case .bool: try literal(bytes[i] == UInt8(ascii: "t") ? "true" : "false")
        case .null: try literal("null")
        }
    }
}

import Glibc
