import Crypto
import Foundation

/// Checks a published release against its `release.json`: every listed file present with its
/// size and SHA-256, no file that is not listed, and, given the publisher's public key, the
/// detached signature of `release.json`. Works on a version folder and on a downloaded archive
/// (with the `release.json` published beside it). Every difference is reported, not just the
/// first.
public enum ReleaseVerifier {
    /// What a verification found.
    public struct Report: Sendable {
        public var manifest: ReleaseManifest?
        public var problems: [ReleaseProblem] = []
        /// Whether a signature was checked and holds.
        public var signatureVerified = false
        /// How many files were compared.
        public var filesChecked = 0
    }

    /// Verifies the version folder `folder`. With `publicKey`, the signature must be present and
    /// valid; without one, a present signature is not checked (the report says so).
    public static func verify(folder: String, publicKey: Curve25519.Signing.PublicKey?) -> Report {
        var report = Report()
        let manifestPath = folder + "/" + ReleaseManifest.fileName
        let manifestBytes: [UInt8]
        do {
            manifestBytes = try readSmall(manifestPath)
            report.manifest = try ReleaseManifest.decode(manifestBytes, path: manifestPath)
        } catch let error as ReleaseError {
            report.problems.append(ReleaseProblem(path: error.path, kind: .unlisted(error.message)))
            return report
        } catch {
            report.problems.append(ReleaseProblem(path: manifestPath, kind: .unlisted("\(error)")))
            return report
        }
        guard let manifest = report.manifest else { return report }
        checkSignature(of: manifestBytes, at: folder + "/" + ReleaseManifest.signatureName, key: publicKey, into: &report)
        let listed = Set(manifest.files.map(\.path))
        for file in manifest.files {
            let path = folder + "/" + file.path
            report.filesChecked += 1
            guard FileKind.of(path) != nil else {
                report.problems.append(ReleaseProblem(path: path, kind: .missing))
                continue
            }
            let digest = try? FileDigest.of(file: path)
            if digest != FileDigest(size: file.size, sha256: file.sha256) {
                report.problems.append(ReleaseProblem(path: path, kind: .modified))
            }
        }
        for relative in filesUnder(folder) where !listed.contains(relative)
            && relative != ReleaseManifest.fileName && relative != ReleaseManifest.signatureName {
            report.problems.append(ReleaseProblem(path: folder + "/" + relative, kind: .extra))
        }
        return report
    }

    /// Verifies a downloaded archive against the `release.json` at `manifestPath` (by default
    /// beside the archive, or in the folder above it): the archive's own SHA-256 must be the
    /// one listed; for the version archive, every entry must be a listed file with its digest, and
    /// every listed file (but the archives) must be in it.
    public static func verify(archive: String, manifestPath: String?, publicKey: Curve25519.Signing.PublicKey?) -> Report {
        var report = Report()
        let directory = (archive as NSString).deletingLastPathComponent
        let candidates = manifestPath.map { [$0] } ?? [directory + "/" + ReleaseManifest.fileName,
                                                        (directory as NSString).deletingLastPathComponent + "/" + ReleaseManifest.fileName]
        guard let found = candidates.first(where: { FileKind.of($0) == .regular }) else {
            report.problems.append(ReleaseProblem(path: archive, kind: .unlisted("no release.json beside this archive; download the release's release.json (and release.json.sig) and give it with --release")))
            return report
        }
        let manifestBytes: [UInt8]
        do {
            manifestBytes = try readSmall(found)
            report.manifest = try ReleaseManifest.decode(manifestBytes, path: found)
        } catch let error as ReleaseError {
            report.problems.append(ReleaseProblem(path: error.path, kind: .unlisted(error.message)))
            return report
        } catch {
            report.problems.append(ReleaseProblem(path: found, kind: .unlisted("\(error)")))
            return report
        }
        guard let manifest = report.manifest else { return report }
        checkSignature(of: manifestBytes, at: (found as NSString).deletingLastPathComponent + "/" + ReleaseManifest.signatureName, key: publicKey, into: &report)
        let name = (archive as NSString).lastPathComponent
        guard let listed = manifest.archives.first(where: { ($0.path as NSString).lastPathComponent == name }),
              let expected = manifest.file(listed.path) else {
            report.problems.append(ReleaseProblem(path: archive, kind: .unlisted("release.json lists no archive named \(name)")))
            return report
        }
        report.filesChecked += 1
        guard let digest = try? FileDigest.of(file: archive), digest == FileDigest(size: expected.size, sha256: expected.sha256) else {
            report.problems.append(ReleaseProblem(path: archive, kind: .modified))
            return report
        }
        guard listed.kind == "version" else { return report }
        // The version archive's entries are named <name>-<version>/<path in the version folder>.
        do {
            let entries = try ArchiveFiles.digests(of: archive)
            var seen = Set<String>()
            for (entryName, entryDigest) in entries {
                let path = entryName.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? entryName
                seen.insert(path)
                report.filesChecked += 1
                if let file = manifest.file(path) {
                    if entryDigest != FileDigest(size: file.size, sha256: file.sha256) {
                        report.problems.append(ReleaseProblem(path: archive + ":" + entryName, kind: .modified))
                    }
                } else {
                    report.problems.append(ReleaseProblem(path: archive + ":" + entryName, kind: .extra))
                }
            }
            for file in manifest.files where !seen.contains(file.path) && !file.path.hasPrefix(ReleaseBundle.folder + "/") {
                report.problems.append(ReleaseProblem(path: archive + ":" + file.path, kind: .missing))
            }
        } catch let error as ReleaseError {
            report.problems.append(ReleaseProblem(path: archive, kind: .unlisted(error.message)))
        } catch {
            report.problems.append(ReleaseProblem(path: archive, kind: .unlisted("\(error)")))
        }
        return report
    }

