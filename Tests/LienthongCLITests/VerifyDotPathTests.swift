import Foundation
import Testing
import TestSupport

/// Issue 31: `verify` with any argument whose folder part is `.` (`./package.tgz`,
/// `./release.json`, `.//X`) crashed (SIGILL in Foundation's path functions). Every form
/// now ends in a verdict with exit status 0 on a sound download, never a signal.
@Suite struct VerifyDotPathTests {
    @Test func everyDotFormOfADownloadVerifies() throws {
        let downloads = try CLI.workspace()
        defer { try? FileManager.default.removeItem(at: downloads) }
        let release = CLI.root.appendingPathComponent("generated/2026.3.0")
        for name in ["dist/package.tgz", "dist/LienThongCanLamSang-2026.3.0.tar.gz", "release.json"] {
            try FileManager.default.copyItem(at: release.appendingPathComponent(name),
                                             to: downloads.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent))
        }
        for form in ["./package.tgz", ".//package.tgz", "./release.json", ".//release.json", "release.json", "./LienThongCanLamSang-2026.3.0.tar.gz"] {
            let r = try CLI.run(["verify", form], in: downloads)
            #expect(r.status == 0, "verify \(form): status \(r.status), \(r.stderr)")
            #expect(r.stdout.contains("release 2026.3.0 verified"), "verify \(form): \(r.stdout)")
        }
        // `.` itself (a download folder, not a version folder) is a clear error, not a crash.
        let dot = try CLI.run(["verify", "."], in: downloads)
        #expect(dot.status == 0 || dot.status == 1, "verify .: status \(dot.status), \(dot.stderr)")
        #expect(!dot.stderr.isEmpty || dot.status == 0)
    }
}
