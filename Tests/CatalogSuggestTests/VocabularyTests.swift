import CatalogCore
import Foundation
import Testing
@testable import CatalogSuggest

/// The reviewed vocabulary: every row of the project's file is well formed and names its
/// source; abbreviations and Vietnamese terms read as LOINC and the playbooks write them.
@Suite struct VocabularyTests {
    @Test func theProjectFileParsesWithASourceOnEveryRow() throws {
        let text = try String(contentsOfFile: Repo.vocabularyPath, encoding: .utf8)
        let (vocabulary, problems) = TermVocabulary.parse(text)
        #expect(problems.isEmpty, "\(problems)")
        #expect(vocabulary.terms.count > 100)
        for term in vocabulary.terms {
            #expect(term.source.contains("reference "), "line \(term.line) names no reference row")
        }
    }

    func expansion(_ name: String) -> [String] {
        Repo.vocabulary.expand(SuggestText.words(name)).tokens
    }

    @Test func readsImagingAbbreviations() {
        #expect(expansion("Chụp CLVT sọ não").contains("ct"))
        #expect(expansion("Chụp CLVT sọ não").contains("brain"))
        #expect(expansion("Chụp CHT khớp gối").contains("mr"))
        #expect(expansion("Chụp cộng hưởng từ khớp gối").contains("knee"))
        #expect(expansion("Chụp XQ ngực").contains("xr"))
        #expect(expansion("Chup X-quang cot song co").contains("cervical"))
    }

    @Test func readsLaboratoryAbbreviationsWithOrWithoutDiacritics() {
        #expect(expansion("Định lượng HbA1c") == ["hemoglobin", "a1c"])
        #expect(expansion("Dinh luong HbA1c") == ["hemoglobin", "a1c"])
        #expect(expansion("Kháng thể kháng nhân (ANA)").contains("ab"))
        #expect(expansion("Cấy nước tiểu").contains("urine"))
    }

    @Test func refusesRowsWithoutSourceOrWithUnknownKind() {
        let text = """
        term\texpansion\tkind\tsource
        clvt\tct\tabbreviation\t
        clvt\tct\tguess\tsomewhere
        clvt\tct
        \tct\tabbreviation\tsomewhere
        """
        let (vocabulary, problems) = TermVocabulary.parse(text)
        #expect(vocabulary.terms.isEmpty)
        #expect(problems.count == 4)
        #expect(problems[0].hasPrefix("line 2:") && problems[0].contains("no source"))
        #expect(problems[1].contains("'guess'"))
        #expect(problems[2].contains("2 fields"))
    }
}
