import ArgumentParser
import CatalogCore
import CatalogDICOM
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Foundation

/// `lienthong recognize`: may a result of a catalog entry from another facility be reused here?
struct Recognize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide whether a result from another facility may be reused (Article 2).",
        discussion: """
        Decides from the recognition rules of Article 2 (the sources, or a published release with \
        --release): reusable, doctor-judgement, not-enough-information (a condition the decision \
        rests on is unknown; the answer says which fact would settle it) or not-reusable, with \
        every condition weighed, its evidence and the clause it comes from, Vietnamese first. The \
        treating doctor's final say is part of every answer. Exit 0 when a decision is made, 1 on \
        bad sources or a bad question (with its rule ID). See docs/guide/article2.md.

          lienthong recognize HS0001D --performing-level 3 --receiving-level 2
          lienthong recognize HS0001D --performing-iso15189 HS0001D,HS0002B --receiving-iso15189 HS0001D
          lienthong recognize DQ0014R --fact licensed-facility=yes --fact too-old=yes --format json
        """)

    /// The answer's layouts.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The catalog code of the service whose result is offered.", valueName: "code"))
    var code: String

    @Option(name: .long, help: ArgumentHelp("Laboratory: the performing laboratory's announced quality level (0: none).", discussion: "Example: --performing-level 3", valueName: "n"))
    var performingLevel: Int?

    @Option(name: .long, help: ArgumentHelp("Laboratory: the receiving laboratory's quality level (0: none).", discussion: "Example: --receiving-level 2", valueName: "n"))
    var receivingLevel: Int?

    @Option(name: .customLong("performing-iso15189"), help: ArgumentHelp("Laboratory: catalog codes in the performing laboratory's ISO 15189 scope, comma-separated.", valueName: "codes"))
    var performingScope: String?

    @Option(name: .customLong("receiving-iso15189"), help: ArgumentHelp("Laboratory: catalog codes in the receiving laboratory's ISO 15189 scope, comma-separated.", valueName: "codes"))
    var receivingScope: String?

    @Option(name: .long, help: ArgumentHelp("Imaging: a fact about the study, FACT=yes|no (repeatable); a fact not given is unknown.", discussion: "Facts: \(StudyFact.allowedValues.joined(separator: ", ")). Example: --fact signed-by-reporter=no", valueName: "fact=yes|no"))
    var fact: [String] = []

    @Option(name: .long, help: ArgumentHelp("Imaging: the medium as it arrives (a study folder, a CD or USB with a DICOMDIR and a viewer); the headers are read with DCMTK.", discussion: "Derives dicom-format, patient-identifiers, patient-matches-record, acquisition-time-matches-record, modality-, body-part-, contrast- and laterality-matches-entry, complete-series/complete-phases, not-edited and intact (clear images stay unknown until --fact intact=yes); other files are listed as notes; --fact overrides a derived fact. Example: --study /media/cdrom", valueName: "dir"))
    var study: String?

    @Option(name: .long, help: ArgumentHelp("Imaging with --study: the patient ID the medical record holds.", valueName: "id"))
    var recordPatientId: String?

    @Option(name: .long, help: ArgumentHelp("Imaging with --study: the study date the medical record holds (YYYY-MM-DD).", valueName: "date"))
    var recordDate: String?

    @Option(name: .long, help: ArgumentHelp("Imaging with --study: the study to answer for when the medium holds several (its Study Instance UID).", valueName: "uid"))
    var studyUid: String?

    @Option(name: .long, help: ArgumentHelp("Imaging (CT, MR) with --study: the number of series the order or the report names; without it a missing last series cannot be seen.", valueName: "n"))
    var expectedSeries: Int?

    @Option(name: .long, help: ArgumentHelp("Imaging (DSA) with --study: the number of phases the order or the report names; without it a missing last phase cannot be seen.", valueName: "n"))
    var expectedPhases: Int?

    @Option(name: .long, help: ArgumentHelp("Answer from a published release instead of the sources: a version folder, its .tar.gz archive, or an output folder (its latest published version).", discussion: "Without --release: the sources in --annexes when they have a manifest, else the latest published release in --out; never a draft. Example: --release generated/2026.3.0", valueName: "path"))
    var release: String?

    @Option(name: .long, help: ArgumentHelp("Answer layout: 'text' or 'json'.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        do {
            try answer()
        } catch let refusal as RecognitionQuestion.Refusal {
            Console.error("lienthong: error: \(refusal.vi) / \(refusal.en) [\(refusal.rule.rawValue)]\n")
            throw ExitCode(1)
        } catch let failure as RecognitionEngine.Failure {
            Console.error("lienthong: error: \(failure)\n")
            throw ExitCode(1)
        }
    }

    /// Loads the catalog, checks the question, decides and prints the answer.
    func answer() throws {
        let imagingOptions = study != nil || recordPatientId != nil || recordDate != nil || studyUid != nil || expectedSeries != nil || expectedPhases != nil || !fact.isEmpty
        let laboratoryOptions = performingLevel != nil || receivingLevel != nil || performingScope != nil || receivingScope != nil
        if imagingOptions && laboratoryOptions {
            throw RecognitionQuestion.Refusal(.recognizeQuestionForOtherKind,
                                              vi: "một câu hỏi không thể vừa có dữ kiện ca chụp (--study, --fact, --record-…) vừa có mức phòng xét nghiệm (--performing-…, --receiving-…)",
                                              en: "a question cannot give both study facts (--study, --fact, --record-…) and laboratory levels (--performing-…, --receiving-…)")
        }
        guard let catalog = try RecognitionCatalog.load(common, output: output, release: release) else { throw ExitCode(1) }
        guard let rules = catalog.recognition else {
            Console.error("lienthong: error: danh mục không có quy tắc công nhận / the catalog states no recognition rules; name a rules file in the manifest's 'recognition'\n")
            throw ExitCode(1)
        }
        let wanted = code.uppercased()
        guard let entry = catalog.entries.first(where: { $0.code == wanted }), let annex = catalog.annexes.first(where: { $0.number == entry.annex }) else {
            let hint = Suggestion.suggestions(for: wanted, in: catalog.entries.map(\.code)).first
            throw RecognitionQuestion.Refusal(.recognizeUnknownCode,
                                              vi: "'\(code)' không phải mã trong danh mục \(catalog.metadata.version)" + (hint.map { "; có phải '\($0)'?" } ?? ""),
                                              en: "'\(code)' is not a code of catalog \(catalog.metadata.version)" + (hint.map { "; did you mean '\($0)'?" } ?? ""))
        }
        if entry.status != .active {
            Console.error("lienthong: note: \(entry.code) is \(entry.status.rawValue)" + (entry.replacedBy.map { ", replaced by \($0)" } ?? "") + "\n")
        }
        let engine = RecognitionEngine(rules: rules)
        let decision: RecognitionDecision
        var notes: [RecognitionReport.Note] = []
        var studyUID: String?
        switch annex.kind {
        case .laboratory:
            if imagingOptions { throw Self.otherKind(entry.code, annex.kind) }
            let codes = Set(catalog.entries.map(\.code))
            try RecognitionQuestion.level(performingLevel, option: "--performing-level", rules: rules)
            try RecognitionQuestion.level(receivingLevel, option: "--receiving-level", rules: rules)
            decision = try engine.decide(entry: entry, annexKind: .laboratory, laboratory: LaboratoryFacts(
                performingLevel: performingLevel, receivingLevel: receivingLevel,
                performingScope: try RecognitionQuestion.scope(performingScope, option: "--performing-iso15189", codes: codes),
                receivingScope: try RecognitionQuestion.scope(receivingScope, option: "--receiving-iso15189", codes: codes)))
        case .imaging:
            if laboratoryOptions { throw Self.otherKind(entry.code, annex.kind) }
            guard let imaging = entry.imaging else { throw Self.otherKind(entry.code, annex.kind) }
            let (modality, bodyRegion, contrast, laterality) = (imaging.modality, imaging.bodyRegion, imaging.contrast, imaging.laterality)
            let given = try RecognitionQuestion.facts(fact, applicable: engine.applicableFacts(annex: entry.annex, modality: modality), code: entry.code)
            if expectedSeries != nil, modality != .ct, modality != .mr {
                throw RecognitionQuestion.Refusal(.recognizeFactNotApplicable, vi: "--expected-series chỉ dùng cho CT, MR; \(entry.code) là \(modality.rawValue)",
                                                  en: "--expected-series is for CT and MR; \(entry.code) is \(modality.rawValue)")
            }
            if expectedPhases != nil, modality != .xa {
                throw RecognitionQuestion.Refusal(.recognizeFactNotApplicable, vi: "--expected-phases chỉ dùng cho chụp mạch số hóa xóa nền (XA); \(entry.code) là \(modality.rawValue)",
                                                  en: "--expected-phases is for angiography (XA); \(entry.code) is \(modality.rawValue)")
            }
            var facts = StudyFacts()
            if let study {
                let medium: DicomMedium
                do {
                    medium = try DicomMedium.read(directory: study)
                } catch let error as DicomReadError {
                    throw RecognitionQuestion.Refusal(.recognizeUnreadableMedium, vi: "--study \(error)", en: "--study \(error)")
                }
                let chosen = try medium.study(uid: studyUid)
                studyUID = chosen.uid.isEmpty ? nil : chosen.uid
                notes = chosen.notes.map { RecognitionReport.Note(path: $0.path, vi: $0.vi, en: $0.en) }
                facts = chosen.facts(modality: modality, bodyRegion: bodyRegion, contrast: contrast, laterality: laterality,
                                     record: .init(patientID: recordPatientId, date: recordDate, expectedSeries: expectedSeries, expectedPhases: expectedPhases))
            }
            for (fact, value) in given {
                let before = facts.evidence[fact]
                facts.set(fact, value, vi: "người hỏi cho biết (--fact)" + (before.map { "; thông tin header DICOM: \($0.vi)" } ?? ""),
                          en: "given with --fact" + (before.map { "; the headers: \($0.en)" } ?? ""))
            }
            decision = try engine.decide(entry: entry, annexKind: .imaging, study: facts)
        }
        switch format {
        case .text: Console.output(RecognitionReport.text(decision, entryName: entry.nameVi, study: studyUID, notes: notes))
        case .json: Console.output(RecognitionReport.json(decision, study: studyUID, notes: notes))
        }
    }

    static func otherKind(_ code: String, _ kind: AnnexKind) -> RecognitionQuestion.Refusal {
        let failure = RecognitionEngine.Failure.factsForOtherKind(code: code, kind: kind).description
        let parts = failure.components(separatedBy: " / ")
        return RecognitionQuestion.Refusal(.recognizeQuestionForOtherKind, vi: parts[0], en: parts.count > 1 ? parts[1] : parts[0])
    }
}

