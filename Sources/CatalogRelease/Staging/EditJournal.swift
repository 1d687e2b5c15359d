import CatalogSources
import Foundation

/// Replaces several source files (`assign`'s annex files and ledger) as one unit that a crash
/// cannot leave half done: every new file is written and synced beside its target first, then
/// a journal naming them all is committed (one atomic rename), then the files are moved into
/// place and the journal removed. A run killed before the journal exists left only staged
/// files, which the next run removes; a run killed after it left a journal, which the next
/// `assign` completes (``recover(in:)``) and which `check` and `build` report instead of the
/// hundreds of errors half-applied edits would cause. A target whose bytes changed since they
/// were read (an edit made while `assign` ran) is never overwritten.
public enum EditJournal {
    /// The journal's name in the sources folder.
    public static let name = ".lienthong-assign.journal"
    /// The suffix of a staged replacement, beside its target.
    static let stagedSuffix = ".lienthong-new"
    static let header = "lienthong edit journal 1"

    /// One file to replace: its path, the bytes it had when read, and its new bytes.
    public struct Edit: Sendable {
        public var path: String
        public var original: [UInt8]
        public var replacement: [UInt8]
        public init(path: String, original: [UInt8], replacement: [UInt8]) {
            self.path = path
            self.original = original
            self.replacement = replacement
        }
    }

    /// Where the journal of the sources in `folder` is.
    public static func path(in folder: String) -> String { folder + "/" + name }

    /// Whether an interrupted edit waits to be completed in `folder`.
    public static func isPending(in folder: String) -> Bool { FileKind.of(path(in: folder)) != nil }

    /// Replaces every file of `edits` (paths inside `folder`) as one unit. Throws, changing
    /// nothing, when a target changed since it was read or a staged file cannot be written.
    public static func commit(_ edits: [Edit], in folder: String) throws {
        var staged: [String] = []
        do {
            for edit in edits {
                try OutputStage.write(edit.replacement, to: edit.path + stagedSuffix)
                staged.append(edit.path + stagedSuffix)
            }
            for edit in edits {
                let now = try? ReleaseVerifier.readSmallOrLarge(edit.path)
                guard now == edit.original else {
                    throw ReleaseError.malformed(edit.path, "this file changed while assign was running (someone edited it); nothing was changed: run `lienthong assign` again")
                }
            }
            let lines = edits.map { relative($0.path, to: folder) + "\t" + FileDigest.of(bytes: $0.replacement).sha256 }
            try OutputStage.replace(path(in: folder), with: Array(([header] + lines).joined(separator: "\n").utf8) + [0x0a])
            FolderSync.sync(folder)
        } catch {
            for file in staged { unlink(file) }
            throw error
        }
        try apply(in: folder)
    }

    /// Completes an interrupted edit in `folder` if its journal is there, and removes staged
    /// files of an edit that never reached its journal. Returns the files completed.
    @discardableResult
    public static func recover(in folder: String) throws -> [String] {
        guard isPending(in: folder) else {
            removeLitter(in: folder)
            return []
        }
        return try apply(in: folder)
    }

    /// Moves every staged file the journal names into place (or finds it already there),
    /// then removes the journal.
    @discardableResult
    private static func apply(in folder: String) throws -> [String] {
        let journal = path(in: folder)
        let text = String(decoding: try ReleaseVerifier.readSmall(journal), as: UTF8.self)
        var lines = text.split(separator: "\n").map(String.init)
        guard lines.first == header else {
            throw ReleaseError.malformed(journal, "this is not an edit journal lienthong can read; if no assign is running, compare the sources with version control, then remove it")
        }
        lines.removeFirst()
        var done: [String] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2, RelativePath.isSafe(fields[0]) else {
                throw ReleaseError.malformed(journal, "the line '\(line)' cannot be read; compare the sources with version control, then remove the journal")
            }
            let target = folder + "/" + fields[0], staged = target + stagedSuffix
            if FileKind.of(staged) == .regular, (try? FileDigest.of(file: staged))?.sha256 == fields[1] {
                guard rename(staged, target) == 0 else { throw ReleaseError.io(target, "cannot be replaced", errno) }
            } else if (try? FileDigest.of(file: target))?.sha256 != fields[1] {
                throw ReleaseError.malformed(target, "an interrupted assign cannot be finished: neither this file nor its staged copy holds the edit the journal \(journal) names; compare the sources with version control, then remove the journal")
            }
            done.append(target)
        }
        FolderSync.sync(folder)
        guard unlink(journal) == 0 else { throw ReleaseError.io(journal, "cannot be removed", errno) }
        FolderSync.sync(folder)
        removeLitter(in: folder)
        return done
    }

    /// Removes staged copies and temporary files that killed runs left in `folder`.
    static func removeLitter(in folder: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return }
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(stagedSuffix) || relative.contains(".lienthong-tmp-") { unlink(folder + "/" + relative) }
        }
    }

    private static func relative(_ path: String, to folder: String) -> String {
        path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }

}
