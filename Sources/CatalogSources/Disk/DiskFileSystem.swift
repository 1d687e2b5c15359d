import Foundation

/// The real disk, read-only, refusing files over a size limit before reading them, and
/// anything that is not a regular file before opening it (opening a FIFO would block).
/// Confined to a folder (``confined(to:)``), it also refuses a file whose real path, read
/// from the opened descriptor (so no link can be swapped in between), lies outside the folder.
public struct DiskFileSystem: SourceFileSystem {
    public var maxFileSize: Int
    /// The real path of the folder every read must stay in, or nil for no confinement.
    public var folder: String?

    public init(maxFileSize: Int) { self.maxFileSize = maxFileSize }

    public func confined(to folder: String) -> DiskFileSystem {
        var copy = self
        // A folder that cannot be resolved (it does not exist) confines to nothing: every
        // read then fails as missing anyway.
        copy.folder = RealPath.of(folder) ?? folder
        return copy
    }

    /// Reads the file straight into the array (no intermediate `Data`).
    public func contents(of path: String) throws -> [UInt8]? {
        try open(path)?.contents()
    }

    /// Opens a regular file for reading, refusing one over the size limit.
    public func open(_ path: String) throws -> (any SourceFile)? {
        guard let kind = FileKind.of(path) else { return nil }
        guard kind == .regular else { throw NotARegularFile(kind: kind) }
        let fd = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        if let folder, let real = RealPath.of(descriptor: fd), !RealPath.is(real, inside: folder) {
            close(fd)
            throw SourceFileOutsideFolder(resolved: real, folder: folder)
        }
        let size = Int(st.st_size)
        if size > maxFileSize {
            close(fd)
            throw SourceFileTooLarge(size: size, limit: maxFileSize)
        }
        return DiskSourceFile(fd: fd, path: path, size: size, limit: maxFileSize)
    }
}

/// An open file on disk, read in order with `pread`; closed when released.
final class DiskSourceFile: SourceFile, @unchecked Sendable {
    let size: Int
    private let fd: Int32
    private let path: String
    /// The most that is read, so that a file growing while it is read stays within the limit.
    private let limit: Int
    /// How far `read` has got (touched by the one reading thread only).
    private var offset = 0

    init(fd: Int32, path: String, size: Int, limit: Int) {
        self.fd = fd
        self.path = path
        self.size = size
        self.limit = limit
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = FileDescriptorIO.read(fd, into: buffer, at: offset)
        guard n >= 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        offset += n
        if offset > limit { throw SourceFileTooLarge(size: offset, limit: limit) }
        return n
    }

    func contents() throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        let n = bytes.withUnsafeMutableBytes { FileDescriptorIO.read(fd, into: $0, at: 0) }
        guard n == size else { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
        return bytes
    }
}

/// A path that names something other than a regular file (a folder, a FIFO, a device).
public struct NotARegularFile: Error, CustomStringConvertible {
    public var kind: FileKind
    public var description: String { "it is \(kind.rawValue), not a regular file; put the file itself there" }
}

/// A file system that shows planned edits over another one, to re-check edits before writing.
public struct OverlayFileSystem<Base: SourceFileSystem>: SourceFileSystem {
    public var base: Base
    public var overrides: [String: [UInt8]]

    public init(base: Base, overrides: [String: [UInt8]]) {
        self.base = base
        self.overrides = overrides
    }

    public func contents(of path: String) throws -> [UInt8]? {
        if let bytes = overrides[path] { return bytes }
        return try base.contents(of: path)
    }

    public func open(_ path: String) throws -> (any SourceFile)? {
        if let bytes = overrides[path] { return MemorySourceFile(bytes) }
        return try base.open(path)
    }

    public func confined(to folder: String) -> OverlayFileSystem<Base> {
        OverlayFileSystem(base: base.confined(to: folder), overrides: overrides)
    }
}