/// Where `recognize` finds the catalog and its rules: a release given with `--release` (a
/// version folder, its `.tar.gz` archive, or an output folder, whose latest published version is
/// used); else the sources in `--annexes` when they have a manifest; else the latest published
/// release in `--out`. A draft in the output folder is never used. From the sources only errors
/// are printed: the catalog's warnings are for its editors, not for the person asking.
enum RecognitionCatalog {
    static func load(_ options: CommonOptions, output: OutputOptions, release: String?) throws -> Catalog? {
        if let release { return try fromRelease(release, maxFileSize: options.maxFileSize) }
        let hasSources = SourceLoader.manifestNames.contains { FileManager.default.fileExists(atPath: options.annexes + "/" + $0) }
        if !hasSources, FileManager.default.fileExists(atPath: output.out + "/index.json") {
            return try fromRelease(output.out, maxFileSize: options.maxFileSize)
        }
        try CommandSupport.refuseHalfEditedSources(options.annexes)
        let compilation = SourceLoader.compile(directory: options.annexes, from: DiskFileSystem(maxFileSize: options.maxFileSize),
                                               limits: ReaderLimits(maxFileSize: options.maxFileSize), published: nil)
        DiagnosticPrinter(format: options.diagnosticsFormat).print(compilation.diagnostics.filter { $0.severity == .error })
        return compilation.catalog
    }

