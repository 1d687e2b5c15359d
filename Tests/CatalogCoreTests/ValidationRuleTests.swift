import CatalogCore
import Testing

/// One test per validation rule: a single change to a valid catalog, and the exact
/// diagnostic (position, severity, message, ID) it must produce.
@Suite struct ValidationRuleTests {
    let base = TestCatalog()

    @Test func validCatalogHasNoDiagnostics() {
        let (catalog, diagnostics) = base.run()
        #expect(diagnostics.isEmpty)
        #expect(catalog?.entries.map(\.code) == ["HS0001D", "HS0002B", "HS00039", "DQ00010", "DQ0002Z"])
    }

    /// A file may list its groups after its entries: entries are checked as they are read,
    /// and their groups once the groups arrive.
    @Test func groupsMayFollowTheEntries() {
        let groups = "groups:\n  - id: chung\n    nameVi: Chung\n    nameEn: General\n"
        let moved = base.replacing(groups, with: "", in: "lab.yaml").replacing("23.0166.1494\n    specimen: serum-or-plasma\n", with: "23.0166.1494\n    specimen: serum-or-plasma\n" + groups, in: "lab.yaml")
        #expect(moved.diagnostics().isEmpty)
        let unknown = moved.replacing("group: chung\n    status: retired", with: "group: chug\n    status: retired", in: "lab.yaml")
        #expect(unknown.diagnostics() == ["cat/lab.yaml:29:12: error: group 'chug' is not defined in this annex's 'groups'; did you mean 'chung'? [LT0207]"])
    }

