@testable import CatalogCore
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

    /// The table the fast path uses agrees with the decomposition on every Vietnamese letter,
    /// upper and lower case.
    @Test func tableAgreesWithDecomposition() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
        for letter in letters + letters.uppercased() {
            #expect(TextChecks.searchKey(String(letter)) == TextChecks.decomposedKey(TextChecks.nameKey(String(letter))), "\(letter)")
        }
        #expect(TextChecks.searchKey("Ωmega ß") == TextChecks.decomposedKey(TextChecks.nameKey("Ωmega ß")), "other scripts take the slow path")
    }

    /// Decomposed input folds like its composed form (the key starts from NFC).
    @Test func decomposedInputFoldsTheSame() {
        #expect(TextChecks.searchKey("Chu\u{0323}p") == "chup")
    }
}
