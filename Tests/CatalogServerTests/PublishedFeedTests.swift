import CatalogRelease
import CatalogServer
import Foundation
import Testing

/// `serve` serves the feeds `publish` wrote, as written, and refuses one that differs from what
/// the index and the releases give (the gate's check, LT1310).
@Suite struct PublishedFeedTests {
    @Test func theFeedsAreServedAsPublishedWithTheirOwnLinks() async throws {
        try await Serving.with(Serving.real) { c in
            for name in FolderFeeds.names {
                let served = try await c.get("/" + name)
                #expect(served.status == .ok, "\(name)")
                let onDisk = try String(contentsOfFile: Serving.generated + "/" + name, encoding: .utf8)
                #expect(served.text == onDisk, "\(name) is not served as published")
            }
            let list = try await c.get("/package-list.json")
            let first = (list.json?["list"] as? [[String: Any]])?.first
            #expect(first?["path"] as? String == "https://moh.gov.vn/fhir/releases/2026.3.0")
        }
    }

    @Test func aTamperedFeedIsRefusedAndNotServed() async throws {
        let folder = try Serving.copyOfGenerated()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/syndication.xml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "ncts:sha256Hash=\"", with: "ncts:sha256Hash=\"0").write(toFile: path, atomically: true, encoding: .utf8)
        let server = try Serving.server(folder)
        try await Serving.with(server) { c in
            let atom = try await c.get("/syndication.xml")
            #expect(atom.status == .notFound)
            let list = try await c.get("/package-list.json")
            #expect(list.status == .ok)
        }
    }
}
