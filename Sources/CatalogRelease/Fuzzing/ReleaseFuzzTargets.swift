import CatalogCore
import Crypto
import Foundation

/// The bodies of the `archive` and `release-json` libFuzzer targets (`scripts/fuzz`), kept in
/// the library so that the fuzzers and the test replaying their saved corpus
/// (`Tests/Fuzz/corpus/<target>`) run the same code. Each writes its input into one file of a
/// private temporary folder (made once per process) and reads it back the way `verify` and
/// `diff` do; nothing is written anywhere else.
public enum ReleaseFuzzTargets {
    /// A private folder for the inputs, made once: a version folder with one listed file and a
    /// (wrong) signature beside the fuzzed `release.json`.
    static let scratch: String = {
        let base = PathText.normalized(PathText.join(NSTemporaryDirectory(), "lienthong-fuzz-\(getpid())"))
        try? FileManager.default.createDirectory(atPath: PathText.join(base, "v/json"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: PathText.join(base, "v/json/catalog.json"), contents: Data("{}\n".utf8))
        _ = FileManager.default.createFile(atPath: PathText.join(base, "v/release.json.sig"), contents: Data(repeating: 7, count: 64))
        return base
    }()

    /// A fixed public key, so that the signature check runs on every manifest.
    static var publicKey: Curve25519.Signing.PublicKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 32)).publicKey
    }

    /// Writes `bytes` to `path` (replacing it).
    static func put(_ bytes: [UInt8], at path: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// A release archive (`.tar.gz`, `.tgz`, `.zip`, or anything libarchive recognizes) read as
    /// `verify` reads a downloaded archive (every regular entry's digest, streamed, then the gzip
    /// trailer) and as `diff` reads one (the JSON files kept, within a bound of 1 MiB).
    public static func archive(_ bytes: [UInt8]) {
        let path = PathText.join(scratch, "release.tar.gz")
        guard put(bytes, at: path) else { return }
        _ = try? ArchiveFiles.digests(of: path)
        _ = try? ArchiveFiles.read(path, limit: 1 << 20) { $0.hasSuffix(".json") }
    }

    /// `release.json` and `index.json` parsing, then the verification of a version folder whose
    /// `release.json` is the input (with a fixed public key): every problem verify reports must
    /// name a path inside that folder (a listed path never leads outside it).
    public static func releaseJSON(_ bytes: [UInt8]) {
        _ = try? VersionIndex.decode(bytes, path: "index.json")
        guard (try? ReleaseManifest.decode(bytes, path: "release.json")) != nil else { return }
        let folder = PathText.join(scratch, "v")
        guard put(bytes, at: PathText.join(folder, ReleaseManifest.fileName)) else { return }
        let report = ReleaseVerifier.verify(folder: folder, publicKey: publicKey)
        let root = PathText.normalized(folder)
        for problem in report.problems {
            precondition(problem.path.hasPrefix(root + "/"), "verify reported a path outside the release folder: \(problem.path)")
        }
    }
}
