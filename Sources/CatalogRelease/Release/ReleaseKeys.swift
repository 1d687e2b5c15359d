import Crypto
import Foundation

/// Ed25519 keys for signing releases (swift-crypto), kept in the PEM files OpenSSL reads and
/// writes (`openssl genpkey -algorithm ed25519`): the private key as PKCS #8
/// (`-----BEGIN PRIVATE KEY-----`), the public key as SubjectPublicKeyInfo
/// (`-----BEGIN PUBLIC KEY-----`), both with the Ed25519 algorithm identifier of RFC 8410. The
/// signature of `release.json` is the raw 64-byte Ed25519 signature of its bytes, which
/// `openssl pkeyutl -verify -rawin` checks too.
public enum ReleaseKeys {
    /// DER before the 32 key bytes: PKCS #8 with OID 1.3.101.112 (RFC 8410, section 7).
    static let privatePrefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    /// DER before the 32 key bytes: SubjectPublicKeyInfo with OID 1.3.101.112 (RFC 8410, section 4).
    static let publicPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// A new key pair, as PEM texts.
    public static func generate() -> (privatePEM: String, publicPEM: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (pem(privatePrefix + key.rawRepresentation, label: "PRIVATE KEY"), publicPEM(key.publicKey))
    }

    /// The public key as PEM text.
    public static func publicPEM(_ key: Curve25519.Signing.PublicKey) -> String {
        pem(publicPrefix + key.rawRepresentation, label: "PUBLIC KEY")
    }

    /// Reads a PKCS #8 Ed25519 private key from PEM text; `path` names it in errors.
    public static func privateKey(pem text: String, path: String) throws -> Curve25519.Signing.PrivateKey {
        let der = try decode(text, label: "PRIVATE KEY", path: path)
        guard der.count == privatePrefix.count + 32, Array(der.prefix(privatePrefix.count)) == privatePrefix,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32)) else {
            throw ReleaseError.malformed(path, "this is not an Ed25519 private key in PKCS #8 form; make one with `lienthong keygen` or `openssl genpkey -algorithm ed25519`")
        }
        return key
    }

    /// Reads an Ed25519 public key (SubjectPublicKeyInfo) from PEM text.
    public static func publicKey(pem text: String, path: String) throws -> Curve25519.Signing.PublicKey {
        let der = try decode(text, label: "PUBLIC KEY", path: path)
        guard der.count == publicPrefix.count + 32, Array(der.prefix(publicPrefix.count)) == publicPrefix,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32)) else {
            throw ReleaseError.malformed(path, "this is not an Ed25519 public key; export it with `lienthong keygen` or `openssl pkey -pubout`")
        }
        return key
    }

    /// The signature of `bytes`.
    public static func sign(_ bytes: [UInt8], with key: Curve25519.Signing.PrivateKey) throws -> [UInt8] {
        Array(try key.signature(for: bytes))
    }

    /// Whether `signature` is `key`'s signature of `bytes`.
    public static func isValid(_ signature: [UInt8], of bytes: [UInt8], by key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: bytes)
    }

    /// A short fingerprint of a public key (the first 16 hex digits of the SHA-256 of its
    /// raw bytes), to name it in messages and docs/guide/publishers.md.
    public static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        String(FileDigest.of(bytes: Array(key.rawRepresentation)).sha256.prefix(16))
    }

    private static func pem(_ der: [UInt8], label: String) -> String {
        let base64 = Data(der).base64EncodedString()
        var lines = "-----BEGIN \(label)-----\n"
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines += rest.prefix(64) + "\n"
            rest = rest.dropFirst(64)
        }
        return lines + "-----END \(label)-----\n"
    }

    private static func decode(_ text: String, label: String, path: String) throws -> [UInt8] {
        let begin = "-----BEGIN \(label)-----", end = "-----END \(label)-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
            throw ReleaseError.malformed(path, "no '\(begin)' block; give the PEM file of an Ed25519 key")
        }
        let body = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: String(body)) else {
            throw ReleaseError.malformed(path, "the PEM block is not valid base64")
        }
        return [UInt8](data)
    }
}
