import CatalogCore
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Foundation

/// Why a side of a diff could not be read.
public enum SnapshotError: Error, CustomStringConvertible {
    /// The side names nothing readable.
    case notFound(String)
    /// A sources side has errors (printed by the caller).
    case invalidSources(String, [Diagnostic])
    /// A file of the side is unreadable or malformed.
    case unreadable(String, String)

    public var description: String {
        switch self {
        case let .notFound(side): "'\(side)' is neither a catalog sources folder, a version folder, a release archive nor a version in the output folder"
        case let .invalidSources(side, diagnostics): "'\(side)' has \(diagnostics.filter { $0.severity == .error }.count) errors; fix them first"
        case let .unreadable(path, why): "\(path): \(why)"
        }
    }
}

/// Reads a side of a diff from what the user names: a folder of catalog sources (compiled
/// as `check` does), a version folder (`generated/2026.1.0`), a release archive (`.tar.gz`),
/// or a version in the output folder (`2026.1.0`).
public enum SnapshotLoader {
    /// Reads `side`; `outputFolder` is where version names are looked up.
    public static func load(_ side: String, label: String? = nil, outputFolder: String) throws -> CatalogSnapshot {
        let label = label ?? side
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: side, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue, side.hasSuffix(".tar.gz") || side.hasSuffix(".tgz") || side.hasSuffix(".tar") {
            return try archive(side, label: label)
        }
        if exists, isDirectory.boolValue {
            if SourceLoader.manifestNames.contains(where: { fm.fileExists(atPath: side + "/" + $0) }) {
                return try sources(side, label: label)
            }
            if fm.fileExists(atPath: side + "/json/catalog.json") { return try versionFolder(side, label: label, index: nil) }
        }
        let inOutput = outputFolder + "/" + side
        if fm.fileExists(atPath: inOutput + "/json/catalog.json") {
            let index = try? OutputFolder(root: outputFolder).readIndex()
            return try versionFolder(inOutput, label: label, index: index?.release(side))
        }
        throw SnapshotError.notFound(side)
    }

    /// Compiles a sources folder, keeping where every entry is written.
    public static func sources(_ directory: String, label: String) throws -> CatalogSnapshot {
        let loaded = SourceLoader.load(directory: directory, from: DiskFileSystem(maxFileSize: 1 << 30))
        let validated = loaded.catalog.map { Validator.validate($0) }
        let diagnostics = (loaded.diagnostics + (validated?.diagnostics ?? [])).sorted()
        guard let source = loaded.catalog, let catalog = validated?.catalog, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw SnapshotError.invalidSources(label, diagnostics)
        }
        var entries: [String: SourceEntry] = [:]
        for annex in source.annexes {
            for entry in annex.entries { if let code = entry.code?.value { entries[code] = entry } }
        }
        var versions: [String: String] = [:]
        var files: [OutputFile] = []
        for family in ArtifactFamilies.all {
            versions[family.name] = family.formatVersion
            if ArtifactShape.families.contains(family.name) { files += family.emit(catalog) }
        }
        return CatalogSnapshot(label: label, catalog: catalog, formatVersions: versions, shapes: ArtifactShape.shapes(of: files),
                               sources: SourceIndex(manifest: source.manifest, entries: entries), waivers: Waiver.all(in: source.manifest))
    }

    /// Reads a version folder: `json/catalog.json`, the CSV headers, and the format versions
    /// from its `release.json` or, failing that, from the output folder's index record.
    static func versionFolder(_ folder: String, label: String, index: VersionIndex.Release?) throws -> CatalogSnapshot {
        var files: [OutputFile] = []
        let csv = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/csv")) ?? []
        let paths = ["json/catalog.json", "json/catalog.schema.json"] + csv.filter { $0.hasSuffix(".csv") }.sorted().map { "csv/" + $0 }
        for path in paths {
            // Of a CSV file only the header row matters (its shape): the first 64 KiB hold it.
            guard let handle = FileHandle(forReadingAtPath: folder + "/" + path),
                  let data = path.hasSuffix(".csv") ? try? handle.read(upToCount: 1 << 16) : try? handle.readToEnd() else {
                throw SnapshotError.unreadable(folder + "/" + path, "cannot be read")
            }
            try? handle.close()
            files.append(OutputFile(path: path, bytes: [UInt8](data)))
        }
        var versions: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: folder + "/" + ReleaseManifest.fileName),
           let manifest = try? ReleaseManifest.decode([UInt8](data), path: folder + "/" + ReleaseManifest.fileName) {
            for family in manifest.families { versions[family.name] = family.formatVersion }
        } else if let index {
            for artifact in index.artifacts { versions[artifact.family] = artifact.formatVersion }
        }
        return try snapshot(files, label: label, path: folder + "/json/catalog.json", versions: versions)
    }

    /// Reads a release archive without unpacking it.
    static func archive(_ path: String, label: String) throws -> CatalogSnapshot {
        let found: [String: [UInt8]]
        do {
            found = try ArchiveFiles.read(path) { $0 == "json/catalog.json" || $0 == "json/catalog.schema.json" || $0 == ReleaseManifest.fileName || ($0.hasPrefix("csv/") && $0.hasSuffix(".csv")) }
        } catch let error as ReleaseError { throw SnapshotError.unreadable(path, error.description) }
        var versions: [String: String] = [:]
        if let bytes = found[ReleaseManifest.fileName], let manifest = try? ReleaseManifest.decode(bytes, path: path) {
            for family in manifest.families { versions[family.name] = family.formatVersion }
        }
        let files = found.filter { $0.key != ReleaseManifest.fileName }.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, bytes: $0.value) }
        return try snapshot(files, label: label, path: path + ":json/catalog.json", versions: versions)
    }

    private static func snapshot(_ files: [OutputFile], label: String, path: String, versions: [String: String]) throws -> CatalogSnapshot {
        guard let json = files.first(where: { $0.path == "json/catalog.json" }) else { throw SnapshotError.unreadable(path, "no json/catalog.json") }
        let catalog: Catalog
        do { catalog = try CatalogJSONReader.read(json.bytes, path: path) } catch let error as ReleaseError {
            throw SnapshotError.unreadable(path, error.description)
        }
        var versions = versions
        if versions["json"] == nil { versions["json"] = CatalogJSONReader.formatVersion(json.bytes) }
        return CatalogSnapshot(label: label, catalog: catalog, formatVersions: versions, shapes: ArtifactShape.shapes(of: files))
    }
}
