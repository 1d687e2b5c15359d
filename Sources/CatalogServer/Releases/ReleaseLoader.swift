import CatalogCore
import CatalogRelease
import Foundation

/// Reads the releases of an output folder into a ``ReleaseSet``: every published version of
/// its `index.json`, each verified against its `release.json` first (a release that fails is
/// refused and reported, never served), and drafts only when asked.
public struct ReleaseLoader: Sendable {
    /// What loading found, for the log: each release served or refused, and why.
    public struct Event: Sendable, Equatable {
        public enum Level: String, Sendable { case info, warning, error }
        public var level: Level
        public var version: String?
        public var message: String
    }

    /// Why nothing at all can be served.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let folder: String
    public let includeDrafts: Bool

    public init(folder: String, includeDrafts: Bool) {
        self.folder = folder
        self.includeDrafts = includeDrafts
    }

    /// Loads every servable release; throws when the index is missing or unreadable or no
    /// release can be served.
    public func load(generation: Int) throws -> (set: ReleaseSet, events: [Event]) {
        let output = OutputFolder(root: folder)
        let index: VersionIndex
        do {
            guard let read = try output.readIndex() else {
                throw Failure(description: "\(output.indexPath): no index.json; give the output folder of `lienthong build`/`publish` with --out")
            }
            index = read
        } catch let error as ReleaseError {
            throw Failure(description: "\(error)")
        }
        var events: [Event] = [], served: [ServedRelease] = []
        for record in index.releases {
            if record.status == .draft && !includeDrafts {
                events.append(Event(level: .info, version: record.version, message: "draft \(record.version) not served (start with --include-drafts to serve drafts)"))
                continue
            }
            do {
                let release = try load(record)
                served.append(release)
                events.append(Event(level: .info, version: record.version, message: "serving \(record.status.rawValue) \(record.version) (\(release.catalog.entries.count) entries)"))
            } catch let failure as Failure {
                events.append(Event(level: .error, version: record.version, message: "refused \(record.version): \(failure.description)"))
            }
        }
        guard !served.isEmpty else {
            throw Failure(description: "\(output.indexPath): no release can be served" + (includeDrafts ? "" : " (only published releases are served unless --include-drafts)"))
        }
        let feeds = readFeeds(index: index, served: served, events: &events)
        return (ReleaseSet(releases: served, generation: generation, feeds: feeds), events)
    }

    /// The release feeds at the top of the folder, each checked like the gate checks it
    /// (``FolderFeeds/problems(root:index:latest:)``): a feed that differs from what the index
    /// and the releases give is refused and logged, never served; a missing one is not served.
    func readFeeds(index: VersionIndex, served: [ServedRelease], events: inout [Event]) -> [String: [UInt8]] {
        guard let newest = index.releases.last(where: { $0.status == .published }) else { return [:] }
        guard let release = served.first(where: { $0.version == newest.version }) else {
            events.append(Event(level: .warning, version: nil, message: "release feeds not served: the newest published release \(newest.version) is not served"))
            return [:]
        }
        let problems = FolderFeeds.problems(root: folder, index: index, latest: release.catalog.metadata)
        for problem in problems {
            events.append(Event(level: .error, version: nil, message: "refused feed: \(problem.description) [\(problem.rule.rawValue)]"))
        }
        var feeds: [String: [UInt8]] = [:]
        for name in FolderFeeds.names where !problems.contains(where: { $0.path.hasSuffix("/" + name) }) {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { feeds[name] = [UInt8](data) }
        }
        return feeds
    }

    /// Verifies (when published) and reads one release.
    func load(_ record: VersionIndex.Release) throws -> ServedRelease {
        let root = folder + "/" + record.version
        var manifest: ReleaseManifest?
        if record.status == .published {
            let report = ReleaseVerifier.verify(folder: root, publicKey: nil)
            if let problem = report.problems.first {
                throw Failure(description: "it fails verification (\(report.problems.count) problem(s)); first: \(problem)")
            }
            if let expected = record.releaseManifest?.sha256,
               let actual = try? FileDigest.of(file: root + "/" + ReleaseManifest.fileName), actual.sha256 != expected {
                throw Failure(description: "\(root)/release.json is not the one index.json recorded at publication")
            }
            manifest = report.manifest
        }
        /// Reads a file of the release; for a published one, its bytes must be those listed.
        func read(_ relative: String) throws -> [UInt8] {
            let path = root + "/" + relative
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path) cannot be read") }
            let bytes = [UInt8](data)
            if let manifest {
                guard let listed = manifest.file(relative), FileDigest.of(bytes: bytes) == FileDigest(size: listed.size, sha256: listed.sha256) else {
                    throw Failure(description: "\(path) changed after verification")
                }
            }
            return bytes
        }
        let catalog: Catalog
        do {
            catalog = try CatalogJSONReader.read(try read("json/catalog.json"), path: root + "/json/catalog.json")
        } catch let error as ReleaseError {
            throw Failure(description: "\(error)")
        }
        guard catalog.metadata.version.description == record.version else {
            throw Failure(description: "\(root)/json/catalog.json is version \(catalog.metadata.version), not \(record.version)")
        }
        let packageFolder = "fhir/package"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + packageFolder)) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != "package.json" && !$0.hasPrefix(".") }.sorted()
        var resources: [PackageResource] = []
        for name in names {
            let bytes = try read(packageFolder + "/" + name)
            guard let header = try? JSONDecoder().decode(ResourceHeader.self, from: Data(bytes)) else {
                throw Failure(description: "\(root)/\(packageFolder)/\(name) is not a FHIR resource")
            }
            var codes: [String]?
            if header.resourceType == "ValueSet" {
                let include = header.compose?.include ?? []
                codes = include.allSatisfy({ $0.concept == nil }) ? nil : include.flatMap { ($0.concept ?? []).map(\.code) }
            }
            resources.append(PackageResource(resourceType: header.resourceType, id: header.id, url: header.url ?? "", version: header.version ?? "",
                                             name: header.name, status: header.status, title: header.title, bytes: bytes, valueSetCodes: codes))
        }
        var feedRelease: ReleaseFeeds.Release?
        if let manifest, let digest = try? FileDigest.of(file: root + "/" + ReleaseManifest.fileName) {
            feedRelease = ReleaseFeeds.Release(manifest: manifest, manifestDigest: digest)
        }
        struct PackageJSON: Decodable { var name: String }
        let packageName = (try? read(packageFolder + "/package.json")).flatMap { try? JSONDecoder().decode(PackageJSON.self, from: Data($0)) }?.name
        return ServedRelease(version: record.version, status: record.status, catalog: catalog, resources: resources,
                             folder: root, manifest: feedRelease, packageName: packageName)
    }

    /// The members of a package resource the server indexes it by.
    private struct ResourceHeader: Decodable {
        struct Compose: Decodable { var include: [Include]? }
        struct Include: Decodable { var concept: [Concept]? }
        struct Concept: Decodable { var code: String }
        var resourceType: String
        var id: String
        /// Absent on a NamingSystem (R4 gives it neither).
        var url: String?
        var version: String?
        var name: String?
        var status: String?
        var title: String?
        var compose: Compose?
    }
}
