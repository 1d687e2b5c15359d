import CatalogRelease
import Foundation
import Testing
import TestSupport

/// The life of a release, end to end through the binary on a copy of the real catalog:
/// publish, refuse a change without a version bump, publish the next version beside it, catch
/// hand edits, and verify folders and archives against their release manifests and signatures.
@Suite(.serialized) struct ReleaseStoryTests {
    /// A workspace with the real annexes and an empty output folder `out`.
    func workspace() throws -> (URL, URL) {
        let ws = try CLI.workspace(copying: "annexes")
        return (ws, ws.appendingPathComponent("out"))
    }

    func setVersion(_ version: String, in ws: URL) throws {
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        let text = try CLI.read(manifest)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("version: ") })
        try CLI.write(text.replacingOccurrences(of: String(line), with: "version: " + version), to: manifest)
    }

    func renameGlucose(in ws: URL, to name: String) throws {
        let file = ws.appendingPathComponent("annexes/01-hoa-sinh.yaml")
        let text = try CLI.read(file)
        #expect(text.contains("nameEn: Glucose"))
        try CLI.write(text.replacingOccurrences(of: "nameEn: Glucose", with: "nameEn: " + name), to: file)
    }

    func version(of ws: URL) throws -> String {
        let text = try CLI.read(ws.appendingPathComponent("annexes/catalog.yaml"))
        return String(try #require(text.split(separator: "\n").first { $0.hasPrefix("version: ") }).dropFirst(9))
    }

    /// Whether any staging folder was left in `out`.
    func staging(in out: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".lienthong-staging-") }
    }

    @Test func theStoryOfTwoReleases() throws {
        let (ws, out) = try workspace()
        let first = try version(of: ws)
        let keys = ws.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        let keygen = try CLI.run(["keygen", "--private-key", "keys/release.pem", "--public-key", "keys/release.pub.pem"], in: ws)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        #expect(try CLI.run(["keygen", "--private-key", "keys/release.pem", "--public-key", "keys/x.pem"], in: ws).status == 1)

        // Publish the first version, signed.
        let publish = try CLI.run(["publish", "--out", "out", "--signing-key", "keys/release.pem"], in: ws)
        #expect(publish.status == 0, "\(publish.stderr)")
        let published = try CLI.snapshot(out.appendingPathComponent(first))
        for name in ["release.json", "release.json.sig", "dist/package.tgz", "dist/LienThongCanLamSang-\(first).tar.gz", "json/catalog.json"] {
            #expect(published[name] != nil, "\(name)")
        }
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("index.json"))) as? [String: Any])
        let record = try #require((index["releases"] as? [[String: Any]])?.first)
        #expect(record["status"] as? String == "published")
        #expect(index["latestPublished"] as? String == first)
        // Publishing again changes nothing.
        let again = try CLI.run(["publish", "--out", "out"], in: ws)
        #expect(again.stdout == "version \(first) is already published and unchanged; nothing to do\n", "\(again.stderr)")
        #expect(try CLI.snapshot(out.appendingPathComponent(first)) == published)

        // An edit without a version bump is refused, and nothing is written.
        try renameGlucose(in: ws, to: "glucose")  // a spelling fix: a rename of meaning would be refused by publish
        let before = try CLI.snapshot(out)
        for command in [["build"], ["publish"]] {
            let refused = try CLI.run(command + ["--out", "out"], in: ws)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("error: version \(first) is published and never changes, but the sources differ from it in 1 place (HS0001D renamed"), "\(refused.stderr)")
            #expect(refused.stderr.contains("raise 'version'") && refused.stderr.contains("[LT1302]"))
            #expect(try CLI.snapshot(out) == before)
        }
        #expect(try CLI.run(["build", "--check", "--out", "out"], in: ws).status == 1)

        // The next version is built and published beside it; the first is unchanged.
        let parts = first.split(separator: ".").compactMap { Int($0) }
        let next = "\(parts[0]).\(parts[1] + 1).0"
        try setVersion(next, in: ws)
        let build = try CLI.run(["build", "--out", "out"], in: ws)
        #expect(build.status == 0, "\(build.stderr)")
        let second = try CLI.run(["publish", "--out", "out", "--signing-key", "keys/release.pem"], in: ws)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try CLI.snapshot(out.appendingPathComponent(first)) == published)
        let release = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("\(next)/release.json"))) as? [String: Any])
        #expect(release["previousRelease"] as? String == first)
        #expect(try CLI.run(["check", "--out", "out"], in: ws).status == 0)
        #expect(try CLI.run(["build", "--check", "--out", "out"], in: ws).status == 0)

        // verify passes on folders and archives, with the right key.
        for path in ["out/\(first)", "out/\(next)", "out/\(next)/dist/LienThongCanLamSang-\(next).tar.gz", "out/\(next)/dist/package.tgz"] {
            let verified = try CLI.run(["verify", path, "--public-key", "keys/release.pub.pem"], in: ws)
            #expect(verified.status == 0, "\(path): \(verified.stderr)")
            #expect(verified.stdout.contains("signature valid"))
        }

        // A hand edit to the first release is named by check, build --check and verify.
        let csv = out.appendingPathComponent("\(first)/csv/entries.csv")
        let original = try Data(contentsOf: csv)
        try CLI.write("tampered", to: csv)
        for command in [["check"], ["build", "--check"], ["build"]] {
            let caught = try CLI.run(command + ["--out", "out"], in: ws)
            #expect(caught.status == 1)
            #expect(caught.stderr.contains("out/\(first)/csv/entries.csv: error: this file of a published release differs from its release.json"), "\(command): \(caught.stderr)")
        }
        try expectVerifyFails("out/\(first)", ws, "out/\(first)/csv/entries.csv: error: this file of a published release differs")
        try original.write(to: csv)

        // A missing file, an extra file, a tampered release.json, a wrong key.
        try FileManager.default.moveItem(at: csv, to: ws.appendingPathComponent("entries.csv"))
        try expectVerifyFails("out/\(first)", ws, "out/\(first)/csv/entries.csv: error: this file of a published release is missing")
        try FileManager.default.moveItem(at: ws.appendingPathComponent("entries.csv"), to: csv)
        try CLI.write("extra", to: out.appendingPathComponent("\(first)/json/extra.json"))
        try expectVerifyFails("out/\(first)", ws, "out/\(first)/json/extra.json: error: this file is not part of the published release")
        #expect(try CLI.run(["check", "--out", "out"], in: ws).stderr.contains("json/extra.json: error: this file is not part of the published release"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("\(first)/json/extra.json"))
        let manifest = out.appendingPathComponent("\(first)/release.json")
        let manifestBytes = try Data(contentsOf: manifest)
        try CLI.write(String(decoding: manifestBytes, as: UTF8.self).replacingOccurrences(of: "\"effectiveDate\": \"2026-07-01\"", with: "\"effectiveDate\": \"2026-07-02\""), to: manifest)
        try expectVerifyFails("out/\(first)", ws, "release.json.sig: error: the signature does not match release.json")
        #expect(try CLI.run(["check", "--out", "out"], in: ws).stderr.contains("release.json of version \(first) is not the one index.json recorded"))
        try manifestBytes.write(to: manifest)
        let otherKeys = try CLI.run(["keygen", "--private-key", "keys/other.pem", "--public-key", "keys/other.pub.pem"], in: ws)
        #expect(otherKeys.status == 0)
        let wrongKey = try CLI.run(["verify", "out/\(first)", "--public-key", "keys/other.pub.pem"], in: ws)
        #expect(wrongKey.status == 1)
        #expect(wrongKey.stderr.contains("the signature does not match release.json and the public key"))
        // A tampered archive.
        let archive = out.appendingPathComponent("\(next)/dist/package.tgz")
        var archiveBytes = try Data(contentsOf: archive)
        archiveBytes[archiveBytes.count / 2] ^= 0xff
        try archiveBytes.write(to: archive)
        try expectVerifyFails("out/\(next)/dist/package.tgz", ws, "out/\(next)/dist/package.tgz: error: this file of a published release differs")
        #expect(try staging(in: out).isEmpty)
    }

    func expectVerifyFails(_ path: String, _ ws: URL, _ message: String) throws {
        let result = try CLI.run(["verify", path, "--public-key", "keys/release.pub.pem"], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// Publishing the same sources on machines in different time zones and locales gives the
    /// same bytes, archives included; the archives read back with Python's tarfile.
    @Test func publishingIsReproducible() throws {
        let (ws, _) = try workspace()
        let a = try CLI.run(["publish", "--out", "a"], in: ws, environment: ["TZ": "Asia/Ho_Chi_Minh", "LC_ALL": "vi_VN.UTF-8"])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CLI.run(["publish", "--out", "b"], in: ws, environment: ["TZ": "America/Los_Angeles", "LC_ALL": "C"])
        #expect(b.status == 0, "\(b.stderr)")
        let snapshotA = try CLI.snapshot(ws.appendingPathComponent("a"))
        #expect(snapshotA == (try CLI.snapshot(ws.appendingPathComponent("b"))))
        #expect(snapshotA.keys.contains { $0.hasSuffix("dist/package.tgz") })
    }

    /// A second writer waits for the lock, then fails cleanly, and the folder stays intact;
    /// with time to wait, two builds of different versions at once both land in the index.
    @Test func oneWriterAtATime() throws {
        let (ws, out) = try workspace()
        #expect(try CLI.run(["build", "--out", "out"], in: ws).status == 0)
        let before = try CLI.snapshot(out)
        let held = try FolderLock.acquire(out.path, .exclusive, waiting: 0)
        for command in [["build"], ["publish"]] {
            let blocked = try CLI.run(command + ["--out", "out", "--lock-wait", "0.2"], in: ws)
            #expect(blocked.status == 1)
            #expect(blocked.stderr.contains("out: error: another lienthong run is writing this folder (waited 0 s); run again when it has finished [LT1303]\n1 error, 0 warnings\n"), "\(blocked.stderr)")
        }
        #expect(try CLI.run(["check", "--out", "out", "--lock-wait", "0"], in: ws).status == 1)
        held.release()
        #expect(try CLI.snapshot(out) == before)

        // Two versions built at once (each from its own copy of the sources), in both orders,
        // into a fresh folder each time: the runs take turns, and the folder ends consistent (a
        // lower version that comes second is refused, as versions only go forward).
        let first = try version(of: ws)
        let other = ws.appendingPathComponent("other")
        try FileManager.default.copyItem(at: ws.appendingPathComponent("annexes"), to: other)
        let manifest = other.appendingPathComponent("catalog.yaml")
        try CLI.write(try CLI.read(manifest).replacingOccurrences(of: "version: \(first)", with: "version: 2026.9.0"), to: manifest)
        for (round, order) in [["annexes", "other"], ["other", "annexes"]].enumerated() {
            let folder = "race-\(round)"
            let processes = try order.map { annexes -> Process in
                let p = Process()
                p.executableURL = CLI.binary
                p.arguments = ["build", "--annexes", annexes, "--out", folder, "--lock-wait", "60"]
                p.currentDirectoryURL = ws
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                try p.run()
                return p
            }
            for p in processes { p.waitUntilExit() }
            let statuses = Dictionary(uniqueKeysWithValues: zip(order, processes.map(\.terminationStatus)))
            #expect(statuses["other"] == 0)
            let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ws.appendingPathComponent(folder + "/index.json"))) as? [String: Any])
            let listed = (index["releases"] as? [[String: Any]])?.compactMap { $0["version"] as? String }
            let present = try FileManager.default.contentsOfDirectory(atPath: ws.appendingPathComponent(folder).path).filter { $0.first?.isNumber == true }.sorted()
            #expect(listed == (statuses["annexes"] == 0 ? [first, "2026.9.0"] : ["2026.9.0"]))
            #expect(present == listed)
            #expect(try CLI.run(["build", "--check", "--annexes", "other", "--out", folder], in: ws).status == 0)
            #expect(try staging(in: ws.appendingPathComponent(folder)).isEmpty)
        }
    }

    /// A staging folder left by a killed run is removed by the next writer; a truncated
    /// index is an error that names the file, not a reason to start again.
    @Test func leftoversAndABrokenIndex() throws {
        let (ws, out) = try workspace()
        #expect(try CLI.run(["build", "--out", "out"], in: ws).status == 0)
        try FileManager.default.createDirectory(at: out.appendingPathComponent(".lienthong-staging-999999/2026.1.0"), withIntermediateDirectories: true)
        try CLI.write("half", to: out.appendingPathComponent(".lienthong-staging-999999/2026.1.0/x"))
        #expect(try CLI.run(["build", "--out", "out"], in: ws).status == 0)
        #expect(try staging(in: out).isEmpty)
        let index = out.appendingPathComponent("index.json")
        let bytes = try Data(contentsOf: index)
        try bytes.prefix(bytes.count / 2).write(to: index)
        for command in [["check"], ["build"], ["publish"], ["build", "--check"]] {
            let result = try CLI.run(command + ["--out", "out"], in: ws)
            #expect(result.status == 1)
            #expect(result.stderr.contains("out/index.json: error: this index of published versions cannot be read"), "\(command): \(result.stderr)")
        }
        #expect(try Data(contentsOf: index) == bytes.prefix(bytes.count / 2))
    }
}