    /// The catalog of a published release: `path` is a version folder, an archive, or an
    /// output folder (its latest published version).
    static func fromRelease(_ path: String, maxFileSize: Int) throws -> Catalog {
        func fail(_ message: String) -> Error {
            Console.error("lienthong: error: --release \(path): \(message)\n")
            return ExitCode(1)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw fail("không tồn tại / does not exist") }
        if !isFolder.boolValue {
            guard path.hasSuffix(".tar.gz") || path.hasSuffix(".tgz") else { throw fail("không phải thư mục phiên bản hay tệp .tar.gz / not a release folder or a .tar.gz archive") }
            let files: [String: [UInt8]]
            do { files = try ArchiveFiles.read(path) { $0 == "json/catalog.json" } } catch { throw fail("\(error)") }
            guard let bytes = files["json/catalog.json"] else { throw fail("tệp nén không có json/catalog.json / the archive has no json/catalog.json") }
            return try decode(bytes, path: path + ":json/catalog.json", fail)
        }
        var folder = path
        if FileManager.default.fileExists(atPath: path + "/index.json") {
            let index: VersionIndex?
            do { index = try OutputFolder(root: path).readIndex() } catch { throw fail("\(error)") }
            guard let latest = index?.releases.last(where: { $0.status == .published }) else {
                throw fail("chưa có phiên bản nào được công bố (bản nháp không được dùng) / no version is published yet (a draft is never used)")
            }
            folder = path + "/" + latest.version
        } else {
            // A version folder: refused when its output folder's index marks it a draft.
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let parent = url.deletingLastPathComponent().path
            if let index = try? OutputFolder(root: parent).readIndex(),
               index.releases.contains(where: { $0.version == url.lastPathComponent && $0.status == .draft }) {
                throw fail("là bản nháp; chỉ dùng phiên bản đã công bố / is a draft; only a published version is used")
            }
        }
        let catalogPath = folder + "/json/catalog.json"
        let bytes: [UInt8]?
        do { bytes = try DiskFileSystem(maxFileSize: maxFileSize).contents(of: catalogPath) } catch { throw fail("\(error)") }
        guard let bytes else { throw fail("không có \(catalogPath) / \(catalogPath) is missing") }
        return try decode(bytes, path: catalogPath, fail)
    }

    static func decode(_ bytes: [UInt8], path: String, _ fail: (String) -> Error) throws -> Catalog {
        do { return try CatalogJSONReader.read(bytes, path: path) } catch { throw fail("\(error)") }
    }
}
