import CatalogCore
import Testing

@Suite struct CheckCharacterTests {
    static let prefixes = ["HS", "HH", "VS", "DT", "GP", "DQ"]

    @Test func knownValues() {
        #expect(CheckCharacter.compute(for: "HS0001") == "D")
        #expect(CodeFormat(prefix: "HS", serialWidth: 4).code(forSerial: 1) == "HS0001D")
        #expect(CodeFormat(prefix: "DQ", serialWidth: 4).code(forSerial: 12) == "DQ0012V")
        #expect(CodeFormat(prefix: "DQ", serialWidth: 6).code(forSerial: 123_457)?.count == 9)
        #expect(CheckCharacter.compute(for: "hs0001") == nil)
    }

    /// Every single-character substitution and every transposition of two different adjacent
    /// characters, anywhere in the code including the check character, is detected, for one
    /// serial in seven of each annex's 4-digit range (about 8,600 codes, 2.3 million variants).
    @Test func detectsAllSingleSubstitutionsAndAdjacentTranspositions() {
        var tried = 0
        for prefix in Self.prefixes {
            let format = CodeFormat(prefix: prefix, serialWidth: 4)
            for serial in stride(from: 1, through: 9999, by: 7) {
                guard let issued = format.code(forSerial: serial) else { continue }
                let code = Array(issued)
                #expect(CheckCharacter.isValid(String(code)))
                for i in code.indices {
                    for replacement in CheckCharacter.alphabet.dropLast() where replacement != code[i] {
                        var variant = code
                        variant[i] = replacement
                        tried += 1
                        if CheckCharacter.isValid(String(variant)) {
                            Issue.record("substitution \(String(code)) → \(String(variant)) not detected")
                        }
                    }
                    if i + 1 < code.count, code[i] != code[i + 1] {
                        var variant = code
                        variant.swapAt(i, i + 1)
                        tried += 1
                        if CheckCharacter.isValid(String(variant)) {
                            Issue.record("transposition \(String(code)) → \(String(variant)) not detected")
                        }
                    }
                }
            }
        }
        #expect(tried > 2_000_000)
    }

    /// Serials whose check value is 36 (`*`) are skipped, about one in 37, so codes stay
    /// letters and digits.
    @Test func serialsWithStarCheckAreNeverIssued() {
        let format = CodeFormat(prefix: "HS", serialWidth: 4)
        let skipped = (1...9999).filter { format.code(forSerial: $0) == nil }
        #expect(skipped.first == 8)
        #expect((250...290).contains(skipped.count))
        #expect(format.read("HS0008*") == .malformed)
    }

    /// Why not ISO 7064 MOD 37,36 (the hybrid system, whose check is always alphanumeric): it
    /// lets some adjacent transpositions through, such as HS07710 and HS07701.
    @Test func hybridMod3736MissesTranspositions() {
        func hybrid(_ s: String) -> Character {
            var p = 36
            for ch in s.utf8 {
                let v = ch <= 57 ? Int(ch) - 48 : Int(ch) - 55
                var t = (p + v) % 36
                if t == 0 { t = 36 }
                p = (2 * t) % 37
            }
            return CheckCharacter.alphabet[(37 - p) % 36]
        }
        #expect(hybrid("HS0771") == "0" && hybrid("HS0770") == "1")
        #expect(CheckCharacter.isValid("HS0771" + String(CheckCharacter.compute(for: "HS0771")!)))
        #expect(!CheckCharacter.isValid("HS07701" ) || !CheckCharacter.isValid("HS07710"))
    }

    @Test func codeFormatReadsShapeThenCheckCharacter() {
        let format = CodeFormat(prefix: "HS", serialWidth: 4)
        #expect(format.read("HS0001D") == .valid(serial: 1))
        #expect(format.read("HS0001G") == .wrongCheckCharacter(expected: "D"))
        #expect(format.read("HS001H") == .malformed)
        #expect(format.read("HH0001H") == .malformed)
        #expect(format.read("HS00A1H") == .malformed)
        #expect(format.read("HS0001h") == .malformed)
        #expect(format.maxSerial == 9999)
    }
}

@Suite struct LOINCCheckDigitTests {
    @Test(arguments: ["2345-7", "2160-0", "718-7", "36643-5", "24627-2", "1742-6", "4548-4", "94500-6", "100000-9"])
    func validCodes(_ code: String) {
        #expect(LOINCCheckDigit.isValid(code))
    }

    @Test func usersGuideExample() {
        #expect(LOINCCheckDigit.compute(for: "12345") == 5)
    }

    @Test(arguments: ["2345-8", "2345-", "-7", "2345", "23a5-7", "2345-77"])
    func invalidCodes(_ code: String) {
        #expect(!LOINCCheckDigit.isValid(code))
    }

