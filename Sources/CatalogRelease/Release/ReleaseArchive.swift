import CLibArchive
import CatalogEmitters
import CatalogSources
import Foundation

/// Writes a release's archives with libarchive as gzip-compressed tar files: the FHIR package
/// (`package.tgz`, as the FHIR NPM package specification lays it out) and the whole version.
/// Tar, not zip: a zip stores local time (DOS dates), so its bytes would depend on the time
/// zone of the machine that wrote it; tar stores UTC. Byte-reproducible: entries in the given order, every entry with the same fixed
/// modification time, owner root (0:0) and mode 0644, no gzip timestamp, so the same files
/// give the same archive on any machine, time zone or locale. Files are read in 1 MiB pieces
/// and the archive streams to an ``ArtifactFile``, so neither is ever whole in memory.
public enum ReleaseArchive {
    /// One file to put in the archive: its name there, and where to read it.
    public struct Entry: Sendable {
        public var name: String
        public var source: String
        public init(name: String, source: String) {
            self.name = name
            self.source = source
        }
    }

    /// Writes `entries` as one archive into `file`, each with the modification time `modified`
    /// (seconds since 1970). Throws when a source cannot be read or libarchive fails.
    /// `fast` trades size for time (gzip level 1 instead of 6), for the large version archive.
    public static func write(_ entries: [Entry], modified: Int, fast: Bool = false, to file: any ArtifactFile) throws {
        let sink = ArchiveSink(file: file)
        // The sink outlives the archive: freeing an archive that failed halfway still flushes
        // through the write callback.
        try withExtendedLifetime(sink) {
            guard let archive = archive_write_new() else { throw ReleaseError.io(entries.first?.source ?? "", "libarchive cannot start an archive", ENOMEM) }
            defer { archive_write_free(archive) }
            try configure(archive)
            if fast { try check(archive, archive_write_set_filter_option(archive, "gzip", "compression-level", "1"), "choose the compression level") }
            let context = Unmanaged.passUnretained(sink).toOpaque()
            try check(archive, archive_write_open2(archive, context, nil, { _, context, bytes, count in
                guard let context, let bytes else { return -1 }
                let sink = Unmanaged<ArchiveSink>.fromOpaque(context).takeUnretainedValue()
                sink.file.write([UInt8](UnsafeRawBufferPointer(start: bytes, count: count)))
                return count
            }, nil, nil), "open")
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            for item in entries {
                try add(item, to: archive, modified: modified, buffer: &buffer)
            }
            try check(archive, archive_write_close(archive), "finish")
        }
        file.close()
    }

    /// Chooses the format and filter, without timestamps of their own.
    private static func configure(_ archive: OpaquePointer) throws {
        // POSIX tar; extended headers only where a name needs them (long or not ASCII).
        try check(archive, archive_write_set_format_pax_restricted(archive), "choose tar")
        try check(archive, archive_write_add_filter_gzip(archive), "choose gzip")
        // No time (and no name) in the gzip header: the archive must not depend on when it
        // was made. (A value of nil turns the option off.)
        try check(archive, archive_write_set_filter_option(archive, "gzip", "timestamp", nil), "drop the gzip timestamp")
        // Pad nothing beyond what the format itself requires.
        try check(archive, archive_write_set_bytes_in_last_block(archive, 1), "set the block size")
    }

    /// Adds one file, streamed from disk.
    private static func add(_ item: Entry, to archive: OpaquePointer, modified: Int, buffer: inout [UInt8]) throws {
        if let kind = FileKind.of(item.source), kind != .regular { throw ReleaseError.notAFile(item.source, kind: kind) }
        // Names are ASCII by construction (paths the emitters choose); libarchive would need a
        // locale to convert anything else, so it is refused rather than left to the locale.
        guard item.name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }), RelativePath.isSafe(item.name) else {
            throw ReleaseError.malformed(item.source, "the archive name '\(item.name)' is not a relative ASCII path")
        }
        let fd = open(item.source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReleaseError.io(item.source, "cannot be read into the archive", errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ReleaseError.io(item.source, "cannot be read into the archive", errno) }
        guard let entry = archive_entry_new() else { throw ReleaseError.io(item.source, "libarchive cannot make an entry", ENOMEM) }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname(entry, item.name)
        archive_entry_set_size(entry, la_int64_t(st.st_size))
        archive_entry_set_filetype(entry, UInt32(Glibc.S_IFREG))
        archive_entry_set_perm(entry, 0o644)
        archive_entry_set_mtime(entry, time_t(modified), 0)
        archive_entry_set_uid(entry, 0)
        archive_entry_set_gid(entry, 0)
        archive_entry_set_uname(entry, "root")
        archive_entry_set_gname(entry, "root")
        try check(archive, archive_write_header(archive, entry), "add \(item.name)")
        var offset = 0
        while offset < Int(st.st_size) {
            let n = buffer.withUnsafeMutableBytes { FileDescriptorIO.read(fd, into: $0, at: offset) }
            guard n > 0 else { throw ReleaseError.io(item.source, "changed or could not be read while it was archived", errno) }
            let written = buffer.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, n) }
            guard written == n else { try check(archive, ARCHIVE_FATAL, "write \(item.name)"); return }
            offset += n
        }
    }

    /// Throws libarchive's own message when `status` is not OK.
    private static func check(_ archive: OpaquePointer, _ status: Int32, _ what: String) throws {
        guard status != ARCHIVE_OK else { return }
        let text = archive_error_string(archive).map { String(cString: $0) } ?? "status \(status)"
        throw ReleaseError.malformed("archive", "libarchive could not \(what): \(text)")
    }
}

/// Where libarchive's write callback sends the archive's bytes.
private final class ArchiveSink {
    let file: any ArtifactFile
    init(file: any ArtifactFile) { self.file = file }
}
