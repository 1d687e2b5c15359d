import CatalogCore
import Foundation

/// Reads a path of the repository as it was at a git revision (`--against REF`), as
/// `buf breaking --against` does: `git archive REF -- path`, unpacked into a temporary folder.
public enum GitRevision {
    /// Unpacks `path` (a folder or file of a git working tree, relative to the current folder
    /// or absolute) as it was at `ref` into a new temporary folder; returns where the path now
    /// is. git runs in the path's own repository, not the current folder's, so a CI job can
    /// name the sources from anywhere. The caller removes `root` when done.
    public static func checkout(_ path: String, at ref: String) throws -> (root: String, path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SnapshotError.notFound(path)
        }
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let folder = isDirectory.boolValue ? trimmed : PathText.parent(trimmed)
        let spec = isDirectory.boolValue ? "." : PathText.lastComponent(trimmed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let tar = root + "/side.tar"
        _ = try run(["git", "-C", folder, "archive", "--format=tar", "-o", tar, ref, "--", spec])
        _ = try run(["tar", "-xf", tar, "-C", root])
        try? FileManager.default.removeItem(atPath: tar)
        // Run in a subfolder, git archive names the entries relative to it.
        return (root, spec == "." ? root : root + "/" + spec)
    }

    /// Runs a command; throws its standard error when it fails.
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SnapshotError.unreadable(arguments.joined(separator: " "), String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
