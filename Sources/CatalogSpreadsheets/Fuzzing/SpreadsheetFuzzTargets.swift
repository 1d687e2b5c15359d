import CatalogCore
import Foundation
import ZIPFoundation

/// The body of the `xlsx` libFuzzer target (`scripts/fuzz`), kept in the library so that the
/// fuzzer and the test replaying its saved corpus (`Tests/Fuzz/corpus/xlsx`) run the same code:
/// the spreadsheet reader `import` uses (``XLSXReader``: zip container, workbook, relations,
/// shared strings, sheet XML) and the table reading that finds each sheet's header row.
public enum SpreadsheetFuzzTargets {
    /// The parts, in order, of an input in parts mode.
    static let partNames = ["xl/workbook.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet2.xml"]

    /// Reads `bytes` as a workbook. When the first byte is even the rest is the XLSX file as
    /// given (a mutated zip); when it is odd the rest is split at NUL bytes into the workbook,
    /// shared strings, first sheet, relations and second sheet XML, which are packed into a
    /// valid zip (stored, or deflated when bit 1 of the first byte is set) so that the fuzzer
    /// reaches the XML readers past the container's checksums. Must return without crashing,
    /// hanging or unbounded memory, whatever the bytes.
    public static func xlsx(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        let file = first & 1 == 0 ? body : pack(body, deflate: first & 2 != 0)
        guard let file else { return }
        // A small part limit, as `import --max-file-size` sets it, so a bomb stops early.
        guard let workbook = try? XLSXReader.read(file, maxPartSize: 4 << 20) else { return }
        for sheet in workbook.sheets {
            var diagnostics: [Diagnostic] = []
            _ = SpreadsheetTable.read(sheet, position: { SourceLocation(file: "fuzz.xlsx", line: $0.row + 1, column: $0.column + 1) }, diagnostics: &diagnostics)
            for d in diagnostics {
                precondition(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a position: \(d)")
            }
        }
    }

    /// The parts of `body` (split at NUL bytes) packed into an in-memory zip, or nil.
    static func pack(_ body: [UInt8], deflate: Bool) -> [UInt8]? {
        let parts = body.split(separator: 0, maxSplits: partNames.count - 1, omittingEmptySubsequences: false)
        guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return nil }
        for (name, part) in zip(partNames, parts) {
            let data = Data(part)
            try? archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 315_532_800),
                                  compressionMethod: deflate ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data.map { Array($0) }
    }
}
