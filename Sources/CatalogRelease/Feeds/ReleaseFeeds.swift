import CatalogEmitters
import Foundation

/// The feeds vendors poll for new releases, computed from the index and the published
/// releases' manifests (nothing else is read): an Atom feed in the NCTS syndication format
/// (HL7 FHIR syndication IG: `ncts:contentItemIdentifier`, `ncts:contentItemVersion`, every link
/// with its `length` and true `ncts:sha256Hash`, a `related` link to the release's
/// `release.json`), the IG publisher's `package-list.json`, and `package-feed.xml` (RSS 2.0, as
/// the FHIR package registry reads). `baseURL` is where the feeds themselves are
/// (`<baseURL>/syndication.xml`); links to release files are `<baseURL>/releases/<version>/<path>`,
/// as `lienthong serve` serves them.
public struct ReleaseFeeds: Sendable {
    /// One published release as the feeds describe it.
    public struct Release: Sendable {
        public var manifest: ReleaseManifest
        /// Size and SHA-256 of the release's `release.json` itself.
        public var manifestDigest: FileDigest
        public init(manifest: ReleaseManifest, manifestDigest: FileDigest) {
            self.manifest = manifest
            self.manifestDigest = manifestDigest
        }
    }

    public static let atomName = "syndication.xml"
    public static let packageListName = "package-list.json"
    public static let packageFeedName = "package-feed.xml"
    static let ncts = "http://ns.electronichealth.net.au/ncts/syndication/asf/extensions/1.0.0"
    static let nctsScheme = "http://ns.electronichealth.net.au/ncts/syndication/asf/scheme/1.0.0"
    static let nctsProfile = "http://ns.electronichealth.net.au/ncts/syndication/asf/profile/1.0.0"

    public let title: String
    public let publisher: String
    public let packageName: String
    public let baseURL: String
    /// The published releases, newest first.
    public let releases: [Release]

    /// The feeds of the published releases of `index` whose manifests are given (by version).
    public init(index: VersionIndex, manifests: [String: Release], title: String, publisher: String, packageName: String, baseURL: String) {
        self.title = title
        self.publisher = publisher
        self.packageName = packageName
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        releases = index.releases.filter { $0.status == .published }.reversed().compactMap { manifests[$0.version] }
    }

    /// The three files.
    public func files() -> [OutputFile] {
        [OutputFile(path: Self.atomName, bytes: Array(atom().utf8)),
         OutputFile(path: Self.packageListName, bytes: packageList()),
         OutputFile(path: Self.packageFeedName, bytes: Array(packageFeed().utf8))]
    }

    func url(_ release: Release, _ path: String) -> String { baseURL + "/releases/" + release.manifest.version + "/" + path }