    /// A file that cannot be read to its end is not judged by the part read: only the reason
    /// it stops is reported, not the entries and ledger codes it did not reach.
    @Test func aFileThatStopsHalfwayIsNotJudged() {
        let c = base.replacing("  - code: HS00039\n", with: "  - code: [HS00039\n", in: "lab.yaml")
        let (catalog, diagnostics) = c.run()
        #expect(catalog == nil)
        // One root cause, one diagnostic: the list that cannot be read is not also a wrong shape.
        #expect(diagnostics.map(\.description) == [
            "cat/lab.yaml:31:11: error: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']' [LT0101]",
        ])
    }

    @Test func missingRequiredField() {
        let c = base.replacing("    nameEn: Creatinine\n", with: "", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:21:5: error: an entry is missing the required field 'nameEn' [LT0202]"])
    }

    @Test func emptyRequiredField() {
        let c = base.replacing("nameEn: Creatinine", with: "nameEn: \"\"", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:23:13: error: 'nameEn' must not be empty [LT0202]"])
    }

    @Test func unknownKeySuggestsTheClosest() {
        let c = base.replacing("    specimen: serum-or-plasma\n    unmappedReason", with: "    specimn: serum-or-plasma\n    unmappedReason", in: "lab.yaml")
        #expect(c.diagnostics() == [
            "cat/lab.yaml:21:5: error: a laboratory entry must give 'specimen' [LT0210]",
            "cat/lab.yaml:28:5: error: unknown key 'specimn' in an entry; did you mean 'specimen'? [LT0203]",
        ])
    }

    @Test func unknownKeyFarFromAnyGetsNoSuggestion() {
        let c = base.replacing("annex: 1", with: "annex: 1\ncolour: blue", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:2:1: error: unknown key 'colour' in an annex file [LT0203]"])
    }

    @Test func valueNotAllowed() {
        let c = base.replacing("status: active\n    nationalCodes:\n      - maTuongDuong: 23.0051", with: "status: activ\n    nationalCodes:\n      - maTuongDuong: 23.0051", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:25:13: error: 'activ' is not an allowed status; allowed: active, deprecated, retired; did you mean 'active'? [LT0204]"])
    }

    @Test func duplicateKey() {
        let c = base.replacing("nameEn: Creatinine", with: "nameEn: Creatinine\n    nameEn: Again", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:24:5: error: key 'nameEn' appears twice in an entry [LT0205]"])
    }

    @Test func wrongShape() {
        let c = base.replacing("nationalCodes:\n      - maTuongDuong: 23.0051.1494", with: "nationalCodes: 23.0051.1494", in: "lab.yaml")
        #expect(c.diagnostics() == [
            "cat/lab.yaml:21:5: error: an entry must list at least one national code in 'nationalCodes' [LT0202]",
            "cat/lab.yaml:26:20: error: 'nationalCodes' must be a list, not text [LT0201]",
        ])
    }

    @Test func malformedVersionAndDate() {
        let c = base.replacing("version: 1.0.0", with: "version: 1.0", in: "catalog.yaml")
            .replacing("\"2026-07-01\"", with: "\"2026-02-30\"", in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:6:10: error: 'version' must be a Semantic Version such as 2026.1.0 (no leading zeros, no build metadata), not '1.0' [LT0206]",
            "cat/catalog.yaml:7:16: error: 'effectiveDate' must be a calendar date written YYYY-MM-DD, not '2026-02-30' [LT0206]",
        ])
    }

    @Test func unknownGroup() {
        let c = base.replacing("group: chung\n    status: active\n    nationalCodes:\n      - maTuongDuong: 23.0051", with: "group: chun\n    status: active\n    nationalCodes:\n      - maTuongDuong: 23.0051", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:24:12: error: group 'chun' is not defined in this annex's 'groups'; did you mean 'chung'? [LT0207]"])
    }

    @Test func attributeOfTheOtherKind() {
        let c = base.replacing("    specimen: serum-or-plasma\n    mappings:", with: "    specimen: serum-or-plasma\n    modality: CT\n    mappings:", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:16:15: error: 'modality' belongs to imaging entries; this annex is laboratory [LT0208]"])
    }

    /// LT0306: `scale` must agree with what the Vietnamese name states ("Định lượng …" is
    /// quantitative); a name stating neither leaves `scale` free.
    @Test func scaleContradictingTheName() {
        let field = "    specimen: serum-or-plasma\n    mappings:\n      - system: loinc\n        code: 2345-7"
        let agreeing = base.replacing(field, with: field.replacingOccurrences(of: "plasma\n", with: "plasma\n    scale: quantitative\n"), in: "lab.yaml")
        #expect(agreeing.diagnostics().isEmpty)
        #expect(agreeing.run().0?.entries.first?.attributes == .laboratory(LaboratoryAttributes(specimen: .serumOrPlasma, scale: .quantitative)))
        let contradicting = base.replacing(field, with: field.replacingOccurrences(of: "plasma\n", with: "plasma\n    scale: qualitative\n"), in: "lab.yaml")
        #expect(contradicting.diagnostics() == ["cat/lab.yaml:16:12: error: 'scale' is qualitative but the Vietnamese name states a quantitative test; write 'scale: quantitative', or correct the name [LT0306]"])
        #expect(ResultScale.stated(byName: "Treponema pallidum RPR định tính và định lượng") == nil)
        #expect(ResultScale.stated(byName: "Plasmodium nhuộm soi định tính") == .qualitative)
        #expect(ResultScale.stated(byName: "Đo hoạt độ ALT (GPT) [Máu]") == .quantitative)
    }

    @Test func textNotNFC() {
        let decomposed = "Đi\u{0323}nh lượng Creatinin (máu)"
        let c = base.replacing("nameVi: Định lượng Creatinin (máu)", with: "nameVi: \(decomposed)", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:22:13: error: 'nameVi' is not in Unicode NFC; write precomposed characters (e.g. 'ế' as U+1EBF, not 'ê' + U+0301) [LT0301]"])
    }

    @Test func strayWhitespace() {
        let c = base.replacing("nameEn: Creatinine", with: "nameEn: \"Creatinine  test\"", in: "lab.yaml")
            .replacing("nameEn: Urea", with: "nameEn: \"Urea\\u00A0test\"", in: "lab.yaml")
        #expect(c.diagnostics() == [
            "cat/lab.yaml:23:13: error: 'nameEn' has repeated spaces [LT0302]",
            "cat/lab.yaml:32:13: error: 'nameEn' has whitespace character U+00A0 (only plain spaces are allowed) [LT0302]",
        ])
    }

    @Test func duplicateNamesAfterNormalisation() {
        let c = base.replacing("nameVi: Định lượng Creatinin (máu)", with: "nameVi: \"định lượng   GLUCOSE [máu]\"", in: "lab.yaml")
        let lines = c.diagnostics()
        #expect(lines.contains("cat/lab.yaml:22:13: error: another entry of this annex is already named 'định lượng   GLUCOSE [máu]' [LT0303]"))
    }

    /// The first of two equal names belongs to an entry with another error (no typed entry to
    /// recompute its name from): the duplicate is still found.
    @Test func duplicateOfAnEntryWithErrors() {
        let c = base.replacing("nameVi: Định lượng Creatinin (máu)", with: "nameVi: định lượng glucose [máu]", in: "lab.yaml")
            .replacing("specimen: serum-or-plasma", with: "specimen: blood-ish", in: "lab.yaml")
        let lines = c.diagnostics()
        #expect(lines.contains("cat/lab.yaml:22:13: error: another entry of this annex is already named 'định lượng glucose [máu]' [LT0303]"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("cat/lab.yaml:15:") && $0.contains("blood-ish") }, "\(lines)")
    }

    @Test func duplicateEnglishNameIsAWarning() {
        let c = base.replacing("nameEn: Creatinine", with: "nameEn: glucose", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:23:13: warning: another entry of this annex already has the English name 'glucose' [LT0303]"])
    }

    @Test func missingCode() {
        let c = base.replacing("  - code: DQ0002Z\n    nameVi", with: "  - nameVi", in: "img.yaml")
            .replacing("DQ0002Z\t2\t1.0.0\tSiêu âm tuyến giáp\n", with: "", in: "ledger.tsv")
        #expect(c.diagnostics() == ["cat/img.yaml:24:5: error: this entry has no code yet; run `lienthong assign` to give it one [LT0401]"])
        #expect(c.diagnostics(requireCodes: false).isEmpty)
    }

    @Test func codeFormat() {
        let c = base.replacing("code: DQ0002Z", with: "code: DQ0022", in: "img.yaml")
        #expect(c.diagnostics().contains("cat/img.yaml:24:11: error: 'DQ0022' is not a code of annex 2: expected 'DQ', 4 digits and a check character (e.g. DQ00010) [LT0402]"))
    }

    @Test func codeCheckCharacter() {
        let c = base.replacing("code: DQ0002Z", with: "code: DQ00023", in: "img.yaml")
        #expect(c.diagnostics().contains("cat/img.yaml:24:11: error: 'DQ00023' has a wrong check character: 'DQ0002' takes 'Z'; did you mean 'DQ0002Z'? [LT0403]"))
    }

    @Test func codeOfAnotherAnnexIsMalformedThere() {
        let c = base.replacing("code: DQ0002Z", with: "code: HS00047", in: "img.yaml")
        #expect(c.diagnostics().contains("cat/img.yaml:24:11: error: 'HS00047' is not a code of annex 2: expected 'DQ', 4 digits and a check character (e.g. DQ00010) [LT0402]"))
    }

    @Test func duplicateCode() {
        let c = base.replacing("code: DQ0002Z", with: "code: DQ00010", in: "img.yaml")
        #expect(c.diagnostics() == [
            "cat/img.yaml:24:11: error: code 'DQ00010' is already used by another entry [LT0404]",
            "cat/ledger.tsv:6:1: error: code 'DQ0002Z' (issued in 1.0.0, 'Siêu âm tuyến giáp') is missing from the sources; keep the entry and mark it retired [LT0406]",
        ])
    }

    /// A ledger line issued under a later edition than the manifest's: a version bump undone.
    @Test func ledgerVersionAhead() {
        let c = base.replacing("DQ0002Z\t2\t1.0.0\t", with: "DQ0002Z\t2\t1.1.0\t", in: "ledger.tsv")
        #expect(c.diagnostics() == ["cat/ledger.tsv:6:1: error: code 'DQ0002Z' was issued in version 1.1.0, newer than the manifest's version 1.0.0; set the manifest's version back to at least 1.1.0 (a published version is never rebuilt: raise it) [LT0409]"])
        let older = base.replacing("DQ0002Z\t2\t1.0.0\t", with: "DQ0002Z\t2\t0.9.0\t", in: "ledger.tsv")
        #expect(older.diagnostics().isEmpty)
    }

    @Test func codeNotInLedger() {
        let c = base.replacing("DQ0002Z\t2\t1.0.0\tSiêu âm tuyến giáp\n", with: "", in: "ledger.tsv")
        #expect(c.diagnostics() == ["cat/img.yaml:24:11: error: code 'DQ0002Z' was never issued (it is not in cat/ledger.tsv); remove it and run `lienthong assign` [LT0405]"])
    }

    /// A code the ledger lacks is still a code: a second entry carrying it is a duplicate, and
    /// the first is reported as never issued, once.
    @Test func duplicateOfACodeNeverIssued() {
        let c = base.replacing("DQ0002Z\t2\t1.0.0\tSiêu âm tuyến giáp\n", with: "", in: "ledger.tsv")
            .replacing("code: DQ00010", with: "code: DQ0002Z", in: "img.yaml")
        #expect(c.diagnostics() == [
            "cat/img.yaml:7:11: error: code 'DQ0002Z' was never issued (it is not in cat/ledger.tsv); remove it and run `lienthong assign` [LT0405]",
            "cat/img.yaml:24:11: error: code 'DQ0002Z' is already used by another entry [LT0404]",
            "cat/ledger.tsv:5:1: error: code 'DQ00010' (issued in 1.0.0, 'Chụp CLVT sọ não không tiêm thuốc cản quang') is missing from the sources; keep the entry and mark it retired [LT0406]",
        ])
    }

    @Test func issuedCodeRemovedFromSources() {
        let img = base.files["cat/img.yaml"]!
        var c = base
        c.files["cat/img.yaml"] = String(img[..<img.range(of: "  - code: DQ0002Z")!.lowerBound])
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:29:20: warning: annex 2 (cat/img.yaml) has 1 entries in use (not retired); the manifest expects 2 [LT0801]",
            "cat/ledger.tsv:6:1: error: code 'DQ0002Z' (issued in 1.0.0, 'Siêu âm tuyến giáp') is missing from the sources; keep the entry and mark it retired [LT0406]",
        ])
    }

    @Test func ledgerAnnexMismatch() {
        let c = base.replacing("DQ0002Z\t2", with: "DQ0002Z\t1", in: "ledger.tsv")
        #expect(c.diagnostics() == ["cat/img.yaml:24:11: error: code 'DQ0002Z' was issued to annex 1 but stands in annex 2 [LT0407]"])
    }

    @Test func ledgerSyntax() {
        let c = base.replacing("DQ0002Z\t2\t1.0.0\tSiêu âm tuyến giáp\n", with: "DQ0002Z\t2\t1.0.0\tSiêu âm tuyến giáp\nDQ0002Z\t2\t1.0.0\tlặp\nbroken line\n", in: "ledger.tsv")
        #expect(c.diagnostics() == [
            "cat/ledger.tsv:7:1: error: code 'DQ0002Z' is issued twice in the ledger [LT0408]",
            "cat/ledger.tsv:8:1: error: a ledger line has 4 tab-separated fields: code, annex number, issuing version, Vietnamese name [LT0408]",
        ])
    }

    @Test func nationalCodeFormat() {
        let c = base.replacing("maTuongDuong: 23.0051.1494", with: "maTuongDuong: 23.51.1494", in: "lab.yaml")
            .replacing("tt23: \"23.75\"", with: "tt23: \"22.75\"", in: "lab.yaml")
        #expect(c.diagnostics() == [
            "cat/lab.yaml:14:15: error: 'tt23' chapter 22 differs from the chapter of '23.0075.1494' [LT0501]",
            "cat/lab.yaml:27:23: error: 'maTuongDuong' must have the form CC.TTTT.GGGG (e.g. 23.0075.1494), not '23.51.1494' [LT0501]",
        ])
    }

    @Test func duplicateNationalCode() {
        let c = base.replacing("      - maTuongDuong: 23.0051.1494\n", with: "      - maTuongDuong: 23.0051.1494\n      - maTuongDuong: 23.0051.1494\n", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:28:23: error: national code '23.0051.1494' is listed twice [LT0502]"])
    }

    /// The crosswalk national code -> entry in use is a function, across annexes too.
    @Test func nationalCodeOnTwoEntriesInUse() {
        let c = base.replacing("maTuongDuong: 23.0051.1494", with: "maTuongDuong: 23.0075.1494", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:21:5: error: national code '23.0075.1494' is already on entry HS0001D, which is in use; a national code must lead to exactly one entry: remove it from one of them, or retire the duplicate entry [LT0503]"])
        #expect(c.run().0 == nil)
        let otherAnnex = base.replacing("maTuongDuong: 18.0001.0001", with: "maTuongDuong: 23.0075.1494", in: "img.yaml")
        #expect(otherAnnex.diagnostics() == ["cat/img.yaml:24:5: error: national code '23.0075.1494' is already on entry HS0001D, which is in use; a national code must lead to exactly one entry: remove it from one of them, or retire the duplicate entry [LT0503]"])
        // A retired entry keeps its national codes as history.
        let retired = base.replacing("maTuongDuong: 23.0166.1494", with: "maTuongDuong: 23.0075.1494", in: "lab.yaml")
        #expect(retired.diagnostics().isEmpty)
    }

    /// At most one entry in use is equivalent to a target; narrower ones may share it.
    @Test func twoEntriesEquivalentToOneTarget() {
        let mapping = "    mappings:\n      - system: loinc\n        code: 2345-7\n        display: Glucose [Mass/volume] in Serum or Plasma\n        relationship: RELATIONSHIP\n"
        let equivalent = base.replacing("    unmappedReason: Chưa đối chiếu\n", with: mapping.replacingOccurrences(of: "RELATIONSHIP", with: "equivalent"), in: "lab.yaml")
        #expect(equivalent.diagnostics() == ["cat/lab.yaml:21:5: warning: loinc '2345-7' is claimed 'equivalent' by 2 entries in use (HS0001D, HS0002B); at most one may be: make the others 'source-is-narrower-than-target' with a comment saying what they add, or retire the duplicate entry [LT0613]"])
        #expect(equivalent.run().0 != nil)
        let narrower = base.replacing("    unmappedReason: Chưa đối chiếu\n", with: mapping.replacingOccurrences(of: "RELATIONSHIP", with: "source-is-narrower-than-target") + "        comment: Creatinine, not glucose.\n", in: "lab.yaml")
        #expect(narrower.diagnostics().isEmpty)
        let radlex = base.replacing("    unmappedReason: Chưa đối chiếu\n", with: "    mappings:\n      - system: radlex\n        code: RPID22\n        display: CT Head wo IV Contrast\n        relationship: equivalent\n", in: "img.yaml")
        // (The entry is an ultrasound, so the evidence rule LT0614 warns as well; this test is LT0613's.)
        #expect(radlex.diagnostics().filter { $0.hasSuffix("[LT0613]") } == ["cat/img.yaml:24:5: warning: radlex 'RPID22' is claimed 'equivalent' by 2 entries in use (DQ00010, DQ0002Z); at most one may be: make the others 'source-is-narrower-than-target' with a comment saying what they add, or retire the duplicate entry [LT0613]"])
    }

    @Test func loincFormatAndCheckDigit() {
        let c = base.replacing("code: 2345-7", with: "code: 2345-8", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:18:15: error: LOINC code '2345-8' fails its mod-10 check digit (expected 2345-7) [LT0602]"])
        let d = base.replacing("code: 2345-7", with: "code: LP2345", in: "lab.yaml")
        #expect(d.diagnostics() == ["cat/lab.yaml:18:15: error: 'LP2345' is not a LOINC code (digits, a hyphen and one check digit, e.g. 2345-7) [LT0601]"])
    }

    /// LOINC's form, edge by edge: 1 to 7 digits, one hyphen, one check digit.
    @Test(arguments: ["12345678-6", "-7", "2345-", "2345-77", "2345--7", "23a5-7", "2345-x", "2345"])
    func loincFormatEdges(_ code: String) {
        let c = base.replacing("code: 2345-7", with: "code: \"\(code)\"", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:18:15: error: '\(code)' is not a LOINC code (digits, a hyphen and one check digit, e.g. 2345-7) [LT0601]"])
    }

    @Test func radlexFormat() {
        let c = base.replacing("code: RPID22", with: "code: RPID022", in: "img.yaml")
        #expect(c.diagnostics() == ["cat/img.yaml:21:15: error: 'RPID022' is not a RadLex Playbook ID (RPID followed by a number, e.g. RPID16) [LT0603]"])
    }

    @Test func duplicateMapping() {
        let mapping = "      - system: loinc\n        code: 2345-7\n        display: Glucose [Mass/volume] in Serum or Plasma\n        relationship: equivalent\n"
        let c = base.replacing(mapping, with: mapping + mapping, in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:22:15: error: the entry maps to loinc '2345-7' twice [LT0604]"])
    }

    @Test func mappingSystemForKind() {
        let c = base.replacing("system: loinc", with: "system: radlex", in: "lab.yaml")
            .replacing("code: 2345-7", with: "code: RPID22", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:17:17: error: 'radlex' codes are for imaging entries, not laboratory [LT0605]"])
    }

    @Test func nonEquivalentMappingWithoutComment() {
        let c = base.replacing("relationship: equivalent", with: "relationship: related-to", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:20:23: warning: a 'related-to' mapping should say in 'comment' how the entry differs from the target [LT0606]"])
    }

    @Test func mappedCodeMustBeInTheReference() {
        let c = base.replacing("code: 2345-7", with: "code: 2339-0", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:18:15: error: loinc code '2339-0' is not in the reference tables; a mapping is written only where the reference confirms the code; if the full reference data has it, refresh the project's subset: `make reference REF=<folder of the reference data>` (or `python3 scripts/extract-reference.py --reference <folder>`), which copies every mapped code's row into annexes/reference/ [LT0607]"])
    }

    @Test func displayMustMatchAReferenceName() {
        let c = base.replacing("display: Glucose [Mass/volume] in Serum or Plasma", with: "display: Glucose in blood", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:19:18: warning: display 'Glucose in blood' differs from the reference name 'Glucose [Mass/volume] in Serum or Plasma' of loinc 2345-7 [LT0608]"])
        let other = base.replacing("display: Glucose [Mass/volume] in Serum or Plasma", with: "display: Glucose SerPl-mCnc", in: "lab.yaml")
        #expect(other.diagnostics().isEmpty)
    }

    @Test func deprecatedTargetIsRefused() {
        let c = base.replacing("code: 2345-7", with: "code: 3091-6", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:18:15: error: loinc code '3091-6' is deprecated ('Deprecated Urea [Mass/volume] in Serum or Plasma') [LT0609]"])
    }

    @Test func everyMappedSystemNeedsAReference() {
        let c = base.replacing("  - {system: radlex, file: ref/radlex.csv, codeColumn: RPID, displayColumn: LONG_NAME}\n", with: "", in: "catalog.yaml")
        #expect(c.diagnostics() == ["cat/img.yaml:21:15: error: no readable reference table for 'radlex' is named in the manifest's 'references', so no radlex mapping can be confirmed [LT0610]"])
    }

    @Test func referenceTableProblems() {
        let c = base.replacing("displayColumn: LONG_NAME", with: "displayColumn: LONGNAME", in: "catalog.yaml")
            .replacing("file: ref/loinc.csv", with: "file: ref/missing.csv", in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:13:27: error: reference table 'cat/ref/missing.csv' does not exist [LT0105]",
            "cat/catalog.yaml:14:77: error: reference table 'cat/ref/radlex.csv' has no column 'LONGNAME' [LT0611]",
            "cat/lab.yaml:18:15: error: no readable reference table for 'loinc' is named in the manifest's 'references', so no loinc mapping can be confirmed [LT0610]",
            "cat/img.yaml:21:15: error: no readable reference table for 'radlex' is named in the manifest's 'references', so no radlex mapping can be confirmed [LT0610]",
        ].sorted())
    }

    @Test func unmappedActiveEntryShouldSayWhy() {
        let c = base.replacing("    unmappedReason: Chưa đối chiếu\n", with: "", in: "img.yaml")
        #expect(c.diagnostics() == ["cat/img.yaml:24:5: warning: this active entry has no mapping; say why in 'unmappedReason' [LT0612]"])
    }

    @Test func coverageBelowTheMinimumFails() {
        let c = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nminimumCoverage: 50", in: "catalog.yaml")
            .replacing("titleEn: Diagnostic imaging", with: "titleEn: Diagnostic imaging\n    minimumCoverage: 50.5", in: "catalog.yaml")
        // Annex 1 meets the catalog's 50% (1 of 2 entries in use; the retired one is not counted);
        // annex 2 sets its own, higher minimum.
        #expect(c.diagnostics() == ["cat/catalog.yaml:33:22: error: 50.0% of annex 2's entries are mapped (1 of 2); the minimum is 50.5% [LT0806]"])
        #expect(c.run().0 == nil)
        let malformed = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nminimumCoverage: 90%", in: "catalog.yaml")
        #expect(malformed.diagnostics() == ["cat/catalog.yaml:12:18: error: 'minimumCoverage' must be a percentage from 0 to 100 with at most one decimal, not '90%' [LT0206]"])
    }

    @Test func retiredEntryNeedsAReason() {
        let c = base.replacing("    statusReason: Gộp vào xét nghiệm khác\n", with: "", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:34:13: error: a retired entry must give its reason in 'statusReason' [LT0701]"])
    }

    @Test func replacementMustExist() {
        let c = base.replacing("replacedBy: HS0002B", with: "replacedBy: HS0009X", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:36:17: error: replacement 'HS0009X' is not a code of this catalog [LT0702]"])
    }

    /// A replacement is found among the codes the ledger lacks too (each reported once).
    @Test func replacementByACodeNeverIssued() {
        let c = base.replacing("HS0002B\t1\t1.0.0\tĐịnh lượng Creatinin (máu)\n", with: "", in: "ledger.tsv")
        #expect(c.diagnostics() == ["cat/lab.yaml:21:11: error: code 'HS0002B' was never issued (it is not in cat/ledger.tsv); remove it and run `lienthong assign` [LT0405]"])
    }

    @Test func replacementMustBeActive() {
        let c = base.replacing("group: chung\n    status: active\n    nationalCodes:\n      - maTuongDuong: 23.0051", with: "group: chung\n    status: deprecated\n    statusReason: Thay thế\n    nationalCodes:\n      - maTuongDuong: 23.0051", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:37:17: error: replacement 'HS0002B' is deprecated, not active [LT0703]"])
    }

    @Test func activeEntryWithReplacementIsAWarning() {
        let c = base.replacing("    unmappedReason: Chưa đối chiếu\n  - code: HS00039", with: "    unmappedReason: Chưa đối chiếu\n    replacedBy: HS0001D\n  - code: HS00039", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:30:17: warning: an active entry names a replacement ('HS0001D'); only deprecated or retired entries are replaced [LT0704]"])
    }

    @Test func entryCannotReplaceItself() {
        let c = base.replacing("replacedBy: HS0002B", with: "replacedBy: HS00039", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:36:17: error: an entry cannot replace itself [LT0705]"])
    }

    @Test func entryCountIsAWarning() {
        let c = base.replacing("expectedCount: 2", with: "expectedCount: 40", in: "catalog.yaml")
        #expect(c.diagnostics() == ["cat/catalog.yaml:21:20: warning: annex 1 (cat/lab.yaml) has 2 entries in use (not retired); the manifest expects 40 [LT0801]"])
        #expect(c.run().0 != nil)
    }

    @Test func manifestIdentityValues() {
        let c = base.replacing("https://example.org/fhir/CodeSystem/test", with: "https://example.org/fhir/", in: "catalog.yaml")
            .replacing("oid: 2.25.1234", with: "oid: 2.25.01234", in: "catalog.yaml")
            .replacing("prefix: HS", with: "prefix: hs", in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:1:15: error: 'canonicalUrl' must be an absolute http(s) URL without query, fragment or trailing slash, not 'https://example.org/fhir/' [LT0802]",
            "cat/catalog.yaml:2:6: error: 'oid' must be a dotted ISO object identifier such as 2.16.704.1, not '2.25.01234' [LT0802]",
            "cat/catalog.yaml:18:13: error: 'prefix' must be two to four capital letters A-Z, not 'hs' [LT0802]",
        ])
    }

    @Test func licenseMustBeAURL() {
        let declared = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nlicense: https://creativecommons.org/licenses/by/4.0/", in: "catalog.yaml")
        #expect(declared.diagnostics().isEmpty)
        #expect(declared.run().0?.metadata.license == "https://creativecommons.org/licenses/by/4.0/")
        let c = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nlicense: CC-BY-4.0", in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:12:10: error: 'license' must be an absolute http(s) URL naming a licence, not 'CC-BY-4.0' [LT0802]",
        ])
    }

    @Test func editionStatusAndExperimental() {
        let metadata = base.run().0?.metadata
        #expect(metadata?.status == .draft && metadata?.experimental == false, "defaults: draft, not experimental")
        let declared = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nstatus: active\nexperimental: true", in: "catalog.yaml")
        #expect(declared.diagnostics().isEmpty)
        #expect(declared.run().0?.metadata.status == .active && declared.run().0?.metadata.experimental == true)
        let c = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nstatus: final\nexperimental: yes", in: "catalog.yaml")
        #expect(c.diagnostics() == [
            "cat/catalog.yaml:12:9: error: 'final' is not an allowed edition status; allowed: draft, active, retired [LT0204]",
            "cat/catalog.yaml:13:15: error: 'experimental' must be true or false, not 'yes' [LT0204]",
        ])
    }

    @Test func noticesAreReadAndRequiredForMappedSystems() {
        #expect(base.run().0?.metadata.notices.map(\.system) == [.loinc, .radlex])
        #expect(base.run().0?.metadata.notices.first?.text == "This material contains content from LOINC (http://loinc.org).")
        let missing = base.replacing("file: ref/radlex-notice.txt", with: "file: ref/none.txt", in: "catalog.yaml")
        #expect(missing.diagnostics().contains("cat/catalog.yaml:34:28: error: notice file 'cat/ref/none.txt' does not exist [LT0105]"))
        let unnoticed = base.replacing("  - {system: radlex, file: ref/radlex-notice.txt}\n", with: "", in: "catalog.yaml")
        #expect(unnoticed.diagnostics() == [
            "cat/catalog.yaml:14:5: warning: the catalog maps to radlex but the manifest's 'notices' name no notice for it; add {system: radlex, file: ...} with the notice its licence requires [LT0807]",
        ])
        #expect(unnoticed.run().0 != nil, "a missing notice is a warning")
        let twice = base.replacing("{system: radlex, file: ref/radlex-notice.txt}", with: "{system: loinc, file: ref/radlex-notice.txt}", in: "catalog.yaml")
        #expect(twice.diagnostics() == [
            "cat/catalog.yaml:14:5: warning: the catalog maps to radlex but the manifest's 'notices' name no notice for it; add {system: radlex, file: ...} with the notice its licence requires [LT0807]",
            "cat/catalog.yaml:34:14: error: the manifest names a second notice for 'loinc'; give one notice per system [LT0802]",
        ])
        var empty = base
        empty.files["cat/ref/radlex-notice.txt"] = " \n"
        #expect(empty.diagnostics() == [
            "cat/catalog.yaml:14:5: warning: the catalog maps to radlex but the manifest's 'notices' name no notice for it; add {system: radlex, file: ...} with the notice its licence requires [LT0807]",
            "cat/catalog.yaml:34:28: error: notice file 'cat/ref/radlex-notice.txt' is empty [LT0202]",
        ])
    }

    @Test func versionMayNotGoBackwards() {
        let url = "https://example.org/fhir/CodeSystem/test"
        #expect(base.diagnostics(published: PublishedCatalog(canonicalUrl: url, versions: [SemanticVersion("0.9.0")!, SemanticVersion("1.1.0")!])) == [
            "cat/catalog.yaml:6:10: error: version 1.0.0 is lower than 1.1.0, the latest version already published; versions only go forward [LT0805]",
        ])
        #expect(base.diagnostics(published: PublishedCatalog(canonicalUrl: url, versions: [SemanticVersion("1.0.0")!])).isEmpty)
        #expect(base.diagnostics(published: PublishedCatalog(canonicalUrl: "https://example.org/other", versions: [SemanticVersion("9.0.0")!])).isEmpty)
    }

    @Test func annexNumberMismatch() {
        let c = base.replacing("annex: 1", with: "annex: 2", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:1:8: error: this file declares annex '2' but the manifest lists it as annex 1 [LT0803]"])
    }

    @Test func duplicateAnnexSettings() {
        let c = base.replacing("prefix: DQ", with: "prefix: HS", in: "catalog.yaml")
        #expect(c.diagnostics() == ["cat/catalog.yaml:26:13: error: two annexes share the prefix 'HS' [LT0804]"])
    }

    @Test func missingAnnexFile() {
        let c = base.replacing("file: img.yaml", with: "file: imaging.yaml", in: "catalog.yaml")
        #expect(c.diagnostics() == ["cat/catalog.yaml:25:11: error: annex file 'cat/imaging.yaml' does not exist [LT0105]"])
        #expect(c.run().0 == nil)
    }

    @Test func everyProblemIsReportedInOneRunSorted() {
        let c = base.replacing("specimen: serum-or-plasma\n    mappings", with: "specimen: serumplasma\n    mappings", in: "lab.yaml")
            .replacing("modality: US", with: "modality: ultrasound", in: "img.yaml")
            .replacing("version: 1.0.0", with: "version: v1", in: "catalog.yaml")
        let lines = c.diagnostics()
        #expect(lines.count == 3)
        #expect(lines == lines.sorted { a, b in a.localizedStandardCompare(b) == .orderedAscending } || lines[0].hasPrefix("cat/catalog.yaml"))
        #expect(lines.map { String($0.suffix(8)) } == ["[LT0206]", "[LT0204]", "[LT0204]"])
    }
}
