import ArgumentParser
import CatalogCore
import CatalogDICOM
import CatalogEmitters

/// `lienthong recognize`: may a result of a catalog entry from another facility be reused here?
struct Recognize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide whether a result from another facility may be reused (Article 2).",
        discussion: """
        Decides from the recognition rules in the sources (the manifest's 'recognition' file): \
        reusable, doctor-judgement (reusable subject to the treating doctor's judgement) or \
        not-reusable, with every rule weighed and the clause it comes from. The treating doctor's \
        final say is part of every answer. Exit 0 when a decision is made, 1 on bad sources or a \
        bad question.

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

    @Option(name: .long, help: ArgumentHelp("Imaging: a folder of DICOM files; the facts in their headers are read with DCMTK.", discussion: "Derives dicom-format, patient-identifiers, patient-matches-record, acquisition-time-matches-record, modality-matches-entry, complete-series/complete-phases, not-edited and intact; --fact overrides a derived fact. Example: --study /media/cd/DICOM", valueName: "dir"))
    var study: String?

    @Option(name: .long, help: ArgumentHelp("Imaging with --study: the patient ID the medical record holds.", valueName: "id"))
    var recordPatientId: String?

    @Option(name: .long, help: ArgumentHelp("Imaging with --study: the study date the medical record holds (YYYY-MM-DD).", valueName: "date"))
    var recordDate: String?

    @Option(name: .long, help: ArgumentHelp("Answer layout: 'text' or 'json'.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        if study != nil || recordPatientId != nil || recordDate != nil, performingLevel != nil || receivingLevel != nil {
            throw ValidationError("--study, --record-patient-id and --record-date are for imaging entries; laboratory levels are not")
        }
        guard let catalog = try Pipeline.compile(common, output: output, timer: StageTimer(enabled: false)) else { throw ExitCode(1) }
        guard let rules = catalog.recognition else {
            Console.error("lienthong: the sources state no recognition rules; name a rules file in the manifest's 'recognition'\n")
            throw ExitCode(1)
        }
        guard let entry = catalog.entries.first(where: { $0.code == code }), let annex = catalog.annexes.first(where: { $0.number == entry.annex }) else {
            Console.error("lienthong: '\(code)' is not a code of catalog \(catalog.metadata.version)\n")
            throw ExitCode(1)
        }
        if entry.status != .active {
            Console.error("lienthong: note: \(code) is \(entry.status.rawValue)" + (entry.replacedBy.map { ", replaced by \($0)" } ?? "") + "\n")
        }
        let engine = RecognitionEngine(rules: rules)
        let decision: RecognitionDecision
        do {
            switch annex.kind {
            case .laboratory:
                guard fact.isEmpty else { throw RecognitionEngine.Failure.factsForOtherKind(code: code, kind: .laboratory) }
                decision = try engine.decide(entry: entry, annexKind: .laboratory, laboratory: LaboratoryFacts(
                    performingLevel: performingLevel, receivingLevel: receivingLevel,
                    performingScope: performingScope.map(Self.codes), receivingScope: receivingScope.map(Self.codes)))
            case .imaging:
                guard performingLevel == nil, receivingLevel == nil, performingScope == nil, receivingScope == nil else {
                    throw RecognitionEngine.Failure.factsForOtherKind(code: code, kind: .imaging)
                }
                var facts = StudyFacts()
                if let study, case let .imaging(modality, bodyRegion, _, _) = entry.attributes {
                    do {
                        facts = try DicomStudy.read(directory: study).facts(modality: modality, bodyRegion: bodyRegion,
                                                                            record: .init(patientID: recordPatientId, date: recordDate))
                    } catch let error as DicomReadError {
                        Console.error("lienthong: --study \(error)\n")
                        throw ExitCode(1)
                    }
                }
                for (given, value) in try Self.facts(fact) {
                    facts[given] = value
                    facts.evidence[given] = "given with --fact"
                }
                decision = try engine.decide(entry: entry, annexKind: .imaging, study: facts)
            }
        } catch let failure as RecognitionEngine.Failure {
            Console.error("lienthong: \(failure)\n")
            throw ExitCode(1)
        }
        switch format {
        case .text: Console.output(RecognitionReport.text(decision, entryName: entry.nameVi))
        case .json: Console.output(RecognitionReport.json(decision))
        }
    }

    /// A comma-separated list of codes.
    static func codes(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingPrefix(" ") }.map(String.init).filter { !$0.isEmpty })
    }

    /// Parses `FACT=yes|no` options.
    static func facts(_ options: [String]) throws -> [StudyFact: Bool] {
        var values: [StudyFact: Bool] = [:]
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let fact = StudyFact(rawValue: parts[0]), let value = ["yes": true, "no": false, "true": true, "false": false][parts[1]] else {
                throw ValidationError("--fact '\(option)' is not FACT=yes|no with FACT one of: \(StudyFact.allowedValues.joined(separator: ", "))")
            }
            values[fact] = value
        }
        return values
    }
}
