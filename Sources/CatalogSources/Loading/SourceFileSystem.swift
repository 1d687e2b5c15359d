import CatalogCore

/// Read access to a catalog folder. The CLI passes the real disk; tests may pass memory.
public protocol SourceFileSystem: Sendable {
    /// The bytes of the file at `path`, or nil if there is no such file.
    func contents(of path: String) throws -> [UInt8]?
    /// The file at `path`, opened to be read in pieces, or nil if there is no such file. By
    /// default the file's ``contents(of:)`` read at once.
    func open(_ path: String) throws -> (any SourceFile)?
    /// This file system with every read confined to `folder`: a path that resolves outside it
    /// (through a symbolic link) throws ``SourceFileOutsideFolder`` before anything is read.
    /// By default the file system itself (one held in memory has no links).
    func confined(to folder: String) -> Self
}

extension SourceFileSystem {
    public func open(_ path: String) throws -> (any SourceFile)? {
        try contents(of: path).map(MemorySourceFile.init)
    }

    public func confined(to folder: String) -> Self { self }
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

/// Thrown by a file system confined to a folder for a path that resolves outside it (a
/// symbolic link leaving the sources folder); the loader reports it as
/// ``RuleID/pathOutsideFolder`` without reading the file.
public struct SourceFileOutsideFolder: Error, Sendable {
    /// Where the path really leads.
    public var resolved: String
    /// The folder reads are confined to.
    public var folder: String
    public init(resolved: String, folder: String) {
        self.resolved = resolved
        self.folder = folder
    }
}

extension SourceFileOutsideFolder: CustomStringConvertible {
    public var description: String { "leads to '\(resolved)', outside the sources folder '\(folder)'" }
}

/// The one diagnostic for a source file that could not be read, by the cause: over the size
/// limit (LT0104), leading outside the sources folder (LT0106), anything else (LT0105).
enum SourceOpenFailure {
    /// `what` names the file (e.g. "annex file 'x.yaml'").
    static func diagnostic(_ error: any Error, what: String, at location: SourceLocation) -> Diagnostic {
        switch error {
        case let tooLarge as SourceFileTooLarge:
            Diagnostic(.error, .limitExceeded, "\(what) is \(tooLarge.size) bytes; the limit is \(tooLarge.limit)", at: location)
        case let outside as SourceFileOutsideFolder:
            Diagnostic(.error, .pathOutsideFolder, "\(what) \(outside): files the manifest names must be inside the sources folder; put the file itself there instead of a link", at: location)
        default:
            Diagnostic(.error, .fileMissing, "\(what) cannot be read: \(error)", at: location)
        }
    }
}
