import CatalogRelease

/// libFuzzer target: see ReleaseFuzzTargets.releaseJSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    ReleaseFuzzTargets.releaseJSON(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