    /// A stable `urn:uuid:` from text (the SHA-256 of it, shaped as a version-5 UUID).
    static func uuid(_ text: String) -> String {
        var d = Array(FileDigest.of(bytes: Array(text.utf8)).sha256.prefix(32))
        d[12] = "5"
        d[16] = ["8", "9", "a", "b"][Int(String(d[16]), radix: 16)! % 4]
        let s = String(d)
        func p(_ a: Int, _ n: Int) -> Substring { s.dropFirst(a).prefix(n) }
        return "urn:uuid:\(p(0, 8))-\(p(8, 4))-\(p(12, 4))-\(p(16, 4))-\(p(20, 12))"
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The NCTS Atom feed: one entry per published release, for its FHIR package.
    public func atom() -> String {
        let updated = (releases.first?.manifest.effectiveDate ?? "1970-01-01") + "T00:00:00Z"
        let canonical = releases.first?.manifest.canonicalUrl ?? baseURL
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:ncts=\"\(Self.ncts)\">",
            "  <id>\(Self.uuid("feed " + canonical))</id>",
            "  <title>\(Self.xml(title))</title>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Self.xml(baseURL + "/" + Self.atomName))\"/>",
            "  <generator>lienthong</generator>",
            "  <updated>\(updated)</updated>",
            "  <ncts:atomSyndicationFormatProfile>\(Self.nctsProfile)</ncts:atomSyndicationFormatProfile>",
        ]
        for r in releases {
            let m = r.manifest
            guard let archive = m.archives.first(where: { $0.kind == "fhir-package" }), let file = m.file(archive.path) else { continue }
            lines += [
                "  <entry>",
                "    <id>\(Self.uuid("entry " + m.canonicalUrl + "|" + m.version))</id>",
                "    <title>\(Self.xml(m.name + " " + m.version))</title>",
                "    <summary>\(Self.xml("FHIR package \(packageName)#\(m.version) of \(m.canonicalUrl), effective \(m.effectiveDate)"))</summary>",
                "    <author><name>\(Self.xml(publisher))</name></author>",
                "    <category term=\"FHIR_Package\" label=\"FHIR Package\" scheme=\"\(Self.nctsScheme)\"/>",
                "    <link rel=\"alternate\" type=\"application/tar+gzip\" href=\"\(Self.xml(url(r, archive.path)))\" length=\"\(file.size)\" ncts:sha256Hash=\"\(file.sha256)\"/>",
                "    <link rel=\"related\" type=\"application/json\" href=\"\(Self.xml(url(r, ReleaseManifest.fileName)))\" length=\"\(r.manifestDigest.size)\" ncts:sha256Hash=\"\(r.manifestDigest.sha256)\"/>",
            ]
            if let version = m.archives.first(where: { $0.kind == "version" }), let vf = m.file(version.path) {
                lines.append("    <link rel=\"related\" type=\"application/gzip\" href=\"\(Self.xml(url(r, version.path)))\" length=\"\(vf.size)\" ncts:sha256Hash=\"\(vf.sha256)\"/>")
            }
            lines += [
                "    <published>\(m.effectiveDate)T00:00:00Z</published>",
                "    <updated>\(m.effectiveDate)T00:00:00Z</updated>",
                "    <ncts:contentItemIdentifier>\(Self.xml(packageName))</ncts:contentItemIdentifier>",
                "    <ncts:contentItemVersion>\(Self.xml(m.version))</ncts:contentItemVersion>",
                "  </entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The IG publisher's `package-list.json`: every published version, the newest current.
    public func packageList() -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            w.field("package-id", packageName)
            w.field("title", title)
            w.field("canonical", releases.first.map { String($0.manifest.canonicalUrl.split(separator: "/CodeSystem/").first ?? "") } ?? baseURL)
            w.key("list")
            w.array { w in
                for (i, r) in releases.enumerated() {
                    w.object { w in
                        w.field("version", r.manifest.version)
                        w.field("date", r.manifest.effectiveDate)
                        w.field("desc", "Release \(r.manifest.version)")
                        w.field("path", baseURL + "/releases/" + r.manifest.version)
                        w.field("status", "release")
                        w.field("sequence", "Releases")
                        w.field("fhirversion", "4.0.1")
                        if i == 0 { w.key("current"); w.bool(true) }
                    }
                }
            }
        }
        return w.finish()
    }

    /// `package-feed.xml`: an RSS 2.0 item per published FHIR package.
    public func packageFeed() -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:fhir=\"http://hl7.org/fhir/feed\" version=\"2.0\">",
            "  <channel>",
            "    <title>\(Self.xml(title))</title>",
            "    <description>\(Self.xml("FHIR packages of \(packageName)"))</description>",
            "    <link>\(Self.xml(baseURL + "/" + Self.packageFeedName))</link>",
            "    <generator>lienthong</generator>",
        ]
        if let latest = releases.first { lines.append("    <lastBuildDate>\(Self.rfc822(latest.manifest.effectiveDate))</lastBuildDate>") }
        for r in releases {
            let m = r.manifest
            guard let archive = m.archives.first(where: { $0.kind == "fhir-package" }) else { continue }
            let link = Self.xml(url(r, archive.path))
            lines += [
                "    <item>",
                "      <title>\(Self.xml(packageName + "#" + m.version))</title>",
                "      <description>\(Self.xml(m.name + " " + m.version))</description>",
                "      <link>\(link)</link>",
                "      <guid isPermaLink=\"true\">\(link)</guid>",
                "      <dc:creator>\(Self.xml(publisher))</dc:creator>",
                "      <fhir:version>4.0.1</fhir:version>",
                "      <pubDate>\(Self.rfc822(m.effectiveDate))</pubDate>",
                "    </item>",
            ]
        }
        lines += ["  </channel>", "</rss>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A date (YYYY-MM-DD) as RFC 822 at midnight UTC.
    static func rfc822(_ date: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return date }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let d = calendar.date(from: components) else { return date }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: d)
    }
}
