import Foundation
import Testing
import TestSupport

/// The DICOM fuzzer's saved corpus (`Tests/Fuzz/corpus/dicom`, grown by `make fuzz`) replayed
/// through the real binary: every input laid on one medium, a sample each alone, answered with
/// exit 0 or a refusal with its rule ID, never a crash or a hang.
@Suite struct RecognizeFuzzCorpusTests {
    static let corpus = CLI.root.appendingPathComponent("Tests/Fuzz/corpus/dicom")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func theCorpusIsThere() { #expect(Self.inputs.count >= 20) }

    @Test func everyInputOnOneMedium() throws {
        let medium = try CLI.workspace().appendingPathComponent("cd")
        try FileManager.default.createDirectory(at: medium, withIntermediateDirectories: true)
        for (n, input) in Self.inputs.enumerated() {
            try FileManager.default.copyItem(at: input, to: medium.appendingPathComponent("F\(n).dcm"))
        }
        let start = Date()
        let run = try CLI.run(["recognize", "DQ0009L", "--study", medium.path, "--format", "json"])
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(run.status == 0 || (run.status == 1 && run.stderr.contains("[LT12")), "status \(run.status): \(run.stderr)")
    }

    @Test func eachInputAlone() throws {
        let root = try CLI.workspace()
        for (n, input) in Self.inputs.enumerated() {
            let medium = root.appendingPathComponent("m\(n)")
            try FileManager.default.createDirectory(at: medium, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: input, to: medium.appendingPathComponent("IMG.dcm"))
        }
        // One process per input would take minutes: an even sample of about 40 inputs, each on
        // its own medium (every input is also read in everyInputOnOneMedium).
        for n in stride(from: 0, to: Self.inputs.count, by: max(1, Self.inputs.count / 40)) {
            let run = try CLI.run(["recognize", "DQ0009L", "--study", root.appendingPathComponent("m\(n)").path, "--format", "json"])
            #expect(run.status == 0 || (run.status == 1 && run.stderr.contains("[LT12")), "\(Self.inputs[n].lastPathComponent): status \(run.status): \(run.stderr)")
        }
    }
}
