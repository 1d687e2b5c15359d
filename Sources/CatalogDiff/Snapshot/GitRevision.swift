import Foundation

/// Reads a path of the repository as it was at a git revision (`--against REF`), as
/// `buf breaking --against` does: `git archive REF -- path`, unpacked into a temporary folder.
public enum GitRevision {
    /// Unpacks `path` (relative to the repository of the current folder) at `ref` into a new
    /// temporary folder; returns where the path now is. The caller removes `root` when done.
    public static func checkout(_ path: String, at ref: String) throws -> (root: String, path: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-diff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let prefix = try run(["git", "rev-parse", "--show-prefix"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let tar = root + "/side.tar"
        _ = try run(["git", "archive", "--format=tar", "-o", tar, ref, "--", path])
        _ = try run(["tar", "-xf", tar, "-C", root])
        try? FileManager.default.removeItem(atPath: tar)
        return (root, root + "/" + prefix + path)
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
