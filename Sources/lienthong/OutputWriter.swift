import CatalogEmitters
import Foundation

/// Puts generated files on disk so that a failure never leaves half a file: every changed
/// file is first written in full to a staging folder inside the output folder, and only when
/// all are staged is each renamed over its target (a rename within one file system is
/// atomic). Files whose bytes are unchanged are not touched.
struct OutputWriter {
    /// What a build would change.
    struct Changes {
        var added: [String] = []
        var modified: [String] = []
        var removed: [String] = []
        var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }
    }

    let root: String

    /// Compares `files` with the disk. `owned` are the folders (relative to root) whose
    /// content the build fully decides: files there that `files` lacks are stale.
    func changes(for files: [OutputFile], owned: [String]) -> Changes {
        var changes = Changes()
        let fm = FileManager.default
        for file in files {
            let path = root + "/" + file.path
            if let existing = fm.contents(atPath: path) {
                if !existing.elementsEqual(file.bytes) { changes.modified.append(file.path) }
            } else {
                changes.added.append(file.path)
            }
        }
        let produced = Set(files.map(\.path))
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

    /// Applies `changes`, taking new bytes from `files`.
    func apply(_ changes: Changes, files: [OutputFile]) throws {
        let fm = FileManager.default
        let byPath = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { a, _ in a })
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        let staging = root + "/.lienthong-staging-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: staging) }
        let toWrite = changes.added + changes.modified
        for (i, path) in toWrite.enumerated() {
            guard fm.createFile(atPath: staging + "/\(i)", contents: Data(byPath[path]!)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: staging + "/\(i)"])
            }
        }
        for (i, path) in toWrite.enumerated() {
            let target = root + "/" + path
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if rename(staging + "/\(i)", target) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        for path in changes.removed { try fm.removeItem(atPath: root + "/" + path) }
    }

    /// Replaces one file atomically (temporary sibling, then rename).
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let temporary = path + ".lienthong-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
