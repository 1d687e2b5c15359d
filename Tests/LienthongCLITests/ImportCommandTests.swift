import Foundation
import Testing
import TestSupport

/// `lienthong import` end to end on the golden catalog: the built workbook comes back as no
/// change, a rename made in a workbook comes back as that one line, and a CSV is refused with
/// one diagnostic and no change.
@Suite struct ImportCommandTests {
    static let golden = "Tests/Fixtures/golden/yaml"

    static func sources(_ ws: URL) throws -> [String: Data] {
        let folder = ws.appendingPathComponent("annexes")
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return out
    }

    @Test func theBuiltWorkbookImportsAsNoChange() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let build = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(build.status == 0, "\(build.stderr)")
        let before = try Self.sources(ws)
        let result = try CLI.run(["import", "out/1.2.0/xlsx/GoldenCatalog.xlsx", "--into", "annexes", "--out", "out"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nothing to change"))
        #expect(try Self.sources(ws) == before)
    }

    @Test func aCSVIsRefusedAndNothingChanges() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.write("STT,Tên kỹ thuật,Mã tương đương\r\n1,Định lượng Glucose,23.0075.1494\r\n", to: ws.appendingPathComponent("annex-1.csv"))
        let before = try Self.sources(ws)
        let result = try CLI.run(["import", "annex-1.csv", "--annex", "1", "--out", "out"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("annex-1.csv: error: this is a CSV or text file, not a workbook"))
        #expect(result.stderr.contains("[LT1002]"))
        #expect(try Self.sources(ws) == before)
    }

    /// --max-file-size is applied before the file is read (a 3 GiB file was read whole first),
    /// and a FIFO is refused at once instead of blocking the import.
    @Test func theSizeLimitAndAFIFOAreRefusedBeforeReading() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let build = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(build.status == 0, "\(build.stderr)")
        let before = try Self.sources(ws)
        let book = "out/1.2.0/xlsx/GoldenCatalog.xlsx"
        // A limit the sources pass and the workbook does not.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: ws.appendingPathComponent(book).path)[.size] as? Int)
        let sourceSizes = try FileManager.default.contentsOfDirectory(atPath: ws.appendingPathComponent("annexes").path)
            .compactMap { try FileManager.default.attributesOfItem(atPath: ws.appendingPathComponent("annexes/\($0)").path)[.size] as? Int }
        #expect(sourceSizes.max()! < size - 1)
        let tooLarge = try CLI.run(["import", book, "--out", "out", "--max-file-size", "\(size - 1)"], in: ws)
        #expect(tooLarge.status == 1)
        #expect(tooLarge.stderr.hasPrefix("\(book): error: the file has \(size) bytes, more than --max-file-size (\(size - 1))"), "\(tooLarge.stderr)")
        #expect(mkfifo(ws.appendingPathComponent("pipe.xlsx").path, 0o600) == 0)
        let fifo = try CLI.run(["import", "pipe.xlsx", "--out", "out"], in: ws)
        #expect(fifo.status == 1)
        #expect(fifo.stderr.hasPrefix("pipe.xlsx: error: cannot read this file: it is "), "\(fifo.stderr)")
        #expect(try Self.sources(ws) == before)
    }

    /// `export` writes the workbook from the sources without a build, and it imports back as
    /// no change.
    @Test func exportWritesTheWorkbookThatImportsAsNoChange() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let export = try CLI.run(["export", "--output", "book.xlsx"], in: ws)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("wrote book.xlsx: 2 annex sheets"), "\(export.stdout)")
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("out").path))
        let result = try CLI.run(["import", "book.xlsx", "--out", "out"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nothing to change"))
    }

    /// `import` runs the rules `check` runs on what it would write, against the published
    /// releases: a workbook that renames Glucose to Insulin is refused with LT0910 (issue 13's
    /// meaning change), and nothing is written.
    @Test func aMeaningChangeInTheWorkbookIsRefused() throws {
        let generated = CLI.root.appendingPathComponent("generated").path
        let ws = try CLI.workspace(copying: "annexes")
        let file = ws.appendingPathComponent("annexes/01-hoa-sinh.yaml")
        let original = try CLI.read(file)
        // The workbook of the renamed sources (exported against no releases), then the sources back.
        try CLI.write(original.replacingOccurrences(of: "nameVi: Định lượng Glucose [Máu]", with: "nameVi: Định lượng Insulin [Máu]"), to: file)
        let export = try CLI.run(["export", "--output", "insulin.xlsx", "--out", "empty"], in: ws)
        #expect(export.status == 0, "\(export.stderr)")
        try CLI.write(original, to: file)
        let result = try CLI.run(["import", "insulin.xlsx", "--annex", "1", "--out", generated], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.contains("HS0001D renamed from 'Định lượng Glucose [Máu]' to 'Định lượng Insulin [Máu]': a change of meaning"), "\(result.stderr)")
        #expect(result.stderr.contains("[LT0910]"))
        #expect(result.stderr.contains("import: the sources edited as insulin.xlsx says would have the errors above"))
        #expect(try CLI.read(file) == original)
    }
}
