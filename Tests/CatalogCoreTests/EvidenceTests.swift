@testable import CatalogCore
import Testing

/// The evidence of each mapping (the reference row that confirms it) and rule LT0614.
@Suite struct EvidenceTests {
    /// The test catalog with a SOURCES.md beside its reference tables.
    let base: TestCatalog = {
        var c = TestCatalog()
        c.files["cat/ref/SOURCES.md"] = """
        # Reference subset

        | file | rows | source |
        |---|---|---|
        | `loinc.csv` | 4 | example/loinc-tables `data/loinc.csv` @ 0123456789abcdef (LOINC 2.72 test rows) |
        | `radlex.csv` | 1 | example/playbook `core.csv` @ fedcba9876543210 |

        """
        return c
    }()

    func evidence(_ c: TestCatalog, _ code: String) -> MappingEvidence? {
        c.run().0?.entries.first { $0.code == code }?.mappings.first?.evidence
    }

    @Test func everyMappingCarriesTheRowThatConfirmsIt() throws {
        let lab = try #require(evidence(base, "HS0001D"))
        #expect(lab.file == "loinc.csv")
        #expect(lab.line == 2)
        #expect(lab.release == "example/loinc-tables data/loinc.csv @ 0123456789abcdef")
        #expect(lab.sourceTitle == "LOINC 2.72 test rows")
        #expect(lab.code == "2345-7")
        #expect(lab.name == "Glucose [Mass/volume] in Serum or Plasma")
        #expect(lab.agreeing == ["system"])
        #expect(lab.unspecified == ["time", "scale", "method"])
        #expect(lab.disagreeing.isEmpty)
        let imaging = try #require(evidence(base, "DQ00010"))
        #expect(imaging.file == "radlex.csv")
        #expect(imaging.release == "example/playbook core.csv @ fedcba9876543210")
        #expect(imaging.sourceTitle == nil)
        #expect(imaging.agreeing == ["modality", "region", "contrast"])
        #expect(imaging.unspecified == ["laterality", "views"])
        #expect(base.diagnostics().isEmpty)
    }

    @Test func aTableSourcesDoesNotListHasNoRelease() throws {
        var c = base
        c.files["cat/ref/SOURCES.md"] = nil
        let lab = try #require(evidence(c, "HS0001D"))
        #expect(lab.file == "ref/loinc.csv")
        #expect(lab.release == nil)
    }

