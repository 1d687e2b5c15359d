/// The register of every code ever issued, kept beside the sources (`annexes/ledger.tsv`).
///
/// The ledger is append-only: `assign` adds one line per new code, and nothing ever removes
/// one. It is what guarantees that a code is given once and never returns: the next serial of
/// an annex is one past the highest serial the ledger holds, whether or not the entry that
/// carried it is still active.
///
/// Format: UTF-8 text, a header line, then one tab-separated line per code:
/// `code`, `annex` (number), `issued` (the catalog version being edited when it was issued),
/// `nameVi` (the entry's Vietnamese name at that time, for human auditors).
public struct Ledger: Sendable, Equatable {
    /// One issued code.
    public struct Record: Sendable, Equatable {
        public var code: String
        public var annex: Int
        public var issuedIn: String
        public var nameVi: String
        public var location: SourceLocation

        public init(code: String, annex: Int, issuedIn: String, nameVi: String, location: SourceLocation) {
            self.code = code
            self.annex = annex
            self.issuedIn = issuedIn
            self.nameVi = nameVi
            self.location = location
        }
    }

    /// The header line every ledger starts with.
    public static let header = "code\tannex\tissued\tnameVi"

    public var file: String
    /// Whether the ledger file exists but could not be read: no code can then be judged
    /// against it, and its one diagnostic says why.
    public var isUnreadable = false
    /// The records' text (code, issuing version and name, one after another), in one buffer:
    /// a large ledger is then a few allocations, not three strings a record.
    private var text: [UInt8] = []
    /// The records, in issue order.
    private var slots: [Slot] = []
    /// Code lookup: slot indices in an open-addressing table keyed by the code's bytes.
    private var index = CodeIndex()

    /// Where one record's text lies in `text`, and its other fields.
    private struct Slot: Sendable {
        var start: UInt32
        var codeCount: UInt32
        var issuedCount: UInt32
        var nameCount: UInt32
        var annex: Int32
        var location: SourceLocation
    }

    public init(file: String) { self.file = file }

    /// How many codes the ledger holds.
    public var count: Int { slots.count }

    /// Every record, in issue order.
    public var records: [Record] { slots.indices.map(record(at:)) }

    /// The code of the `i`-th record, in issue order.
    public func code(at i: Int) -> String {
        let slot = slots[i]
        return string(Int(slot.start), Int(slot.codeCount))
    }

    /// The version the `i`-th code was issued in.
    public func issuedIn(at i: Int) -> String {
        let slot = slots[i]
        return string(Int(slot.start) + Int(slot.codeCount), Int(slot.issuedCount))
    }

    /// The Vietnamese name the `i`-th code was issued with.
    public func nameVi(at i: Int) -> String {
        let slot = slots[i]
        return string(Int(slot.start) + Int(slot.codeCount) + Int(slot.issuedCount), Int(slot.nameCount))
    }

    /// The `i`-th record, in issue order.
    public func record(at i: Int) -> Record {
        let slot = slots[i]
        let start = Int(slot.start), code = Int(slot.codeCount), issued = Int(slot.issuedCount)
        return Record(code: string(start, code), annex: Int(slot.annex), issuedIn: string(start + code, issued),
                      nameVi: string(start + code + issued, Int(slot.nameCount)), location: slot.location)
    }

    /// Looks a code up.
    public func record(for code: String) -> Record? {
        position(of: code).map(record(at:))
    }

    /// Adds a record; returns false (and adds nothing) if the code is already there.
    @discardableResult
    public mutating func append(_ record: Record) -> Bool {
        guard position(of: record.code) == nil else { return false }
        let start = text.count
        text.append(contentsOf: record.code.utf8)
        text.append(contentsOf: record.issuedIn.utf8)
        text.append(contentsOf: record.nameVi.utf8)
        slots.append(Slot(start: UInt32(start), codeCount: UInt32(record.code.utf8.count), issuedCount: UInt32(record.issuedIn.utf8.count),
                          nameCount: UInt32(record.nameVi.utf8.count), annex: Int32(clamping: record.annex), location: record.location))
        index.insert(slots.count - 1, hash: CodeIndex.hash(record.code.utf8))
        return true
    }

