import Foundation
import Testing
@testable import CatalogRelease
import CatalogSources

/// The page-cache upkeep of large generated files (``WriteBehind``): it must follow the file
/// window by window and never change a byte.
@Suite struct WriteBehindTests {
    @Test func followsTheFileAndKeepsItsBytes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("write-behind-\(getpid()).bin").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        let window = 4096
        var behind = WriteBehind(window: window)
        var expected: [UInt8] = []
        // Uneven pieces, so that windows end inside a write.
        for piece in 0..<40 {
            let bytes = (0..<(1000 + piece * 37)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ piece) }
            try #require(bytes.withUnsafeBytes { FileDescriptorIO.write($0, to: fd) })
            expected += bytes
            behind.wrote(upTo: expected.count, of: fd)
            #expect(behind.started == expected.count / window * window)
            #expect(behind.dropped == max(0, behind.started - window))
        }
        close(fd)
        #expect(expected.count > 10 * window)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }
}
