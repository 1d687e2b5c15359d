import Synchronization

/// A position in a source file: 1-based line and column, where a column counts Unicode
/// characters (scalars) from the start of the line, as libyaml does.
///
/// Every value read from the sources carries one, so it is kept small and free of reference
/// counting: the file is a 32-bit id into ``SourceFiles``, not a string.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's id in ``SourceFiles``.
    public let fileID: Int32
    /// 1-based line number.
    public let lineNumber: Int32
    /// 1-based column, in Unicode scalars.
    public let columnNumber: Int32

    /// A location in the file `file` (registered in ``SourceFiles`` if new).
    public init(file: String, line: Int, column: Int) {
        self.init(fileID: SourceFiles.id(of: file), line: line, column: column)
    }

    /// A location in an already registered file; readers use this on their hot path.
    public init(fileID: Int32, line: Int, column: Int) {
        self.fileID = fileID
        self.lineNumber = Int32(clamping: line)
        self.columnNumber = Int32(clamping: column)
    }

    /// The file path as the user named it (relative paths stay relative).
    public var file: String { SourceFiles.name(of: fileID) }
    public var line: Int { Int(lineNumber) }
    public var column: Int { Int(columnNumber) }

    /// The start of a file, used for problems that concern a whole file.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    /// A position that is not a line and column (a spreadsheet cell, `book.xlsx:Phụ lục 6!C12`):
    /// the whole position is the file name, with line and column 0.
    public static func named(_ position: String) -> SourceLocation {
        SourceLocation(file: position, line: 0, column: 0)
    }

    public var description: String { lineNumber == 0 ? file : "\(file):\(line):\(column)" }

    /// Locations order by file name, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.fileID != rhs.fileID { return lhs.file < rhs.file }
        return (lhs.lineNumber, lhs.columnNumber) < (rhs.lineNumber, rhs.columnNumber)
    }
}

/// The process-wide register of source file names, so that locations can name a file with a
/// small id. Registering is thread-safe; a name keeps its id for the life of the process.
public enum SourceFiles {
    private struct Table {
        var names: [String] = []
        var ids: [String: Int32] = [:]
    }

    private static let table = Mutex(Table())

    /// The id of `name`, registering it if new.
    public static func id(of name: String) -> Int32 {
        table.withLock { t in
            if let id = t.ids[name] { return id }
            let id = Int32(t.names.count)
            t.names.append(name)
            t.ids[name] = id
            return id
        }
    }

    /// The name registered under `id`.
    public static func name(of id: Int32) -> String {
        table.withLock { $0.names[Int(id)] }
    }
}

/// A value read from a source file together with where it was written.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
