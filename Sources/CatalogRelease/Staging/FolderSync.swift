import Foundation

/// Makes a folder's entries (files created, renamed or removed in it) survive a crash, as the
/// stage and the edit journal need after their renames. Best effort: a folder that cannot be
/// opened is left alone (its renames happened; only their durability is in question).
enum FolderSync {
    static func sync(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
