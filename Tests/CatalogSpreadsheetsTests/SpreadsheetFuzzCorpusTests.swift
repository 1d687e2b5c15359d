import CatalogSpreadsheets
import Foundation
import Testing

/// Replays the `xlsx` fuzzer's saved corpus (`Tests/Fuzz/corpus/xlsx`, grown by `make fuzz`)
/// through the same entry point as the libFuzzer target: every input it found interesting,
/// and every past finding, must still run to the end.
@Suite struct SpreadsheetFuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/xlsx")

    @Test func savedCorpusReplays() {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)) ?? []).sorted()
        #expect(names.count >= 3, "the saved corpus of xlsx is missing")
        for name in names {
            guard let data = try? Data(contentsOf: Self.corpus.appendingPathComponent(name)) else { continue }
            SpreadsheetFuzzTargets.xlsx(Array(data))
        }
    }

    /// Found by the `xlsx` fuzzer in its first minute: a workbook whose zip directory sends the
    /// reader past the end of the data made ZIPFoundation's in-memory archive trap (`import`
    /// crashed). The bytes are now read through a temporary file, where that is a short read.
    @Test func aZipReadPastItsEndIsNotACrash() throws {
        let bytes = try Data(contentsOf: Self.corpus.appendingPathComponent("crash-memory-archive-seek-past-end"))
        let workbook = Array(bytes.dropFirst())  // the target's mode byte (even: the file as it is)
        do {
            let read = try XLSXReader.read(workbook)
            #expect(read.sheets.count >= 0)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }
}
