import Foundation
import Testing
@testable import CatalogRelease

/// Ed25519 keys in OpenSSL's PEM forms, signatures that OpenSSL checks, and keys it made.
@Suite struct ReleaseKeysTests {
    @Test func aGeneratedPairSignsAndVerifies() throws {
        let pair = ReleaseKeys.generate()
        let privateKey = try ReleaseKeys.privateKey(pem: pair.privatePEM, path: "k.pem")
        let publicKey = try ReleaseKeys.publicKey(pem: pair.publicPEM, path: "k.pub")
        let message = Array("{\"version\": \"2026.1.0\"}\n".utf8)
        let signature = try ReleaseKeys.sign(message, with: privateKey)
        #expect(signature.count == 64)
        #expect(ReleaseKeys.isValid(signature, of: message, by: publicKey))
        #expect(!ReleaseKeys.isValid(signature, of: message + [0x20], by: publicKey))
        let other = try ReleaseKeys.publicKey(pem: ReleaseKeys.generate().publicPEM, path: "o.pub")
        #expect(!ReleaseKeys.isValid(signature, of: message, by: other))
    }

    @Test func wrongKeyFilesAreNamed() {
        #expect(throws: ReleaseError.malformed("k.pem", "no '-----BEGIN PRIVATE KEY-----' block; give the PEM file of an Ed25519 key")) {
            try ReleaseKeys.privateKey(pem: "hello", path: "k.pem")
        }
        let pair = ReleaseKeys.generate()
        // A public key given where the private key belongs.
        #expect(throws: ReleaseError.self) { try ReleaseKeys.privateKey(pem: pair.publicPEM, path: "k.pem") }
        let rsaLike = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"
        #expect(throws: ReleaseError.self) { try ReleaseKeys.publicKey(pem: rsaLike, path: "k.pub") }
    }

    /// OpenSSL reads our keys and checks our signatures, and we read its keys: the files are
    /// the standard ones, not a private format.
    @Test func openSSLAgrees() throws {
        let openssl = "/usr/bin/openssl"
        try #require(FileManager.default.isExecutableFile(atPath: openssl), "openssl is installed by scripts/install-deps.sh")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ arguments: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: openssl)
            p.arguments = arguments
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        let pair = ReleaseKeys.generate()
        try Data(pair.publicPEM.utf8).write(to: dir.appendingPathComponent("ours.pub.pem"))
        let message = Array("release.json bytes\n".utf8)
        try Data(message).write(to: dir.appendingPathComponent("msg"))
        try Data(ReleaseKeys.sign(message, with: ReleaseKeys.privateKey(pem: pair.privatePEM, path: "k"))).write(to: dir.appendingPathComponent("msg.sig"))
        #expect(try run(["pkeyutl", "-verify", "-pubin", "-inkey", "ours.pub.pem", "-rawin", "-in", "msg", "-sigfile", "msg.sig"]) == 0)
        try Data([0]).write(to: dir.appendingPathComponent("msg"), options: .atomic)
        #expect(try run(["pkeyutl", "-verify", "-pubin", "-inkey", "ours.pub.pem", "-rawin", "-in", "msg", "-sigfile", "msg.sig"]) != 0)

        #expect(try run(["genpkey", "-algorithm", "ed25519", "-out", "theirs.pem"]) == 0)
        #expect(try run(["pkey", "-in", "theirs.pem", "-pubout", "-out", "theirs.pub.pem"]) == 0)
        let theirs = try ReleaseKeys.privateKey(pem: String(decoding: Data(contentsOf: dir.appendingPathComponent("theirs.pem")), as: UTF8.self), path: "theirs.pem")
        let theirPublic = try ReleaseKeys.publicKey(pem: String(decoding: Data(contentsOf: dir.appendingPathComponent("theirs.pub.pem")), as: UTF8.self), path: "theirs.pub.pem")
        #expect(theirs.publicKey.rawRepresentation == theirPublic.rawRepresentation)
    }
}
