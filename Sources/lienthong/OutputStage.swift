import CatalogEmitters
import Foundation

/// Takes generated files as the emitters produce them, chunk by chunk, so a build never holds
/// an artifact whole in memory: each file is compared with the disk as its bytes arrive, and a
/// file that differs is written to a staging folder inside the output folder (see
/// ``StagedFile``). Only `commit` touches the real files, renaming each staged file over its
/// target (a rename within one file system is atomic) once its bytes are on disk, so a failure,
/// even a crash of the machine, never leaves half a file.
/// Files whose bytes are unchanged are not touched. Safe to open files from several threads;
/// each file is written by one.
final class OutputStage: ArtifactOutput, @unchecked Sendable {
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
    /// Files opened so far; numbers each staged file.
    private var opened = 0
    /// The staged copy of each changed path.
    private var staged: [String: StagedCopy] = [:]
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

    /// Number of distinct files opened so far.
    var fileCount: Int { lock.withLock { produced.count } }

    /// Starts the file at `path` (relative to root): compared with the disk as it is written,
    /// and staged if it differs.
    func open(_ path: String) -> any ArtifactFile {
        let name = lock.withLock { () -> String in
            produced.insert(path)
            opened += 1
            return String(opened)
        }
        return StagedFile(path: path, target: root + "/" + path, staging: staging.map { $0 + "/" + name }, stage: self)
    }

    /// Records how a closed file compares with the disk; `staged` is the staged copy of a
    /// changed file (nil for a dry run), `error` the first failure to read or write it.
    func record(_ path: String, _ outcome: StagedFile.Outcome, staged copy: StagedCopy?, error: (any Error)?) {
        lock.withLock {
            if let error, failure == nil { failure = error }
            switch outcome {
            case .unchanged: return
            case .added: changes.added.append(path)
            case .modified: changes.modified.append(path)
            }
            if let copy { staged[path] = copy }
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
        guard staging != nil else { return }
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
        // Every staged file's bytes are on disk before the first moves: a crash after a move
        // must find the whole file, not an empty one (file systems allocate late).
        for path in toMove where staged[path]?.makeDurable() != true {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: root + "/" + path])
        }
        for folder in folders {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for path in toMove {
            let target = root + "/" + path
            guard let name = staged[path]?.path, rename(name, target) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        // The moves themselves last through a crash once their folders are on disk.
        for folder in folders {
            let fd = Foundation.open(root + "/" + folder, O_RDONLY | O_DIRECTORY)
            guard fd >= 0 else { continue }
            _ = fsync(fd)
            Foundation.close(fd)
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

    /// Writes `bytes` to a new file straight from the buffer (no intermediate copy), and waits
    /// until they are on disk (the file is about to replace another).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        let written = bytes.withUnsafeBytes { FileDescriptorIO.write($0, to: fd) } && fdatasync(fd) == 0
        guard Foundation.close(fd) == 0, written else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}
