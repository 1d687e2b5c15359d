import CatalogCore
import Foundation
import Testing
import TestSupport

/// `lienthong diff` and the meaning-change guard of `check`, run as CI runs them.
@Suite struct DiffCommandTests {
    static let generated = CLI.root.appendingPathComponent("generated").path
    /// The latest published release: the sources differ from it only by what a test changes.
    static var latest: String {
        let index = try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: generated + "/index.json"))) as? [String: Any]
        return index?["latestPublished"] as? String ?? "2026.1.0"
    }

    /// A copy of the real sources with HS0001D renamed from Glucose to Insulin, its glucose
    /// mappings kept (the change issue 13 starts from); returns the workspace and the line.
    static func insulinWorkspace() throws -> (URL, Int) {
        let ws = try CLI.workspace(copying: "annexes")
        try raiseVersion(in: ws)
        let file = ws.appendingPathComponent("annexes/01-hoa-sinh.yaml")
        var lines = try CLI.read(file).components(separatedBy: "\n")
        let line = try #require(lines.firstIndex { $0.contains("nameVi: Định lượng Glucose [Máu]") })
        lines[line] = lines[line].replacingOccurrences(of: "Glucose", with: "Insulin")
        try CLI.write(lines.joined(separator: "\n"), to: file)
        return (ws, line + 1)
    }

    /// Raises the workspace's manifest version above the latest published one (an edit is a
    /// new edition; sources at a published version must compile to that very release).
    static func raiseVersion(in ws: URL) throws {
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        let published = try #require(SemanticVersion(latest))
        try CLI.write(try CLI.read(manifest).replacing(/\nversion: \S+\n/, with: "\nversion: \(published.major).\(published.minor + 1).0\n"), to: manifest)
    }

    @Test func glucoseToInsulinIsRefusedByCheck() throws {
        let (ws, line) = try Self.insulinWorkspace()
        let result = try CLI.run(["check", "--annexes", "annexes", "--out", Self.generated], in: ws)
        #expect(result.status == 1)
        #expect(result.stderr.contains("annexes/01-hoa-sinh.yaml:\(line):13: error: HS0001D renamed from 'Định lượng Glucose [Máu]' to 'Định lượng Insulin [Máu]'"), "\(result.stderr)")
        #expect(result.stderr.contains("retire HS0001D and add a new entry"))
        #expect(result.stderr.contains("[LT0910]"))
    }

    @Test func glucoseToInsulinIsRefusedByDiffInEveryFormat() throws {
        let (ws, line) = try Self.insulinWorkspace()
        let text = try CLI.run(["diff", Self.latest, "annexes", "--out", Self.generated], in: ws)
        #expect(text.status == 1)
        #expect(text.stdout.contains("annexes/01-hoa-sinh.yaml:\(line):13: breaking: HS0001D renamed from 'Định lượng Glucose [Máu]' to 'Định lượng Insulin [Máu]'"))
        #expect(text.stdout.contains("[LT0910 renamed-vi]"))
        #expect(text.stdout.contains("retire HS0001D and add a new entry"))
        #expect(text.stdout.contains("declare it in the manifest's 'clarifications'"))
        let github = try CLI.run(["diff", Self.latest, "annexes", "--out", Self.generated, "--format", "github"], in: ws)
        #expect(github.status == 1)
        #expect(github.stdout.contains("::error file=annexes/01-hoa-sinh.yaml,line=\(line),col=13,title=LT0910 renamed-vi::HS0001D renamed"))
        let markdown = try CLI.run(["diff", Self.latest, "annexes", "--out", Self.generated, "--format", "markdown"], in: ws)
        #expect(markdown.stdout.contains("| `LT0910` | `HS0001D` |"))
        let json = try CLI.run(["diff", Self.latest, "annexes", "--out", Self.generated, "--format", "json", "--fail-on", "none"], in: ws)
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["rule"] as? String == "LT0910" && $0["code"] as? String == "HS0001D" && $0["breaking"] as? Bool == true })
    }

    @Test func aSpellingFixPassesCheck() throws {
        let ws = try CLI.workspace(copying: "annexes")
        try Self.raiseVersion(in: ws)
        let file = ws.appendingPathComponent("annexes/01-hoa-sinh.yaml")
        try CLI.write(try CLI.read(file).replacingOccurrences(of: "nameVi: Định lượng Glucose [Máu]", with: "nameVi: Định lượng glucose [máu]"), to: file)
        let result = try CLI.run(["check", "--annexes", "annexes", "--out", Self.generated], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aWaiverInTheManifestIsValidatedAndShown() throws {
        let (ws, _) = try Self.insulinWorkspace()
        let manifest = ws.appendingPathComponent("annexes/catalog.yaml")
        // A version above the latest published (a rename is a change, which needs one); the
        // waiver list is added to, or started.
        let published = try #require(SemanticVersion(Self.latest))
        let version = "\(published.major).\(published.minor + 1).0"
        let original = try CLI.read(manifest).replacing(/\nversion: \S+\n/, with: "\nversion: \(version)\n")
        let header = original.contains("\nwaivers:\n") ? "" : "waivers:\n"
        let waiver = header + """
          - code: HS0001D
            rule: LT0910
            version: \(version)
            justification: Tên Glucose là lỗi nhập liệu; dịch vụ luôn là định lượng Insulin.

        """
        try CLI.write(original + waiver, to: manifest)
        let check = try CLI.run(["check", "--annexes", "annexes", "--out", Self.generated], in: ws)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("warning: HS0001D renamed from 'Định lượng Glucose [Máu]' to 'Định lượng Insulin [Máu]'"))
        let diff = try CLI.run(["diff", Self.latest, "annexes", "--out", Self.generated], in: ws)
        #expect(diff.status == 0, "\(diff.stdout)")
        #expect(diff.stdout.contains("waived: HS0001D renamed"))
        #expect(diff.stdout.contains("Tên Glucose là lỗi nhập liệu"))

        try CLI.write(original + waiver.replacingOccurrences(of: "rule: LT0910", with: "rule: LT0101"), to: manifest)
        let bad = try CLI.run(["check", "--annexes", "annexes", "--out", Self.generated], in: ws)
        #expect(bad.status == 1)
        let waiverLine = original.components(separatedBy: "\n").count + (header.isEmpty ? 1 : 2)
        #expect(bad.stderr.contains("annexes/catalog.yaml:\(waiverLine):11: error: rule 'LT0101' cannot be waived"))
        #expect(bad.stderr.contains("[LT0911]"))
    }

    @Test func againstAGitRevision() throws {
        let ws = try CLI.workspace(copying: "Tests/Fixtures/golden/yaml")
        let git = { (args: [String]) throws -> Void in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI", "-c", "commit.gpgsign=false"] + args
            p.currentDirectoryURL = ws
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-qm", "base"])
        let file = ws.appendingPathComponent("annexes/lab.yaml")
        try CLI.write(try CLI.read(file).replacingOccurrences(of: "nameVi: Định lượng Glucose [Máu]", with: "nameVi: Định lượng Insulin [Máu]"), to: file)
        let result = try CLI.run(["diff", "--against", "HEAD", "--out", "generated"], in: ws)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("lienthong diff: HEAD:annexes (1.2.0) → annexes (1.2.0)"))
        #expect(result.stdout.contains("[LT0910 renamed-vi]"))
        let clean = try CLI.run(["diff", "--against", "HEAD", "annexes", "annexes/../annexes", "--out", "generated"], in: ws)
        #expect(clean.stdout.contains("[LT0910 renamed-vi]"))
    }

    @Test func aReleaseArchiveAndItsFolderAreTheSameVersion() throws {
        let archive = Self.generated + "/2026.1.0/dist/LienThongCanLamSang-2026.1.0.tar.gz"
        let result = try CLI.run(["diff", archive, Self.generated + "/2026.1.0", "--fail-on", "any"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("no changes"))
        let missing = try CLI.run(["diff", "9.9.9", "annexes"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("'9.9.9' is neither"))
    }
}