/// Special files where the tool expects a regular file or folder are named for what they are,
/// promptly: a FIFO never blocks a run.
@Suite struct SpecialFileTests {
    /// Runs the binary, failing the test (and killing the run) if it takes over 20 s.
    func runBounded(_ arguments: [String], in ws: URL) throws -> CLI.Result {
        let deadline = DispatchTime.now() + 20
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            box.result = try? CLI.run(arguments, in: ws)
            done.signal()
        }
        if done.wait(timeout: deadline) == .timedOut {
            Issue.record("\(arguments) hung")
        }
        return try #require(box.result)
    }

    final class ResultBox: @unchecked Sendable { var result: CLI.Result? }

    @Test(arguments: ["annexes/lab.yaml", "annexes/catalog.yaml", "out/index.json"])
    func aFIFOIsNamedNotOpened(_ path: String) throws {
        let ws = try CLI.workspace(copying: "Tests/Fixtures/golden/yaml")
        #expect(try CLI.run(["build", "--out", "out"], in: ws).status == 0)
        let target = ws.appendingPathComponent(path)
        try FileManager.default.removeItem(at: target)
        #expect(mkfifo(target.path, 0o644) == 0)
        for command in [["check"], ["build"]] {
            let result = try runBounded(command + ["--out", "out"], in: ws)
            #expect(result.status == 1)
            #expect(result.stderr.contains("FIFO"), "\(command) on \(path): \(result.stderr)")
        }
    }
}