    @Test func documentedLegacyExceptionsAreAccepted() {
        #expect(LOINCCheckDigit.legacyExceptions.count == 14)
        for code in LOINCCheckDigit.legacyExceptions {
            let base = code.split(separator: "-")[0]
            #expect("\(base)-\(LOINCCheckDigit.compute(for: base)!)" != code)
            #expect(LOINCCheckDigit.isValid(code))
        }
    }
}

@Suite struct SemanticVersionTests {
    @Test func parsesAndPrints() {
        #expect(SemanticVersion("2026.1.0")?.description == "2026.1.0")
        #expect(SemanticVersion("1.0.0-rc.1")?.prerelease == ["rc", "1"])
    }

    @Test(arguments: ["1.0", "01.0.0", "1.0.0+build", "1.0.0-", "1.0.0-01", "v1.0.0", "1..0", ""])
    func refuses(_ text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test func ordersBySemVerPrecedence() {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2026.1.0", "2026.10.0"]
        let versions = ordered.compactMap(SemanticVersion.init)
        #expect(versions.count == ordered.count)
        #expect(versions == versions.sorted())
        #expect(versions.shuffled().sorted() == versions)
    }
}

@Suite struct TextCheckTests {
    @Test func nfc() {
        #expect(TextChecks.isNFC("Định lượng Glucose"))
        #expect(!TextChecks.isNFC("Đi\u{0323}nh"))
        #expect(!TextChecks.isNFC("e\u{0301}"))
        #expect(TextChecks.isNFC("日本"))
        #expect(TextChecks.nfc("Đi\u{0323}nh") == "Định")
    }

    /// Name keys fold case like `String.lowercased()` for every letter of the Vietnamese
    /// alphabet's blocks (which take a fast path) and beyond them.
    @Test func nameKeyFoldsCaseLikeTheStandardLibrary() {
        let scalars = (0x21...0x24F).compactMap(Unicode.Scalar.init) + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init)
            + ["\u{391}", "\u{410}", "\u{130}"]
        for scalar in scalars {
            let text = "A" + String(scalar) + "Ư"
            guard TextChecks.isNFC(text), TextChecks.whitespaceProblem(text) == nil else { continue }
            #expect(TextChecks.nameKey(text) == text.lowercased(), "U+\(String(scalar.value, radix: 16))")
        }
        #expect(TextChecks.nameKey("ĐỊNH LƯỢNG  Urê") == "định lượng urê")
    }

    @Test func whitespace() {
        #expect(TextChecks.whitespaceProblem("a b") == nil)
        #expect(TextChecks.whitespaceProblem(" a") == "leading whitespace")
        #expect(TextChecks.whitespaceProblem("a ") == "trailing whitespace")
        #expect(TextChecks.whitespaceProblem("a  b") == "repeated spaces")
        #expect(TextChecks.whitespaceProblem("a\tb")?.contains("U+0009") == true)
        #expect(TextChecks.whitespaceProblem("a\u{200B}b")?.contains("U+200B") == true)
        // Bytes that only may begin whitespace are looked at closely, and each such space found.
        #expect(TextChecks.whitespaceProblem("Chụp X quang – tư thế") == nil)
        #expect(TextChecks.whitespaceProblem("ᚁ Ogham") == nil)
        #expect(TextChecks.whitespaceProblem("a\u{1680}b")?.contains("U+1680") == true)
        #expect(TextChecks.whitespaceProblem("a\u{A0}b")?.contains("U+00A0") == true)
        #expect(TextChecks.whitespaceProblem("a\u{85}b")?.contains("U+0085") == true)
        #expect(TextChecks.whitespaceProblem("a\u{3000}b")?.contains("U+3000") == true)
        #expect(TextChecks.whitespaceProblem("\u{FEFF}a") == "leading whitespace")
    }

    /// The fast path (Latin, Latin-1 to U+02FF, Latin Extended Additional) and everything else.
    @Test func nfcFastPathAndBeyond() {
        #expect(TextChecks.isNFC("Siêu âm ổ bụng ɐ ỹ"))
        #expect(!TextChecks.isNFC("Sie\u{302}u"))
        #expect(!TextChecks.isNFC("\u{1EA0}\u{0301}\u{0323}"))
        #expect(TextChecks.isNFC("Ω Ж 日本 ─"))
        #expect(!TextChecks.isNFC("\u{2126}"))
    }

    @Test func nameKeyFoldsCaseWhitespaceAndNormalisation() {
        #expect(TextChecks.nameKey("  Định   LƯỢNG ") == TextChecks.nameKey("đi\u{0323}nh lượng"))
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "specimn", in: ["specimen", "method"]) == "specimen")
        #expect(Suggestion.closest(to: "nmaeVi", in: ["nameVi", "nameEn"]) == "nameVi")
        #expect(Suggestion.closest(to: "colour", in: ["nameVi", "nameEn"]) == nil)
    }
}

