import CatalogCore
import CatalogPipeline
import CatalogRelease
import Foundation
import Testing

/// The release feeds `publish` writes at the top of the output folder: in the same commit as
/// `index.json`, byte-identical wherever and whenever they are written, checked by the gate
/// ([LT1310]), and a commit cut short between them and the index finished by the next run.
@Suite struct ReleaseFeedTests {
    func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    @Test func publishWritesTheThreeFeedsDescribingEachPublishedRelease() throws {
        let f = try ReleaseGateTests.published()
        defer { f.remove() }
        for name in FolderFeeds.names {
            #expect(FileManager.default.fileExists(atPath: f.out + "/" + name), "\(name) is not written")
        }
        let atom = String(decoding: contents(f.out + "/syndication.xml") ?? [], as: UTF8.self)
        let package = try FileDigest.of(file: f.out + "/1.2.0/dist/package.tgz")
        #expect(atom.contains("length=\"\(package.size)\" ncts:sha256Hash=\"\(package.sha256)\""))
        let manifest = try FileDigest.of(file: f.out + "/1.2.0/release.json")
        #expect(atom.contains("/1.2.0/release.json\" length=\"\(manifest.size)\" ncts:sha256Hash=\"\(manifest.sha256)\""))
        #expect(atom.contains("<ncts:contentItemVersion>1.2.0</ncts:contentItemVersion>"))
        // A second run changes nothing: the feeds are a function of the index and the releases.
        let again = f.run(.build)
        #expect(again.errorRules.isEmpty, "\(again.diagnostics)")
        #expect(f.run(.compare).errorRules.isEmpty)
    }

    @Test func theFeedsAreByteIdenticalInAnotherTimeZoneAndAnotherFolder() throws {
        let first = try ReleaseGateTests.published()
        defer { first.remove() }
        let zone = ProcessInfo.processInfo.environment["TZ"]
        setenv("TZ", "Pacific/Kiritimati", 1)
        tzset()
        defer {
            if let zone { setenv("TZ", zone, 1) } else { unsetenv("TZ") }
            tzset()
        }
        let second = try ReleaseGateTests.published()
        defer { second.remove() }
        for name in FolderFeeds.names {
            #expect(contents(first.out + "/" + name) == contents(second.out + "/" + name), "\(name) differs")
        }
    }

    @Test func aTamperedFeedIsLT1310ForEveryCommand() throws {
        let f = try ReleaseGateTests.published()
        defer { f.remove() }
        let feed = f.out + "/package-list.json"
        var bytes = contents(feed) ?? []
        bytes.append(contentsOf: Array(" ".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: feed))
        for goal in [CatalogPipeline.Goal.check, .compare, .build] {
            let run = f.run(goal)
            #expect(run.errorRules == ["LT1310"], "\(run.diagnostics)")
            #expect(run.diagnostics.first?.location.file == feed)
        }
        // Deleted, it is written again by the next build.
        try FileManager.default.removeItem(atPath: feed)
        #expect(f.run(.build).errorRules.isEmpty)
        #expect(f.run(.check).errorRules.isEmpty)
        #expect(FileManager.default.fileExists(atPath: feed))
    }

    @Test func aCommitCutShortBetweenTheFeedsAndTheIndexIsFinishedByTheNextRun() throws {
        let f = try ReleaseGateTests.published()
        defer { f.remove() }
        // What a publish of 1.3.0 killed after moving the feeds, before index.json, leaves: a
        // staging folder with its journal and the staged index.json.
        let next = try PipelineFixture()
        defer { next.remove() }
        try FileManager.default.removeItem(atPath: next.annexes)
        try FileManager.default.copyItem(atPath: f.annexes, toPath: next.annexes)
        try? FileManager.default.removeItem(atPath: next.out)
        try FileManager.default.copyItem(atPath: f.out, toPath: next.out)
        try next.setVersion("1.3.0")
        #expect(next.run(.publish(signingKey: nil)).errorRules.isEmpty)
        let staging = f.out + "/" + OutputStage.stagingPrefix + "killed"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: next.out + "/1.3.0", toPath: f.out + "/1.3.0")
        for name in FolderFeeds.names {
            try? FileManager.default.removeItem(atPath: f.out + "/" + name)
            try FileManager.default.copyItem(atPath: next.out + "/" + name, toPath: f.out + "/" + name)
        }
        try FileManager.default.copyItem(atPath: next.out + "/index.json", toPath: staging + "/index.json")
        try Data((FolderFeeds.names + ["index.json"]).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: staging + "/.lienthong-commit"))
        // A reader (shared lock) finds the commit finished: new feeds and new index together.
        let check = f.run(.check)
        #expect(!check.errorRules.contains("LT1310"), "\(check.diagnostics)")
        #expect(contents(f.out + "/index.json") == contents(next.out + "/index.json"))
        #expect(!FileManager.default.fileExists(atPath: staging))
    }
}
