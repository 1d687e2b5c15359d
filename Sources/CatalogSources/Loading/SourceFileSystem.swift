/// Read access to a catalog folder. The CLI passes the real disk; tests may pass memory.
public protocol SourceFileSystem: Sendable {
    /// The bytes of the file at `path`, or nil if there is no such file.
    func contents(of path: String) throws -> [UInt8]?
    /// The file at `path`, opened to be read in pieces, or nil if there is no such file. By
    /// default the file's ``contents(of:)`` read at once.
    func open(_ path: String) throws -> (any SourceFile)?
}

extension SourceFileSystem {
    public func open(_ path: String) throws -> (any SourceFile)? {
        try contents(of: path).map(MemorySourceFile.init)
    }
}

/// A source file opened for reading, so that a large annex file can be parsed as it is read
/// instead of being held whole. Read by one thread at a time.
public protocol SourceFile: AnyObject, Sendable {
    /// The file's size in bytes when it was opened.
    var size: Int { get }
    /// Reads the next bytes, in order, into `buffer`; returns how many, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// The whole file, wherever reading stands (for XML, which is read whole, and for
    /// positions in error messages).
    func contents() throws -> [UInt8]
}

/// A file whose bytes are already in memory.
public final class MemorySourceFile: SourceFile, @unchecked Sendable {
    private let bytes: [UInt8]
    /// How far `read` has got (touched by the one reading thread only).
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var size: Int { bytes.count }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }

    public func contents() throws -> [UInt8] { bytes }
}

/// A file system held in memory, for tests and for re-checking edited files before writing.
public struct InMemoryFileSystem: SourceFileSystem {
    public var files: [String: [UInt8]]
    public init(_ files: [String: [UInt8]]) { self.files = files }
    public func contents(of path: String) throws -> [UInt8]? { files[path] }
}

/// Thrown by a file system for a file over the size limit; the loader reports it as
/// ``RuleID/limitExceeded`` without reading the file.
public struct SourceFileTooLarge: Error, Sendable {
    public var size: Int
    public var limit: Int
    public init(size: Int, limit: Int) {
        self.size = size
        self.limit = limit
    }
}

extension SourceFileTooLarge: CustomStringConvertible {
    public var description: String { "the file is \(size) bytes; the limit is \(limit)" }
}