@Suite struct LedgerTests {
    /// The compact store and its code index through many growths: every code is found with
    /// its own record, unknown codes are not, a second issue of a code is refused.
    @Test func findsEveryCodeAfterManyAppends() {
        var ledger = Ledger(file: "l.tsv")
        let format = CodeFormat(prefix: "HS", serialWidth: 5)
        let records = (1...3_000).compactMap { serial in
            format.code(forSerial: serial).map { Ledger.Record(code: $0, annex: serial % 6 + 1, issuedIn: "1.\(serial % 7).0", nameVi: "Tên số \(serial)",
                                                               location: SourceLocation(file: "l.tsv", line: serial + 1, column: 1)) }
        }
        for record in records {
            let added = ledger.append(record)
            #expect(added)
        }
        #expect(ledger.count == records.count)
        #expect(ledger.records == records)
        for record in records { #expect(ledger.record(for: record.code) == record) }
        #expect(ledger.record(for: "HS99999") == nil && ledger.record(for: "") == nil)
        let again = ledger.append(records[17])
        #expect(!again)
        #expect(ledger.count == records.count)
    }

    @Test func roundTripsAndFindsHighestSerial() {
        var bag = DiagnosticBag()
        let text = "code\tannex\tissued\tnameVi\nHS0001D\t1\t1.0.0\tA\nHS00039\t1\t1.0.0\tB\nDQ00010\t6\t1.0.0\tC\n"
        let ledger = Ledger.parse(text, file: "l.tsv", diagnostics: &bag)
        #expect(bag.all.isEmpty)
        #expect(ledger.render() == text)
        #expect(ledger.highestSerial(for: CodeFormat(prefix: "HS", serialWidth: 4)) == 3)
        #expect(ledger.highestSerial(for: CodeFormat(prefix: "VS", serialWidth: 4)) == 0)
        #expect(ledger.record(for: "DQ00010")?.annex == 6)
    }

    @Test func refusesAWrongHeader() {
        var bag = DiagnosticBag()
        _ = Ledger.parse("code,annex\n", file: "l.tsv", diagnostics: &bag)
        #expect(bag.all.map(\.rule) == [.ledgerSyntax])
    }
}

@Suite struct RuleCatalogTests {
    @Test func ruleIDsAreUniqueAndWellFormed() {
        let ids = RuleID.allCases.map(\.rawValue)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 6 && $0.hasPrefix("LT") && Int($0.dropFirst(2)) != nil })
        #expect(RuleID.allCases.allSatisfy { !$0.summary.isEmpty })
    }
}

@Suite struct SourceLocationTests {
    /// Locations sort by file name whatever order files were registered in, then line, column.
    @Test func ordersByFileNameNotRegistrationOrder() {
        let late = SourceLocation(file: "zz-registered-first.yaml", line: 1, column: 1)
        let early = SourceLocation(file: "aa-registered-second.yaml", line: 9, column: 9)
        #expect(early < late)
        #expect(SourceLocation(file: "aa-registered-second.yaml", line: 2, column: 1) < SourceLocation(file: "aa-registered-second.yaml", line: 2, column: 3))
        #expect(late.file == "zz-registered-first.yaml" && late.description == "zz-registered-first.yaml:1:1")
        #expect(SourceLocation(file: "zz-registered-first.yaml", line: 1, column: 1) == late)
    }
}

/// Small model helpers that the validation rules rely on.
@Suite struct VocabularyHelperTests {
    /// `suits` is a fast form of `kinds.contains`; the two may never disagree.
    @Test func suitsAgreesWithKinds() {
        for system in MappingSystem.allCases {
            for kind in AnnexKind.allCases {
                #expect(system.suits(kind) == system.kinds.contains(kind), "\(system) \(kind)")
            }
        }
    }

    /// A reference name marks a deprecated term in whatever case the source writes it, and
    /// only at its start.
    @Test func deprecatedMarkerInAnyCase() {
        func concept(_ displays: [String]) -> ReferenceSet.Concept {
            var set = ReferenceSet(system: .loinc)
            // An empty display adds the code without a name.
            for display in displays.isEmpty ? [""] : displays { set.add(code: "1-8", display: display, at: .start(of: "ref.csv")) }
            return set.concepts["1-8"]!
        }
        #expect(ReferenceSet.isDeprecated(concept(["DEPRECATED Glucose"])))
        #expect(ReferenceSet.isDeprecated(concept(["Glucose", "Deprecated Glucose"])))
        #expect(ReferenceSet.isDeprecated(concept(["deprecated"])))
        #expect(!ReferenceSet.isDeprecated(concept(["Glucose (deprecated)"])))
        #expect(!ReferenceSet.isDeprecated(concept(["Deprecate"])))
        #expect(!ReferenceSet.isDeprecated(concept(["DEPRECATEĐ Glucose"])))
        #expect(!ReferenceSet.isDeprecated(concept([])))
    }
}