    @Test func specimenThatDisagreesWithTheLOINCSystemIsReported() {
        let c = base.replacing("specimen: serum-or-plasma", with: "specimen: urine", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:18:15: warning: loinc 2345-7 ('Glucose [Mass/volume] in Serum or Plasma') disagrees with the entry on system: the entry says 'urine', the reference 'Serum or Plasma'; correct the entry's attribute if it is wrong, else map to the code whose reference row agrees, or (when the difference is intended) make the mapping 'related-to' and say in 'comment' how the entry differs [LT0614]"])
    }

    @Test func contrastThatDisagreesWithThePlaybookIsReported() {
        let c = base.replacing("contrast: none", with: "contrast: iv", in: "img.yaml")
        #expect(c.diagnostics() == ["cat/img.yaml:21:15: warning: radlex RPID22 ('CT Head wo IV Contrast') disagrees with the entry on contrast: the entry says 'iv', the reference 'none'; correct the entry's attribute if it is wrong, else map to the code whose reference row agrees, or (when the difference is intended) make the mapping 'related-to' and say in 'comment' how the entry differs [LT0614]"])
    }

    @Test func methodThatDisagreesIsReportedAndOneThatSharesAWordIsNot() {
        var c = base
        c.files["cat/ref/loinc.csv"]! += "3255-7,Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation assay\n"
        let derived = c.replacing("code: 2345-7\n        display: Glucose [Mass/volume] in Serum or Plasma", with: "code: 3255-7\n        display: Fibrinogen [Mass/volume] in Platelet poor plasma by Coagulation assay", in: "lab.yaml")
            .replacing("specimen: serum-or-plasma", with: "specimen: plasma\n    method: PT-derived, automated", in: "lab.yaml")
        #expect(derived.diagnostics().map { $0.contains("disagrees with the entry on method: the entry says 'PT-derived, automated', the reference 'Coagulation assay'") && $0.hasSuffix("[LT0614]") } == [true])
        let clotting = derived.replacing("method: PT-derived, automated", with: "method: Automated coagulometer", in: "lab.yaml")
        #expect(clotting.diagnostics().isEmpty)
    }

    @Test func laterialityThatDisagreesIsReported() {
        var c = base
        c.files["cat/ref/radlex.csv"] = "RPID,LONG_NAME,LATERALITY\nRPID22,CT Head wo IV Contrast,LEFT\n"
        #expect(c.diagnostics().map { $0.contains("laterality: the entry says 'none', the reference 'left'") } == [true])
        // A 'related-to' mapping with its comment declares the difference: published, not reported.
        let related = c.replacing("relationship: equivalent", with: "relationship: related-to\n        comment: Left side only", in: "img.yaml")
        #expect(related.diagnostics().isEmpty)
        #expect(related.run().0?.entries.first { $0.code == "DQ00010" }?.mappings.first?.evidence?.disagreeing == ["laterality"])
    }

    @Test func lonicNamesAndAxisColumnsAreReadAlike() {
        let table = ReferenceSet.Table(file: "t.csv", release: nil, title: nil, header: ["code", "name"])
        let row = ReferenceSet.Row(table: table, line: 2, name: "Hemoglobin [Mass/volume] in Blood by Automated count", fields: [], location: SourceLocation(fileID: 0, line: 2, column: 1))
        let axes = EvidenceDeriver.evidence(code: "x", row: row, attributes: .laboratory(specimen: .blood, method: "Fully automated haematology system")).axes
        #expect(axes.map(\.axis) == ["component", "property", "time", "system", "scale", "method"])
        #expect(axes.map(\.reference) == ["Hemoglobin", "Mass/volume", nil, "Blood", nil, "Automated count"])
        #expect(axes.map(\.agreement) == [.notFixed, .notFixed, .unspecified, .agrees, .unspecified, .agrees])
        let columns = ReferenceSet.Table(file: "a.csv", release: nil, title: nil, header: ["LOINC_NUM", "COMPONENT", "PROPERTY", "TIME_ASPCT", "SYSTEM", "SCALE_TYP", "METHOD_TYP", "LONG_COMMON_NAME"])
        let axisRow = ReferenceSet.Row(table: columns, line: 2, name: "Hemoglobin [Mass/volume] in Blood", fields: ["718-7", "Hemoglobin", "MCnc", "Pt", "Bld", "Qn", "", "Hemoglobin [Mass/volume] in Blood"], location: SourceLocation(fileID: 0, line: 2, column: 1))
        let fromColumns = EvidenceDeriver.evidence(code: "718-7", row: axisRow, attributes: .laboratory(specimen: .serum, method: nil))
        #expect(fromColumns.axes.map(\.reference) == ["Hemoglobin", "MCnc", "Pt", "Bld", "Qn", nil])
        #expect(fromColumns.disagreeing == ["system"])
    }

    @Test func playbookContrastPhrases() {
        let table = ReferenceSet.Table(file: "t.csv", release: nil, title: nil, header: ["code", "display"])
        func contrast(_ name: String) -> Contrast? {
            EvidenceDeriver.contrastOf(name: name, row: ReferenceSet.Row(table: table, line: 1, name: name, fields: [], location: SourceLocation(fileID: 0, line: 1, column: 1)))
        }
        #expect(contrast("CT Head WO contrast") == Contrast.none)
        #expect(contrast("MR Brain WO and W contrast IV") == .withoutAndWithIV)
        #expect(contrast("CTA Chest W contrast IV") == .iv)
        #expect(contrast("RFA Lower extremity arteries W contrast IA") == .intraArterial)
        #expect(contrast("RF Urinary bladder W contrast via suprapubic tube") == .other)
        #expect(contrast("XR Chest 2 Views") == nil)
        #expect(EvidenceDeriver.contrastAgrees(.none, .other) == false)
        #expect(EvidenceDeriver.viewsOf("XR Wrist 3+ Views") == "3+ Views")
        #expect(EvidenceDeriver.viewsOf("XR Skull 1 or 2 Views") == "1 or 2 Views")
        #expect(EvidenceDeriver.viewsOf("XR Sacrum and Coccyx Single view") == "Single view")
    }

    @Test func sourcesTableIsReadRowByRow() {
        let parsed = ReferenceSources.parse("| file | rows | source |\n|---|---|---|\n| `a/b.csv` | 3 | o/r `p.csv` @ abc (Title (v2)) |\n| not a table row |\n")
        #expect(parsed.byFile == ["a/b.csv": .init(release: "o/r p.csv @ abc", title: "Title (v2)")])
    }
}
