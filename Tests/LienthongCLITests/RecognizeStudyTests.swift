import Foundation
import Testing
import TestSupport

/// `lienthong recognize --study`: DICOM studies made in the test run by DCMTK's `dump2dcm`
/// (complete, missing a series, another patient, another modality, a derived image, a file that
/// is not DICOM) each get the right decision and the reason naming what is wrong.
@Suite struct RecognizeStudyTests {
    /// One image of a study, written as a dump2dcm text dump.
    struct Image {
        var series: Int
        var instance: Int
        var modality = "CT"
        var patientID = "BN123456"
        var imageType = "ORIGINAL\\PRIMARY\\AXIAL"

        var dump: String {
            let root = "1.2.826.0.1.3680043.10.543"
            return """
            (0002,0010) UI =LittleEndianExplicit
            (0008,0008) CS [\(imageType)]
            (0008,0016) UI =\(["MR": "MRImageStorage", "XA": "XRayAngiographicImageStorage"][modality] ?? "CTImageStorage")
            (0008,0018) UI [\(root).1.\(series).\(instance)]
            (0008,0020) DA [20260315]
            (0008,0022) DA [20260315]
            (0008,0032) TM [101500]
            (0008,0060) CS [\(modality)]
            (0010,0010) PN [Nguyen^Van A]
            (0010,0020) LO [\(patientID)]
            (0018,0015) CS [CHEST]
            (0020,000d) UI [\(root)]
            (0020,000e) UI [\(root).1.\(series)]
            (0020,0011) IS [\(series)]
            (0020,0013) IS [\(instance)]
            (0028,0002) US 1
            (0028,0004) CS [MONOCHROME2]
            (0028,0010) US 2
            (0028,0011) US 2
            (0028,0100) US 16
            (0028,0101) US 16
            (0028,0102) US 15
            (0028,0103) US 0
            (7fe0,0010) OW 0000\\0000\\0000\\0000

            """
        }
    }

    /// Two series of three images each, changed by `edit`.
    static func study(_ edit: (inout [Image]) -> Void = { _ in }) -> [Image] {
        var images = (1...2).flatMap { s in (1...3).map { Image(series: s, instance: $0) } }
        edit(&images)
        return images
    }

