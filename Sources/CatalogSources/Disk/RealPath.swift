import Foundation

/// Real (link-free, absolute) paths, for confining reads to a folder.
public enum RealPath {
    /// The real path of `path`, or nil when it does not resolve.
    public static func of(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of the file open on `fd`, as the kernel knows it (`/proc/self/fd`), so
    /// that what is checked is what was opened.
    public static func of(descriptor fd: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/fd/\(fd)", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether the real path `path` is `folder` itself or below it.
    public static func `is`(_ path: String, inside folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
