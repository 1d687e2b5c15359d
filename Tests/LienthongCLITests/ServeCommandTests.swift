import Foundation
import Testing
import TestSupport

/// `lienthong serve` through the real binary: what it refuses before listening. (Serving
/// itself is tested in CatalogServerTests and by scripts/consumers/serve_check.py.)
@Suite struct ServeCommandTests {
    @Test func aFolderWithoutAnIndexIsRefusedWithExitStatus1() throws {
        let ws = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let result = try CLI.run(["serve", "--out", ws.appendingPathComponent("nothing").path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no index.json"))
    }

    @Test func aFolderWhoseOnlyReleaseIsADraftServesNothingWithoutTheFlag() throws {
        let ws = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: ws) }
        let index = """
        {"formatVersion":"1.1.0","canonicalUrl":"https://example.org/CodeSystem/x","releases":[{"version":"1.0.0","status":"draft","effectiveDate":"2026-01-01","entryCount":0,"artifacts":[]}]}
        """
        try Data(index.utf8).write(to: ws.appendingPathComponent("index.json"))
        let result = try CLI.run(["serve", "--out", ws.path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no release can be served"))
        #expect(result.stderr.contains("--include-drafts"))
    }

    @Test func aPortOutOfRangeIsAUsageError() throws {
        let result = try CLI.run(["serve", "--port", "70000"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--port"))
    }
}
