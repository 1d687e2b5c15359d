import CatalogCore
import CatalogSources
import Foundation
import Testing

/// Hostile shapes from issue 12 that took quadratic time (an XML element with 20k or 40k
/// attributes, an XML entry with 40k unknown child elements, a YAML entry with 80k unknown
/// keys): each is read at two sizes, n and 8n, and the time must grow about 8 times, not 64.
/// A ratio, not a wall-clock limit, so a slow or busy machine does not fail it;
/// the best of three runs damps noise.
@Suite(.serialized) struct LinearTimeTests {
    /// The fastest of three runs of `body`, in seconds.
    static func time(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    /// Reads `make(n)` and `make(8n)` as an annex file; returns the time ratio and the
    /// diagnostics of the larger one.
    static func ratio(_ file: String, n: Int, _ make: (Int) -> String) -> (Double, [Diagnostic]) {
        let small = Array(make(n).utf8), large = Array(make(8 * n).utf8)
        var diagnostics: [Diagnostic] = []
        let t1 = time { _ = SourceParser.parseAnnex(small, file: file) }
        let t2 = time { diagnostics = SourceParser.parseAnnex(large, file: file).diagnostics }
        return (t2 / max(t1, 1e-4), diagnostics)
    }

    /// Linear time grows 8 times, quadratic 64 times; 24 leaves room for noise (other tests
    /// and fuzzers run in parallel), cache effects and the n log n of sorting diagnostics.
    static let limit = 24.0

    @Test func xmlElementWithManyAttributes() {
        let (r, diagnostics) = Self.ratio("a.xml", n: 10_000) { n in
            "<annex annex=\"1\"><groups/><entries><entry " + (0..<n).map { "a\($0)=\"x\"" }.joined(separator: " ") + "/></entries></annex>\n"
        }
        #expect(r < Self.limit, "10k -> 80k attributes: time x\(r)")
        #expect(diagnostics.map(\.description) == ["a.xml:1:36: error: an element has 80000 attributes; the limit is 256 [LT0104]"])
    }

    @Test func xmlEntryWithManyUnknownChildren() {
        let (r, diagnostics) = Self.ratio("a.xml", n: 2_500) { n in
            "<annex annex=\"1\"><groups/><entries><entry>" + (0..<n).map { "<u\($0)>x</u\($0)>" }.joined() + "</entry></entries></annex>\n"
        }
        #expect(r < Self.limit, "2.5k -> 20k unknown child elements: time x\(r)")
        #expect(diagnostics.filter { $0.rule == .unknownKey }.count == 20_000)
    }

    @Test func yamlEntryWithManyUnknownKeys() {
        let (r, diagnostics) = Self.ratio("a.yaml", n: 5_000) { n in
            "annex: 1\ngroups: []\nentries:\n  - nameVi: x\n" + (0..<n).map { "    u\($0): x\n" }.joined()
        }
        #expect(r < Self.limit, "5k -> 40k unknown keys: time x\(r)")
        #expect(diagnostics.filter { $0.rule == .unknownKey }.count == 40_000)
    }

    /// The same shapes on one line: positions on a long line are found in one pass.
    @Test func xmlManyChildrenOnOneLineAndYAMLFlowMapping() {
        let (r, _) = Self.ratio("a.yaml", n: 2_500) { n in
            "annex: 1\ngroups: []\nentries:\n  - {nameVi: x, " + (0..<n).map { "u\($0): x" }.joined(separator: ", ") + "}\n"
        }
        #expect(r < Self.limit, "2.5k -> 20k unknown keys in a flow mapping: time x\(r)")
    }
}
