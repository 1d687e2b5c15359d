import CatalogEmitters
import Foundation
import Testing
@testable import CatalogRelease

/// Archives are reproducible byte for byte and read back with their own entries and digests.
@Suite struct ReleaseArchiveTests {
    func files() throws -> (URL, [ReleaseArchive.Entry]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var entries: [ReleaseArchive.Entry] = []
        for (name, size) in [("a.json", 10), ("b/long-\(String(repeating: "x", count: 120)).csv", 3 << 20), ("empty.txt", 0)] {
            let url = dir.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
            try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: url)
            entries.append(ReleaseArchive.Entry(name: "package/" + name, source: url.path))
        }
        return (dir, entries)
    }

    @Test func sameFilesSameBytesAndTheyReadBack() throws {
        let (dir, entries) = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        func archive() throws -> [UInt8] {
            let output = MemoryOutput()
            try ReleaseArchive.write(entries, modified: try ReleaseDate.seconds("2026-07-01"), to: output.open("x.tgz"))
            return output.files[0].bytes
        }
        let first = try archive()
        #expect(first == (try archive()))
        #expect(Array(first.prefix(10)) == [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03], "gzip header without a time")
        let path = dir.appendingPathComponent("x.tgz").path
        try Data(first).write(to: URL(fileURLWithPath: path))
        let read = try ArchiveFiles.digests(of: path)
        #expect(read.map(\.0) == entries.map(\.name))
        #expect(read.map(\.1) == (try entries.map { try FileDigest.of(file: $0.source) }))
    }

    @Test func aMissingSourceOrABadNameIsAnError() throws {
        let output = MemoryOutput()
        #expect(throws: ReleaseError.self) {
            try ReleaseArchive.write([.init(name: "x", source: "/nonexistent/x")], modified: 0, to: output.open("x.tgz"))
        }
        let (dir, entries) = try files()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["Định lượng.txt", "../escape", "/absolute"] {
            #expect(throws: ReleaseError.self) {
                try ReleaseArchive.write([.init(name: name, source: entries[0].source)], modified: 0, to: output.open("y.tgz"))
            }
        }
    }

    @Test func effectiveDatesBecomeUTCMidnight() throws {
        #expect(try ReleaseDate.seconds("1970-01-01") == 0)
        #expect(try ReleaseDate.seconds("1969-12-31") == -86_400)
        #expect(try ReleaseDate.seconds("2000-02-29") == 951_782_400)
        #expect(try ReleaseDate.seconds("2026-07-01") == 1_782_864_000)
        #expect(throws: ReleaseError.self) { try ReleaseDate.seconds("2026-13-01") }
    }
}
