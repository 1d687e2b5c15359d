import Foundation
import Testing
import TestSupport

/// The users' journeys, each walked with the real binary from a fresh copy, every step's exit
/// status and output asserted: the vendor who downloads, verifies, loads and upgrades; the CI
/// job that runs outside the repository root and reads machine formats; the staff member who
/// corrects names in a revision.
@Suite(.serialized) struct JourneyTests {
    /// Parses `text` as exactly one JSON document.
    static func json(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String: Any]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            Issue.record("standard output is not one JSON document: \(text.prefix(300))", sourceLocation: sourceLocation)
            return nil
        }
        return object
    }

    @Test func vendorDownloadsVerifiesUnpacksLoadsAndUpgrades() throws {
        let downloads = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: downloads) }
        let fm = FileManager.default
        let release = CLI.root.appendingPathComponent("generated/2026.3.0")
        let archive = "LienThongCanLamSang-2026.3.0.tar.gz"
        try fm.copyItem(at: release.appendingPathComponent("dist/" + archive), to: downloads.appendingPathComponent(archive))
        try fm.copyItem(at: release.appendingPathComponent("release.json"), to: downloads.appendingPathComponent("release.json"))
        // Every path form a person types, from the download folder.
        for form in [archive, "./" + archive, ".//" + archive, downloads.path + "/" + archive] {
            let r = try CLI.run(["verify", form], in: downloads)
            #expect(r.status == 0, "verify \(form): \(r.stderr)")
            #expect(r.stdout.contains("release 2026.3.0 verified"), "verify \(form): \(r.stdout)")
        }
        // Unpacked, the archive verifies against the release.json beside it.
        let untar = Process()
        untar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        untar.arguments = ["tar", "-xzf", archive]
        untar.currentDirectoryURL = downloads
        try untar.run()
        untar.waitUntilExit()
        #expect(untar.terminationStatus == 0)
        for form in ["LienThongCanLamSang-2026.3.0", "./LienThongCanLamSang-2026.3.0/"] {
            let r = try CLI.run(["verify", form], in: downloads)
            #expect(r.status == 0, "verify \(form): \(r.stderr)")
        }
        // A changed file in the unpacked copy is named.
        let entries = downloads.appendingPathComponent("LienThongCanLamSang-2026.3.0/csv/entries.csv")
        try Data("x\n".utf8).write(to: entries)
        let tampered = try CLI.run(["verify", "LienThongCanLamSang-2026.3.0"], in: downloads)
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("csv/entries.csv"))
        // Load the SQL of the previous release into a real SQLite, then upgrade it in place.
        let shell = SQLite(downloads)
        func sqlite(_ script: URL) throws -> Int32 { shell.run("catalog.db", script: script).status }
        #expect(try sqlite(CLI.root.appendingPathComponent("generated/2026.2.0/sql/sqlite/catalog.sql")) == 0)
        #expect(try sqlite(release.appendingPathComponent("changes/delta/upgrade-from-2026.2.0.sqlite.sql")) == 0)
        // A second run of the same upgrade is refused and changes nothing.
        #expect(try sqlite(release.appendingPathComponent("changes/delta/upgrade-from-2026.2.0.sqlite.sql")) != 0)
    }

    @Test func ciJobOutsideTheRepositoryRootReadsOneDocumentPerFormat() throws {
        let elsewhere = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let annexes = CLI.root.appendingPathComponent("annexes").path, out = CLI.root.appendingPathComponent("generated").path
        let common = ["--annexes", annexes, "--out", out]
        let check = try CLI.run(["check"] + common, in: elsewhere)
        #expect(check.status == 0, "\(check.stderr)")
        for format in ["json", "sarif"] {
            for command in [["check"], ["build", "--check"]] {
                let r = try CLI.run(command + common + ["--diagnostics-format", format], in: elsewhere)
                #expect(r.status == 0, "\(command) \(format): \(r.stderr)")
                guard let document = Self.json(r.stdout) else { continue }
                if format == "json" {
                    #expect(document["errorCount"] as? Int == 0, "\(command)")
                    if command.count == 2 { #expect(document["upToDate"] as? Bool == true) }
                } else {
                    let run = (document["runs"] as? [[String: Any]])?.first
                    let results = run?["results"] as? [[String: Any]] ?? []
                    #expect(!results.contains { $0["level"] as? String == "error" }, "\(command)")
                    let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
                    #expect(!rules.isEmpty && rules.allSatisfy { $0["helpUri"] != nil && $0["fullDescription"] != nil })
                    for result in results {
                        let location = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
                        let uri = location?["uri"] as? String ?? ""
                        #expect(!uri.hasPrefix("/"), "a SARIF URI is relative to a base or a file: URI, not a bare absolute path: \(uri)")
                    }
                }
            }
        }
        let text = try CLI.run(["build", "--check"] + common, in: elsewhere)
        #expect(text.status == 0 && text.stdout.contains("is up to date"), "\(text.stderr)")
        // diff --against a revision, from outside the repository: git runs in the sources' repository.
        let diff = try CLI.run(["diff", "--against", "HEAD", "--format", "json"] + common, in: elsewhere)
        #expect(diff.status == 0, "\(diff.stderr)")
        _ = Self.json(diff.stdout)
    }

    @Test func staffCorrectNamesDeclareTheClarificationAndPublish() throws {
        let w = try CLI.workspace(copying: "Tests/Fixtures/golden/yaml")
        defer { try? FileManager.default.removeItem(at: w) }
        let first = try CLI.run(["publish"], in: w)
        #expect(first.status == 0, "\(first.stderr)")
        // The next revision: raise the version, correct an English name.
        let manifest = w.appendingPathComponent("annexes/catalog.yaml"), lab = w.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.3.0"), to: manifest)
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]", with: "nameEn: Blood sugar measurement"), to: lab)
        // check says first what publish would refuse, in every format.
        let check = try CLI.run(["check"], in: w)
        #expect(check.status == 1)
        #expect(check.stderr.contains("[LT0910]") && check.stderr.contains("clarifications"), "\(check.stderr)")
        let checkJSON = try CLI.run(["check", "--diagnostics-format", "json"], in: w)
        #expect(checkJSON.status == 1)
        #expect(Self.json(checkJSON.stdout)?["errorCount"] as? Int == 1)
        let refused = try CLI.run(["publish"], in: w)
        #expect(refused.status == 1 && refused.stderr.contains("[LT0910]"))
        // Declared editorial, with its reason: check, build and publish pass.
        try CLI.write(try CLI.read(manifest) + "clarifications:\n  - version: 1.3.0\n    codes: [HS0001D]\n    reason: Tên tiếng Anh viết lại cho rõ; cùng xét nghiệm.\n", to: manifest)
        #expect(try CLI.run(["check"], in: w).status == 0)
        // build in a machine format: one document on standard output, the human line on standard error.
        let built = try CLI.run(["build", "--diagnostics-format", "json"], in: w)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(Self.json(built.stdout)?["errorCount"] as? Int == 0)
        #expect(built.stderr.contains("built catalog 1.3.0"))
        let publish = try CLI.run(["publish"], in: w)
        #expect(publish.status == 0, "\(publish.stderr)")
        let changes = Self.json(try CLI.read(w.appendingPathComponent("generated/1.3.0/changes/changes.json")))
        let classes = (changes?["changes"] as? [[String: Any]] ?? []).compactMap { $0["class"] as? String }
        #expect(classes.contains("clarified-en"))
        #expect(try CLI.run(["verify", "generated/1.3.0"], in: w).status == 0)
        // After publishing, an edit without raising the version fails check as it fails build.
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Blood sugar measurement", with: "nameEn: Blood sugar"), to: lab)
        for command in [["check"], ["build"], ["build", "--check"]] {
            let r = try CLI.run(command + ["--diagnostics-format", "json"], in: w)
            #expect(r.status == 1, "\(command)")
            let document = Self.json(r.stdout)
            #expect((document?["errorCount"] as? Int ?? 0) >= 1, "\(command)")
            let rules = (document?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            #expect(rules.contains("LT1302"), "\(command): \(rules)")
        }
    }
}