    /// Two ledgers are equal when they name the same file and hold the same records in order.
    public static func == (a: Ledger, b: Ledger) -> Bool {
        a.file == b.file && a.count == b.count && a.slots.indices.allSatisfy { a.record(at: $0) == b.record(at: $0) }
    }

    /// The position (in issue order) of the record for `code`, if any.
    public func position(of code: String) -> Int? {
        index.find(hash: CodeIndex.hash(code.utf8)) { i in
            let slot = slots[i]
            return text[Int(slot.start)..<Int(slot.start) + Int(slot.codeCount)].elementsEqual(code.utf8)
        }
    }

    /// The annex the `i`-th record's code was issued to.
    public func annex(at i: Int) -> Int { Int(slots[i].annex) }

    private func string(_ start: Int, _ count: Int) -> String {
        String(decoding: text[start..<start + count], as: UTF8.self)
    }

    /// The highest serial issued under `format`, or 0 if none.
    public func highestSerial(for format: CodeFormat) -> Int {
        var highest = 0
        for i in slots.indices {
            if case let .valid(serial) = format.read(code(at: i)) { highest = max(highest, serial) }
        }
        return highest
    }

    /// Parses ledger text, reporting malformed lines.
    public static func parse(_ text: String, file: String, diagnostics: inout DiagnosticBag) -> Ledger {
        var text = text
        return text.withUTF8 { parse($0, file: file, diagnostics: &diagnostics) }
    }

    /// Parses ledger bytes (UTF-8), reporting malformed lines. Lines and fields are split on
    /// bytes: a tab and a line feed never occur inside a multi-byte character.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, file: String, diagnostics: inout DiagnosticBag) -> Ledger {
        var ledger = Ledger(file: file)
        let fileID = SourceFiles.id(of: file)
        let tab = UInt8(ascii: "\t")
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            lineNumber += 1
            var line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if line.last == UInt8(ascii: "\r") { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            let location = SourceLocation(fileID: fileID, line: lineNumber, column: 1)
            if lineNumber == 1 {
                if !line.elementsEqual(header.utf8) {
                    diagnostics.error(.ledgerSyntax, "the ledger must start with the header '\(header.replacingTabs)'", at: location)
                }
                continue
            }
            if line.isEmpty { continue }
            let fields = line.split(separator: tab, maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 4, let annex = Int(decimal: fields[1]), !fields[0].isEmpty, !fields[2].isEmpty else {
                diagnostics.error(.ledgerSyntax, "a ledger line has 4 tab-separated fields: code, annex number, issuing version, Vietnamese name", at: location)
                continue
            }
            func text(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: field, as: UTF8.self) }
            let record = Record(code: text(fields[0]), annex: annex, issuedIn: text(fields[2]), nameVi: text(fields[3]), location: location)
            if let first = ledger.record(for: record.code) {
                diagnostics.error(.ledgerSyntax, "code '\(record.code)' is issued twice in the ledger", at: location,
                                  notes: [.init("first issued here", at: first.location)])
                continue
            }
            ledger.append(record)
        }
        return ledger
    }

    /// The ledger as text, in issue order.
    public func render() -> String {
        var out = Ledger.header + "\n"
        for record in records {
            out += "\(record.code)\t\(record.annex)\t\(record.issuedIn)\t\(record.nameVi)\n"
        }
        return out
    }
}

extension Int {
    /// A non-negative decimal number written in ASCII digits (at most 18), or nil.
    init?(decimal digits: some Collection<UInt8>) {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(d - UInt8(ascii: "0"))
        }
        self = value
    }
}

extension StringProtocol {
    /// The text with tab characters shown as `\t`, for messages.
    var replacingTabs: String { self.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t") }
}
