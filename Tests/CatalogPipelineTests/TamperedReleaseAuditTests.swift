import CatalogCore
import CatalogPipeline
import CatalogRelease
import Foundation
import Testing

/// Issue 31's tampering findings, each through every command that met it: a symbolic link to a
/// folder added to a published, signed release passed `verify --public-key`, `check` and
/// `publish`; a deleted `release.json.sig` passed `check` and `publish`.
@Suite struct TamperedReleaseAuditTests {
    @Test func aSymlinkedFolderInASignedReleaseFailsVerifyWithTheKeyCheckAndPublish() throws {
        let f = try ReleaseGateTests.published()
        defer { f.remove() }
        let key = try ReleaseKeys.privateKey(pem: ReleaseKeys.generate().privatePEM, path: "key.pem")
        #expect(try ReleaseSigning.sign(version: "1.2.0", in: OutputFolder(root: f.out), with: key) == .signed(f.out + "/1.2.0/release.json.sig"))
        try FileManager.default.createSymbolicLink(atPath: f.out + "/1.2.0/hosted", withDestinationPath: "/etc")
        let report = ReleaseVerifier.verify(folder: f.out + "/1.2.0", publicKey: key.publicKey)
        #expect(report.signatureVerified, "the signature itself still holds")
        #expect(report.problems.map(\.path) == [f.out + "/1.2.0/hosted"])
        #expect(f.run(.check).errorRules == ["LT1301"])
        try f.setVersion("1.3.0")
        #expect(f.run(.publish(signingKey: nil)).errorRules.contains("LT1301"))
        #expect(!FileManager.default.fileExists(atPath: f.out + "/1.3.0"), "nothing is published over a tampered release")
    }

    @Test func aDeletedSignatureFailsCheckAndPublish() throws {
        let f = try ReleaseGateTests.published()
        defer { f.remove() }
        let key = try ReleaseKeys.privateKey(pem: ReleaseKeys.generate().privatePEM, path: "key.pem")
        #expect(try ReleaseSigning.sign(version: "1.2.0", in: OutputFolder(root: f.out), with: key) == .signed(f.out + "/1.2.0/release.json.sig"))
        try FileManager.default.removeItem(atPath: f.out + "/1.2.0/release.json.sig")
        #expect(f.run(.check).errorRules == ["LT1307"])
        try f.setVersion("1.3.0")
        #expect(f.run(.publish(signingKey: nil)).errorRules.contains("LT1307"))
        #expect(!FileManager.default.fileExists(atPath: f.out + "/1.3.0"))
    }
}
