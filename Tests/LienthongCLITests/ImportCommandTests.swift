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

    /// Appends rows to sheets of an exported workbook as a spreadsheet program would (inline
    /// strings after the last row), with Python's zipfile only: argv is the workbook in, the
    /// workbook out, then JSON {sheet name: [{column letter: text}]}.
    static let appendRows = """
    import json, re, sys, zipfile
    from xml.sax.saxutils import escape
    source, target, rows = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    book = zipfile.ZipFile(source)
    names = re.findall(r'<sheet name="([^"]*)"', book.read("xl/workbook.xml").decode())
    out = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)
    for item in book.infolist():
        data = book.read(item.filename)
        for name, new in rows.items():
            if item.filename == f"xl/worksheets/sheet{names.index(name) + 1}.xml":
                xml = data.decode()
                r = max(int(n) for n in re.findall(r'<row r="(\\d+)"', xml))
                added = ""
                for cells in new:
                    r += 1
                    added += f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="inlineStr"><is><t>{escape(t)}</t></is></c>' for c, t in sorted(cells.items())) + "</row>"
                data = xml.replace("</sheetData>", added + "</sheetData>").encode()
        out.writestr(item, data)
    out.close()
    """

    /// A new entry row on the annex sheet and its mapping row on `Ánh xạ` (naming the new
    /// entry by its national code, as it has no code yet) import as one new entry with that
    /// mapping; after `assign` the sources check clean and the entry is mapped.
    @Test func aNewRowWithItsMappingRowImportsAsAMappedEntry() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let export = try CLI.run(["export", "--output", "book.xlsx"], in: ws)
        #expect(export.status == 0, "\(export.stderr)")
        let rows: [String: [[String: String]]] = [
            "Phụ lục 1": [["B": "Định lượng Glucose [Huyết tương]", "C": "Glucose, quantitative [plasma]", "D": "chuyen-hoa", "E": "active",
                           "H": "23.0075.1999", "J": "plasma"]],
            "Ánh xạ": [["A": "23.0075.1999", "B": "loinc", "C": "2345-7", "D": "Glucose [Mass/volume] in Serum or Plasma",
                        "E": "source-is-narrower-than-target", "F": "Plasma only; LOINC codes serum or plasma together."]],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        let edit = try CLI.runTool("/usr/bin/env", ["python3", "-c", Self.appendRows, "book.xlsx", "edited.xlsx", json], in: ws)
        #expect(edit.status == 0, "\(edit.stderr)")
        let result = try CLI.run(["import", "edited.xlsx", "--out", "out"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("new entry 'Định lượng Glucose [Huyết tương]'"), "\(result.stdout)")
        #expect(result.stdout.contains("with mappings loinc 2345-7 (source-is-narrower-than-target)"), "\(result.stdout)")
        let yaml = try CLI.read(ws.appendingPathComponent("annexes/lab.yaml"))
        #expect(yaml.contains("""
            specimen: plasma
            mappings:
              - system: loinc
                code: 2345-7
                display: Glucose [Mass/volume] in Serum or Plasma
                relationship: source-is-narrower-than-target
                comment: Plasma only; LOINC codes serum or plasma together.
        """), "\(yaml)")
        let assign = try CLI.run(["assign", "--out", "out"], in: ws)
        #expect(assign.status == 0, "\(assign.stderr)")
        let check = try CLI.run(["check", "--out", "out"], in: ws)
        #expect(check.status == 0, "\(check.stderr)")

        // A mapping row naming a national code no row has is still an unknown code.
        let stray = try JSONSerialization.data(withJSONObject: ["Ánh xạ": [["A": "23.0075.1998", "B": "loinc", "C": "2345-7", "D": "x", "E": "related-to"]]])
        _ = try CLI.runTool("/usr/bin/env", ["python3", "-c", Self.appendRows, "book.xlsx", "stray.xlsx", String(decoding: stray, as: UTF8.self)], in: ws)
        let refused = try CLI.run(["import", "stray.xlsx", "--out", "out"], in: ws)
        #expect(refused.status == 1 && refused.stderr.contains("'23.0075.1998' is not the code of an entry"), "\(refused.stderr)")
    }
}
