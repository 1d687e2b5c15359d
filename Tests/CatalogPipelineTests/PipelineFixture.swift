import CatalogCore
import CatalogPipeline
import CatalogRelease
import CatalogSources
import Foundation
import Testing

/// A temporary workspace with a copy of the golden YAML catalog in `annexes/` and an output
/// folder `generated/`, and the pipeline over them, run in-process.
struct PipelineFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir: URL
    var annexes: String { dir.appendingPathComponent("annexes").path }
    var out: String { dir.appendingPathComponent("generated").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Tests/Fixtures/golden/yaml"), to: dir.appendingPathComponent("annexes"))
    }

    /// Removes the workspace.
    func remove() { try? FileManager.default.removeItem(at: dir) }

    /// The pipeline over the workspace; `sources` and `published` count reads when given.
    func pipeline(sources: (any SourceFileSystem)? = nil, published: (any SourceFileSystem)? = nil) -> CatalogPipeline {
        CatalogPipeline(.init(compiler: CatalogCompiler(sources: annexes, fileSystem: sources), output: OutputFolder(root: out),
                              lockWait: 5, publishedFileSystem: published))
    }

    /// Runs the pipeline up to `goal`.
    func run(_ goal: CatalogPipeline.Goal) -> CatalogPipeline.Run { pipeline().run(goal) }

    /// Replaces the first `old` in the sources file `file` (relative to `annexes/`).
    func edit(_ file: String, _ old: String, _ new: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = dir.appendingPathComponent("annexes/" + file)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard let range = text.range(of: old) else {
            Issue.record("\(file) does not contain \(old)", sourceLocation: sourceLocation)
            return
        }
        try Data(text.replacingCharacters(in: range, with: new).utf8).write(to: url)
    }

    /// Sets the manifest's version.
    func setVersion(_ version: String) throws {
        let url = dir.appendingPathComponent("annexes/catalog.yaml")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasPrefix("version: ") ? "version: \(version)" : String($0) }
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
    }

    /// Appends `text` to the manifest.
    func appendToManifest(_ text: String) throws {
        let url = dir.appendingPathComponent("annexes/catalog.yaml")
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}

extension CatalogPipeline.Run {
    /// The rule IDs of the errors, sorted.
    var errorRules: [String] { diagnostics.filter { $0.severity == .error }.map(\.rule.rawValue) }
    /// The rule IDs of the warnings, sorted.
    var warningRules: [String] { diagnostics.filter { $0.severity == .warning }.map(\.rule.rawValue) }
}

/// A file system that reads the disk and counts each path's reads (whole and opened).
final class CountingFileSystem: SourceFileSystem, @unchecked Sendable {
    private let base = DiskFileSystem(maxFileSize: .max)
    private let lock = NSLock()
    private(set) var reads: [String: Int] = [:]

    func contents(of path: String) throws -> [UInt8]? {
        count(path)
        return try base.contents(of: path)
    }

    func open(_ path: String) throws -> (any SourceFile)? {
        count(path)
        return try base.open(path)
    }

    private func count(_ path: String) {
        lock.lock()
        reads[path, default: 0] += 1
        lock.unlock()
    }
}
