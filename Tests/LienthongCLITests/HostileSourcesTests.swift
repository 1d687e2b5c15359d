import Foundation
import Testing
import TestSupport

/// Issue 31, through the real binary: every source read is confined to the sources folder
/// (a manifest path climbing out, or a symbolic link leading out, is refused with LT0106);
/// archive members and key files are bounded before they are held (peak RSS measured); a
/// release carries nothing of the publisher's paths; a damaged archive and a deleted release
/// folder are each reported once.
@Suite struct HostileSourcesTests {
    static let golden = "Tests/Fixtures/golden/yaml"

    /// A folder beside the sources, with a valid copy of `name` from the fixture in it.
    private func outside(_ ws: URL, copying name: String) throws -> URL {
        let dir = ws.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent)
        try FileManager.default.copyItem(at: ws.appendingPathComponent("annexes/" + name), to: target)
        return target
    }

    @Test func aRecognitionPathClimbingOutIsRefused() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        _ = try outside(ws, copying: "recognition.yaml")
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        let text = try CLI.read(manifest)
        #expect(text.contains("recognition: recognition.yaml"))
        try CLI.write(text.replacingOccurrences(of: "recognition: recognition.yaml", with: "recognition: ../outside/recognition.yaml"), to: manifest)
        let run = try CLI.run(["check"], in: ws)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: recognition rules file '../outside/recognition.yaml' climbs out of it with '..'"), "\(run.stderr)")
        #expect(run.stderr.contains("[LT0106]"))
    }

    /// An annex file, the ledger, a reference table, a notice and the recognition rules, each a
    /// symbolic link to a valid copy outside the folder: each refused with LT0106, never read.
    @Test(arguments: ["lab.yaml", "ledger.tsv", "reference/radlex.csv", "reference/loinc-notice.txt", "recognition.yaml"])
    func aSymbolicLinkLeavingTheFolderIsRefused(_ name: String) throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let target = try outside(ws, copying: name)
        let link = ws.appendingPathComponent("annexes/" + name)
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let run = try CLI.run(["check"], in: ws)
        #expect(run.status == 1)
        let refusals = run.stderr.split(separator: "\n").filter { $0.contains("[LT0106]") }
        #expect(refusals.count == 1, "\(run.stderr)")
        #expect(refusals.first?.contains("outside the sources folder") == true, "\(run.stderr)")
    }

    /// A link that stays inside the folder is the owner's choice and is followed.
    @Test func aSymbolicLinkInsideTheFolderIsFollowed() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let annexes = ws.appendingPathComponent("annexes")
        try FileManager.default.moveItem(at: annexes.appendingPathComponent("lab.yaml"), to: annexes.appendingPathComponent("reference/lab-real.yaml"))
        try FileManager.default.createSymbolicLink(atPath: annexes.appendingPathComponent("lab.yaml").path, withDestinationPath: "reference/lab-real.yaml")
        let run = try CLI.run(["check"], in: ws)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aFIFOAnnexIsRefusedWithoutBlocking() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try FileManager.default.removeItem(at: lab)
        #expect(mkfifo(lab.path, 0o644) == 0)
        let run = try CLI.run(["check"], in: ws)
        #expect(run.status == 1)
        #expect(run.stderr.contains("FIFO"), "\(run.stderr)")
    }

    /// A 1 GiB "public key" (sparse, so the test writes nothing) is refused from its size:
    /// the process never holds it.
    @Test func aHugeKeyFileIsRefusedBeforeReading() throws {
        let ws = try CLI.workspace()
        let key = ws.appendingPathComponent("huge.pem")
        #expect(FileManager.default.createFile(atPath: key.path, contents: nil))
        #expect(truncate(key.path, 1 << 30) == 0)
        let (run, peak) = try PeakRSS.run(["verify", "--public-key", key.path, ws.path], in: ws)
        #expect(run.status == 1)
        #expect(run.stderr.contains("far too large for a key"), "\(run.stderr)")
        #expect(peak < 200 << 20, "peak RSS \(peak) bytes")
    }

    /// A small archive whose catalog.json inflates to 1 GiB (zeros): `diff` refuses it with a
    /// clear error once the kept bytes pass the limit, instead of holding the whole member.
    @Test func anArchiveMemberIsReadWithinABound() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let bomb = ws.appendingPathComponent("bomb.tar.gz")
        let script = """
        import io, sys, tarfile
        class Zeros(io.RawIOBase):
            def __init__(self, n): self.left = n
            def readable(self): return True
            def readinto(self, b):
                n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
        with tarfile.open(sys.argv[1], "w:gz", compresslevel=9) as t:
            info = tarfile.TarInfo("x-1.0.0/json/catalog.json"); info.size = 1 << 30
            t.addfile(info, io.BufferedReader(Zeros(info.size), 1 << 20))
        """
        let make = try CLI.runTool("/usr/bin/env", ["python3", "-c", script, bomb.path], in: ws)
        #expect(make.status == 0, "\(make.stderr)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: bomb.path)[.size] as? Int)
        #expect(size < 2 << 20)
        let (run, peak) = try PeakRSS.run(["diff", bomb.path, "annexes"], in: ws)
        #expect(run.status == 2)  // diff's status for a side it cannot read
        #expect(run.stderr.contains("decompression bomb"), "\(run.stderr)")
        #expect(peak < 512 << 20, "peak RSS \(peak) bytes")
    }

    /// A gzip stream whose CRC does not match its data: reported as a damaged archive.
    @Test func aGzipCRCErrorIsReported() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        #expect(try CLI.run(["publish", "--out", "out"], in: ws).status == 0)
        let dist = ws.appendingPathComponent("out/1.2.0/dist")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dist.path).first { $0.hasSuffix(".tar.gz") })
        var bytes = [UInt8](try Data(contentsOf: dist.appendingPathComponent(name)))
        bytes[bytes.count - 8] ^= 0xFF  // the CRC32 in the gzip trailer
        let downloads = ws.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let damaged = downloads.appendingPathComponent(name)
        try Data(bytes).write(to: damaged)
        let diff = try CLI.run(["diff", damaged.path, "annexes"], in: ws)
        #expect(diff.status == 2)
        #expect(diff.stderr.contains("CRC-32"), "\(diff.stderr)")
        let verify = try CLI.run(["verify", damaged.path, "--release", "out/1.2.0/release.json"], in: ws)
        #expect(verify.status == 1)
        // The archive itself is listed in release.json: its digest already differs.
        #expect(verify.stderr.contains("differs from its release.json") || verify.stderr.contains("CRC-32"), "\(verify.stderr)")
    }

    /// Two publishers of the same sources, kept at two different absolute paths, publish the
    /// same bytes: the second release's changes/ names neither path.
    @Test func publishingFromTwoPathsGivesTheSameBytes() throws {
        var trees: [[String: Data]] = []
        for _ in 0..<2 {
            let ws = try CLI.workspace(copying: Self.golden)
            let sources = ws.appendingPathComponent("annexes").path
            #expect(try CLI.run(["publish", "--annexes", sources, "--out", "out"], in: ws).status == 0)
            let manifest = ws.appendingPathComponent("annexes/catalog.yaml"), lab = ws.appendingPathComponent("annexes/lab.yaml")
            try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.3.0"), to: manifest)
            try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]", with: "nameEn: Glucose, quantitative (blood)"), to: lab)
            let second = try CLI.run(["publish", "--annexes", sources, "--out", "out"], in: ws)
            #expect(second.status == 0, "\(second.stderr)")
            let tree = try CLI.snapshot(ws.appendingPathComponent("out"))
            #expect(tree["1.3.0/changes/changes.json"] != nil)
            for (path, bytes) in tree {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(ws.path), "\(path) names the publisher's path")
            }
            trees.append(tree)
        }
        #expect(trees[0].keys.sorted() == trees[1].keys.sorted())
        for (path, bytes) in trees[0] where trees[1][path] != bytes {
            Issue.record("\(path) differs between the two publishers")
        }
    }

    /// A name holding `\'` and `'` loads faithfully into a real PostgreSQL whose defaults are
    /// hostile (standard_conforming_strings off; scripts/consumers/sql_session_settings.py
    /// starts the server on loopback) and into SQLite.
    @Test func sqlLoadsUnderHostileSessionSettings() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        let lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]",
                                                              with: #"nameEn: "Glucose, O'Neil \\'); DROP TABLE x; -- [blood]""#), to: lab)
        let build = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(build.status == 0, "\(build.stderr)")
        let check = try CLI.runTool("/usr/bin/env", ["python3", CLI.root.appendingPathComponent("scripts/consumers/sql_session_settings.py").path,
                                                     ws.appendingPathComponent("out/1.2.0").path], in: ws)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("FAILED"), "\(check.stdout)")
    }

    /// With the newest release folder deleted, `check` reports the missing release once, and
    /// no false renames against an older release.
    @Test func aDeletedNewestReleaseIsReportedOnce() throws {
        let ws = try CLI.workspace(copying: Self.golden)
        #expect(try CLI.run(["publish", "--out", "out"], in: ws).status == 0)
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml"), lab = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: 1.2.0", with: "version: 1.3.0"), to: manifest)
        try CLI.write(try CLI.read(lab).replacingOccurrences(of: "nameEn: Glucose, quantitative [blood]", with: "nameEn: Glucose, quantitative (blood)"), to: lab)
        #expect(try CLI.run(["publish", "--out", "out"], in: ws).status == 0)
        try FileManager.default.removeItem(at: ws.appendingPathComponent("out/1.3.0"))
        let run = try CLI.run(["check", "--out", "out"], in: ws)
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(run.stderr)")
        #expect(errors.first?.contains("1.3.0") == true, "\(run.stderr)")
        #expect(!run.stderr.contains("renamed"), "\(run.stderr)")
    }
}

