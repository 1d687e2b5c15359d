/// Read access to a catalog folder. The CLI passes the real disk; tests may pass memory.
public protocol SourceFileSystem: Sendable {
    /// The bytes of the file at `path`, or nil if there is no such file.
    func contents(of path: String) throws -> [UInt8]?
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
