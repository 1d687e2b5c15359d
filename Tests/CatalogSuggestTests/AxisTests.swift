import CatalogCore
import Foundation
import Testing
@testable import CatalogSuggest

/// Axis-by-axis agreement on real reference rows (the project's subset of the LOINC and RSNA tables).
@Suite struct AxisTests {
    @Test func readsTheSixAxesOfARealLOINCRow() throws {
        let index = try #require(Repo.index)
        let glucose = try #require(index.concept(.loinc, "14749-6"))
        #expect(glucose.file == "loinc/loinc_2_72_lab_subset_axes.csv")
        #expect(Repo.row(glucose.file, line: glucose.line).first == "14749-6")
        let axes = try #require(glucose.lab)
        #expect(axes.fromAxisColumns && axes.property == "SCnc" && axes.system == "Ser/Plas" && axes.scale == "Qn")
        #expect(axes.specimens.contains(.serumOrPlasma))
    }

    @Test func readsAxesFromALongCommonName() {
        let axes = NameParsing.labAxes(fromName: "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay")
        #expect(axes.component == "Hepatitis B virus surface Ag")
        #expect(axes.property == "Presence" && axes.system == "Serum or Plasma" && axes.method == "Immunoassay" && axes.scale == "Ord")
        let timed = NameParsing.labAxes(fromName: "Glucose [Mass/volume] in Serum or Plasma --2 hours post meal")
        #expect(timed.component == "Glucose 2 hours post meal")
        // LOINC also writes the system after "of": after a property, or when it names a specimen.
        let hematocrit = NameParsing.labAxes(fromName: "Hematocrit [Volume Fraction] of Blood by Centrifugation")
        #expect(hematocrit.component == "Hematocrit" && hematocrit.system == "Blood" && hematocrit.method == "Centrifugation")
        let fragility = NameParsing.labAxes(fromName: "Osmotic fragility of Red Blood Cells")
        #expect(fragility.component == "Osmotic fragility" && fragility.system == "Red Blood Cells")
        // ... but not a component's own "of" ("Volume of ...", with no specimen after it).
        let panel = NameParsing.labAxes(fromName: "Deletion of gene panel")
        #expect(panel.component == "Deletion of gene panel" && panel.system == nil)
    }

    @Test func comparesSpecimens() throws {
        let index = try #require(Repo.index)
        let glucose = try #require(index.concept(.loinc, "14749-6")?.lab)
        #expect(AxisComparison.specimenStatus(.serumOrPlasma, glucose) == .agree)
        #expect(AxisComparison.specimenStatus(.serum, glucose) == .targetBroader)
        #expect(AxisComparison.specimenStatus(.urine, glucose) == .disagree)
        let hemoglobin = try #require(index.concept(.loinc, "718-7")?.lab)
        #expect(AxisComparison.specimenStatus(.blood, hemoglobin) == .agree)
    }

    @Test func readsPlaybookParts() throws {
        let index = try #require(Repo.index)
        let chest = try #require(index.concept(.loinc, "37883-6")?.imaging)
        #expect(chest.modality == .xr && chest.views == 2...2 && chest.contrast == nil && chest.region == "Sternum")
        let head = try #require(index.concept(.radlex, "RPID24")?.imaging)
        #expect(head.modality == .ct && head.contrast == .iv && head.region == "Head")
        let both = NameParsing.imagingParts(fromName: "CT Head WO & W contrast IV")
        #expect(both.contrast == .withoutAndWithIV)
        let side = NameParsing.imagingParts(fromName: "XR Knee - left 1 or 2 Views")
        #expect(side.laterality == .left && side.views == 1...2)
        #expect(NameParsing.imagingParts(fromName: "MR Knee Arthrogram").contrast == .intraArticular)
    }

    @Test func comparesImagingAxes() {
        let query = EntryQuery(Repo.imaging("DQ0007P", vi: "Chụp CLVT sọ não không tiêm thuốc cản quang (từ 1-32 dãy)", en: "CT head without contrast (1-32 detector rows)", .ct, .head, .none),
                               vocabulary: Repo.vocabulary, index: Repo.index!)
        let withContrast = AxisComparison.imaging(query, NameParsing.imagingParts(fromName: "CT Head W contrast IV"), regionTokens: ["head"], candidateTokens: ["head"])
        #expect(withContrast.first { $0.axis == "contrast" }?.status == .disagree)
        let plain = AxisComparison.imaging(query, NameParsing.imagingParts(fromName: "CT Head WO contrast"), regionTokens: ["head"], candidateTokens: ["head"])
        #expect(plain.allSatisfy { $0.status == .agree || $0.status == .unstated })
        #expect(query.qualifiers == ["detector rows"])
        let left = AxisComparison.imaging(query, NameParsing.imagingParts(fromName: "CT Head - left WO contrast"), regionTokens: ["head"], candidateTokens: ["head"])
        #expect(left.first { $0.axis == "laterality" }?.status == .disagree)
    }
}
