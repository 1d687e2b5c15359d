import Foundation

/// Whole-buffer reads and writes on a file descriptor, retrying short transfers and
/// interrupted calls: the stage and the disk file system share them.
public enum FileDescriptorIO {
    /// Fills `buffer` from `fd` starting at byte `offset` (the descriptor's own position is
    /// left alone); returns how many bytes were read, fewer at the end of the file, or -1 on
    /// an error.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        var total = 0
        while total < buffer.count {
            let n = pread(fd, buffer.baseAddress! + total, buffer.count - total, off_t(offset + total))
            if n < 0 { if errno == EINTR { continue }; return -1 }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// Writes every byte of `buffer` to `fd`; false on an error.
    public static func write(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }
}
