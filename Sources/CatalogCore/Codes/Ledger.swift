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
        var ledger = Ledger(file: file)
        let fileID = SourceFiles.id(of: file)
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let location = SourceLocation(fileID: fileID, line: lineNumber, column: 1)
            if lineNumber == 1 {
                if line != header {
                    diagnostics.error(.ledgerSyntax, "the ledger must start with the header '\(header.replacingTabs)'", at: location)
                }
                continue
            }
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let annex = Int(fields[1]), !fields[0].isEmpty, !fields[2].isEmpty else {
                diagnostics.error(.ledgerSyntax, "a ledger line has 4 tab-separated fields: code, annex number, issuing version, Vietnamese name", at: location)
                continue
            }
            let record = Record(code: String(fields[0]), annex: annex, issuedIn: String(fields[2]), nameVi: String(fields[3]), location: location)
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

extension StringProtocol {
    /// The text with tab characters shown as `\t`, for messages.
    var replacingTabs: String { self.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t") }
}
