import CatalogRelease
import CatalogSources
import Foundation
import Testing
import TestSupport

/// Runs killed at random points leave nothing lost and nothing mixed: after a killed `build`
/// the version folder holds the old set of files or the new one, never a mix, and the next
/// build finishes the job; after a killed `assign` the sources are as before, or as after, or
/// carry a journal that the next `assign` completes. A synthetic catalog, 100 kills each, the
/// kill time drawn (with a fixed seed) over the run's whole length.
@Suite struct KillTests {
    static let kills = 100

    /// A synthetic catalog of `entries` entries in a new workspace, made by `lienthong-bench`.
    func synthetic(entries: Int) throws -> URL {
        let ws = try CLI.workspace()
        let bench = CLI.binary.deletingLastPathComponent().appendingPathComponent("lienthong-bench")
        try #require(FileManager.default.isExecutableFile(atPath: bench.path), "swift build builds lienthong-bench beside lienthong")
        let p = Process()
        p.executableURL = bench
        p.arguments = ["generate", String(entries), ws.appendingPathComponent("annexes").path]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0)
        return ws
    }

    /// Starts the binary, kills it after `delay` seconds (if still running), and waits.
    func runKilled(_ arguments: [String], in ws: URL, after delay: Double) throws {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = arguments
        p.currentDirectoryURL = ws
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(useconds_t(delay * 1_000_000))
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// Path → SHA-256 of every file under `folder`.
    func digests(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            if FileKind.of(path) == .regular { result[relative] = try FileDigest.of(file: path).sha256 }
        }
        return result
    }

    /// How long one run takes here, to spread the kills over it.
    func duration(_ arguments: [String], in ws: URL) throws -> Double {
        let start = Date()
        let result = try CLI.run(arguments, in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        return Date().timeIntervalSince(start)
    }

    @Test func killedBuildsNeverMixVersions() throws {
        let ws = try synthetic(entries: 300)
        let annex = ws.appendingPathComponent("annexes/01-annex.yaml")
        let original = try CLI.read(annex)
        let edited = original.replacingOccurrences(of: "nameEn: Synthetic service HS 1\n", with: "nameEn: Synthetic service HS one\n")
        #expect(edited != original)
        let version = ws.appendingPathComponent("out/1.0.0")
        try CLI.write(edited, to: annex)
        _ = try duration(["build", "--out", "out"], in: ws)
        let b = try digests(version)
        try CLI.write(original, to: annex)
        let time = try duration(["build", "--out", "out"], in: ws)
        let a = try digests(version)
        #expect(a != b)
        var random = SystemRandomNumberGenerator.Seeded(seed: 20_260_701)
        var seen = (old: 0, new: 0)
        for kill in 0..<Self.kills {
            // Build towards the other content, kill, look, then let a build finish.
            let target = kill.isMultiple(of: 2) ? (edited, b) : (original, a)
            let before = kill.isMultiple(of: 2) ? a : b
            try CLI.write(target.0, to: annex)
            try runKilled(["build", "--out", "out"], in: ws, after: time * Double.random(in: 0.2...1.6, using: &random))
            let state = try digests(version)
            #expect(state == before || state == target.1, "kill \(kill): the version folder mixes two builds")
            if state == before { seen.old += 1 } else { seen.new += 1 }
            let finish = try CLI.run(["build", "--out", "out"], in: ws)
            #expect(finish.status == 0, "kill \(kill): \(finish.stderr)")
            #expect(try digests(version) == target.1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: ws.appendingPathComponent("out").path).filter { $0.hasPrefix(".lienthong-staging-") }.isEmpty)
        }
        #expect(try CLI.run(["build", "--check", "--out", "out"], in: ws).status == 0)
        // The kills fell both before and after the commit.
        #expect(seen.old > 0 && seen.new > 0, "\(seen)")
    }

    @Test func killedAssignsAreFinishedByTheNextOne() throws {
        let ws = try synthetic(entries: 300)
        let annexes = ws.appendingPathComponent("annexes")
        // Take the codes of annex 6's entries away (and their ledger lines): assign gives them.
        let annex = annexes.appendingPathComponent("06-annex.yaml")
        let text = try CLI.read(annex)
        let stripped = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("  - code: DQ") ? "  -" : String(line)
        }.joined(separator: "\n").replacingOccurrences(of: "  -\n    nameVi:", with: "  - nameVi:")
        try CLI.write(stripped, to: annex)
        let ledger = annexes.appendingPathComponent("ledger.tsv")
        try CLI.write(try CLI.read(ledger).split(separator: "\n").filter { !$0.hasPrefix("DQ") }.joined(separator: "\n") + "\n", to: ledger)
        let pristine = try digests(annexes)
        let reference = ws.appendingPathComponent("reference-run")
        try FileManager.default.copyItem(at: annexes, to: reference)
        let time = try duration(["assign", "--annexes", "reference-run"], in: ws)
        let assigned = try digests(reference)
        #expect(assigned != pristine)
        var random = SystemRandomNumberGenerator.Seeded(seed: 1_494)
        var seen = (before: 0, journal: 0, after: 0)
        for kill in 0..<Self.kills {
            let work = ws.appendingPathComponent("run")
            try? FileManager.default.removeItem(at: work)
            try FileManager.default.copyItem(at: annexes, to: work)
            try runKilled(["assign", "--annexes", "run"], in: ws, after: time * Double.random(in: 0.3...1.1, using: &random))
            // Staged copies written before the journal are litter the rerun removes.
            let state = try digests(work).filter { !$0.key.hasSuffix(".lienthong-new") && !$0.key.contains(".lienthong-tmp-") }
            if state == pristine { seen.before += 1 } else if state == assigned { seen.after += 1 } else {
                #expect(EditJournal.isPending(in: work.path), "kill \(kill): sources half edited without a journal")
                seen.journal += 1
                let check = try CLI.run(["check", "--annexes", "run"], in: ws)
                #expect(check.stderr == "run/.lienthong-assign.journal: error: an interrupted `lienthong assign` or `lienthong import` left its edits half applied; run `lienthong assign` to finish them [LT0107]\n1 error, 0 warnings\n", "\(check.stderr)")
            }
            let rerun = try CLI.run(["assign", "--annexes", "run"], in: ws)
            #expect(rerun.status == 0, "kill \(kill): \(rerun.stderr)")
            #expect(try digests(work) == assigned, "kill \(kill): the rerun did not finish the job")
        }
        #expect(seen.before > 0 && seen.after + seen.journal > 0, "\(seen)")
    }

    /// An edit made to a source while assign runs is never overwritten.
    @Test func anEditDuringAssignIsNotLost() throws {
        let ws = try CLI.workspace(copying: "Tests/Fixtures/golden/yaml")
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        let before = try CLI.read(lab)
        let edits = [EditJournal.Edit(path: lab.path, original: Array("something else".utf8), replacement: Array("new".utf8))]
        #expect(throws: ReleaseError.self) { try EditJournal.commit(edits, in: ws.appendingPathComponent("annexes").path) }
        #expect(try CLI.read(lab) == before)
        #expect(!EditJournal.isPending(in: ws.appendingPathComponent("annexes").path))
        #expect(!FileManager.default.fileExists(atPath: lab.path + ".lienthong-new"))
    }
}

extension SystemRandomNumberGenerator {
    /// A small deterministic generator (SplitMix64), so that a failing kill can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
