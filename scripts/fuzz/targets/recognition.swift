import CatalogSources

/// libFuzzer target: the recognition rules source (see FuzzTargets.recognition).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecognition(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTargets.recognition(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
