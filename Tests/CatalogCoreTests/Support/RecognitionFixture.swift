import CatalogCore
import CatalogSources
import Foundation

/// The project's own rules source, `annexes/recognition.yaml`, checked against annexes 1-6.
enum RecognitionFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func projectRules() throws -> RecognitionCheck.Result {
        let path = root.appendingPathComponent("annexes/recognition.yaml").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let parsed = SourceParser.parseRecognition(bytes, file: "annexes/recognition.yaml")
        let annexes = (1...5).map { RecognitionCheck.AnnexInfo(number: $0, kind: .laboratory) } + [RecognitionCheck.AnnexInfo(number: 6, kind: .imaging)]
        guard let value = parsed.value else { return RecognitionCheck.Result(rules: nil, diagnostics: parsed.diagnostics) }
        var result = RecognitionCheck.check(value, annexes: annexes)
        result.diagnostics = parsed.diagnostics + result.diagnostics
        return result
    }
}
