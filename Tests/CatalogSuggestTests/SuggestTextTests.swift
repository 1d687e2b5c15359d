import CatalogCore
import Foundation
import Testing
@testable import CatalogSuggest

/// Folding, tokenising and the reviewed vocabulary.
@Suite struct SuggestTextTests {
    @Test func foldsVietnameseWithTheProjectKey() {
        #expect(SuggestText.words("Chụp CLVT sọ não") == ["chup", "clvt", "so", "nao"])
        #expect(SuggestText.words("Định lượng HbA1c [Máu]") == ["dinh", "luong", "hba1c", "mau"])
        #expect(SuggestText.words("Đường") == ["duong"])
    }

    @Test func normalisesSpellingAndPlural() {
        #expect(SuggestText.normalise("haemoglobin") == "hemoglobin")
        #expect(SuggestText.normalise("oesophagus") == "esophagus")
        #expect(SuggestText.normalise("arteries") == "artery")
        #expect(SuggestText.normalise("sinuses") == "sinus")
        #expect(SuggestText.normalise("views") == "view")
        #expect(SuggestText.normalise("glass") == "glass")
    }

    @Test func tokensDropFunctionWordsAxisWordsAndNumbers() {
        #expect(SuggestText.tokens("CT Head W contrast IV") == ["head"])
        #expect(SuggestText.tokens("XR Chest 2 Views") == ["chest"])
    }
}
