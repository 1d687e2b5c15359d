import Foundation
import Testing
import TestSupport

/// Issue 31's memory budgets (docs/design/hostile-input.md, "Memory budgets"): each command,
/// run as the real binary on the hostile inputs of the issue, stays under its stated peak
/// resident set (the child's `ru_maxrss`, ``PeakRSS``) and ends with its failure status and a
/// diagnostic that names the input. The 3 GiB inputs are sparse files: nothing is written and
/// nothing may be read, since each is refused from its size.
@Suite(.serialized) struct MemoryBudgetTests {
    static let golden = "Tests/Fixtures/golden/yaml"
    static let mib = 1 << 20

    /// The budgets the design document states, per command, on hostile input.
    static let budget: [String: Int] = [
        "check": 256 * mib, "build": 256 * mib, "publish": 256 * mib, "verify": 256 * mib,
        "import": 512 * mib, "recognize": 512 * mib, "diff": 512 * mib,
    ]

    /// Makes `path` a sparse file of `size` bytes (replacing what it held).
    static func sparse(_ path: String, _ size: Int) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        #expect(truncate(path, off_t(size)) == 0)
    }

    /// Runs `arguments` in `ws`, and checks the status, a diagnostic and the budget.
    static func expectWithinBudget(_ arguments: [String], in ws: URL, status: Int32, saying text: String) throws {
        let (run, peak) = try PeakRSS.run(arguments, in: ws)
        let command = arguments[0]
        #expect(run.status == status, "\(arguments): status \(run.status), \(run.stderr)")
        #expect(run.stderr.contains(text) || run.stdout.contains(text), "\(arguments): \(run.stderr)\(run.stdout)")
        #expect(peak < budget[command]!, "\(arguments): peak RSS \(peak >> 20) MiB over the budget of \(budget[command]! >> 20) MiB")
    }

    /// A 3 GiB annex: `check`, `build` and `publish` refuse it from its size (LT0104).
    @Test(arguments: [["check"], ["build", "--out", "out"], ["publish", "--out", "out"]])
    func aHugeAnnexIsRefusedWithinTheBudget(_ arguments: [String]) throws {
        let ws = try CLI.workspace(copying: Self.golden)
        defer { try? FileManager.default.removeItem(at: ws) }
        Self.sparse(ws.appendingPathComponent("annexes/lab.yaml").path, 3 << 30)
        try Self.expectWithinBudget(arguments, in: ws, status: 1, saying: "[LT0104]")
    }

    /// `verify` of a version folder whose `release.json` is 3 GiB, and with a 1 GiB public key.
    @Test func verifyRefusesAHugeManifestAndKeyWithinTheBudget() throws {
        let ws = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let folder = ws.appendingPathComponent("release")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("json"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("generated/2026.3.0/json/catalog.json"), to: folder.appendingPathComponent("json/catalog.json"))
        Self.sparse(folder.appendingPathComponent("release.json").path, 3 << 30)
        try Self.expectWithinBudget(["verify", folder.path], in: ws, status: 1, saying: "release.json")
        Self.sparse(ws.appendingPathComponent("key.pem").path, 1 << 30)
        try Self.expectWithinBudget(["verify", "--public-key", "key.pem", folder.path], in: ws, status: 1, saying: "key")
    }

    /// `import` of a 3 GiB file (refused before reading), and of a small workbook whose sheet
    /// unpacks to 300 MiB of zeros (refused from the member's size, never unpacked whole).
    @Test func importRefusesAHugeFileAndAZipBombWithinTheBudget() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        defer { try? FileManager.default.removeItem(at: ws) }
        Self.sparse(ws.appendingPathComponent("huge.xlsx").path, 3 << 30)
        try Self.expectWithinBudget(["import", "huge.xlsx", "--out", "out"], in: ws, status: 1, saying: "more than --max-file-size")
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="Phụ lục 1" sheetId="1"/></sheets></workbook>')
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
                block = bytes(1 << 20)
                for _ in range(300): f.write(block)
        """
        let make = try CLI.runTool("/usr/bin/env", ["python3", "-c", script, ws.appendingPathComponent("bomb.xlsx").path], in: ws)
        #expect(make.status == 0, "\(make.stderr)")
        try Self.expectWithinBudget(["import", "bomb.xlsx", "--out", "out", "--max-file-size", "\(64 << 20)"], in: ws, status: 1, saying: "xl/worksheets/sheet1.xml")
    }

    /// `recognize` on a study holding a file whose PatientName claims 3 GiB: the file is named
    /// as refused in the answer (the study's other facts stay honest unknowns); exit status 0,
    /// because the question itself was answered.
    @Test func recognizeNamesAHugeValueWithinTheBudget() throws {
        let ws = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let dir = ws.appendingPathComponent("cd")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let length = UInt32(3) << 30
        let head = RecognizeHostileMediaTests.preamble(syntax: "1.2.840.10008.1.2") + RecognizeHostileMediaTests.le16(0x0008) + RecognizeHostileMediaTests.le16(0x0060)
            + RecognizeHostileMediaTests.le32(2) + Array("CT".utf8) + RecognizeHostileMediaTests.le16(0x0010) + RecognizeHostileMediaTests.le16(0x0010) + RecognizeHostileMediaTests.le32(length)
        let path = dir.appendingPathComponent("HUGE.dcm").path
        try Data(head).write(to: URL(fileURLWithPath: path))
        #expect(truncate(path, off_t(head.count) + off_t(length)) == 0)
        let (run, peak) = try PeakRSS.run(["recognize", "DQ0009L", "--study", dir.path, "--format", "json", "--annexes", CLI.root.appendingPathComponent("annexes").path], in: ws)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("HUGE.dcm") && run.stdout.contains("over the limit"), "\(run.stdout)")
        #expect(peak < Self.budget["recognize"]!, "peak RSS \(peak >> 20) MiB")
    }

    /// `diff` against a version folder whose `catalog.json` is 3 GiB: refused from its size
    /// (diff's status 2 for a side it cannot read).
    @Test func diffRefusesAHugePublishedCatalogWithinTheBudget() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        defer { try? FileManager.default.removeItem(at: ws) }
        let folder = ws.appendingPathComponent("v")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("json"), withIntermediateDirectories: true)
        Self.sparse(folder.appendingPathComponent("json/catalog.json").path, 3 << 30)
        try Self.expectWithinBudget(["diff", "v", "annexes"], in: ws, status: 2, saying: "more than --max-file-size")
    }
}
