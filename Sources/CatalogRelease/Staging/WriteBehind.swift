import Foundation

/// Keeps a large file that is being written from filling the page cache.
///
/// Each time another `window` of the file is written, the kernel is asked to start writing
/// that window to the disk, and the window before it, by then on its way, is waited for and
/// dropped from the cache. A file then holds at most about two windows of cache however large
/// it grows. Without this, a 1,000,000-entry build writes 3.4 GB into fresh cache pages, and
/// the kernel's cost per byte grows with the total (1.1 s of system time a gigabyte at 3.4 GB
/// against 0.3 s at 340 MB, measured with `dd` on the benchmark machine), which alone broke
/// the build's linear growth. Smaller files never reach a second window and are unaffected.
///
/// Advice only: where the calls do not apply (tmpfs, other systems) nothing changes.
struct WriteBehind {
    /// The window used for generated files, in bytes.
    static let standardWindow = 64 << 20

    let window: Int
    /// The file's bytes whose writing to the disk has been started.
    private(set) var started = 0
    /// The file's bytes dropped from the cache.
    private(set) var dropped = 0

    init(window: Int = WriteBehind.standardWindow) { self.window = window }

    /// Notes that the first `end` bytes of the file `fd` are written.
    mutating func wrote(upTo end: Int, of fd: Int32) {
        while end - started >= window {
            FileCache.startWriting(fd, from: started, count: window)
            started += window
            if started - dropped >= 2 * window {
                FileCache.writeAndDrop(fd, from: dropped, count: window)
                dropped += window
            }
        }
    }

    /// Starts writing to the disk whatever of the file `fd` has not been started yet (the
    /// file is complete).
    mutating func startWritingTheRest(of fd: Int32) {
        FileCache.startWriting(fd, from: started, count: 0)
    }
}

/// The Linux calls behind ``WriteBehind``.
private enum FileCache {
    /// Starts writing the range to the disk without waiting; a `count` of 0 runs to the end
    /// of the file.
    static func startWriting(_ fd: Int32, from offset: Int, count: Int) {
        #if os(Linux)
        _ = sync_file_range(fd, Int64(offset), Int64(count), syncFileRangeWrite)
        #endif
    }

    /// Waits until the range is on the disk, then drops its pages from the cache.
    static func writeAndDrop(_ fd: Int32, from offset: Int, count: Int) {
        #if os(Linux)
        _ = sync_file_range(fd, Int64(offset), Int64(count), syncFileRangeWaitBefore | syncFileRangeWrite | syncFileRangeWaitAfter)
        _ = posix_fadvise(fd, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
        #endif
    }
}

#if os(Linux)
/// `sync_file_range(2)`, which the Glibc module does not import (it needs `_GNU_SOURCE`).
@_silgen_name("sync_file_range")
private func sync_file_range(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
/// Its flags, from `fcntl.h`.
private let syncFileRangeWaitBefore: UInt32 = 1
private let syncFileRangeWrite: UInt32 = 2
private let syncFileRangeWaitAfter: UInt32 = 4
#endif
