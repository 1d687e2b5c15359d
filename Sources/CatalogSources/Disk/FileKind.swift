import Foundation

/// What a path names on disk, in words a user recognises, so that a FIFO, a device or a folder
/// standing where a file belongs is named as what it is rather than "does not exist".
public enum FileKind: String, Sendable {
    case regular = "a regular file"
    case directory = "a folder"
    case fifo = "a FIFO (named pipe)"
    case characterDevice = "a character device"
    case blockDevice = "a block device"
    case socket = "a socket"
    case symbolicLinkLoop = "a symbolic link that loops or points nowhere"
    case other = "a special file"

    /// The kind of `path`, following symbolic links; nil when nothing is there. `stat` never
    /// opens the file, so a FIFO cannot block the caller.
    public static func of(_ path: String) -> FileKind? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ELOOP { return .symbolicLinkLoop }
            var link = stat()
            return lstat(path, &link) == 0 ? .symbolicLinkLoop : nil
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFSOCK: return .socket
        default: return .other
        }
    }
}
