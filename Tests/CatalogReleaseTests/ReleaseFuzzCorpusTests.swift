import CatalogRelease
import Foundation
import Testing

/// Replays the `archive` and `release-json` fuzzers' saved corpus (`Tests/Fuzz/corpus/<target>`,
/// grown by `make fuzz`) through the same entry points as the libFuzzer targets: every input
/// they found interesting, and every past finding, must still run to the end.
@Suite struct ReleaseFuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    @Test(arguments: ["archive", "release-json"])
    func savedCorpusReplays(target: String) {
        let folder = Self.corpus.appendingPathComponent(target)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        #expect(names.count >= 3, "the saved corpus of \(target) is missing")
        for name in names {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
            if target == "archive" { ReleaseFuzzTargets.archive(Array(data)) } else { ReleaseFuzzTargets.releaseJSON(Array(data)) }
        }
    }
}
