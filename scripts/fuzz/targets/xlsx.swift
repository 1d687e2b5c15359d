import CatalogSpreadsheets

/// libFuzzer target: the spreadsheet reader `import` uses (see SpreadsheetFuzzTargets.xlsx).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    SpreadsheetFuzzTargets.xlsx(count == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: count)))
    return 0
}
