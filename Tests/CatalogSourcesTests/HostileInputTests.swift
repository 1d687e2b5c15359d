import CatalogCore
import CatalogSources
import Testing

/// Hostile or broken input: each gives a diagnostic under the expected rule and stops
/// reading, never a crash, a hang or unbounded memory.
@Suite struct HostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var bytes: [UInt8]
        var rule: RuleID
        var position: String
        var testDescription: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let cases: [Case] = [
        Case(name: "YAML alias bomb", file: "a.yaml", bytes: text("""
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            """), rule: .forbiddenConstruct, position: "a.yaml:1:4"),
        Case(name: "YAML alias without anchor", file: "a.yaml", bytes: text("annex: *x\n"), rule: .forbiddenConstruct, position: "a.yaml:1:8"),
        Case(name: "YAML tag", file: "a.yaml", bytes: text("annex: !!python/object:os.system 1\n"), rule: .forbiddenConstruct, position: "a.yaml:1:8"),
        Case(name: "YAML second document", file: "a.yaml", bytes: text("annex: 1\ngroups: []\nentries: []\n---\nannex: 2\n"), rule: .forbiddenConstruct, position: "a.yaml:4:1"),
        Case(name: "YAML deep nesting", file: "a.yaml", bytes: text("annex: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"), rule: .limitExceeded, position: "a.yaml:1:39"),
        Case(name: "YAML invalid UTF-8", file: "a.yaml", bytes: text("annex: 1\ngroups: []\nentries:\n  - nameVi: \"ab") + [0xFF, 0xFE] + text("\"\n"), rule: .encoding, position: "a.yaml:4:16"),
        // Fuzz finding (yaml): a stray continuation byte at the start of a line was placed in column 0.
        Case(name: "YAML continuation byte at a line start", file: "a.yaml", bytes: text("annex: 1\n") + [0xBA, 0xBF] + text("t: x\n"), rule: .encoding, position: "a.yaml:2:1"),
        Case(name: "YAML huge scalar", file: "a.yaml", bytes: text("annex: \"" + String(repeating: "x", count: 70_000) + "\"\n"), rule: .limitExceeded, position: "a.yaml:1:8"),
        Case(name: "YAML syntax error", file: "a.yaml", bytes: text("annex: 1\ngroups: [\n"), rule: .syntax, position: "a.yaml:3:1"),
        Case(name: "YAML empty file", file: "a.yaml", bytes: [], rule: .missingField, position: "a.yaml:1:1"),
        Case(name: "XML external entity (XXE)", file: "a.xml", bytes: text("""
            <?xml version="1.0"?>
            <!DOCTYPE annex [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <annex annex="1"><groups/><entries><entry><nameVi>&xxe;</nameVi></entry></entries></annex>
            """), rule: .forbiddenConstruct, position: "a.xml:2:1"),
        Case(name: "XML entity expansion bomb", file: "a.xml", bytes: text("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <annex annex="&lol3;"/>
            """), rule: .forbiddenConstruct, position: "a.xml:2:1"),
        Case(name: "XML undefined entity", file: "a.xml", bytes: text("<annex annex=\"1\">&foo;</annex>"), rule: .syntax, position: "a.xml:1:23"),
        Case(name: "XML deep nesting", file: "a.xml", bytes: text("<annex>" + String(repeating: "<a>", count: 5_000) + String(repeating: "</a>", count: 5_000) + "</annex>"), rule: .limitExceeded, position: "a.xml:1:101"),
        Case(name: "XML invalid UTF-8", file: "a.xml", bytes: text("<annex annex=\"1\"><x>") + [0xC3, 0x28] + text("</x></annex>"), rule: .encoding, position: "a.xml:1:21"),
        Case(name: "XML mismatched tags", file: "a.xml", bytes: text("<annex annex=\"1\">\n<groups>\n</annex>"), rule: .syntax, position: "a.xml:3:9"),
        Case(name: "XML empty file", file: "a.xml", bytes: [], rule: .syntax, position: "a.xml:1:1"),
        Case(name: "XML attribute over the value limit", file: "a.xml", bytes: text("<annex annex=\"" + String(repeating: "x", count: 70_000) + "\"><groups/><entries/></annex>"), rule: .limitExceeded, position: "a.xml:1:8"),
        Case(name: "XML text over libxml2's own limit", file: "a.xml", bytes: text("<annex annex=\"1\"><groups><group><nameVi>" + String(repeating: "x", count: 10_500_000) + "</nameVi></group></groups></annex>"), rule: .limitExceeded, position: "a.xml:1:41"),
        Case(name: "XML huge text", file: "a.xml", bytes: text("<annex annex=\"1\"><groups><group><nameVi>" + String(repeating: "x", count: 70_000) + "</nameVi></group></groups></annex>"), rule: .limitExceeded, position: "a.xml:1:41"),
    ]

    @Test(arguments: cases)
    func refusedWithOneDiagnostic(_ c: Case) {
        let result = SourceParser.parseAnnex(c.bytes, file: c.file)
        #expect(result.value == nil)
        let fatal = result.diagnostics.filter { $0.rule == c.rule }
        #expect(fatal.count == 1, "\(result.diagnostics.map(\.description))")
        #expect(fatal.first?.location.description == c.position, "\(result.diagnostics.map(\.description))")
        #expect(fatal.allSatisfy { !$0.message.contains("\n") })
    }

    /// A file read in pieces as the parser goes (here a few bytes a read, so that every
    /// construct straddles reads) is refused the same way, at the same position.
    @Test(arguments: cases)
    func refusedTheSameWhenStreamed(_ c: Case) {
        let whole = SourceParser.parseAnnex(c.bytes, file: c.file)
        let streamed = SourceParser.streamAnnex(TrickleFile(c.bytes, piece: 7), file: c.file, into: Ignore(), batchSize: 1)
        #expect(streamed.value == nil)
        #expect(streamed.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
    }

    /// A file that fails while it is read gives a diagnostic at its start, not a crash or a
    /// half-judged file.
    @Test func aReadFailureMidwayIsADiagnostic() {
        var bytes = Self.text("annex: 1\ngroups: []\nentries:\n")
        for i in 0..<2_000 { bytes += Self.text("  - {nameVi: \"Tên \(i)\", nameEn: \"Name \(i)\"}\n") }
        let file = TrickleFile(bytes, piece: 4096, failAfter: 20_000)
        let result = SourceParser.streamAnnex(file, file: "a.yaml", into: Ignore(), batchSize: 16)
        #expect(result.value == nil)
        #expect(result.diagnostics.filter { $0.rule == .fileMissing }.map(\.description) == ["a.yaml:1:1: error: the file cannot be read: disk gone [LT0105]"])
    }

    /// libyaml gathers a scalar whole before reporting it: a streamed file stops being fed
    /// once one value has taken more than its bound (8 x 64 KiB + 1 MiB), so a 64 MiB value
    /// costs that bound, not 64 MiB (issue 12: a 1,020 MiB scalar took 1.07 GiB).
    @Test func hugeYAMLScalarIsRefusedWithoutReadingItAll() {
        var bytes = Self.text("annex: \"")
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 20)
        bytes += Self.text("\"\n")
        let file = TrickleFile(bytes, piece: 1 << 16)
        let result = SourceParser.streamAnnex(file, file: "a.yaml", into: Ignore(), batchSize: 16)
        #expect(result.value == nil)
        #expect(result.diagnostics.map(\.rule) == [.limitExceeded])
        #expect(result.diagnostics.first?.location.description == "a.yaml:1:6")
        #expect(file.offset < 2 << 20, "read \(file.offset) bytes of a 64 MiB value")
    }

    @Test func oversizedFileIsRefusedBeforeParsing() {
        let limits = ReaderLimits(maxFileSize: 100)
        for file in ["a.yaml", "a.xml"] {
            let result = SourceParser.parseAnnex(Array(repeating: UInt8(ascii: " "), count: 101), file: file, limits: limits)
            #expect(result.diagnostics.map(\.rule) == [.limitExceeded])
        }
    }

    @Test func loaderReportsTooLargeFilesFromTheFileSystem() {
        struct Sized: SourceFileSystem {
            func contents(of path: String) throws -> [UInt8]? {
                if path.hasSuffix("catalog.yaml") {
                    return Array("annexes:\n  - {number: 1, file: a.yaml}\n".utf8)
                }
                throw SourceFileTooLarge(size: 5_000_000_000, limit: 1 << 30)
            }
        }
        let result = SourceLoader.load(directory: "d", from: Sized())
        #expect(result.diagnostics.contains { $0.rule == .limitExceeded && $0.message.contains("5000000000 bytes") })
    }
}

/// A file in memory handed out a few bytes a read, failing after `failAfter` bytes if set.
private final class TrickleFile: SourceFile, @unchecked Sendable {
    struct Gone: Error, CustomStringConvertible { var description: String { "disk gone" } }
    let bytes: [UInt8]
    let piece: Int
    let failAfter: Int?
    var offset = 0

    init(_ bytes: [UInt8], piece: Int, failAfter: Int? = nil) {
        self.bytes = bytes
        self.piece = piece
        self.failAfter = failAfter
    }

    var size: Int { bytes.count }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failAfter, offset >= failAfter { throw Gone() }
        let n = min(piece, buffer.count, bytes.count - offset)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }

    func contents() throws -> [UInt8] { bytes }
}

/// A sink that keeps nothing.
private struct Ignore: AnnexSink {
    func take(declaredNumber: Located<String>?) {}
    func take(groups: [SourceGroup]) {}
    func take(entries: [SourceEntry]) {}
}
