@testable import CatalogCore
import Testing

/// The duplicate-name register keeps hashes, not names; it must stay exact when hashes
/// collide. Here every name has the same hash.
@Suite struct NameRegisterTests {
    @Test func collidingHashesStillCompareNames() {
        var register = NameRegister(hash: { _ in 42 })
        let keys = ["glucose", "urea", "glucose", "creatinine", "urea", "albumin"]
        func at(_ line: Int) -> CatalogCore.SourceLocation { SourceLocation(file: "a.yaml", line: line, column: 1) }
        var found: [Int?] = []
        for (i, key) in keys.enumerated() {
            // Even drafts have an entry the key is recomputed from; odd ones do not.
            let first = register.register(key, at: at(i + 1), draft: i, hasEntry: i % 2 == 0, keyOf: { $0 % 2 == 0 ? keys[$0] : nil })
            found.append(first?.line)
        }
        #expect(found == [nil, nil, 1, nil, 2, nil])
    }
}
