import CatalogCore
import Testing

/// The folded-name key the SQL artifacts index: names found without diacritics.
@Suite struct SearchKeyTests {
    @Test(arguments: [
        ("Chụp CLVT sọ não", "chup clvt so nao"),
        ("Định lượng Glucose [Máu]", "dinh luong glucose [mau]"),
        ("ĐƯỜNG  huyết", "duong huyet"),
        ("Ưu tiên ơ ă â ê ô", "uu tien o a a e o"),
        ("Creatinine", "creatinine"),
    ])
    func foldsVietnameseToPlainLetters(_ name: String, _ key: String) {
        #expect(TextChecks.searchKey(name) == key)
    }

    /// Decomposed input folds like its composed form (the key starts from NFC).
    @Test func decomposedInputFoldsTheSame() {
        #expect(TextChecks.searchKey("Chu\u{0323}p") == "chup")
    }
}
