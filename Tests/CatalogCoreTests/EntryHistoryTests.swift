import CatalogCore
import Testing

/// `EntryHistory.compute`: each code's first-released and last-changed versions from the
/// published releases and the catalog being built.
@Suite struct EntryHistoryTests {
    static func v(_ text: String) -> SemanticVersion { SemanticVersion(text)! }

    static func entry(_ code: String, name: String = "Định lượng Glucose [Máu]", status: EntryStatus = .active, reason: String? = nil) -> Entry {
        Entry(code: code, annex: 1, group: "g", status: status, statusReason: reason, replacedBy: nil, nameVi: name, nameEn: "Glucose",
              nationalCodes: [NationalCode(maTuongDuong: "23.0075.1494", tt23: nil)], attributes: .laboratory(specimen: .blood, method: nil),
              mappings: [], unmappedReason: nil)
    }

    static func catalog(_ version: String, _ entries: [Entry]) -> Catalog {
        let metadata = CatalogMetadata(canonicalUrl: "https://example.org/fhir/CodeSystem/test", oid: "2.25.1", name: "Test", titleVi: "T", titleEn: "T",
                                       version: v(version), effectiveDate: "2026-01-01", publisher: "P", legalBasis: [], description: "D")
        return Catalog(metadata: metadata, annexes: [], entries: entries)
    }

    @Test func addedChangedUnchangedRetired() {
        let r1 = Self.catalog("1.0.0", [Self.entry("A"), Self.entry("B"), Self.entry("D"), Self.entry("E")])
        let r2 = Self.catalog("1.1.0", [Self.entry("A"), Self.entry("B", name: "Định lượng Glucose [Máu] (mới)"), Self.entry("C"),
                                        Self.entry("D", status: .retired, reason: "Gộp vào A")])
        let current = Self.catalog("1.2.0", [Self.entry("A"), Self.entry("B", name: "Định lượng Glucose [Máu] (mới)"), Self.entry("C", status: .deprecated, reason: "Sắp bỏ"),
                                             Self.entry("D", status: .retired, reason: "Gộp vào A"), Self.entry("E"), Self.entry("F")])
        // A release at the current version (a stale draft) and one above it count for nothing.
        let same = Self.catalog("1.2.0", [Self.entry("A", name: "khác"), Self.entry("G")])
        let later = Self.catalog("2.0.0", [Self.entry("A", name: "khác nữa"), Self.entry("F")])
        // Given in any order.
        let history = EntryHistory.compute(releases: [later, r2, same, r1], current: current)
        let expected: [String: (String, String)] = [
            "A": ("1.0.0", "1.0.0"),   // unchanged since its first release
            "B": ("1.0.0", "1.1.0"),   // renamed in 1.1.0, unchanged since
            "C": ("1.1.0", "1.2.0"),   // added in 1.1.0, deprecated now
            "D": ("1.0.0", "1.1.0"),   // retired in 1.1.0, and a retired entry stays
            "E": ("1.0.0", "1.2.0"),   // missing from 1.1.0 and back: a change
            "F": ("1.2.0", "1.2.0"),   // new in the catalog being built
        ]
        #expect(history.count == expected.count)
        for (code, (first, last)) in expected {
            #expect(history[code] == EntryHistory(firstReleased: Self.v(first), lastChanged: Self.v(last)), "\(code)")
        }
        #expect(history["G"] == nil)
    }

    @Test func withoutReleasesEverythingIsNew() {
        let current = Self.catalog("1.0.0", [Self.entry("A")])
        let history = EntryHistory.compute(releases: [], current: current)
        #expect(history == ["A": EntryHistory(firstReleased: Self.v("1.0.0"), lastChanged: Self.v("1.0.0"))])
        // A catalog whose history was not computed falls back to its own version.
        #expect(current.history(of: Self.entry("A")) == EntryHistory(firstReleased: Self.v("1.0.0"), lastChanged: Self.v("1.0.0")))
        var withHistory = current
        withHistory.history = ["A": EntryHistory(firstReleased: Self.v("0.9.0"), lastChanged: Self.v("0.9.0"))]
        #expect(withHistory.history(of: Self.entry("A")).firstReleased == Self.v("0.9.0"))
    }
}
