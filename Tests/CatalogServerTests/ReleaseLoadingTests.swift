import CatalogServer
import Foundation
import Testing

/// Loading and reloading releases: drafts, verification, atomic swap.
@Suite struct ReleaseLoadingTests {
    @Test func theRealFolderServesThreePublishedReleasesLatestByDefault() throws {
        let set = Serving.real.store.snapshot
        #expect(set.releases.map(\.version) == ["2026.1.0", "2026.2.0", "2026.3.0"])
        #expect(set.latest?.version == "2026.3.0")
        #expect(set.release("2026.2")?.version == "2026.2.0")
        #expect(set.release("2027.1.0") == nil)
    }

    @Test func aReleaseThatFailsVerificationIsRefusedAndTheOthersServed() throws {
        let folder = try Serving.copyOfGenerated()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/2026.2.0/csv/entries.csv"
        try Data("tampered\n".utf8).write(to: URL(fileURLWithPath: csv))
        let (set, events) = try ReleaseLoader(folder: folder, includeDrafts: false).load(generation: 1)
        #expect(set.releases.map(\.version) == ["2026.1.0", "2026.3.0"])
        #expect(events.contains { $0.level == .error && $0.version == "2026.2.0" })
    }

    @Test func reloadSwapsInANewSetAndKeepsAReleaseThatBecameCorrupt() async throws {
        let folder = try Serving.copyOfGenerated()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try Serving.server(folder)
        let before = server.store.snapshot
        #expect(before.releases.count == 3)
        // Corrupt the latest release on disk: the reload refuses it and keeps the copy loaded.
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/2026.3.0/json/catalog.json"))
        #expect(server.reload())
        let after = server.store.snapshot
        #expect(after.generation > before.generation)
        #expect(after.releases.map(\.version) == ["2026.1.0", "2026.2.0", "2026.3.0"])
        // A request that took the old snapshot still answers from it.
        #expect(before.latest?.entry("HS0001D") != nil)
        // An index that cannot be read: the reload is refused, the previous set kept.
        try Data("not json".utf8).write(to: URL(fileURLWithPath: folder + "/index.json"))
        #expect(!server.reload())
        #expect(server.store.snapshot.generation == after.generation)
    }

    @Test func draftsAreServedOnlyWhenAsked() throws {
        let folder = try Serving.copyOfGenerated()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Mark the latest release a draft in the index (as a folder being built would be).
        let indexPath = folder + "/index.json"
        var text = try String(contentsOfFile: indexPath, encoding: .utf8)
        let marker = "\"version\": \"2026.3.0\",\n      \"status\": \"published\""
        #expect(text.contains(marker))
        text = text.replacingOccurrences(of: marker, with: "\"version\": \"2026.3.0\",\n      \"status\": \"draft\"")
        try text.write(toFile: indexPath, atomically: true, encoding: .utf8)
        let published = try ReleaseLoader(folder: folder, includeDrafts: false).load(generation: 1).set
        #expect(published.latest?.version == "2026.2.0")
        let withDrafts = try ReleaseLoader(folder: folder, includeDrafts: true).load(generation: 1).set
        // Every release the index lists is served with the flag, drafts included (2026.3.0 marked
        // a draft here, and whatever draft the folder holds beside the releases).
        #expect(withDrafts.releases.map(\.version).prefix(3) == ["2026.1.0", "2026.2.0", "2026.3.0"])
        #expect(!published.releases.contains { $0.status == .draft })
        #expect(withDrafts.latest?.version == "2026.2.0")
        #expect(withDrafts.release("2026.3.0")?.status == .draft)
    }

    @Test func aFolderWithoutAnIndexIsAnError() throws {
        #expect(throws: ReleaseLoader.Failure.self) {
            try ReleaseLoader(folder: "/nonexistent-\(UUID().uuidString)", includeDrafts: false).load(generation: 1)
        }
    }
}