    /// Writes the images with dump2dcm into a fresh folder.
    static func write(_ images: [Image], extra: [String: String] = [:]) throws -> URL {
        let dir = try CLI.workspace()
        for image in images {
            let dump = dir.appendingPathComponent("s\(image.series)i\(image.instance).dump")
            try image.dump.write(to: dump, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/dump2dcm")
            process.arguments = [dump.path, dir.appendingPathComponent("IMG\(image.series)_\(image.instance).dcm").path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "dump2dcm failed on \(dump.path)")
            try FileManager.default.removeItem(at: dump)
        }
        for (name, text) in extra { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    struct Answer: Decodable {
        struct Reason: Decodable { var rule: String; var status: String; var detailEn: String }
        struct Note: Decodable { var path: String }
        var decision: String
        var reasons: [Reason]
        var notes: [Note]
        var doctorsFinalSay: Reason
    }

    /// Runs recognize on the CT chest entry with the record's patient and date, the facts
    /// headers cannot carry (licence, signatures, clear images) given as met, and the number of
    /// series (phases) the order names.
    static func recognize(_ dir: URL, code: String = "DQ0009L", expected: Int = 2) throws -> Answer {
        // DSA (DQ0648X): vessels have no single Body Part Examined term, and the dumps name no
        // contrast agent: the asker, having viewed the images, says both match.
        let dsa = code == "DQ0648X" ? ["--fact", "body-part-matches-entry=yes", "--fact", "contrast-matches-entry=yes"] : []
        let count = code == "DQ0648X" ? "--expected-phases" : "--expected-series"
        let run = try CLI.run(["recognize", code, "--study", dir.path, "--record-patient-id", "BN123456", "--record-date", "2026-03-15", count, String(expected)] + dsa + [
                               "--fact", "licensed-facility=yes", "--fact", "signed-by-performer=yes", "--fact", "signed-by-reporter=yes", "--fact", "intact=yes", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8))
    }

    static func flagged(_ a: Answer) -> [String] {
        a.reasons.filter { ["not-met", "unknown", "applies"].contains($0.status) }.map(\.rule)
    }

    @Test func completeStudyIsReusable() throws {
        let a = try Self.recognize(try Self.write(Self.study()))
        #expect(a.decision == "reusable")
        #expect(Self.flagged(a) == [])
        #expect(a.reasons.first { $0.rule == "img-complete-series" }?.detailEn.contains("2 series, 3/3 instances") == true)
        #expect(a.doctorsFinalSay.status == "always")
    }

    @Test func missingSeries() throws {
        let images = Self.study { $0 += (1...3).map { Image(series: 3, instance: $0) }; $0.removeAll { $0.series == 2 } }
        let a = try Self.recognize(try Self.write(images), expected: 3)
        #expect(a.decision == "not-reusable")
        #expect(Self.flagged(a) == ["img-complete-series"])
        #expect(a.reasons.first { $0.rule == "img-complete-series" }?.detailEn.contains("series 2 missing") == true)
    }

    @Test func missingInstance() throws {
        let a = try Self.recognize(try Self.write(Self.study { $0.removeAll { $0.series == 1 && $0.instance == 2 } }))
        #expect(Self.flagged(a) == ["img-complete-series"])
    }

    @Test func mismatchedPatientID() throws {
        let a = try Self.recognize(try Self.write(Self.study { for i in $0.indices { $0[i].patientID = "BN999999" } }))
        #expect(a.decision == "not-reusable")
        #expect(Self.flagged(a) == ["img-patient-matches-record"])
    }

    @Test func twoPatientsInOneStudy() throws {
        let a = try Self.recognize(try Self.write(Self.study { $0[0].patientID = "BN999999" }))
        #expect(Self.flagged(a) == ["img-patient-matches-record"])
    }

    @Test func wrongModality() throws {
        let a = try Self.recognize(try Self.write(Self.study { for i in $0.indices { $0[i].modality = "MR" } }))
        #expect(a.decision == "not-reusable")
        #expect(Self.flagged(a) == ["img-modality-matches-entry"])
    }

    @Test func derivedImage() throws {
        let a = try Self.recognize(try Self.write(Self.study { $0[4].imageType = "DERIVED\\SECONDARY" }))
        #expect(a.decision == "not-reusable")
        #expect(Self.flagged(a) == ["img-not-edited"])
    }

    @Test func aFileThatIsNotDICOMIsANoteNotAFailure() throws {
        let a = try Self.recognize(try Self.write(Self.study(), extra: ["report.txt": "Kết luận: bình thường\n"]))
        #expect(Self.flagged(a) == [] && a.decision == "reusable")
        #expect(a.notes.map(\.path) == ["report.txt"])
    }

    @Test func digitalSubtractionAngiographyWithAPhaseMissing() throws {
        let xa = { (edit: (inout [Image]) -> Void) in Self.study { for i in $0.indices { $0[i].modality = "XA" }; edit(&$0) } }
        let complete = try Self.recognize(try Self.write(xa { _ in }), code: "DQ0648X")
        #expect(complete.decision == "reusable" && Self.flagged(complete) == [])
        let missing = try Self.recognize(try Self.write(xa { images in
            images += (1...3).map { var image = Image(series: 3, instance: $0); image.modality = "XA"; return image }
            images.removeAll { $0.series == 2 }
        }), code: "DQ0648X", expected: 3)
        #expect(missing.decision == "not-reusable")
        #expect(Self.flagged(missing) == ["img-complete-phases"])
    }

    @Test func missingFolderIsAnError() throws {
        let run = try CLI.run(["recognize", "DQ0009L", "--study", "/nonexistent/study"])
        #expect(run.status == 1 && run.stderr.contains("not a folder") && run.stderr.contains("[LT1206]"))
    }
}
