import CatalogEmitters
import Foundation

/// Takes generated files one at a time, as the emitters produce them, so a build never holds
/// every artifact in memory at once: each file is compared with the disk, and a changed file is
/// written in full to a staging folder inside the output folder and then dropped. Only
/// `commit` touches the real files, renaming each staged file over its target (a rename within
/// one file system is atomic), so a failure never leaves half a file. Files whose bytes are
/// unchanged are not touched. Safe to call `offer` from several threads.
final class OutputStage: @unchecked Sendable {
    /// What a build changes (or would change, for `build --check`).
    struct Changes {
        var added: [String] = []
        var modified: [String] = []
        var removed: [String] = []
        var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }
        var count: Int { added.count + modified.count + removed.count }
    }

    let root: String
    /// Nil for a dry run (`build --check`): files are compared, never staged.
    private let staging: String?
    private let lock = NSLock()
    private var changes = Changes()
    private var produced: Set<String> = []
    /// Staged file name for each changed path.
    private var staged: [String: String] = [:]
    private var failure: (any Error)?

    /// Prepares a stage for the output folder `root`; `writing: false` only compares.
    init(root: String, writing: Bool) throws {
        self.root = root
        guard writing else { staging = nil; return }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        let folder = root + "/.lienthong-staging-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: folder)
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        staging = folder
    }

    deinit {
        if let staging { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// Number of files offered so far.
    var fileCount: Int { lock.withLock { produced.count } }

    /// Compares one file with the disk and stages it when it changed. The first write error is
    /// kept and reported by `finish`.
    func offer(_ file: OutputFile) {
        let target = root + "/" + file.path
        let exists = FileManager.default.fileExists(atPath: target)
        let changed = !exists || !Self.contents(of: target, equal: file.bytes)
        var name: String?
        lock.withLock {
            produced.insert(file.path)
            guard changed else { return }
            if exists { changes.modified.append(file.path) } else { changes.added.append(file.path) }
            name = String(staged.count)
            staged[file.path] = name
        }
        guard let staging, let name else { return }
        do {
            try Self.write(file.bytes, to: staging + "/" + name)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }

    /// Ends offering: adds the stale files of the `owned` folders (relative to root), which the
    /// build fully decides, and returns every change in path order. Throws the first write error.
    func finish(owned: [String]) throws -> Changes {
        try lock.withLock {
            if let failure { throw failure }
            let fm = FileManager.default
            for folder in owned {
                guard let enumerator = fm.enumerator(atPath: root + "/" + folder) else { continue }
                while let relative = enumerator.nextObject() as? String {
                    let path = folder + "/" + relative
                    var isDirectory: ObjCBool = false
                    if fm.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue, !produced.contains(path) {
                        changes.removed.append(path)
                    }
                }
            }
            changes.added.sort()
            changes.modified.sort()
            changes.removed.sort()
            return changes
        }
    }

    /// Moves every staged file into place and removes the stale ones.
    func commit(_ changes: Changes) throws {
        guard let staging else { return }
        let fm = FileManager.default
        let toMove = changes.added + changes.modified
        // Every folder is checked, then made, before any file moves: a plain file standing where
        // a folder must go stops the build with nothing changed.
        let folders = Set(toMove.map { (path: String) -> String in (path as NSString).deletingLastPathComponent }).sorted()
        for folder in folders {
            var prefix = root
            for component in folder.split(separator: "/") {
                prefix += "/" + component
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: prefix, isDirectory: &isDirectory), !isDirectory.boolValue {
                    throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: prefix])
                }
            }
        }
        for folder in folders {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for path in toMove {
            let target = root + "/" + path
            guard let name = staged[path], rename(staging + "/" + name, target) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        for path in changes.removed { try fm.removeItem(atPath: root + "/" + path) }
    }

    /// Replaces one file atomically (temporary sibling, then rename).
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".lienthong-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try write(bytes, to: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Writes `bytes` to a new file straight from the buffer (no intermediate copy).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
                offset += n
            }
        }
    }

    /// Whether the file at `path` holds exactly `bytes`, read in chunks so that comparing a
    /// large artifact never holds a second copy of it.
    static func contents(of path: String, equal bytes: [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) == bytes.count else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { return offset == bytes.count }
            guard offset + n <= bytes.count,
                  bytes.withUnsafeBytes({ memcmp($0.baseAddress! + offset, chunk, n) == 0 }) else { return false }
            offset += n
        }
    }
}
