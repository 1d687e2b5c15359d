import Foundation
import Testing
import TestSupport

/// `lienthong recognize --study` on media as they arrive: studies written by pydicom, CDs laid
/// out by DCMTK's `dcmmkdir` (a DICOMDIR, a viewer, an autorun file), several studies on one
/// medium, contrast and laterality that do not match the entry, broken files, and the last
/// series missing with and without the count the order names.
@Suite(.serialized) struct RecognizeMediaTests {
    /// One image as make_study.py takes it.
    struct Image: Encodable {
        var path: String
        var series = 1
        var instance = 1
        var modality = "CT"
        var patientID = "BN123456"
        var studyUID = "1.2.826.0.1.3680043.10.543.1"
        var bodyPart = "CHEST"
        var studyDate = "20260315"
        var contrastAgent: String?
        var laterality: String?
        var imageType = "ORIGINAL\\PRIMARY\\AXIAL"
    }

    static let python: String = {
        let venv = CLI.root.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
    }()

    /// `series` series of `per` images each, in ISO 9660 names (DICOM/S1/I1) as on a CD.
    static func study(series: Int = 3, per: Int = 2, uid: String = "1.2.826.0.1.3680043.10.543.1", folder: String = "DICOM", edit: (inout Image) -> Void = { _ in }) -> [Image] {
        (1...series).flatMap { s in
            (1...per).map { i in
                var image = Image(path: "\(folder)/S\(s)/I\(i)", series: s, instance: i, studyUID: uid)
                edit(&image)
                return image
            }
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Writes the images with pydicom into a fresh folder; with `dicomdir`, lays out the
    /// DICOMDIR with dcmmkdir; `extra` files are written as given (the viewer, autorun).
    static func medium(_ images: [Image], dicomdir: Bool = false, extra: [String: String] = [:]) throws -> URL {
        let dir = try CLI.workspace()
        let spec = dir.appendingPathComponent("spec.json")
        try JSONEncoder().encode(images).write(to: spec)
        let medium = dir.appendingPathComponent("cd")
        try FileManager.default.createDirectory(at: medium, withIntermediateDirectories: true)
        let (status, output) = try run(python, [CLI.root.appendingPathComponent("Tests/Fixtures/dicom/make_study.py").path, spec.path, medium.path])
        try #require(status == 0, "make_study.py: \(output)")
        if dicomdir {
            let (status, output) = try run("/usr/bin/dcmmkdir", ["--invent", "--recurse", "--input-directory", medium.path, "--output-file", medium.appendingPathComponent("DICOMDIR").path])
            try #require(status == 0, "dcmmkdir: \(output)")
        }
        for (name, text) in extra {
            let url = medium.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return medium
    }

    struct Answer: Decodable {
        struct Reason: Decodable { var rule: String; var status: String; var detailVi: String; var detailEn: String }
        struct Note: Decodable { var path: String; var detailVi: String; var detailEn: String }
        var decision: String
        var summaryVi: String
        var summaryEn: String
        var studyInstanceUID: String?
        var reasons: [Reason]
        var notes: [Note]
        var doctorsFinalSay: Reason

        func reason(_ rule: String) -> Reason? { reasons.first { $0.rule == rule } }
        var flagged: [String] { reasons.filter { ["not-met", "unknown", "applies"].contains($0.status) }.map(\.rule) }
    }

    /// The facts headers cannot hold, given as met: licence, signatures, and (having viewed the
    /// images) that they are clear.
    static let given = ["--fact", "licensed-facility=yes", "--fact", "signed-by-performer=yes", "--fact", "signed-by-reporter=yes"]

    static func recognize(_ medium: URL, code: String = "DQ0009L", _ extra: [String] = [], status: Int32 = 0) throws -> (Answer?, CLI.Result) {
        let run = try CLI.run(["recognize", code, "--study", medium.path, "--record-patient-id", "BN123456", "--record-date", "2026-03-15", "--format", "json"] + given + extra)
        #expect(run.status == status, "\(run.stderr)")
        guard run.status == 0 else { return (nil, run) }
        return (try JSONDecoder().decode(Answer.self, from: Data(run.stdout.utf8)), run)
    }

    @Test func aPatientCDWithViewerAutorunAndDICOMDIR() throws {
        let cd = try Self.medium(Self.study(), dicomdir: true, extra: ["AUTORUN.INF": "[autorun]\nopen=VIEWER\\viewer.exe\n", "VIEWER/viewer.exe": "MZ\u{0}\u{0}binary", "README.TXT": "Đĩa kết quả chụp CT\n"])
        let (answer, run) = try Self.recognize(cd, ["--expected-series", "3", "--fact", "intact=yes"])
        let a = try #require(answer)
        #expect(a.decision == "reusable", "\(a.flagged) \(run.stdout)")
        #expect(a.flagged == [])
        #expect(Set(a.notes.map(\.path)) == ["AUTORUN.INF", "README.TXT", "VIEWER/viewer.exe"])
        #expect(a.notes.allSatisfy { $0.detailVi.contains("không phải DICOM") })
        #expect(a.reason("img-dicom-format")?.detailVi == "6 tệp ảnh DICOM đọc được")
        #expect(a.summaryVi.hasPrefix("Được công nhận"))
        #expect(!run.stderr.contains("LT0801") && !run.stderr.contains("warning"))
    }

    @Test func withoutTheCountAMissingLastSeriesIsUnknownNotMet() throws {
        // Series 1 and 2 on the medium; the order named 3.
        let cd = try Self.medium(Self.study(series: 2), dicomdir: true)
        let (unknown, _) = try Self.recognize(cd, ["--fact", "intact=yes"])
        let u = try #require(unknown)
        #expect(u.decision == "not-enough-information")
        #expect(u.flagged == ["img-complete-series"])
        #expect(u.reason("img-complete-series")?.detailVi.contains("--expected-series") == true)
        #expect(u.summaryVi.hasPrefix("Chưa đủ thông tin — chưa xác định: đủ chuỗi xung, lát cắt (CT, MRI)"))
        let (known, _) = try Self.recognize(cd, ["--fact", "intact=yes", "--expected-series", "3"])
        let k = try #require(known)
        #expect(k.decision == "not-reusable")
        #expect(k.reason("img-complete-series")?.status == "not-met")
        #expect(k.reason("img-complete-series")?.detailVi.contains("chỉ định ghi 3 loạt ảnh, thiếu 1") == true)
    }

    @Test func clearImagesAreUnknownUntilTheAskerSaysSo() throws {
        let cd = try Self.medium(Self.study())
        let (answer, run) = try Self.recognize(cd, ["--expected-series", "3"])
        let a = try #require(answer)
        #expect(a.decision == "not-enough-information")
        #expect(a.flagged == ["img-intact"])
        #expect(a.reason("img-intact")?.detailEn.contains("--fact intact=yes") == true)
        let text = try CLI.run(["recognize", "DQ0009L", "--study", cd.path, "--record-patient-id", "BN123456", "--record-date", "2026-03-15", "--expected-series", "3"] + Self.given)
        #expect(text.status == 0)
        #expect(text.stdout.split(separator: "\n")[1].hasPrefix("Chưa đủ thông tin — chưa xác định: hình ảnh nguyên vẹn, rõ nét"), "\(text.stdout)")
        #expect(text.stdout.contains("[chưa rõ / unknown] img-intact"))
        _ = run
    }

    @Test func contrastThatDoesNotMatchTheEntry() throws {
        // DQ0009L is without contrast; the study names an agent.
        let cd = try Self.medium(Self.study { $0.contrastAgent = "Omnipaque 350" })
        let (answer, _) = try Self.recognize(cd, ["--expected-series", "3", "--fact", "intact=yes"])
        let a = try #require(answer)
        #expect(a.decision == "not-reusable")
        #expect(a.flagged == ["img-contrast-matches-entry"])
        #expect(a.reason("img-contrast-matches-entry")?.detailVi.contains("Omnipaque 350") == true)
    }

    @Test func lateralityThatDoesNotMatchTheEntry() throws {
        // A bilateral breast ultrasound whose images are all of the left side.
        let code = try Self.entry(where: "laterality: bilateral", modality: "US")
        let cd = try Self.medium(Self.study(series: 1, per: 2) { $0.modality = "US"; $0.laterality = "L"; $0.bodyPart = "BREAST" })
        let (answer, _) = try Self.recognize(cd, code: code, ["--fact", "intact=yes"])
        let a = try #require(answer)
        #expect(a.decision == "not-reusable")
        #expect(a.flagged == ["img-laterality-matches-entry"])
        #expect(a.reason("img-laterality-matches-entry")?.detailVi == "ảnh chỉ ghi bên L, dịch vụ chụp hai bên")
        // Both sides: met.
        let both = try Self.medium([Image(path: "L", laterality: "L"), Image(path: "R", instance: 2, laterality: "R")].map { var i = $0; i.modality = "US"; i.bodyPart = "BREAST"; return i })
        let (ok, _) = try Self.recognize(both, code: code, ["--fact", "intact=yes"])
        #expect(ok?.reason("img-laterality-matches-entry")?.status == "met")
    }

    @Test func brokenFilesThatClaimToBeDICOMAreNamed() throws {
        let cd = try Self.medium(Self.study(), dicomdir: true)
        // Cut an image short: it keeps its preamble, so it claims to be DICOM.
        let cut = cd.appendingPathComponent("DICOM/S2/I1")
        let bytes = try Data(contentsOf: cut)
        try bytes.prefix(200).write(to: cut)
        try Data("not an image".utf8).write(to: cd.appendingPathComponent("EXTRA.dcm"))
        let (answer, _) = try Self.recognize(cd, ["--expected-series", "3", "--fact", "intact=yes"])
        let a = try #require(answer)
        // The asker's "intact" does not hide the broken files from the evidence.
        #expect(a.reason("img-intact")?.detailVi.contains("tệp hỏng") == true)
        let (unsaid, _) = try Self.recognize(cd, ["--expected-series", "3"])
        let u = try #require(unsaid)
        #expect(u.decision == "not-reusable")
        #expect(u.reason("img-intact")?.status == "not-met")
        #expect(u.reason("img-intact")?.detailEn.contains("2 files are broken or unreadable") == true)
    }

    @Test func aFileTheDICOMDIRNamesIsMissing() throws {
        let cd = try Self.medium(Self.study(), dicomdir: true)
        try FileManager.default.removeItem(at: cd.appendingPathComponent("DICOM/S3/I2"))
        let (answer, _) = try Self.recognize(cd, ["--expected-series", "3"])
        let a = try #require(answer)
        #expect(a.decision == "not-reusable")
        #expect(a.reason("img-intact")?.detailEn.contains("DICOM/S3/I2") == true)
    }

    @Test func severalStudiesOnOneMedium() throws {
        let second = "1.2.826.0.1.3680043.10.543.2"
        let cd = try Self.medium(Self.study() + Self.study(series: 1, uid: second, folder: "DICOM2") { $0.studyDate = "20260101" }, dicomdir: true)
        let (_, refused) = try Self.recognize(cd, ["--expected-series", "3"], status: 1)
        #expect(refused.stderr.contains("[LT1201]") && refused.stderr.contains(second) && refused.stderr.contains("--study-uid"))
        let (answer, _) = try Self.recognize(cd, ["--expected-series", "3", "--fact", "intact=yes", "--study-uid", "1.2.826.0.1.3680043.10.543.1"])
        let a = try #require(answer)
        #expect(a.decision == "reusable" && a.studyInstanceUID == "1.2.826.0.1.3680043.10.543.1")
        let (_, unknown) = try Self.recognize(cd, ["--study-uid", "1.2.3"], status: 1)
        #expect(unknown.stderr.contains("[LT1202]"))
    }

    /// The code of an active imaging entry of the project's annex 6 whose YAML has `attribute`.
    static func entry(where attribute: String, modality: String) throws -> String {
        let yaml = try String(contentsOf: CLI.root.appendingPathComponent("annexes/06-dien-quang.yaml"), encoding: .utf8)
        var code: String?
        for block in yaml.components(separatedBy: "\n  - ") where block.contains(attribute) && block.contains("modality: \(modality)") && !block.contains("status: retired") {
            if let line = block.split(separator: "\n").first(where: { $0.contains("code:") }) {
                code = line.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) }
                break
            }
        }
        return try #require(code, "no \(modality) entry with \(attribute)")
    }
}
