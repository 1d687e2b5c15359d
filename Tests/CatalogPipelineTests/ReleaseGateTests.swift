import CatalogCore
import CatalogPipeline
import CatalogRelease
import Foundation
import Testing

/// One gate: `check`, `build`, `build --check` and `publish` apply the same rules to the same
/// compilation and the same snapshot of the published folder, so what `publish` refuses,
/// `check` reports first, with the same rule ID.
@Suite struct ReleaseGateTests {
    /// A workspace whose catalog (1.2.0) is published.
    static func published() throws -> PipelineFixture {
        let f = try PipelineFixture()
        let run = f.run(.publish(signingKey: nil))
        #expect(run.errorRules.isEmpty, "\(run.diagnostics)")
        return f
    }

    @Test func aMeaningChangeInTheEnglishNameIsRefusedByCheckAsByPublish() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.setVersion("1.3.0")
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood]", "nameEn: Insulin, quantitative [blood]")
        let check = f.run(.check), build = f.run(.build), publish = f.run(.publish(signingKey: nil))
        #expect(check.errorRules == ["LT0910"])
        #expect(build.errorRules == check.errorRules)
        #expect(publish.errorRules == check.errorRules)
        #expect(check.diagnostics.first { $0.rule == .meaningChanged }?.location.file.hasSuffix("annexes/lab.yaml") == true)
        // The fix names every legitimate route.
        let message = check.diagnostics.first { $0.rule == .meaningChanged }?.message ?? ""
        #expect(message.contains("clarifications") && message.contains("retire HS0001D") && message.contains("waive"))
        #expect(publish.outcome == nil)
    }

    @Test func spellingFixesPassAndAWaiverTurnsTheRefusalIntoAWarning() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.setVersion("1.3.0")
        for name in ["Định lượng glucose [máu]", "Dinh luong Glucose [Mau]", "Định lượng Glucoza [Máu]"] {
            try f.edit("lab.yaml", "nameVi: Định lượng Glucose [Máu]", "nameVi: \(name)")
            #expect(f.run(.check).errorRules.isEmpty, "\(name)")
            try f.edit("lab.yaml", "nameVi: \(name)", "nameVi: Định lượng Glucose [Máu]")
        }
        try f.edit("lab.yaml", "nameVi: Định lượng Glucose [Máu]", "nameVi: Định lượng Insulin [Máu]")
        #expect(f.run(.check).errorRules == ["LT0910"])
        try f.appendToManifest("waivers:\n  - code: HS0001D\n    rule: LT0910\n    version: 1.3.0\n    justification: Lỗi nhập liệu đã được xác minh.\n")
        let waived = f.run(.check)
        #expect(waived.errorRules.isEmpty)
        #expect(waived.warningRules.contains("LT0910"))
    }

    @Test func aDeclaredClarificationPassesAndIsListedAsOne() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.setVersion("1.3.0")
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood]", "nameEn: Blood glucose concentration (quantitative)")
        try f.appendToManifest("clarifications:\n  - version: 1.3.0\n    codes: [HS0001D]\n    reason: English name reworded; same test.\n")
        let check = f.run(.check)
        #expect(check.errorRules.isEmpty, "\(check.diagnostics)")
        #expect(check.verdict?.report?.changes.first { $0.code == "HS0001D" }?.kind.rawValue == "clarified-en")
        let publish = f.run(.publish(signingKey: nil))
        #expect(publish.errorRules.isEmpty, "\(publish.diagnostics)")
        let notes = try String(contentsOfFile: f.out + "/1.3.0/changes/RELEASE-NOTES.md", encoding: .utf8)
        #expect(notes.contains("Làm rõ tên, giữ nguyên nghĩa / Name clarifications, meaning kept"))
        #expect(notes.contains("English name reworded; same test."))
    }

    @Test func anUnusedClarificationIsAWarning() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.setVersion("1.3.0")
        try f.appendToManifest("clarifications:\n  - version: 1.3.0\n    codes: [HS0001D]\n    reason: Nothing changed.\n")
        let check = f.run(.check)
        #expect(check.errorRules.isEmpty)
        #expect(check.warningRules.contains("LT0913"))
    }

    @Test func anEditWithoutRaisingThePublishedVersionIsRefusedByCheckAsByBuild() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood]", "nameEn: Glucose, quantitative [blood serum]")
        let check = f.run(.check), build = f.run(.build), compare = f.run(.compare)
        #expect(check.errorRules == ["LT1302"])
        #expect(build.errorRules == ["LT1302"])
        #expect(compare.errorRules == ["LT1302"])
        // The manifest's own text counts too.
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood serum]", "nameEn: Glucose, quantitative [blood]")
        #expect(f.run(.check).errorRules.isEmpty)
        try f.edit("catalog.yaml", "titleEn: ", "titleEn: The ")
        #expect(f.run(.check).errorRules == ["LT1302"])
    }

    @Test func aTamperedReleaseIsADiagnosticOfEveryCommand() throws {
        let f = try Self.published()
        defer { f.remove() }
        let csv = f.out + "/1.2.0/csv/entries.csv"
        try Data("tampered\n".utf8).write(to: URL(fileURLWithPath: csv))
        for goal in [CatalogPipeline.Goal.check, .compare, .build] {
            let run = f.run(goal)
            #expect(run.errorRules == ["LT1301"], "\(run.diagnostics)")
            #expect(run.diagnostics.first?.location.file == csv)
        }
    }

    @Test func draftsBindNothing() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.setVersion("1.5.0")
        #expect(f.run(.build).errorRules.isEmpty)
        // Going back below the draft: allowed, with a warning naming the draft.
        try f.setVersion("1.3.0")
        let check = f.run(.check)
        #expect(check.errorRules.isEmpty, "\(check.diagnostics)")
        #expect(check.warningRules == ["LT1308"])
        #expect(f.run(.build).errorRules.isEmpty)
        try ReleaseSigning.discard(version: "1.5.0", in: OutputFolder(root: f.out))
        #expect(f.run(.check).warningRules.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: f.out + "/1.5.0"))
        // A published version is never discarded; below it, the version is refused.
        #expect(throws: ReleaseError.self) { try ReleaseSigning.discard(version: "1.2.0", in: OutputFolder(root: f.out)) }
        try f.setVersion("1.1.0")
        #expect(f.run(.check).errorRules.contains("LT0805"))
    }

    @Test func publishReadsTheSourcesOnceAndEachPublishedCatalogOnce() throws {
        let f = try Self.published()
        defer { f.remove() }
        try f.setVersion("1.3.0")
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood]", "nameEn: Glucose, quantitative [blood] ")
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood] ", "nameEn: Glucose (quantitative) [blood]")
        let sources = CountingFileSystem(), published = CountingFileSystem()
        let run = f.pipeline(sources: sources, published: published).run(.publish(signingKey: nil))
        #expect(run.errorRules.isEmpty, "\(run.diagnostics)")
        #expect(!sources.reads.isEmpty && sources.reads.values.allSatisfy { $0 == 1 }, "\(sources.reads)")
        #expect(published.reads == [f.out + "/1.2.0/json/catalog.json": 1])
    }

    @Test func signingAPublishedReleaseLaterChangesNoByteOfIt() throws {
        let f = try Self.published()
        defer { f.remove() }
        let before = try FileManager.default.contentsOfDirectory(atPath: f.out + "/1.2.0").sorted()
        let pair = ReleaseKeys.generate()
        let key = try ReleaseKeys.privateKey(pem: pair.privatePEM, path: "key.pem")
        #expect(try ReleaseSigning.sign(version: "1.2.0", in: OutputFolder(root: f.out), with: key) == .signed(f.out + "/1.2.0/release.json.sig"))
        #expect(try ReleaseSigning.sign(version: "1.2.0", in: OutputFolder(root: f.out), with: key) == .alreadySigned)
        let report = ReleaseVerifier.verify(folder: f.out + "/1.2.0", publicKey: key.publicKey)
        #expect(report.problems.isEmpty && report.signatureVerified)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.out + "/1.2.0").sorted() == (before + ["release.json.sig"]).sorted())
        #expect(f.run(.check).errorRules.isEmpty)
        // A signature that was published and is then removed is noticed.
        try FileManager.default.removeItem(atPath: f.out + "/1.2.0/release.json.sig")
        #expect(f.run(.check).errorRules == ["LT1307"])
    }

    @Test func aSymlinkInAReleaseIsRefusedNotFollowed() throws {
        let f = try Self.published()
        defer { f.remove() }
        try FileManager.default.createSymbolicLink(atPath: f.out + "/1.2.0/csv/elsewhere", withDestinationPath: "/etc")
        let report = ReleaseVerifier.verify(folder: f.out + "/1.2.0", publicKey: nil)
        #expect(report.problems.map(\.path) == [f.out + "/1.2.0/csv/elsewhere"])
        #expect(f.run(.check).errorRules == ["LT1301"])
    }
}
