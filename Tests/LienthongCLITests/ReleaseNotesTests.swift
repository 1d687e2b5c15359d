import Foundation
import Testing
import TestSupport

/// `publish` of a release after the first carries its release notes, changes and delta rows
/// against the previous release, listed in release.json and kept by later builds; the entries
/// of the second release, and its delta rows, carry their history.
@Suite struct ReleaseNotesTests {
    @Test func aSecondReleaseCarriesNotesChangesAndDeltaRows() throws {
        let ws = try CLI.workspace(copying: "Tests/Fixtures/golden/yaml")
        let first = try CLI.run(["publish", "--out", "out"], in: ws)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("out/1.2.0/changes").path))
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml"), lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.3.0"), to: manifest)
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]", with: "nameEn: Glucose, quantitative (blood)")
            .replacingOccurrences(of: "    status: deprecated", with: "    status: retired"), to: lab)
        let second = try CLI.run(["publish", "--out", "out"], in: ws)
        #expect(second.status == 0, "\(second.stderr)")
        let changes = ws.appendingPathComponent("out/1.3.0/changes")
        let notes = try CLI.read(changes.appendingPathComponent("RELEASE-NOTES.md"))
        #expect(notes.hasPrefix("# Ghi chú phát hành / Release notes: GoldenCatalog 1.3.0\n"))
        #expect(notes.contains("## Ngừng sử dụng, thu hồi / Deprecated and retired\n\n- HS00039 was retired, replaced by HS00047"))
        #expect(notes.contains("## Đổi tên, chuyển nhóm / Renamed and moved\n\n- HS0001D renamed from 'Glucose, quantitative [blood]' to 'Glucose, quantitative (blood)'"))
        let csv = try CLI.read(changes.appendingPathComponent("changes.csv"))
        #expect(csv.hasPrefix("class,code,field,old,new,breaking,rule,waiver,message\r\n"))
        #expect(csv.contains("\r\nretired,HS00039,status,deprecated,retired,false,,,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: changes.appendingPathComponent("changes.json"))) as? [String: Any])
        #expect((json["summary"] as? [String: Any])?["changes"] as? Int == 3)
        let delta = try CLI.read(changes.appendingPathComponent("delta/entries.csv")).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(delta.count == 3)
        #expect(delta.dropFirst().map { String($0.prefix(7)) } == ["HS0001D", "HS00039"])
        // Each row carries the entry's history: first released in 1.2.0, changed in 1.3.0.
        #expect(delta.first?.hasSuffix(",versionFirstReleased,versionLastChanged") == true)
        #expect(delta.dropFirst().allSatisfy { $0.hasSuffix(",1.2.0,1.3.0") }, "\(delta)")
        let entries = try CLI.read(ws.appendingPathComponent("out/1.3.0/csv/entries.csv")).components(separatedBy: "\r\n")
        #expect(entries.first { $0.hasPrefix("HS0002B,") }?.hasSuffix(",1.2.0,1.2.0") == true)
        #expect(entries.first { $0.hasPrefix("HS0001D,") }?.hasSuffix(",1.2.0,1.3.0") == true)
        // The upgrade scripts from 1.2.0, listed in the notes; a real SQLite upgraded by one equals a fresh load.
        for dialect in ["sqlite", "postgresql"] {
            #expect(notes.contains("- `delta/upgrade-from-1.2.0.\(dialect).sql`"))
        }
        let sqlite = SQLite(ws)
        #expect(sqlite.load("upgraded.db", "out/1.2.0/sql/sqlite/catalog.sql") == 0)
        #expect(sqlite.load("upgraded.db", "out/1.3.0/changes/delta/upgrade-from-1.2.0.sqlite.sql") == 0)
        #expect(sqlite.load("fresh.db", "out/1.3.0/sql/sqlite/catalog.sql") == 0)
        #expect(sqlite.dump("upgraded.db") == sqlite.dump("fresh.db"))
        #expect(sqlite.dump("fresh.db").contains("'HS00039',1,'chuyen-hoa','retired'"))
        let release = try CLI.read(ws.appendingPathComponent("out/1.3.0/release.json"))
        #expect(release.contains("\"changes/RELEASE-NOTES.md\""))
        #expect(release.contains("\"changes/delta/upgrade-from-1.2.0.sqlite.sql\""))
        #expect(try CLI.run(["verify", "out/1.3.0"], in: ws).status == 0)
        #expect(try CLI.run(["build", "--check", "--out", "out"], in: ws).status == 0)
        #expect(try CLI.run(["diff", "1.2.0", "1.3.0", "--out", "out", "--fail-on", "any"], in: ws).status == 1)
    }

    @Test func publishRefusesAnUnwaivedBreakingChange() throws {
        let ws = try CLI.workspace(copying: "Tests/Fixtures/golden/yaml")
        #expect(try CLI.run(["publish", "--out", "out"], in: ws).status == 0)
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml"), lab = ws.appendingPathComponent("annexes/lab.yaml")
        let ledger = ws.appendingPathComponent("annexes/ledger.tsv")
        // HS0002B deleted instead of retired, with its ledger line (so `check`'s LT0406 has nothing to
        // hold it against): the diff against the published release still sees it.
        let text = try CLI.read(lab)
        let start = try #require(text.range(of: "  - code: HS0002B\n")), end = try #require(text.range(of: "  - code: HS00039\n"))
        try CLI.write(text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: ""), to: lab)
        try CLI.write(try CLI.read(ledger).components(separatedBy: "\n").filter { !$0.hasPrefix("HS0002B\t") }.joined(separator: "\n"), to: ledger)
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.3.0"), to: manifest)
        let refused = try CLI.run(["publish", "--out", "out"], in: ws)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: HS0002B 'Điện giải đồ (Na, K, Cl) [Máu]' was removed (against release 1.2.0)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("[LT0904]\n") && refused.stderr.contains("1 error,"))
        #expect(refused.stderr.contains("publish: nothing was published"))
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("out/1.3.0").path))
        // (A removed code cannot be waived: the ledger keeps every code ever issued, LT0406.)
    }
}
