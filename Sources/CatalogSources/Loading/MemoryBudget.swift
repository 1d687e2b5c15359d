import CatalogCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses, with a diagnostic, a catalog that cannot be checked within the process's memory
/// limit (`ulimit -v` or `ulimit -d`), before reading it: past the limit the Swift runtime
/// aborts ("failed to allocate") or crashes instead of reporting anything.
///
/// The estimate is a floor from measurements of `check` on `make bench-data` catalogs (a
/// release build on Linux, 2 cores): the resident peak is about 2.3 bytes per source byte
/// (100,000 entries, 45 MB: 131 MiB; 1,000,000 entries, 448 MB: 1,063 MiB) and the address
/// space adds some 320 MiB of thread stacks and allocator arenas (100,000 entries need
/// between 384 and 512 MiB of `ulimit -v`). Only a limit below the floor is refused, so a
/// catalog that could fit is never turned away.
enum MemoryBudget {
    /// Address space a check of `bytes` bytes of sources needs at least.
    static func floor(forSourceBytes bytes: Int) -> Int {
        320 << 20 + bytes / 10 * 23
    }

    /// The process's address-space or data limit in bytes, or nil when there is none.
    static func processLimit() -> Int? {
        var limits: [Int] = []
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            var limit = rlimit()
            #if canImport(Glibc)
            let ok = getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0
            #else
            let ok = getrlimit(resource, &limit) == 0
            #endif
            if ok, limit.rlim_cur != rlim_t.max, limit.rlim_cur < rlim_t(Int.max) { limits.append(Int(limit.rlim_cur)) }
        }
        return limits.min()
    }

    /// The diagnostic for sources of `bytes` bytes under a limit of `limit` bytes, or nil when
    /// they may fit.
    static func refusal(sourceBytes bytes: Int, limit: Int?, manifest: String) -> Diagnostic? {
        guard let limit else { return nil }
        let need = floor(forSourceBytes: bytes)
        guard need > limit else { return nil }
        let mib = { (n: Int) in "\((n + (1 << 20) - 1) >> 20) MiB" }
        return Diagnostic(.error, .limitExceeded,
                          "the sources total \(mib(bytes)); checking them needs at least \(mib(need)) of memory, but this process may use only \(mib(limit)) (ulimit -v / -d); raise the limit or run on a larger machine",
                          at: .start(of: manifest))
    }
}
