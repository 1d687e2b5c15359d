import CLibArchive
import Foundation

/// Reads release archives (`.tar.gz`) back with libarchive, without unpacking them: chosen
/// files whole (``CatalogJSONReader`` through `lienthong diff`) or every file's digest
/// (`lienthong verify`), over one walk of the entries.
public enum ArchiveFiles {
    /// The most bytes ``read(_:limit:where:)`` holds by default, over all the entries it keeps:
    /// a published release's JSON and CSV files together are a few MiB; a crafted archive
    /// (a small gzip of a huge entry) is refused when it passes this, not after.
    public static let defaultReadLimit = 256 << 20

    /// The content of every regular entry for which `wanted` (given the entry's path with its
    /// first folder, the release's top folder, removed) is true, by that shortened path.
    /// Refuses the archive as soon as the kept bytes pass `limit` (nothing beyond it is held).
    public static func read(_ path: String, limit: Int = defaultReadLimit, where wanted: (String) -> Bool) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var held = 0
        try walk(path) { name in
            let inner = name.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? name
            guard wanted(inner) else { return nil }
            files[inner] = []
            return { piece in
                held += piece.count
                guard held <= limit else {
                    throw ReleaseError.malformed(path, "the archive's entry \(name) takes the files read from it past \(limit) bytes, far more than a release holds; it is not a release archive (or it is a decompression bomb)")
                }
                files[inner]!.append(contentsOf: piece)
            }
        }
        return files
    }

    /// Name and digest of every regular entry, in archive order, each hashed as it streams.
    static func digests(of path: String) throws -> [(String, FileDigest)] {
        var result: [(String, FileDigest)] = []
        var hasher: DigestAccumulator?
        var current = ""
        func finishEntry() {
            if let done = hasher { result.append((current, done.finish())) }
            hasher = nil
        }
        try walk(path) { name in
            finishEntry()
            current = name
            hasher = DigestAccumulator()
            return { hasher!.add($0) }
        }
        finishEntry()
        return result
    }

    /// Visits every regular entry of the archive at `path` in order: `visit` gets the entry's
    /// full name and returns where its bytes go, in pieces, or nil to skip it.
    static func walk(_ path: String, _ visit: (String) throws -> ((UnsafeRawBufferPointer) throws -> Void)?) throws {
        guard let archive = archive_read_new() else { throw ReleaseError.io(path, "libarchive cannot start", ENOMEM) }
        defer { archive_read_free(archive) }
        archive_read_support_format_all(archive)
        archive_read_support_filter_all(archive)
        let reason = { archive_error_string(archive).map { String(cString: $0) } ?? "" }
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw ReleaseError.malformed(path, "this is not an archive libarchive can read: " + reason())
        }
        var entry: OpaquePointer?
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF { break }
            guard status == ARCHIVE_OK, let entry else { throw ReleaseError.malformed(path, "the archive is damaged: " + reason()) }
            let name = archive_entry_pathname_utf8(entry).map { String(cString: $0) } ?? ""
            guard archive_entry_filetype(entry) == UInt32(Glibc.S_IFREG), let sink = try visit(name) else { continue }
            while true {
                let n = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if n == 0 { break }
                guard n > 0 else { throw ReleaseError.malformed(path, "the archive is damaged at \(name): " + reason()) }
                try buffer.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
            }
        }
        try GzipTrailer.check(path)
    }
}
