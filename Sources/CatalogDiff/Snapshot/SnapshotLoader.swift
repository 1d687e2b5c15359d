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
    public static func load(_ side: String, label: String? = nil, outputFolder: String, limits: ReaderLimits = .standard) throws -> CatalogSnapshot {
        let label = label ?? side
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: side, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue, side.hasSuffix(".tar.gz") || side.hasSuffix(".tgz") || side.hasSuffix(".tar") {
            return try archive(side, label: label)
        }
        if exists, isDirectory.boolValue {
            if SourceLoader.manifestNames.contains(where: { fm.fileExists(atPath: side + "/" + $0) }) {
                return try sources(side, label: label, limits: limits)
            }
            if fm.fileExists(atPath: side + "/json/catalog.json") { return try versionFolder(side, label: label, index: nil, limits: limits) }
        }
        let inOutput = outputFolder + "/" + side
        if fm.fileExists(atPath: inOutput + "/json/catalog.json") {
            let index = try? OutputFolder(root: outputFolder).readIndex()
            return try versionFolder(inOutput, label: label, index: index?.release(side), limits: limits)
        }
        throw SnapshotError.notFound(side)
    }

    /// Compiles a sources folder (as `check` does, in one pass), keeping where every entry is
    /// written.
    public static func sources(_ directory: String, label: String, limits: ReaderLimits = .standard) throws -> CatalogSnapshot {
        let compilation = SourceLoader.compile(directory: directory, from: DiskFileSystem(maxFileSize: limits.maxFileSize), limits: limits)
        guard let snapshot = snapshot(of: compilation, label: label) else {
            throw SnapshotError.invalidSources(label, compilation.diagnostics)
        }
        return snapshot
    }

    /// The side a compilation is: its catalog with where each entry is written, the
    /// manifest's waivers and clarifications, and the shapes and format versions this tool
    /// emits. Nil when the compilation has no catalog.
    public static func snapshot(of compilation: SourceLoader.Compilation, label: String) -> CatalogSnapshot? {
        guard let catalog = compilation.catalog, let manifest = compilation.manifest else { return nil }
        return CatalogSnapshot(label: label, catalog: catalog, formatVersions: ArtifactShape.formatVersions, shapes: ArtifactShape.shapes(of: catalog),
                               sources: SourceIndex(manifest: manifest, entries: compilation.locations),
                               waivers: Waiver.all(in: manifest), clarifications: Clarification.all(in: manifest))
    }

    /// A published release already read (by ``PublishedSnapshot``) as a side: its catalog is
    /// not parsed again; only the shape files (the JSON Schema, the CSV header rows) are read.
    public static func published(_ release: PublishedSnapshot.Release, label: String? = nil) throws -> CatalogSnapshot {
        let files = try shapeFiles(in: release.folder)
        return CatalogSnapshot(label: label ?? release.version.description, catalog: release.catalog, formatVersions: release.formatVersions,
                               shapes: ArtifactShape.shapes(of: files))
    }

    /// The files of a version folder a shape is read from: `json/catalog.schema.json` and the
    /// first 64 KiB (the header row) of each CSV file.
    static func shapeFiles(in folder: String) throws -> [OutputFile] {
        var files: [OutputFile] = []
        let csv = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/csv")) ?? []
        for path in ["json/catalog.schema.json"] + csv.filter({ $0.hasSuffix(".csv") }).sorted().map({ "csv/" + $0 }) {
            guard let handle = FileHandle(forReadingAtPath: folder + "/" + path),
                  let data = try? handle.read(upToCount: path.hasSuffix(".csv") ? 1 << 16 : 1 << 24) else {
                throw SnapshotError.unreadable(folder + "/" + path, "cannot be read")
            }
            try? handle.close()
            files.append(OutputFile(path: path, bytes: [UInt8](data)))
        }
        return files
    }

    /// Reads a version folder: `json/catalog.json`, the CSV headers, and the format versions
    /// from its `release.json` or, failing that, from the output folder's index record. Every
    /// file is opened through the guarded path (``DiskFileSystem`` confined to the folder): a
    /// FIFO, a device, a link leading out of the folder or a file over `--max-file-size` is
    /// refused before a byte is read.
    static func versionFolder(_ folder: String, label: String, index: VersionIndex.Release?, limits: ReaderLimits = .standard) throws -> CatalogSnapshot {
        let fs = DiskFileSystem(maxFileSize: limits.maxFileSize).confined(to: folder)
        /// The file's bytes (of a CSV file only the first 64 KiB, which hold its header row).
        func read(_ path: String, prefix: Int? = nil) throws -> [UInt8] {
            let full = folder + "/" + path
            do {
                guard let file = try fs.open(full) else { throw SnapshotError.unreadable(full, "cannot be read") }
                guard let prefix else { return try file.contents() }
                var bytes = [UInt8](repeating: 0, count: min(prefix, file.size))
                var filled = 0
                while filled < bytes.count {
                    let n = try bytes.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
                    if n == 0 { break }
                    filled += n
                }
                return Array(bytes[..<filled])
            } catch let error as SnapshotError {
                throw error
            } catch let error as SourceFileTooLarge {
                throw SnapshotError.unreadable(full, "it has \(error.size) bytes, more than --max-file-size (\(error.limit)); a published file is never that large")
            } catch {
                throw SnapshotError.unreadable(full, "cannot be read: \(error)")
            }
        }
        var files: [OutputFile] = []
        let csv = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/csv")) ?? []
        let paths = ["json/catalog.json", "json/catalog.schema.json"] + csv.filter { $0.hasSuffix(".csv") }.sorted().map { "csv/" + $0 }
        for path in paths {
            files.append(OutputFile(path: path, bytes: try read(path, prefix: path.hasSuffix(".csv") ? 1 << 16 : nil)))
        }
        var versions: [String: String] = [:]
        if let bytes = try? read(ReleaseManifest.fileName),
           let manifest = try? ReleaseManifest.decode(bytes, path: folder + "/" + ReleaseManifest.fileName) {
            for family in manifest.families { versions[family.name] = family.formatVersion }
        } else if let index {
            for artifact in index.artifacts { versions[artifact.family] = artifact.formatVersion }
        }
        var side = try snapshot(files, label: label, path: folder + "/json/catalog.json", versions: versions)
        (side.waivers, side.clarifications) = ReleaseDecisions.read(folder, version: side.catalog.metadata.version)
        return side
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
