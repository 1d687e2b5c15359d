import CatalogCore
import CLibXML2
import CYAML
import Foundation

/// Benchmark helper (not part of the test command):
///   lienthong-bench generate <entries> <out-dir> [yaml|xml]   write a synthetic catalog folder
///   lienthong-bench floor <file>...                           pull files through libyaml events
///                                                             (.yaml) or the libxml2 reader (.xml)
///                                                             doing nothing else
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: lienthong-bench generate N DIR [yaml|xml] | floor FILE...\n".utf8))
    exit(2)
}
switch arguments[1] {
case "generate":
    guard let count = Int(arguments[2]), count > 0, arguments.count >= 4 else { exit(2) }
    let format = arguments.count > 4 ? arguments[4] : "yaml"
    do {
        try SyntheticCatalog(entries: count, format: format).write(to: arguments[3])
    } catch {
        FileHandle.standardError.write(Data("generate: \(error)\n".utf8))
        exit(1)
    }
case "floor":
    var events = 0
    for path in arguments.dropFirst(2) {
        events += path.hasSuffix(".xml") ? Floor.xml(path) : Floor.yaml(path)
    }
    print("events: \(events)")
default:
    exit(2)
}
