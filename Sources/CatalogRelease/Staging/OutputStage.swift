import CLinuxFileSystem
import CatalogEmitters
import CatalogSources
import Foundation

/// Takes generated files as the emitters produce them, chunk by chunk, so a build never holds
/// an artifact whole in memory: each file is compared with the disk as its bytes arrive (and
/// hashed), and a file that differs is written to a staging folder inside the output folder
/// (see ``StagedFile``), at the same relative path.
///
/// One folder, the version being built, is committed **as a whole**: the staging folder gets a
/// complete copy of it (unchanged files as hard links, changed ones written), and `commit`
/// swaps it with the live folder in one atomic rename, so a reader, or a run after a crash,
/// sees the old set of files or the new one, never a mix. Files outside that folder
/// (`index.json`, `schema/`) are renamed one by one, `index.json` last. Every staged byte is on
/// disk before anything moves. Files whose bytes are unchanged are never written. Safe to open
/// files from several threads; each file is written by one.
public final class OutputStage: ArtifactOutput, @unchecked Sendable {
    /// What a build changes (or would change, for `build --check`), as paths relative to the
    /// output folder.
    public struct Changes: Sendable {
        public var added: [String] = []
        public var modified: [String] = []
        public var removed: [String] = []
        public var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }
        public var count: Int { added.count + modified.count + removed.count }
        /// Every changed path, in order.
        public var all: [String] { (added + modified + removed).sorted() }
    }

    /// The prefix of the staging folders; a run removes the ones a killed run left.
    public static let stagingPrefix = ".lienthong-staging-"
    /// The commit journal in a staging folder: the files outside the version folder still to
    /// move, in order. Written (and on disk) before the first of them moves, so the next run
    /// that takes the folder's lock finishes a commit a kill cut short
    /// (``OutputFolder/removeStaleStaging()``): `index.json` and the feeds it describes move
    /// together.
    static let journalName = ".lienthong-commit"

    public let root: String
    /// The folder (relative to root) committed as a whole: the version being built.
    public let wholeFolder: String
    /// Nil for a dry run (`build --check`): files are compared, never staged.
    private let staging: String?
    private let lock = NSLock()
    private var changes = Changes()
    private var produced: Set<String> = []
    /// Size and SHA-256 of every file produced, by path relative to root.
    private var digests: [String: FileDigest] = [:]
    /// The staged copy of each changed path.
    private var staged: [String: StagedCopy] = [:]
    /// Folders made in the staging folder so far.
    private var madeFolders: Set<String> = []
    /// How many staged files stay open until the commit syncs each of them; beyond that
    /// (a site of a page per entry stages 100,000 files) they are closed as they finish and
    /// the commit syncs the file system once, so a build never runs out of descriptors.
    static let openStagedLimit = 128
    private var openStaged = 0
    private var syncWholeFileSystem = false
    private var failure: (any Error)?

    /// Prepares a stage for the output folder `root` (which must exist); `writing: false` only
    /// compares. `wholeFolder` (relative to root) is committed as one unit.
    public init(root: String, wholeFolder: String, writing: Bool) throws {
        self.root = root
        self.wholeFolder = wholeFolder
        guard writing else { staging = nil; return }
        let folder = root + "/" + Self.stagingPrefix + String(ProcessInfo.processInfo.processIdentifier)
        try? FileManager.default.removeItem(atPath: folder)
        guard mkdir(folder, 0o755) == 0 else { throw ReleaseError.io(folder, "the staging folder cannot be made", errno) }
        staging = folder
    }

    deinit { discard() }

    /// Removes the staging folder and everything in it (after a commit it is empty or gone).
    public func discard() {
        lock.withLock {
            staged.removeAll()
            if let staging { try? FileManager.default.removeItem(atPath: staging) }
        }
    }

    /// Number of distinct files opened so far.
    public var fileCount: Int { lock.withLock { produced.count } }

    /// Size and SHA-256 of each file produced under `folder` (relative to root), keyed by the
    /// path inside that folder.
    public func digests(under folder: String) -> [String: FileDigest] {
        lock.withLock {
            var result: [String: FileDigest] = [:]
            for (path, digest) in digests where path.hasPrefix(folder + "/") {
                result[String(path.dropFirst(folder.count + 1))] = digest
            }
            return result
        }
    }

    /// Where the file at `path` (relative to root) is readable once the stage has finished:
    /// its staged copy, or the file on disk when it is unchanged.
    public func readablePath(of path: String) -> String {
        lock.withLock { staged[path]?.path ?? (root + "/" + path) }
    }

    /// Starts the file at `path` (relative to root): compared with the disk as it is written,
    /// and staged if it differs.
    public func open(_ path: String) -> any ArtifactFile {
        let stagedPath: String? = lock.withLock {
            produced.insert(path)
            guard let staging else { return nil }
            makeFolders(for: path, in: staging)
            return staging + "/" + path
        }
        return StagedFile(path: path, target: root + "/" + path, staging: stagedPath, stage: self)
    }

    /// Makes the folders of `path` inside the staging folder (called with the lock held).
    private func makeFolders(for path: String, in staging: String) {
        var folder = ""
        for component in path.split(separator: "/").dropLast() {
            folder += (folder.isEmpty ? "" : "/") + component
            if madeFolders.insert(folder).inserted, mkdir(staging + "/" + folder, 0o755) != 0, errno != EEXIST, failure == nil {
                failure = ReleaseError.io(staging + "/" + folder, "the staging folder cannot be made", errno)
            }
        }
    }

    /// Records how a closed file compares with the disk; `staged` is the staged copy of a
    /// changed file (nil for a dry run), `error` the first failure to read or write it.
    func record(_ path: String, _ outcome: StagedFile.Outcome, staged copy: StagedCopy?, digest: FileDigest, error: (any Error)?) {
        lock.withLock {
            if let error, failure == nil { failure = error }
            digests[path] = digest
            switch outcome {
            case .unchanged: return
            case .added: changes.added.append(path)
            case .modified: changes.modified.append(path)
            }
            guard let copy else { return }
            staged[path] = copy
            if openStaged < Self.openStagedLimit {
                openStaged += 1
            } else {
                syncWholeFileSystem = true
                if !copy.closeUnsynced(), failure == nil { failure = ReleaseError.io(copy.path, "cannot be written", errno) }
            }
        }
    }

    /// Ends offering: adds the stale files of the `owned` folders (relative to root), which the
    /// build fully decides, except those `keeping` accepts (relative to root), and returns every
    /// change in path order. In the staging folder, the whole folder is completed with hard
    /// links to its unchanged files. Throws the first read or write error.
    public func finish(owned: [String], keeping: (String) -> Bool = { _ in false }) throws -> Changes {
        try lock.withLock {
            if let failure { throw failure }
            let fm = FileManager.default
            for folder in owned {
                guard FileKind.of(root + "/" + folder) == .directory, let enumerator = fm.enumerator(atPath: root + "/" + folder) else { continue }
                while let relative = enumerator.nextObject() as? String {
                    let path = folder + "/" + relative
                    if FileKind.of(root + "/" + path) != .directory, !produced.contains(path), !keeping(path) {
                        changes.removed.append(path)
                    }
                }
            }
            changes.added.sort()
            changes.modified.sort()
            changes.removed.sort()
            if let staging {
                for path in produced.sorted() where path.hasPrefix(wholeFolder + "/") && staged[path] == nil {
                    guard link(root + "/" + path, staging + "/" + path) == 0 else {
                        throw ReleaseError.io(root + "/" + path, "cannot be linked into the staging folder", errno)
                    }
                }
            }
            return changes
        }
    }

    /// Puts `file` (a path relative to the whole folder's parent, i.e. to root) that already
    /// exists on disk into the staged whole folder unchanged, e.g. a published file the build
    /// does not produce itself (`release.json`). Call after ``finish(owned:keeping:)``.
    public func carry(_ path: String) throws {
        try lock.withLock {
            guard let staging else { return }
            makeFolders(for: path, in: staging)
            if let failure { throw failure }
            guard link(root + "/" + path, staging + "/" + path) == 0 else {
                throw ReleaseError.io(root + "/" + path, "cannot be linked into the staging folder", errno)
            }
        }
    }

    /// Moves everything into place: the whole folder in one atomic exchange, then the other
    /// changed files one by one with `index.json` last; removes the stale ones and the staging
    /// folder.
    public func commit(_ changes: Changes) throws {
        guard let staging else { return }
        let whole = wholeFolder + "/"
        let inside = changes.all.contains { $0.hasPrefix(whole) }
        let outside = (changes.added + changes.modified).filter { !$0.hasPrefix(whole) }.sorted { a, b in
            // index.json names the versions present: it moves last, after what it names.
            (a == "index.json" ? 1 : 0, a) < (b == "index.json" ? 1 : 0, b)
        }
        // Every folder is checked before anything moves: a plain file standing where a folder
        // must go stops the build with nothing changed.
        let folders = Set(outside.map { ($0 as NSString).deletingLastPathComponent }.filter { !$0.isEmpty }).sorted()
        for folder in folders + (inside ? [wholeFolder] : []) {
            var prefix = root
            for component in folder.split(separator: "/") {
                prefix += "/" + component
                if let kind = FileKind.of(prefix), kind != .directory { throw ReleaseError.notAFolder(prefix, kind: kind) }
            }
        }
        // Every staged byte is on disk before the first move: a crash after a move must find
        // the whole file, not an empty one (file systems allocate late).
        for path in changes.added + changes.modified {
            guard let copy = lock.withLock({ staged[path] }) else { continue }
            guard copy.makeDurable() else { throw ReleaseError.io(copy.path, "cannot be written to the disk", errno) }
        }
        if lock.withLock({ syncWholeFileSystem }), lienthong_syncfs(staging) != 0 {
            throw ReleaseError.io(staging, "cannot be written to the disk", errno)
        }
        if inside {
            try syncFolders(under: staging + "/" + wholeFolder)
            try swapIn(staging + "/" + wholeFolder, for: root + "/" + wholeFolder)
        }
        for folder in folders {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        if !outside.isEmpty {
            try Self.write(Array(outside.joined(separator: "\n").utf8), to: staging + "/" + Self.journalName)
            FolderSync.sync(staging)
        }
        for path in outside {
            guard rename(staging + "/" + path, root + "/" + path) == 0 else {
                throw ReleaseError.io(root + "/" + path, "cannot be moved into place", errno)
            }
        }
        // The moves themselves last through a crash once their folders are on disk.
        for folder in Set(folders + [""]) { FolderSync.sync(folder.isEmpty ? root : root + "/" + folder) }
        for path in changes.removed where !path.hasPrefix(whole) {
            try FileManager.default.removeItem(atPath: root + "/" + path)
        }
        discard()
    }

    /// Replaces the live folder `live` by `staged` in one atomic step: `renameat2` with
    /// `RENAME_EXCHANGE` when `live` exists (the old content is left at `staged`, then removed),
    /// a plain rename when it does not. Where the file system cannot exchange, the old folder
    /// is moved aside first (a crash between the two renames leaves it in the staging folder,
    /// and the next run builds the version again).
    private func swapIn(_ staged: String, for live: String) throws {
        if FileKind.of(live) == nil {
            guard rename(staged, live) == 0 else { throw ReleaseError.io(live, "cannot be moved into place", errno) }
        } else if lienthong_exchange(staged, live) != 0 {
            guard errno == EINVAL || errno == ENOSYS else { throw ReleaseError.io(live, "cannot be replaced", errno) }
            let aside = staged + ".old"
            guard rename(live, aside) == 0 else { throw ReleaseError.io(live, "cannot be moved aside", errno) }
            guard rename(staged, live) == 0 else {
                let code = errno
                _ = rename(aside, live)
                throw ReleaseError.io(live, "cannot be moved into place", code)
            }
        }
        FolderSync.sync((live as NSString).deletingLastPathComponent)
    }

    /// Syncs `folder` and every folder under it, so their entries survive a crash.
    private func syncFolders(under folder: String) throws {
        var folders = [folder]
        if let enumerator = FileManager.default.enumerator(atPath: folder) {
            while let relative = enumerator.nextObject() as? String {
                if FileKind.of(folder + "/" + relative) == .directory { folders.append(folder + "/" + relative) }
            }
        }
        for f in folders { FolderSync.sync(f) }
    }


    /// Replaces one file atomically (temporary sibling, synced, then rename).
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".lienthong-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try write(bytes, to: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw ReleaseError.io(path, "cannot be replaced", code)
        }
    }

    /// Writes `bytes` to a new file straight from the buffer (no intermediate copy), and waits
    /// until they are on disk (the file is about to replace another).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReleaseError.io(path, "cannot be written", errno) }
        let written = bytes.withUnsafeBytes { FileDescriptorIO.write($0, to: fd) } && fdatasync(fd) == 0
        let code = errno
        guard Foundation.close(fd) == 0, written else { throw ReleaseError.io(path, "cannot be written", code) }
    }
}
