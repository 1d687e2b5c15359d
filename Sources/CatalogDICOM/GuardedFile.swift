import Glibc

/// The one way a file of a medium is opened: only a regular file (or a link to one that stays
/// inside the medium's folder), never a FIFO, a device or a socket, never blocking, and only
/// when it is within the size limit, checked on the open descriptor before anything is read.
enum GuardedFile {
    /// Why a file was not opened, in Vietnamese and English.
    struct Refusal: Error, Equatable {
        var vi: String
        var en: String
    }

    /// The canonical path of `path` (links resolved), or nil.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Opens `path` for reading. `root` is the canonical path of the medium's folder.
    /// Returns the descriptor (the caller closes it) and the file's size.
    static func open(_ path: String, root: String, limits: DicomLimits) -> Result<(fd: Int32, size: Int64), Refusal> {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(Refusal(vi: "không đọc được (\(errorText()))", en: "cannot be read (\(errorText()))")) }
        var target = path
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = canonical(path) else {
                return .failure(Refusal(vi: "là liên kết hỏng", en: "is a broken link"))
            }
            guard resolved.hasPrefix(root + "/") else {
                return .failure(Refusal(vi: "là liên kết trỏ ra ngoài thư mục đĩa, không đọc", en: "is a link leading outside the medium's folder; not read"))
            }
            target = resolved
        }
        if let refusal = refusal(lstat: target) { return .failure(refusal) }
        let fd = Glibc.open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(Refusal(vi: "không mở được (\(errorText()))", en: "cannot be opened (\(errorText()))")) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .failure(Refusal(vi: "không phải tệp thông thường", en: "is not a regular file"))
        }
        guard Int64(opened.st_size) <= limits.maxFileSize else {
            close(fd)
            return .failure(Refusal(vi: "lớn \(opened.st_size) byte, vượt giới hạn \(limits.maxFileSize) byte",
                                    en: "is \(opened.st_size) bytes, over the limit of \(limits.maxFileSize)"))
        }
        return .success((fd, Int64(opened.st_size)))
    }

    /// Why the thing at `path` (not following links) is not a file to open, or nil.
    static func refusal(lstat path: String) -> Refusal? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return Refusal(vi: "không đọc được (\(errorText()))", en: "cannot be read (\(errorText()))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return Refusal(vi: "là FIFO (ống dẫn), không phải tệp; không đọc", en: "is a FIFO, not a file; not read")
        case S_IFCHR, S_IFBLK: return Refusal(vi: "là tệp thiết bị; không đọc", en: "is a device; not read")
        case S_IFSOCK: return Refusal(vi: "là socket; không đọc", en: "is a socket; not read")
        default: return Refusal(vi: "không phải tệp thông thường", en: "is not a regular file")
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
