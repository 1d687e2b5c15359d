import CatalogSources

/// libFuzzer target: the XML reader (see FuzzTargets.xml).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTargets.xml(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
