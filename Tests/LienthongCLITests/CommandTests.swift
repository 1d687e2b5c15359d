import CatalogRelease
import CatalogSources
import Foundation
import Testing
import TestSupport

/// End-to-end runs of `check`, `build`, `assign` and `rules` through the binary.
@Suite struct CommandTests {
    static let golden = "Tests/Fixtures/golden/yaml"

    @Test func versionAndHelp() throws {
        #expect(try CLI.run(["--version"]).stdout == "0.1.0\n")
        let help = try CLI.run(["--help"]).stdout
        for command in ["check", "build", "assign", "coverage", "rules"] { #expect(help.contains(command)) }
        for command in ["check", "build", "assign"] {
            let sub = try CLI.run([command, "--help"]).stdout
            #expect(sub.contains("--annexes <dir>") && sub.contains("--diagnostics-format <format>"))
            #expect(sub.components(separatedBy: "Example:").count >= 4, "\(command) help lacks examples")
        }
        for command in ["check", "build", "assign"] { #expect(try CLI.run([command, "--help"]).stdout.contains("--out <dir>")) }
    }

    @Test func checkPassesOnTheCommittedCatalog() throws {
        let result = try CLI.run(["check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"))
    }

    /// `--timings` names each stage with its wall-clock time, on standard error only.
    @Test func timingsNameEachStage() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let result = try CLI.run(["build", "--timings", "--annexes", "annexes", "--out", "out"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        let stages = result.stderr.split(separator: "\n").map { $0.split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(stages == ["timing: read and check", "timing: emit and compare", "timing: write", "timing: total"])
        #expect(!result.stdout.contains("timing"))
        #expect(try CLI.run(["check", "--annexes", "annexes"], in: ws).stderr.isEmpty)
    }

    @Test func checkReportsEveryProblemSortedAndFails() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "status: deprecated", with: "status: deprecatd")
            .replacingOccurrences(of: "code: 2345-7", with: "code: 2345-6"), to: lab)
        let img = ws.appendingPathComponent("annexes/img.yaml")
        try CLI.write(try CLI.read(img).replacingOccurrences(of: "bodyRegion: head\n    contrast: none\n    laterality: none", with: "bodyRegion: hed\n    contrast: none\n    laterality: none"), to: img)
        let result = try CLI.run(["check", "--annexes", "annexes"], in: ws)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
        annexes/img.yaml:16:17: error: 'hed' is not an allowed body region; allowed: \(Self.bodyRegions); did you mean 'head'? [LT0204]
        annexes/lab.yaml:22:15: error: LOINC code '2345-6' fails its mod-10 check digit (expected 2345-7) [LT0602]
        annexes/lab.yaml:46:13: error: 'deprecatd' is not an allowed status; allowed: active, deprecated, retired; did you mean 'deprecated'? [LT0204]
        3 errors, 0 warnings

        """)
    }

    static let bodyRegions = "head, face, neck, chest, breast, heart, abdomen, pelvis, abdomen-pelvis, chest-abdomen-pelvis, spine, cervical-spine, thoracic-spine, lumbar-spine, sacrum-coccyx, upper-limb, lower-limb, shoulder, elbow, wrist, hand, hip, knee, ankle, foot, vessels, whole-body, other"

    @Test func jsonDiagnosticsForMachines() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "code: HS0002B", with: "code: HS0001D"), to: lab)
        let result = try CLI.run(["check", "--diagnostics-format", "json"], in: ws)
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["errorCount"] as? Int == 2)
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "annexes/lab.yaml")
        #expect(first["line"] as? Int == 25)
        #expect(first["column"] as? Int == 11)
        #expect(first["rule"] as? String == "LT0404")
        #expect(first["severity"] as? String == "error")
        let notes = try #require(first["notes"] as? [[String: Any]])
        #expect(notes.first?["line"] as? Int == 10)
        #expect(diagnostics.last?["rule"] as? String == "LT0406")
    }

    @Test func buildWritesGoldenArtifactsAndIsIdempotent() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let first = try CLI.run(["build", "--annexes", "annexes", "--out", "out"], in: ws)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "built catalog 1.2.0 (6 entries) into out: 50 files changed\n")
        let out = ws.appendingPathComponent("out")
        let expected = CLI.root.appendingPathComponent("Tests/Fixtures/golden/expected")
        for path in ["json/catalog.json", "csv/entries.csv", "csv/annex-1.csv", "csv/mappings.csv", "csv/national-codes.csv", "xlsx/GoldenCatalog.xlsx", "site/index.html", "site/assets/search-index.js"] {
            #expect(try Data(contentsOf: out.appendingPathComponent("1.2.0/" + path)) == Data(contentsOf: expected.appendingPathComponent(path)), "\(path)")
        }
        for path in ["index.json", "schema/annex.schema.json", "schema/manifest.schema.json", "schema/recognition.schema.json"] {
            #expect(try Data(contentsOf: out.appendingPathComponent(path)) == Data(contentsOf: expected.appendingPathComponent(path)), "\(path)")
        }
        let catalogPath = out.appendingPathComponent("1.2.0/json/catalog.json").path
        let before = try FileManager.default.attributesOfItem(atPath: catalogPath)[.modificationDate] as? Date
        Thread.sleep(forTimeInterval: 0.05)
        let second = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(second.stdout.hasSuffix("0 files changed\n"))
        #expect(try FileManager.default.attributesOfItem(atPath: catalogPath)[.modificationDate] as? Date == before)
        let check = try CLI.run(["build", "--check", "--out", "out"], in: ws)
        #expect(check.status == 0)
        #expect(check.stdout == "out is up to date (50 files)\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".lienthong-staging-\(0)").path))
    }

    /// A build that cannot put its files in place moves none of them and leaves no staging
    /// folder: here a plain file stands where the schema folder must go.
    @Test func buildThatCannotWriteChangesNothing() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let out = ws.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try CLI.write("in the way", to: out.appendingPathComponent("schema"))
        let result = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("out/schema: error: this must be a folder, but it is a regular file; move it away or choose another path [LT1304]\n1 error, 0 warnings\n"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["schema"])
    }

    /// A draft version folder is the build's own: whatever stands in it is replaced as a whole.
    @Test func aDraftFolderIsReplacedWhole() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let out = ws.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("1.2.0"), withIntermediateDirectories: true)
        try CLI.write("in the way", to: out.appendingPathComponent("1.2.0/json"))
        let result = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileKind.of(out.appendingPathComponent("1.2.0/json").path) == .directory)
        #expect(try CLI.run(["build", "--check", "--out", "out"], in: ws).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["1.2.0", "index.json", "schema"])
    }

    @Test func buildCheckNamesEveryChangeAndBuildRepairsIt() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.run(["build", "--out", "out"], in: ws)
        let out = ws.appendingPathComponent("out")
        try CLI.write("tampered", to: out.appendingPathComponent("1.2.0/csv/entries.csv"))
        try CLI.write("stale", to: out.appendingPathComponent("1.2.0/csv/old.csv"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("schema/annex.schema.json"))
        let check = try CLI.run(["build", "--check", "--out", "out"], in: ws)
        #expect(check.status == 1)
        #expect(check.stderr == """
        out: error: out is out of date: a build would add 1, change 1 and remove 1 files; run `lienthong build` and commit the result [LT1309]
        out/schema/annex.schema.json: note: would be added
        out/1.2.0/csv/entries.csv: note: would change
        out/1.2.0/csv/old.csv: note: would be removed
        1 error, 0 warnings

        """)
        #expect(try CLI.read(out.appendingPathComponent("1.2.0/csv/entries.csv")) == "tampered")
        #expect(try CLI.run(["build", "--out", "out"], in: ws).stdout.hasSuffix("3 files changed\n"))
        #expect(try CLI.run(["build", "--check", "--out", "out"], in: ws).status == 0)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("1.2.0/csv/old.csv").path))
    }

    /// Files reach the stage in chunks and are compared with the disk as they arrive: a file
    /// that differs after a matching first chunk, one the disk holds more of, one it holds less
    /// of and one that differs at once are each found, and the rebuilt files are exactly the
    /// committed ones (the real catalog's CodeSystem spans two chunks).
    @Test func buildComparesStreamedFilesWithTheDisk() throws {
        let ws = try CLI.workspace(copying: "annexes")
        let out = ws.appendingPathComponent("out")
        // A draft build of the real catalog (a published folder would refuse any change).
        #expect(try CLI.run(["build", "--annexes", "annexes", "--out", "out"], in: ws).status == 0)
        let built = try CLI.snapshot(out)
        let version = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.first?.isNumber == true })
        func tamper(_ path: String, _ change: (inout Data) -> Void) throws {
            let url = out.appendingPathComponent(version + "/" + path)
            var data = try Data(contentsOf: url)
            change(&data)
            try data.write(to: url)
        }
        let codeSystem = try #require(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(version + "/fhir/package").path)
            .first { $0.hasPrefix("CodeSystem-") })
        try tamper("fhir/package/" + codeSystem) { data in
            #expect(data.count > (1 << 20) + 100)
            data[(1 << 20) + 100] ^= 0x20
        }
        try tamper("json/catalog.json") { $0.append(contentsOf: Array("\n".utf8)) }
        try tamper("csv/entries.csv") { $0 = $0.prefix($0.count / 2) }
        try tamper("sql/sqlite/catalog.sql") { $0[0] = UInt8(ascii: "#") }
        let check = try CLI.run(["build", "--check", "--annexes", "annexes", "--out", "out"], in: ws)
        #expect(check.status == 1)
        let modified = check.stderr.split(separator: "\n").filter { $0.hasSuffix(": note: would change") }.map { String($0.dropLast(": note: would change".count)) }
        #expect(modified == ["out/\(version)/csv/entries.csv", "out/\(version)/fhir/package/\(codeSystem)",
                             "out/\(version)/json/catalog.json", "out/\(version)/sql/sqlite/catalog.sql"], "\(check.stderr)")
        let build = try CLI.run(["build", "--annexes", "annexes", "--out", "out"], in: ws)
        #expect(build.stdout.hasSuffix(": 4 files changed\n"), "\(build.stdout)\(build.stderr)")
        #expect(try CLI.snapshot(out) == built)
    }

    @Test func aNewVersionLeavesEarlierVersionsUntouched() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.run(["build", "--out", "out"], in: ws)
        let out = ws.appendingPathComponent("out")
        let old = try CLI.snapshot(out.appendingPathComponent("1.2.0"))
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.10.0"), to: manifest)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]", with: "nameEn: Glucose [blood]"), to: lab)
        let result = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.snapshot(out.appendingPathComponent("1.2.0")) == old)
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("index.json"))) as? [String: Any])
        #expect(index["latest"] as? String == "1.10.0")
        #expect((index["releases"] as? [[String: Any]])?.compactMap { $0["version"] as? String } == ["1.2.0", "1.10.0"])
        #expect(try CLI.read(out.appendingPathComponent("1.10.0/csv/annex-1.csv")).contains("Glucose [blood]"))
    }

    @Test func aVersionLowerThanThePublishedOneIsRefused() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.run(["publish", "--out", "out"], in: ws)
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.1.9"), to: manifest)
        let result = try CLI.run(["check", "--out", "out"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("annexes/catalog.yaml:7:10: error: version 1.1.9 is lower than 1.2.0, the latest version already published; versions only go forward [LT0805]\n"))
        // Elsewhere nothing is published, so only the ledger's own dates object (LT0409).
        let elsewhere = try CLI.run(["check", "--out", "elsewhere"], in: ws)
        #expect(!elsewhere.stderr.contains("LT0805"))
        #expect(elsewhere.stderr.contains("[LT0409]"))
    }

    @Test func anotherCatalogsOutputFolderIsRefused() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.run(["build", "--out", "out"], in: ws)
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "CodeSystem/golden", with: "CodeSystem/other"), to: manifest)
        let before = try CLI.snapshot(ws.appendingPathComponent("out"))
        let result = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("out/index.json: error: this folder holds the catalog https://example.org/fhir/CodeSystem/golden, not https://example.org/fhir/CodeSystem/other; choose another --out [LT1306]\n1 error, 0 warnings\n"), "\(result.stderr)")
        #expect(try CLI.snapshot(ws.appendingPathComponent("out")) == before)
    }

    @Test func aFailedBuildWritesNothing() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.run(["build", "--out", "out"], in: ws)
        let out = ws.appendingPathComponent("out")
        let before = try CLI.snapshot(out)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]", with: "nameEn: Changed")
            .replacingOccurrences(of: "status: deprecated", with: "status: ?"), to: lab)
        let result = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(result.status == 1)
        #expect(try CLI.snapshot(out) == before)
        let fresh = try CLI.run(["build", "--out", "never"], in: ws)
        #expect(fresh.status == 1)
        #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent("never").path))
    }

    @Test func anUnwritableOutputIsAnErrorNotACrash() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.write("not a folder", to: ws.appendingPathComponent("out"))
        let result = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("out: error: this must be a folder, but it is a regular file; move it away or choose another path [LT1304]\n1 error, 0 warnings\n"), "\(result.stderr)")
    }

    /// The same sources give byte-identical artifacts whatever the time zone and locale, and
    /// whatever the hash seed: the two builds are two processes, each with its own random
    /// seed, so an order that depends on hashing (a dictionary or set iterated) shows here,
    /// where ``GoldenTests/emittingTwiceGivesTheSameBytes()`` (one process, one seed) cannot.
    @Test func outputDoesNotDependOnTimeZoneOrLocale() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.run(["build", "--out", "a"], in: ws, environment: ["TZ": "Asia/Ho_Chi_Minh", "LANG": "vi_VN.UTF-8", "LC_ALL": "vi_VN.UTF-8"])
        try CLI.run(["build", "--out", "b"], in: ws, environment: ["TZ": "America/Los_Angeles", "LANG": "C", "LC_ALL": "C"])
        let a = try CLI.snapshot(ws.appendingPathComponent("a")), b = try CLI.snapshot(ws.appendingPathComponent("b"))
        #expect(a.count == 50)
        #expect(a == b)
    }

    @Test func assignGivesCodesInPlaceOnceOnly() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let img = ws.appendingPathComponent("annexes/img.yaml")
        let added = """
          - nameVi: Chụp CLVT sọ não không tiêm thuốc cản quang (từ 64-128 dãy)
            nameEn: CT of the head without contrast (64-128 detector rows)
            group: ct
            status: active
            nationalCodes:
              - maTuongDuong: 18.0165.0043
            modality: CT
            bodyRegion: head
            contrast: none
            laterality: none
            mappings:
              - system: radlex
                code: RPID22
                display: CT Head wo IV Contrast
                relationship: source-is-narrower-than-target
                comment: The national technique also fixes the scanner class.

        """
        let original = try CLI.read(img) + added
        try CLI.write(original, to: img)
        #expect(try CLI.run(["check"], in: ws).stderr.contains("annexes/img.yaml:43:5: error: this entry has no code yet; run `lienthong assign` to give it one [LT0401]"))
        let result = try CLI.run(["assign"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "annexes/img.yaml:43:5: assigned DQ0003X\nassigned 1 code\n")
        #expect(try CLI.read(img) == original.replacingOccurrences(of: "  - nameVi: Chụp CLVT sọ não không tiêm thuốc cản quang (từ 64", with: "  - code: DQ0003X\n    nameVi: Chụp CLVT sọ não không tiêm thuốc cản quang (từ 64"))
        #expect(try CLI.read(ws.appendingPathComponent("annexes/ledger.tsv")).hasSuffix("DQ0003X\t2\t1.2.0\tChụp CLVT sọ não không tiêm thuốc cản quang (từ 64-128 dãy)\n"))
        #expect(try CLI.run(["check"], in: ws).status == 0)
        let files = try CLI.snapshot(ws.appendingPathComponent("annexes"))
        let again = try CLI.run(["assign"], in: ws)
        #expect(again.stdout == "every entry already has a code; nothing to assign\n")
        #expect(try CLI.snapshot(ws.appendingPathComponent("annexes")) == files)
    }

    @Test func assignRefusesWhileOtherErrorsRemain() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "  - code: HS0001D\n    nameVi", with: "  - nameVi").replacingOccurrences(of: "specimen: serum-or-plasma\n    mappings", with: "specimen: blod\n    mappings"), to: lab)
        let before = try CLI.snapshot(ws.appendingPathComponent("annexes"))
        let result = try CLI.run(["assign"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.contains("[LT0204]"))
        #expect(result.stderr.hasSuffix("assign: fix the errors above first; nothing was changed\n"))
        #expect(try CLI.snapshot(ws.appendingPathComponent("annexes")) == before)
    }

    @Test func hostileSourcesFailCleanly() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        try CLI.write("a: &a [1,2]\nb: [*a,*a]\n", to: ws.appendingPathComponent("annexes/lab.yaml"))
        let result = try CLI.run(["check"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("annexes/lab.yaml:1:4: error: YAML anchors ('&name') are not allowed in catalog sources [LT0103]\n"))
        let huge = try CLI.run(["check", "--max-file-size", "100"], in: ws)
        #expect(huge.status == 1)
        #expect(huge.stderr.contains("[LT0104]"))
    }

    @Test func missingManifest() throws {
        let ws = try CLI.workspace()
        let result = try CLI.run(["check", "--annexes", "nowhere"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr == "nowhere:1:1: error: no catalog manifest (catalog.yaml, catalog.yml, catalog.xml) in 'nowhere' [LT0105]\n1 error, 0 warnings\n")
    }

    @Test func rulesListsEveryRule() throws {
        let lines = try CLI.run(["rules"]).stdout.split(separator: "\n")
        #expect(lines.count >= 40)
        #expect(lines.first?.hasPrefix("LT0101  ") == true)
    }
}
