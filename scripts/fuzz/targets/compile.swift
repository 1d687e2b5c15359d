import CatalogSources

/// libFuzzer target: the source-to-catalog stage (see FuzzTargets.compile).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompile(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTargets.compile(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
