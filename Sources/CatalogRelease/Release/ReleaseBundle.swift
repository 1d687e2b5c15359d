import CatalogCore
import CatalogEmitters
import Dispatch
import Foundation

/// The files `publish` adds to a staged version folder: the archives in `dist/` and the bytes
/// of `release.json` describing every file.
enum ReleaseBundle {
    /// The folder of the archives inside a version folder.
    static let folder = "dist"
    /// The FHIR family's package folder, relative to the version folder.
    static let fhirPackage = "fhir/package"

    /// Writes `dist/package.tgz` (the FHIR NPM package: every file of `fhir/package/` under
    /// `package/`) and `dist/<name>-<version>.tar.gz` (every artifact of the version under
    /// `<name>-<version>/`) into `stage`, then returns `release.json`.
    /// `extras` are further files already staged in the version (paths relative to it: the
    /// release notes), archived with the artifacts.
    static func write(_ catalog: Catalog, record: VersionIndex.Release, previous: String?, extras: [String] = [], to stage: OutputStage) throws -> [UInt8] {
        let metadata = catalog.metadata
        let version = metadata.version.description
        let modified = try ReleaseDate.seconds(metadata.effectiveDate)
        let emitted = record.artifacts.flatMap(\.files).map { String($0.dropFirst(version.count + 1)) }.sorted()
        let packageFiles = emitted.filter { $0.hasPrefix(fhirPackage + "/") }
        let packagePath = folder + "/package.tgz"
        let base = "\(metadata.name)-\(version)"
        let versionArchive = folder + "/\(base).tar.gz"
        // The two archives are compressed at once, one per core; the version archive holds
        // every artifact (the FHIR package's files among them), not the other archive, and is
        // compressed fast (gzip level 1: at 100,000 entries, 40% less time for 23% more bytes).
        var jobs: [(path: String, entries: [ReleaseArchive.Entry])] = [
            (versionArchive, (emitted + extras.sorted()).map { ReleaseArchive.Entry(name: base + "/" + $0, source: stage.readablePath(of: version + "/" + $0)) }),
        ]
        if !packageFiles.isEmpty {
            jobs.insert((packagePath, packageFiles.map {
                ReleaseArchive.Entry(name: "package/" + $0.dropFirst(fhirPackage.count + 1), source: stage.readablePath(of: version + "/" + $0))
            }), at: 0)
        }
        let tasks = jobs
        let files = tasks.map { stage.open(version + "/" + $0.path) }
        var failures = [(any Error)?](repeating: nil, count: tasks.count)
        failures.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let files = files
            DispatchQueue.concurrentPerform(iterations: tasks.count) { i in
                do { try ReleaseArchive.write(tasks[i].entries, modified: modified, fast: tasks[i].path == versionArchive, to: files[i]) } catch { slots[i] = error }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        let digests = stage.digests(under: version)
        let listed = digests.keys.filter { $0 != ReleaseManifest.fileName && $0 != ReleaseManifest.signatureName }.sorted().map {
            ReleaseManifest.File(path: $0, size: digests[$0]!.size, sha256: digests[$0]!.sha256)
        }
        var archives = [ReleaseManifest.Archive(kind: "version", path: versionArchive)]
        if !packageFiles.isEmpty { archives.insert(ReleaseManifest.Archive(kind: "fhir-package", path: packagePath), at: 0) }
        let manifest = ReleaseManifest(
            formatVersion: ReleaseManifest.formatVersion, canonicalUrl: metadata.canonicalUrl, oid: metadata.oid, name: metadata.name,
            version: version, effectiveDate: metadata.effectiveDate, previousRelease: previous,
            families: record.artifacts.map { ReleaseManifest.Family(name: $0.family, formatVersion: $0.formatVersion) },
            archives: archives, files: listed)
        return manifest.render()
    }
}

/// The one time a release's archives carry: midnight UTC of the catalog's effective date, from
/// the manifest, never the clock.
enum ReleaseDate {
    /// Seconds since 1970-01-01T00:00:00Z of `YYYY-MM-DD` at midnight UTC (proleptic
    /// Gregorian calendar; Howard Hinnant's days-from-civil, with no time zone involved).
    static func seconds(_ date: String) throws -> Int {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            throw ReleaseError.malformed("effectiveDate", "'\(date)' is not a date YYYY-MM-DD")
        }
        let m = parts[1], d = parts[2]
        let y = parts[0] - (m <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146_097 + doe - 719_468) * 86_400
    }
}
