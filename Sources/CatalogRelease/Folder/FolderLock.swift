import CatalogSources
import Foundation

/// An advisory lock on a folder (`flock` on the folder itself, so nothing is left behind), held
/// while a command reads or writes it. Writers (`build`, `publish`, `assign`) take it
/// exclusively and exclude each other; readers (`check`, `build --check`, `verify`) share it, so
/// they never see a commit half done. The kernel releases it when the process ends, however it
/// ends, so a killed run never leaves a stale lock.
public final class FolderLock: @unchecked Sendable {
    /// Whether other holders may share the lock.
    public enum Mode: Sendable { case exclusive, shared }

    /// How long a command waits for another run to finish before giving up, by default.
    public static let standardWait: Double = 10

    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock on the folder at `path`, waiting up to `seconds` for another holder.
    /// Throws ``ReleaseError/busy(_:waited:)`` when it stays taken, and
    /// ``ReleaseError/notAFolder(_:kind:)`` when `path` is not a folder.
    public static func acquire(_ path: String, _ mode: Mode, waiting seconds: Double = standardWait) throws -> FolderLock {
        if let kind = FileKind.of(path), kind != .directory { throw ReleaseError.notAFolder(path, kind: kind) }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw ReleaseError.io(path, "cannot be opened to lock it", errno) }
        let operation = (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        let deadline = Date().addingTimeInterval(max(0, seconds))
        while flock(fd, operation) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw ReleaseError.io(path, "cannot be locked", code)
            }
            guard Date() < deadline else {
                close(fd)
                throw ReleaseError.busy(path, waited: seconds)
            }
            usleep(50_000)
        }
        return FolderLock(path: path, descriptor: fd)
    }

    /// Turns an exclusive lock into a shared one (after finishing an interrupted commit).
    public func share() {
        if descriptor >= 0 { _ = flock(descriptor, LOCK_SH) }
    }

    /// Lets the lock go (also done when the lock is released from memory or the process ends).
    public func release() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
