import CatalogRelease

/// libFuzzer target: see ReleaseFuzzTargets.archive.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    ReleaseFuzzTargets.archive(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
