import CLibArchive
import Foundation

/// The check libarchive leaves out: its gzip reader does not compare a stream's CRC-32 and
/// length with the trailer, so a release archive damaged inside its compressed data could be
/// read without a word. This decompresses the gzip stream once more (in 1 MiB pieces, nothing
/// held) and compares each member's CRC-32 and length (mod 2^32) with its trailer.
enum GzipTrailer {
    /// Throws ``ReleaseError/malformed(_:_:)`` when `path` is a gzip file whose data does not
    /// match a trailer; does nothing for a file that is not gzip.
    static func check(_ path: String) throws {
        guard let file = FileHandle(forReadingAtPath: path) else { return }
        defer { try? file.close() }
        guard let magic = try? file.read(upToCount: 2), magic == Data([0x1F, 0x8B]) else { return }
        try file.seek(toOffset: 0)
        var stream = z_stream()
        // 16 + MAX_WBITS: a gzip wrapper, whose trailer zlib itself checks (Z_DATA_ERROR on a
        // CRC or length mismatch).
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ReleaseError.io(path, "zlib cannot start", ENOMEM)
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            guard let input = try file.read(upToCount: 1 << 16), !input.isEmpty else {
                // The data ended inside a member: a truncated archive (libarchive says so too).
                return
            }
            var bytes = [UInt8](input)
            var offset = 0
            while offset < bytes.count {
                let status: Int32 = bytes.withUnsafeMutableBufferPointer { inBuf in
                    output.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_in = inBuf.baseAddress! + offset
                        stream.avail_in = UInt32(inBuf.count - offset)
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = UInt32(outBuf.count)
                        let status = inflate(&stream, Z_NO_FLUSH)
                        offset = inBuf.count - Int(stream.avail_in)
                        return status
                    }
                }
                switch status {
                case Z_OK, Z_BUF_ERROR:
                    continue
                case Z_STREAM_END:
                    // A member ended with a matching trailer; another may follow (anything
                    // else after it is ignored, as gzip does).
                    if offset < bytes.count, bytes[offset] != 0x1F { return }
                    inflateReset(&stream)
                default:
                    let why = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw ReleaseError.malformed(path, "the archive is damaged: its gzip data does not match the CRC-32 and length in its trailer (zlib: \(why)); download it again")
                }
            }
            bytes.removeAll(keepingCapacity: true)
        }
    }
}
