/// Where an artifact family's files go as they are produced: a build streams each one to the
/// disk in chunks, so no artifact is ever whole in memory; tests collect them in memory
/// (``MemoryOutput``). An output is used by one thread at a time.
public protocol ArtifactOutput: AnyObject {
    /// Starts the file at `path` (relative to the version folder). Several files may be open
    /// at once; each is closed by its writer.
    func open(_ path: String) -> any ArtifactFile
}

/// One generated file being written, in order, chunk by chunk.
public protocol ArtifactFile: AnyObject {
    /// Appends `bytes` to the file.
    func write(_ bytes: [UInt8])
    /// Ends the file; nothing is written after.
    func close()
}

extension ArtifactOutput {
    /// Writes a small file in one piece.
    public func write(_ file: OutputFile) {
        let handle = open(file.path)
        handle.write(file.bytes)
        handle.close()
    }
}

/// The bytes of generated text on their way out. Writers append to `bytes`; emitters call
/// ``flushIfFull()`` at natural boundaries (after each entry), which hands the bytes to the
/// buffer's files once they pass ``chunkSize``, so a file of any size passes through a buffer
/// of about that size. The same bytes may go to several files (the SQL dialects share their
/// body). Without files the buffer simply accumulates, for text rendered whole.
public struct OutputBuffer {
    /// How many bytes a buffer holds before handing them on.
    public static let chunkSize = 1 << 20

    public var bytes: [UInt8] = []
    private var files: [any ArtifactFile]

    /// A buffer for `files` (none: accumulate), with room for `capacity` bytes to start with.
    public init(to files: [any ArtifactFile] = [], reservingCapacity capacity: Int = 0) {
        self.files = files
        bytes.reserveCapacity(files.isEmpty ? capacity : min(capacity, Self.chunkSize + Self.chunkSize / 4))
    }

    /// Hands the bytes on once they pass ``chunkSize`` (and the buffer has files).
    @inline(__always)
    public mutating func flushIfFull() {
        if bytes.count >= Self.chunkSize, !files.isEmpty { flush() }
    }

    /// Hands the bytes so far to every file, then `texts[i]` to the i-th file only: where
    /// files that share most of their text (the SQL dialects) differ.
    public mutating func writeEach(_ texts: [[UInt8]]) {
        flush()
        for (file, text) in zip(files, texts) where !text.isEmpty { file.write(text) }
    }

    /// Hands the rest to every file and closes them.
    public mutating func close() {
        flush()
        for file in files { file.close() }
        files = []
    }

    private mutating func flush() {
        guard !bytes.isEmpty else { return }
        for file in files { file.write(bytes) }
        bytes.removeAll(keepingCapacity: true)
    }
}

/// An output that keeps every file whole, in the order they were opened: for tests, golden
/// files, and callers that want the bytes.
public final class MemoryOutput: ArtifactOutput {
    public private(set) var files: [OutputFile] = []

    public init() {}

    public func open(_ path: String) -> any ArtifactFile {
        files.append(OutputFile(path: path, bytes: []))
        return File(output: self, index: files.count - 1)
    }

    /// A file of a ``MemoryOutput``: its bytes go to the output's list.
    private final class File: ArtifactFile {
        let output: MemoryOutput
        let index: Int
        init(output: MemoryOutput, index: Int) {
            self.output = output
            self.index = index
        }
        func write(_ bytes: [UInt8]) { output.files[index].bytes.append(contentsOf: bytes) }
        func close() {}
    }
}
