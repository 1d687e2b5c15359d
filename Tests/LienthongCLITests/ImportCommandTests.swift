import Foundation
import Testing

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
}
