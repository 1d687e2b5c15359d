import CatalogCore
import CatalogSources
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

    /// Verifies the version folder `folder`, or a version archive unpacked into a folder. The
    /// `release.json` is the folder's own, or `manifestPath`, or (an unpacked archive, which
    /// holds no `release.json`) the one beside the folder. With `publicKey`, the signature
    /// beside that `release.json` must be present and valid; without one, a present signature
    /// is not checked (the report says so). A release holds regular files and folders only:
    /// a symbolic link, FIFO or device anywhere in it is a problem, never followed.
    public static func verify(folder: String, manifestPath: String? = nil, publicKey: Curve25519.Signing.PublicKey?) -> Report {
        var report = Report()
        let folder = PathText.normalized(folder)
        let own = PathText.join(folder, ReleaseManifest.fileName)
        let beside = PathText.join(PathText.parent(folder), ReleaseManifest.fileName)
        let candidates = manifestPath.map { [$0] } ?? [own, beside]
        guard let found = candidates.first(where: { FileKind.of($0) != nil }) else {
            report.problems.append(ReleaseProblem(path: own, kind: .unlisted("no release.json in this folder or beside it; download the release's release.json (and release.json.sig) and give it with --release")))
            return report
        }
        // An unpacked version archive holds every file but the archives themselves.
        let unpacked = found != own
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
        checkSignature(of: manifestBytes, at: PathText.join(PathText.parent(found), ReleaseManifest.signatureName), key: publicKey, into: &report)
        let (present, strange) = entriesUnder(folder)
        for (relative, kind) in strange {
            report.problems.append(ReleaseProblem(path: PathText.join(folder, relative), kind: .unlisted("this is \(kind) inside a release; a release holds only regular files and folders listed in release.json: remove it")))
        }
        let strangePaths = Set(strange.map(\.path))
        let listed = Set(manifest.files.map(\.path))
        for file in manifest.files {
            if unpacked, file.path.hasPrefix(ReleaseBundle.folder + "/") { continue }
            let path = PathText.join(folder, file.path)
            report.filesChecked += 1
            guard !strangePaths.contains(file.path) else { continue }
            guard present.contains(file.path) else {
                report.problems.append(ReleaseProblem(path: path, kind: .missing))
                continue
            }
            let digest = try? FileDigest.of(file: path)
            if digest != FileDigest(size: file.size, sha256: file.sha256) {
                report.problems.append(ReleaseProblem(path: path, kind: .modified))
            }
        }
        for relative in present.sorted() where !listed.contains(relative)
            && relative != ReleaseManifest.fileName && relative != ReleaseManifest.signatureName {
            report.problems.append(ReleaseProblem(path: PathText.join(folder, relative), kind: .extra))
        }
        return report
    }

    /// Verifies what a `release.json` at `path` describes, where it stands: the version folder
    /// it is in, or the release's archives downloaded beside it (each one present).
    public static func verify(manifest path: String, publicKey: Curve25519.Signing.PublicKey?) -> Report {
        let folder = PathText.parent(path)
        if FileKind.of(PathText.join(folder, "json/catalog.json")) == .regular {
            return verify(folder: folder, manifestPath: path, publicKey: publicKey)
        }
        var report = Report()
        do {
            report.manifest = try ReleaseManifest.decode(try readSmall(path), path: path)
        } catch let error as ReleaseError {
            report.problems.append(ReleaseProblem(path: error.path, kind: .unlisted(error.message)))
            return report
        } catch {
            report.problems.append(ReleaseProblem(path: path, kind: .unlisted("\(error)")))
            return report
        }
        let present = (report.manifest?.archives ?? []).map { PathText.join(folder, PathText.lastComponent($0.path)) }.filter { FileKind.of($0) == .regular }
        guard !present.isEmpty else {
            report.problems.append(ReleaseProblem(path: path, kind: .unlisted("no archive this release.json lists is beside it, and this is not a version folder; download the archive next to it, or name the archive or the unpacked folder")))
            return report
        }
        var combined = Report(manifest: report.manifest)
        combined.signatureVerified = publicKey != nil
        for archive in present {
            let one = verify(archive: archive, manifestPath: path, publicKey: publicKey)
            combined.problems += one.problems
            combined.filesChecked += one.filesChecked
            combined.signatureVerified = combined.signatureVerified && one.signatureVerified
        }
        return combined
    }

    /// Verifies a downloaded archive against the `release.json` at `manifestPath` (by default
    /// beside the archive, or in the folder above it): the archive's own SHA-256 must be the
    /// one listed; for the version archive, every entry must be a listed file with its digest, and
    /// every listed file (but the archives) must be in it.
    public static func verify(archive: String, manifestPath: String?, publicKey: Curve25519.Signing.PublicKey?) -> Report {
        var report = Report()
        let directory = PathText.parent(archive)
        let candidates = manifestPath.map { [$0] } ?? [PathText.join(directory, ReleaseManifest.fileName),
                                                        PathText.join(PathText.parent(directory), ReleaseManifest.fileName)]
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
        checkSignature(of: manifestBytes, at: PathText.join(PathText.parent(found), ReleaseManifest.signatureName), key: publicKey, into: &report)
        let name = PathText.lastComponent(archive)
        guard let listed = manifest.archives.first(where: { PathText.lastComponent($0.path) == name }),
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

    /// Every regular file under `folder` (paths relative to it), and every entry that is
    /// neither a regular file nor a folder (a symbolic link, FIFO, device, socket) with what it
    /// is. Nothing is followed or opened: entries are examined with `lstat`.
    static func entriesUnder(_ folder: String) -> (files: Set<String>, strange: [(path: String, kind: String)]) {
        var files = Set<String>()
        var strange: [(path: String, kind: String)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder : PathText.join(folder, relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                var st = stat()
                guard lstat(PathText.join(folder, child), &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFREG: files.insert(child)
                case S_IFDIR: pending.append(child)
                case S_IFLNK: strange.append((child, "a symbolic link"))
                case S_IFIFO: strange.append((child, FileKind.fifo.rawValue))
                case S_IFCHR: strange.append((child, FileKind.characterDevice.rawValue))
                case S_IFBLK: strange.append((child, FileKind.blockDevice.rawValue))
                case S_IFSOCK: strange.append((child, FileKind.socket.rawValue))
                default: strange.append((child, FileKind.other.rawValue))
                }
            }
        }
        return (files, strange.sorted { $0.path < $1.path })
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