    /// Checks the detached signature when a key is given; notes an unchecked one otherwise.
    private static func checkSignature(of bytes: [UInt8], at path: String, key: Curve25519.Signing.PublicKey?, into report: inout Report) {
        guard let key else { return }
        guard FileKind.of(path) == .regular, let signature = try? readSmall(path) else {
            report.problems.append(ReleaseProblem(path: path, kind: .signature("the release is not signed (no release.json.sig), but a public key was given; download the signature, or ask the publisher")))
            return
        }
        if ReleaseKeys.isValid(signature, of: bytes, by: key) {
            report.signatureVerified = true
        } else {
            report.problems.append(ReleaseProblem(path: path, kind: .signature("the signature does not match release.json and the public key \(ReleaseKeys.fingerprint(key)): release.json was changed after signing, or the key is not the publisher's")))
        }
    }

    /// Every regular file under `folder`, as paths relative to it, in order.
    static func filesUnder(_ folder: String) -> [String] {
        var files: [String] = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
        while let relative = enumerator.nextObject() as? String {
            if FileKind.of(folder + "/" + relative) != .directory { files.append(relative) }
        }
        return files.sorted()
    }

    /// Reads a small file (a manifest, a key, a signature) whole, refusing anything that is not
    /// a regular file or is larger than 64 MiB.
    static func readSmall(_ path: String) throws -> [UInt8] {
        try readWhole(path, limit: 64 << 20)
    }

    /// Reads a file whole (a source file about to be replaced), up to `limit` bytes.
    static func readSmallOrLarge(_ path: String) throws -> [UInt8] {
        try readWhole(path, limit: Int.max)
    }

    private static func readWhole(_ path: String, limit: Int) throws -> [UInt8] {
        guard let kind = FileKind.of(path) else { throw ReleaseError.io(path, "cannot be read", ENOENT) }
        guard kind == .regular else { throw ReleaseError.notAFile(path, kind: kind) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReleaseError.io(path, "cannot be read", errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ReleaseError.io(path, "cannot be read", errno) }
        guard st.st_size <= limit else { throw ReleaseError.malformed(path, "this file is \(st.st_size) bytes, more than such a file can be") }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        let n = bytes.withUnsafeMutableBytes { FileDescriptorIO.read(fd, into: $0, at: 0) }
        guard n == bytes.count else { throw ReleaseError.io(path, "cannot be read", errno) }
        return bytes
    }
}
