import CatalogSources
import Crypto
import Foundation

/// A file's size and SHA-256, as a release manifest lists them.
public struct FileDigest: Equatable, Sendable {
    public var size: Int
    /// Lower-case hexadecimal.
    public var sha256: String

    public init(size: Int, sha256: String) {
        self.size = size
        self.sha256 = sha256
    }

    /// Digests the file at `path`, read in 1 MiB pieces (never whole). Throws when it cannot
    /// be read or is not a regular file.
    public static func of(file path: String) throws -> FileDigest {
        if let kind = FileKind.of(path), kind != .regular { throw ReleaseError.notAFile(path, kind: kind) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReleaseError.io(path, "cannot be read", errno) }
        defer { close(fd) }
        var hasher = DigestAccumulator()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { FileDescriptorIO.read(fd, into: $0, at: offset) }
            guard n >= 0 else { throw ReleaseError.io(path, "cannot be read", errno) }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            offset += n
        }
        return hasher.finish()
    }

    /// Lower-case hexadecimal of `bytes`, two digits each (a lookup, not `String(format:)`,
    /// which cost seconds over the 100,000 files of a large build).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of bytes in memory.
    public static func of(bytes: [UInt8]) -> FileDigest {
        var hasher = DigestAccumulator()
        bytes.withUnsafeBytes { hasher.add($0) }
        return hasher.finish()
    }
}

/// Hashes bytes as they stream past (SHA-256 from swift-crypto) and counts them.
public struct DigestAccumulator {
    private var hasher = SHA256()
    private var count = 0

    public init() {}

    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        count += bytes.count
    }

    public func finish() -> FileDigest {
        FileDigest(size: count, sha256: FileDigest.hex(hasher.finalize()))
    }
}
