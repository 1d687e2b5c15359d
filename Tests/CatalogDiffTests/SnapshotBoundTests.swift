import CatalogCore
import CatalogDiff
import CatalogSources
import Foundation
import Testing

/// `diff` reading a published version folder: `json/catalog.json` (and every file read beside
/// it) goes through the guarded open path, bounded by `--max-file-size` before a byte is read;
/// a FIFO does not block and a link leading out of the folder is not followed.
@Suite struct SnapshotBoundTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of the published 2026.3.0 folder's `json/`, `csv/` and `release.json`.
    static func versionCopy() throws -> String {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("snapshot-bound-\(UUID().uuidString)").path
        let release = root.appendingPathComponent("generated/2026.3.0").path
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["json", "csv", "release.json"] { try fm.copyItem(atPath: release + "/" + name, toPath: dir + "/" + name) }
        return dir
    }

    @Test func aPublishedFolderReadsWithinTheLimit() throws {
        let dir = try Self.versionCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let side = try SnapshotLoader.load(dir, outputFolder: "/nonexistent")
        #expect(side.catalog.metadata.version.description == "2026.3.0")
    }

    /// A 3 GiB (sparse) `catalog.json` is refused from its size under the standard 1 GiB limit,
    /// at once and without memory growing; a smaller limit applies the same way.
    @Test func aHugeCatalogJSONIsRefusedBeforeReading() throws {
        let dir = try Self.versionCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = dir + "/json/catalog.json"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: catalog)[.size] as? Int)
        do {
            _ = try SnapshotLoader.load(dir, outputFolder: "/nonexistent", limits: ReaderLimits(maxFileSize: size - 1))
            Issue.record("a catalog.json over the limit was read")
        } catch {
            #expect("\(error)".contains("catalog.json: it has \(size) bytes, more than --max-file-size (\(size - 1))"), "\(error)")
        }
        #expect(truncate(catalog, 3 << 30) == 0)
        let start = ContinuousClock.now
        #expect(throws: SnapshotError.self) { try SnapshotLoader.load(dir, outputFolder: "/nonexistent") }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test func aFIFOOrALinkOutIsRefusedWithoutBlocking() throws {
        let dir = try Self.versionCopy()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = dir + "/json/catalog.json"
        try FileManager.default.removeItem(atPath: catalog)
        #expect(mkfifo(catalog, 0o600) == 0)
        #expect(throws: SnapshotError.self) { try SnapshotLoader.load(dir, outputFolder: "/nonexistent") }
        try FileManager.default.removeItem(atPath: catalog)
        try FileManager.default.createSymbolicLink(atPath: catalog, withDestinationPath: Self.root.appendingPathComponent("generated/2026.3.0/json/catalog.json").path)
        #expect(throws: SnapshotError.self) { try SnapshotLoader.load(dir, outputFolder: "/nonexistent") }
    }
}
