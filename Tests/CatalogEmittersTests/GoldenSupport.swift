import CatalogCore
import CatalogEmitters
import CatalogSources
import Foundation
import Testing

/// Access to `Tests/Fixtures` and the golden-file comparison used by every emitter test.
enum Golden {
    /// `Tests/Fixtures`, found from this source file so tests need no bundle resources.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Set `LIENTHONG_RECORD_GOLDEN=1` to rewrite the expected files after a deliberate change
    /// (review the diff before committing it).
    static var recording: Bool { ProcessInfo.processInfo.environment["LIENTHONG_RECORD_GOLDEN"] == "1" }

    /// Loads and validates a fixture catalog folder under `Tests/Fixtures`.
    static func catalog(_ folder: String) throws -> Catalog {
        let dir = fixtures.appendingPathComponent(folder).path
        let loaded = SourceLoader.load(directory: dir, from: DiskReader())
        let source = try #require(loaded.catalog)
        let result = Validator.validate(source)
        #expect((loaded.diagnostics + result.diagnostics).isEmpty, "\((loaded.diagnostics + result.diagnostics).map(\.description))")
        return try #require(result.catalog)
    }

    /// Compares `files` with the expected files under `Tests/Fixtures/<folder>`, showing a
    /// unified diff for each mismatch, or rewrites them when recording.
    static func assertMatches(_ files: [OutputFile], folder: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let base = fixtures.appendingPathComponent(folder)
        for file in files {
            let url = base.appendingPathComponent(file.path)
            if recording {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
                continue
            }
            guard let expected = FileManager.default.contents(atPath: url.path) else {
                Issue.record("missing golden file \(folder)/\(file.path); record it with LIENTHONG_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
                continue
            }
            if [UInt8](expected) != file.bytes {
                Issue.record("\(folder)/\(file.path) differs from the golden file:\n\(diff(expected: url, actual: file.bytes))", sourceLocation: sourceLocation)
            }
        }
    }

    /// `diff -u` of the golden file against the produced bytes.
    static func diff(expected: URL, actual: [UInt8]) -> String {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        guard (try? Data(actual).write(to: temporary)) != nil else { return "(could not write the produced file)" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", expected.path, temporary.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return "(diff unavailable)" }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output.prefix(8000), as: UTF8.self)
    }
}

/// Reads fixture files from disk.
struct DiskReader: SourceFileSystem {
    func contents(of path: String) throws -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
