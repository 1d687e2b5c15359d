import CatalogCore
import Foundation
import Testing
@testable import CatalogSuggest

/// Ranking and relationships over the project's reference subset, for entries as the catalog
/// names them (Vietnamese first, English too).
@Suite struct SuggesterTests {
    func suggester() throws -> Suggester { Suggester(index: try #require(Repo.index), vocabulary: Repo.vocabulary) }

    @Test func ranksTheGlucoseCodesFirstAndProposesBroaderForAnOpenUnit() throws {
        let entry = Repo.lab("HS0001D", vi: "Định lượng Glucose [Máu]", en: "Glucose, quantitative [blood]", specimen: .serumOrPlasma)
        let answer = try suggester().suggest(entry, top: 5, kind: .laboratory)
        let loinc = try #require(answer.candidates[.loinc])
        #expect(Set(loinc.prefix(2).map(\.code)) == ["14749-6", "2345-7"])
        #expect(loinc[0].relationship == .sourceIsBroaderThanTarget)
        #expect(loinc[0].reason.contains("fixes no unit"))
        #expect(answer.candidates[.radlex] == nil, "RadLex is for imaging entries only")
    }

    /// A method the name states ("by centrifugation", "máy ly tâm" through the vocabulary)
    /// agrees with the code's method, and "of Blood" is read as the code's system.
    @Test func theMethodANameStatesCountsAsTheMethodAxis() throws {
        let entry = Repo.lab("X", vi: "Thể tích khối hồng cầu (hematocrit) bằng máy ly tâm", en: "Haematocrit by centrifugation", specimen: .blood)
        let answer = try suggester().suggest(entry, top: 5, kind: .laboratory)
        let first = try #require(answer.candidates[.loinc]?.first)
        #expect(first.code == "4545-0", "\(answer.candidates[.loinc]?.map(\.code) ?? [])")
        #expect(first.axes.first { $0.axis == "method" }?.status == .agree)
        #expect(first.axes.first { $0.axis == "system" }?.status == .agree)
    }

    @Test func findsAnEntryNamedOnlyInVietnameseWithoutDiacritics() throws {
        let entry = Repo.imaging("X", vi: "Sieu am tuyen giap", en: "", .us, .neck, .none)
        let answer = try suggester().suggest(entry, top: 5, kind: .imaging)
        #expect(answer.candidates[.loinc]?.first?.code == "25010-0")
        #expect(answer.candidates[.radlex]?.first?.code == "RPID2007")
        #expect(answer.candidates[.loinc]?.first?.relationship == .equivalent)
    }

    @Test func everyCandidateCarriesItsReferenceRow() throws {
        let entry = Repo.imaging("DQ0007P", vi: "Chụp CLVT sọ não có tiêm thuốc cản quang", en: "CT head with contrast", .ct, .head, .iv)
        let answer = try suggester().suggest(entry, top: 3, kind: .imaging)
        for candidate in answer.candidates.values.joined() {
            let fields = Repo.row(candidate.file, line: candidate.line)
            #expect(fields.first == candidate.code, "\(candidate.file):\(candidate.line)")
        }
        #expect(answer.candidates[.radlex]?.first?.code == "RPID24")
    }

    @Test func leaveOneOutHidesTheMappings() throws {
        var entry = Repo.imaging("DQ00010", vi: "Siêu âm tuyến giáp", en: "Ultrasound thyroid gland", .us, .neck, .none)
        entry.mappings = [Mapping(system: .loinc, code: "25010-0", display: "US Thyroid gland", relationship: .equivalent, comment: nil)]
        let annex = Annex(number: 6, prefix: "DQ", kind: .imaging, serialWidth: 4, expectedCount: 1, titleVi: "Điện quang", titleEn: "Imaging", groups: [])
        let catalog = Catalog(metadata: CatalogMetadata(canonicalUrl: "u", oid: "1", name: "n", titleVi: "t", titleEn: "t", version: SemanticVersion(major: 2026, minor: 1, patch: 0),
                                                        effectiveDate: "2026-01-01", publisher: "p", legalBasis: [], description: "d"),
                              annexes: [annex], entries: [entry])
        let (rows, total, outcomes) = LeaveOneOut.evaluate(catalog, suggester: try suggester())
        #expect(rows.count == 1 && total.entries == 1 && total.top1 == 1)
        #expect(outcomes.first?.rank == 0)
    }
}
