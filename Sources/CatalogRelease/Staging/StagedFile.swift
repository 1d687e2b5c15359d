import CatalogEmitters
import CatalogSources
import Foundation

/// One file of an ``OutputStage`` as it is written. Its bytes are compared with the file on
/// disk as they arrive; once they differ (or when there is no file), the staging file is opened,
/// the identical part so far is copied into it from the disk, and the rest is written there. So
/// an unchanged file is read once and never written, and no file is ever held whole.
/// Every byte is also hashed as it passes, so a release manifest never reads a file again.
final class StagedFile: ArtifactFile {
    /// How the finished file compares with the disk.
    enum Outcome { case unchanged, added, modified }

    private let path: String
    /// Where a changed file is staged; nil for a dry run, which only compares.
    private let staging: String?
    private let stage: OutputStage
    /// Whether the target existed when the file was opened.
    private let existed: Bool
    /// The file on disk, open while every byte so far matches it; -1 afterwards.
    private var existing: Int32
    /// How many bytes matched the disk so far.
    private var matched = 0
    /// The staging file once the bytes differ; -1 before (and always in a dry run).
    private var staged: Int32 = -1
    /// How many bytes the staging file holds, and its page-cache upkeep.
    private var stagedCount = 0
    private var writeBehind = WriteBehind()
    /// Room to read the disk's bytes for comparison.
    private var comparison: [UInt8] = []
    /// Size and SHA-256 of the bytes written so far.
    private var digest = DigestAccumulator()
    private var error: (any Error)?

    init(path: String, target: String, staging: String?, stage: OutputStage) {
        self.path = path
        self.staging = staging
        self.stage = stage
        // Only a regular file is compared: opening a FIFO would block.
        existing = FileKind.of(target) == .regular ? Foundation.open(target, O_RDONLY | O_CLOEXEC) : -1
        existed = FileKind.of(target) != nil
        if !existed { diverge() }
    }

    func write(_ bytes: [UInt8]) {
        guard error == nil, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { digest.add($0) }
        if existing >= 0 {
            if diskHolds(bytes) {
                matched += bytes.count
                return
            }
            diverge()
        }
        guard staged >= 0 else { return }
        if !bytes.withUnsafeBytes(stage(_:)) { fail() }
    }

    /// Appends `bytes` to the staging file; false on an error.
    private func stage(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard FileDescriptorIO.write(bytes, to: staged) else { return false }
        stagedCount += bytes.count
        writeBehind.wrote(upTo: stagedCount, of: staged)
        return true
    }

    func close() {
        if existing >= 0 {
            // Every byte matched: the file is unchanged if the disk holds nothing more.
            var byte: UInt8 = 0
            let more = withUnsafeMutableBytes(of: &byte) { FileDescriptorIO.read(existing, into: $0, at: matched) }
            if error == nil, more == 0 {
                Foundation.close(existing)
                stage.record(path, .unchanged, staged: nil, digest: digest.finish(), error: nil)
                return
            }
            diverge()
        }
        // The staged file stays open for the stage, which makes sure its bytes are on disk
        // before moving it into place; their writing starts now, beside the other emitters.
        var handed: StagedCopy?
        if staged >= 0 {
            if error == nil, let staging {
                writeBehind.startWritingTheRest(of: staged)
                handed = StagedCopy(path: staging, descriptor: staged)
            } else {
                Foundation.close(staged)
            }
        }
        staged = -1
        stage.record(path, existed ? .modified : .added, staged: handed, digest: digest.finish(), error: error)
    }

    /// Whether the disk's next bytes are exactly `bytes`.
    private func diskHolds(_ bytes: [UInt8]) -> Bool {
        if comparison.count < bytes.count { comparison = [UInt8](repeating: 0, count: bytes.count) }
        let count = comparison.withUnsafeMutableBytes {
            FileDescriptorIO.read(existing, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<bytes.count]), at: matched)
        }
        return count == bytes.count && comparison.withUnsafeBytes { disk in
            bytes.withUnsafeBytes { memcmp(disk.baseAddress!, $0.baseAddress!, bytes.count) == 0 }
        }
    }

    /// The bytes differ from the disk (or there is no file on disk): opens the staging file and
    /// copies into it the part that matched, then lets the disk file go.
    private func diverge() {
        defer {
            if existing >= 0 { Foundation.close(existing) }
            existing = -1
            comparison = []
        }
        guard let staging else { return }
        staged = Foundation.open(staging, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard staged >= 0 else { return fail() }
        guard matched > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: min(matched, OutputBuffer.chunkSize))
        var offset = 0
        while offset < matched {
            let want = min(chunk.count, matched - offset)
            let n = chunk.withUnsafeMutableBytes { FileDescriptorIO.read(existing, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<want]), at: offset) }
            guard n == want, chunk.withUnsafeBytes({ stage(UnsafeRawBufferPointer(rebasing: $0[..<n])) }) else { return fail() }
            offset += n
        }
    }

    private func fail() {
        if error == nil { error = ReleaseError.io(staging ?? path, "cannot be written", errno) }
    }
}

/// A finished staged file, still open so that the stage can make its bytes durable before
/// moving it into place. Closed when made durable, or when dropped. (Handed between threads,
/// but used by one at a time: its emitter, then the stage's commit.)
final class StagedCopy {
    let path: String
    private var descriptor: Int32

    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    /// Closes the file without waiting for its bytes (their writing was started when the
    /// emitter closed it); the stage then syncs the whole file system once before the moves.
    /// False on an error.
    func closeUnsynced() -> Bool {
        guard descriptor >= 0 else { return true }
        defer { descriptor = -1 }
        return Foundation.close(descriptor) == 0
    }

    /// Waits until the file's bytes are on disk, and closes it; false on an error. A file
    /// closed unsynced returns true: the stage's file-system sync covers it.
    func makeDurable() -> Bool {
        guard descriptor >= 0 else { return true }
        let synced = fdatasync(descriptor) == 0
        let closed = Foundation.close(descriptor) == 0
        descriptor = -1
        return synced && closed
    }
}
