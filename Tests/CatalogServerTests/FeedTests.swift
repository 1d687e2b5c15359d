import CatalogRelease
import CatalogServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The release feeds served by `serve` (computed by ``ReleaseFeeds``) and the release files
/// they link to.
@Suite struct FeedTests {
    /// Whether `text` is well-formed XML.
    static func wellFormed(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test func theAtomFeedHasAnEntryPerPublishedReleaseWithTrueHashesAndLengths() async throws {
        try await Serving.with(Serving.real) { c in
            let atom = try await c.get("/syndication.xml")
            #expect(atom.status == .ok)
            #expect(atom.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            #expect(Self.wellFormed(atom.text))
            #expect(atom.text.contains("xmlns:ncts=\"http://ns.electronichealth.net.au/ncts/syndication/asf/extensions/1.0.0\""))
            #expect(atom.text.components(separatedBy: "<entry>").count - 1 == 3)
            let package = Serving.generated + "/2026.3.0/dist/package.tgz"
            let digest = try FileDigest.of(file: package)
            #expect(atom.text.contains("length=\"\(digest.size)\" ncts:sha256Hash=\"\(digest.sha256)\""))
            let manifest = try FileDigest.of(file: Serving.generated + "/2026.3.0/release.json")
            #expect(atom.text.contains("<link rel=\"related\" type=\"application/json\" href=\"http://localhost/releases/2026.3.0/release.json\" length=\"\(manifest.size)\" ncts:sha256Hash=\"\(manifest.sha256)\"/>")
                    || atom.text.contains("/releases/2026.3.0/release.json\" length=\"\(manifest.size)\" ncts:sha256Hash=\"\(manifest.sha256)\""))
            #expect(atom.text.contains("<ncts:contentItemVersion>2026.3.0</ncts:contentItemVersion>"))
        }
    }

    @Test func packageListAndPackageFeed() async throws {
        try await Serving.with(Serving.real) { c in
            let list = try await c.get("/package-list.json")
            let entries = (list.json?["list"] as? [[String: Any]]) ?? []
            #expect(entries.map { $0["version"] as? String } == ["2026.3.0", "2026.2.0", "2026.1.0"])
            #expect(entries.first?["current"] as? Bool == true)
            let rss = try await c.get("/package-feed.xml")
            #expect(Self.wellFormed(rss.text))
            #expect(rss.text.components(separatedBy: "<item>").count - 1 == 3)
            #expect(rss.text.contains("<pubDate>Wed, 01 Jul 2026 00:00:00 GMT</pubDate>"))
        }
    }

    @Test func theFilesTheFeedsLinkToAreServedAndNothingElse() async throws {
        try await Serving.with(Serving.real) { c in
            let package = try await c.get("/releases/2026.3.0/dist/package.tgz")
            #expect(package.status == .ok)
            #expect(package.headers[.eTag] != nil)
            let manifest = try await c.get("/releases/2026.3.0/release.json")
            #expect(manifest.json?["version"] as? String == "2026.3.0")
            let traversal = try await c.get("/releases/2026.3.0/../index.json")
            #expect(traversal.status == .notFound)
            let unlisted = try await c.get("/releases/2026.3.0/nothing.txt")
            #expect(unlisted.status == .notFound)
            let unknown = try await c.get("/releases/1.0.0/release.json")
            #expect(unknown.status == .notFound)
        }
    }
}
