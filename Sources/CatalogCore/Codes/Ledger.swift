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
    public private(set) var records: [Record] = []
    private var index: [String: Int] = [:]

    public init(file: String) { self.file = file }

    /// Looks a code up.
    public func record(for code: String) -> Record? {
        index[code].map { records[$0] }
    }

    /// Adds a record; returns false (and adds nothing) if the code is already there.
    @discardableResult
    public mutating func append(_ record: Record) -> Bool {
        guard index[record.code] == nil else { return false }
        index[record.code] = records.count
        records.append(record)
        return true
    }

    /// The highest serial issued under `format`, or 0 if none.
    public func highestSerial(for format: CodeFormat) -> Int {
        var highest = 0
        for record in records {
            if case let .valid(serial) = format.read(record.code) { highest = max(highest, serial) }
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