/// Runs the binary under a small Python parent whose only child it is, so that the child's
/// peak resident set (`ru_maxrss` of the parent's children) is the binary's alone.
enum PeakRSS {
    static func run(_ arguments: [String], in directory: URL) throws -> (CLI.Result, Int) {
        let script = """
        import resource, subprocess, sys
        r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        sys.stdout.buffer.write(r.stdout)
        sys.stderr.buffer.write(r.stderr)
        sys.stderr.write("\\nPEAK-RSS-KIB %d\\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        sys.exit(r.returncode)
        """
        var result = try CLI.runTool("/usr/bin/env", ["python3", "-c", script, CLI.binary.path] + arguments, in: directory)
        let marker = "\nPEAK-RSS-KIB "
        guard let range = result.stderr.range(of: marker, options: .backwards),
              let kib = Int(result.stderr[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            Issue.record("no peak RSS reported: \(result.stderr)")
            return (result, .max)
        }
        result.stderr = String(result.stderr[..<range.lowerBound])
        return (result, kib * 1024)
    }
}

extension CLI {
    /// Runs another program (python3, a shell tool) with `arguments` in `directory`.
    static func runTool(_ executable: String, _ arguments: [String], in directory: URL) throws -> Result {
        try runProgram(URL(fileURLWithPath: executable), arguments, in: directory)
    }
}
