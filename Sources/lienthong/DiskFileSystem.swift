import CatalogSources
import Foundation

/// The real disk, read-only, refusing files over a size limit before reading them.
struct DiskFileSystem: SourceFileSystem {
    var maxFileSize: Int

    /// Reads the file straight into the array (no intermediate `Data`).
    func contents(of path: String) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        if size > maxFileSize { throw SourceFileTooLarge(size: size, limit: maxFileSize) }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + offset, size - offset) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
            offset += n
        }
        return bytes
    }
}

/// A file system that shows planned edits over another one, to re-check edits before writing.
struct OverlayFileSystem<Base: SourceFileSystem>: SourceFileSystem {
    var base: Base
    var overrides: [String: [UInt8]]

    func contents(of path: String) throws -> [UInt8]? {
        if let bytes = overrides[path] { return bytes }
        return try base.contents(of: path)
    }
}
