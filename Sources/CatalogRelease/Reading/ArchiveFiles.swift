import CLibArchive
import Foundation

/// Reads chosen files out of a release archive (`.tar.gz`) with libarchive, for tools that
/// look inside a release without unpacking it (``CatalogJSONReader`` through `lienthong diff`).
public enum ArchiveFiles {
    /// The content of every regular entry for which `wanted` (given the entry's path with its
    /// first folder, the release's top folder, removed) is true, by that shortened path.
    public static func read(_ path: String, where wanted: (String) -> Bool) throws -> [String: [UInt8]] {
        guard let archive = archive_read_new() else { throw ReleaseError.io(path, "libarchive cannot start", ENOMEM) }
        defer { archive_read_free(archive) }
        archive_read_support_format_all(archive)
        archive_read_support_filter_all(archive)
        let reason = { archive_error_string(archive).map { String(cString: $0) } ?? "" }
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw ReleaseError.malformed(path, "this is not an archive libarchive can read: " + reason())
        }
        var files: [String: [UInt8]] = [:]
        var entry: OpaquePointer?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK, let entry else { throw ReleaseError.malformed(path, "the archive is damaged: " + reason()) }
            let name = archive_entry_pathname_utf8(entry).map { String(cString: $0) } ?? ""
            let inner = name.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? name
            guard archive_entry_filetype(entry) == UInt32(Glibc.S_IFREG), wanted(inner) else { continue }
            var bytes: [UInt8] = []
            while true {
                let n = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if n == 0 { break }
                guard n > 0 else { throw ReleaseError.malformed(path, "the archive is damaged at \(name)") }
                bytes.append(contentsOf: buffer[..<n])
            }
            files[inner] = bytes
        }
        return files
    }
}
