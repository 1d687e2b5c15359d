import CatalogSources
import Foundation
import Testing

/// Replays the fuzzers' saved corpus (`Tests/Fuzz/corpus/<target>`, grown by `make fuzz`)
/// through the same entry points as the libFuzzer targets: every input the fuzzers found
/// interesting, and every past finding, must still run to the end.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    /// The files of one target's corpus, by name.
    static func inputs(_ target: String) -> [(String, [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }

    @Test(arguments: ["yaml", "xml", "compile", "recognition"])
    func savedCorpusReplays(target: String) {
        let inputs = Self.inputs(target)
        #expect(inputs.count >= 3, "the saved corpus of \(target) is missing")
        for (_, bytes) in inputs {
            switch target {
            case "yaml": FuzzTargets.yaml(bytes)
            case "xml": FuzzTargets.xml(bytes)
            case "recognition": FuzzTargets.recognition(bytes)
            default: FuzzTargets.compile(bytes)
            }
        }
    }
}
