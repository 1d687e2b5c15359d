import CatalogCore
import CatalogDiff
import CatalogRelease
import CatalogSources

/// One edit of the sources by a command — `assign`'s codes, `import`'s rows — as a
/// transaction: the files as read and as the edit would write them; the errors the edit would
/// bring, found by the same front end and release gate as `check` on the edited files
/// (overlaid on the disk, nothing written); then every file replaced together through the
/// journal, and only if nobody changed them since they were read.
public struct SourceEdit: Sendable {
    /// The sources folder.
    public var sources: String
    public var limits: ReaderLimits
    /// Each edited file's bytes as read.
    public var originals: [String: [UInt8]]
    /// Each edited file's bytes as the edit writes them.
    public var replacements: [String: [UInt8]]

    public init(sources: String, limits: ReaderLimits, originals: [String: [UInt8]], replacements: [String: [UInt8]]) {
        self.sources = sources
        self.limits = limits
        self.originals = originals
        self.replacements = replacements
    }

    /// What the edit would do to the catalog's errors.
    public struct Judgement: Sendable {
        /// Errors of the edited sources that the sources as read do not have (compared by rule
        /// and message, so a moved line is the same error): the edit's own.
        public var introduced: [Diagnostic]
        /// Every error of the edited sources.
        public var remaining: [Diagnostic]
    }

    /// Judges the edit: the sources as read (codes required when `codedBefore`) and as edited
    /// (codes required when `codedAfter`) each through the front end and the release gate
    /// against `snapshot`, the published folder read once.
    public func judge(against snapshot: PublishedSnapshot, codedBefore: Bool, codedAfter: Bool) -> Judgement {
        let disk = DiskFileSystem(maxFileSize: limits.maxFileSize)
        func errors(_ fs: some SourceFileSystem, requireCodes: Bool) -> [Diagnostic] {
            let compilation = SourceLoader.compile(directory: sources, from: fs, limits: limits, requireCodes: requireCodes,
                                                   published: snapshot.index?.published)
            return (compilation.diagnostics + ReleaseGate.evaluate(compilation, against: snapshot).diagnostics).filter { $0.severity == .error }
        }
        let before = Set(errors(disk, requireCodes: codedBefore).map { "\($0.rule.rawValue) \($0.message)" })
        let after = errors(OverlayFileSystem(base: disk, overrides: replacements), requireCodes: codedAfter)
        return Judgement(introduced: after.filter { !before.contains("\($0.rule.rawValue) \($0.message)") }, remaining: after)
    }

    /// Replaces the edited files together through the journal (see ``EditJournal``), refusing
    /// when one changed since it was read.
    public func commit() throws {
        let edits = replacements.sorted { $0.key < $1.key }.map { path, bytes in
            EditJournal.Edit(path: path, original: originals[path] ?? [], replacement: bytes)
        }
        try EditJournal.commit(edits, in: sources)
    }

    /// Takes the sources for editing: their lock, exclusive (one writer at a time; builds
    /// reading them wait), then finishes an edit that was interrupted while replacing files.
    /// Returns the lock and the files the interrupted edit replaced.
    public static func begin(_ sources: String, lockWait: Double) throws -> (lock: FolderLock, finished: [String]) {
        let lock = try FolderLock.acquire(sources, .exclusive, waiting: lockWait)
        do {
            return (lock, try EditJournal.recover(in: sources))
        } catch {
            lock.release()
            throw error
        }
    }
}
