import CatalogSources

/// libFuzzer target: the YAML reader (see FuzzTargets.yaml).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTargets.yaml(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
