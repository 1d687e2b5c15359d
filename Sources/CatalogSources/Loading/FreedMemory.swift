/// Gives memory that was freed, but is still held by the allocator, back to the system.
///
/// glibc keeps one malloc arena per thread: what the parsing threads free stays resident in
/// their arenas, and another thread's allocations cannot reuse it. Between the concurrent
/// parse and the single-threaded catalog-wide rules, that is a fifth of a large build's
/// peak memory.
enum FreedMemory {
    static func returnToSystem() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim(3)`, which the Glibc module does not import (it lives in `malloc.h`).
@_silgen_name("malloc_trim")
private func malloc_trim(_ pad: Int) -> Int32
#endif
