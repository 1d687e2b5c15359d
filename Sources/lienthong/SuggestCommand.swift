import ArgumentParser
import CatalogCore
import CatalogEmitters
import CatalogPipeline
import CatalogRelease
import CatalogSources
import CatalogSuggest
import Foundation

/// `lienthong suggest`: the mapping assistant. Ranks LOINC and playbook codes for entries from
/// their names and attributes, with the evidence; it never writes a mapping.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Propose LOINC and playbook codes for entries, with their evidence (writes nothing).",
        discussion: """
        For each entry (or every unmapped entry in use), ranks reference codes from its Vietnamese \
        and English names (folded without diacritics, abbreviations read through the reviewed \
        vocabulary tools/suggest/vocabulary.tsv) and its attributes. Each candidate has a score, \
        the axis-by-axis agreement, the reference row that holds it and a proposed relationship. \
        Accepting a suggestion is an edit of the annex file made by a person.

          lienthong suggest DQ0021T
          lienthong suggest --unmapped --format json > worklist.json
          lienthong suggest --evaluate            leave-one-out over the catalog's own mappings
        """)

    /// The answer's layouts.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("Catalog codes of the entries to suggest for.", valueName: "code"))
    var codes: [String] = []

    @Flag(name: .long, help: "Suggest for every entry in use (active or deprecated) that has no mapping.")
    var unmapped = false

    @Flag(name: .long, help: "Measure the assistant: hide each mapped entry's mappings and rank; prints top-1/top-5 per annex and system.")
    var evaluate = false

    @Option(name: .long, help: ArgumentHelp("Reference folder (loinc/…csv, radlex/…csv).", discussion: "Default: ../shared/reference beside the checkout when present, else the project's subset <annexes>/reference. Example: --reference ../shared/reference", valueName: "dir"))
    var reference: String?

    @Option(name: .long, help: ArgumentHelp("The reviewed vocabulary (TSV: term, expansion, kind, source).", discussion: "Default: tools/suggest/vocabulary.tsv beside the annexes folder.", valueName: "file"))
    var vocabulary: String?

    @Option(name: .long, help: ArgumentHelp("Candidates per code system (1–50).", valueName: "n"))
    var top: Int = 5

    @Option(name: .long, help: ArgumentHelp("Answer layout: 'text' or 'json' (one document on standard output; with --diagnostics-format json the diagnostics are its errorCount, warningCount and diagnostics members).", valueName: "format"))
    var format: Format = .text

    func validate() throws {
        guard (1...50).contains(top) else { throw ValidationError("--top must be between 1 and 50; got \(top)") }
        if evaluate, unmapped || !codes.isEmpty { throw ValidationError("--evaluate measures the whole catalog; give it no codes and no --unmapped") }
        if !evaluate, !unmapped, codes.isEmpty { throw ValidationError("name entries (lienthong suggest DQ0021T), or give --unmapped or --evaluate") }
        if format == .json, common.diagnosticsFormat == .sarif {
            throw ValidationError("--format json carries the diagnostics inside its one document; use --diagnostics-format json (or text, on standard error) with it, not sarif")
        }
    }

    /// Compiles the sources. Diagnostics are printed as the options say, except that with
    /// `--format json --diagnostics-format json` they are returned, to go inside the answer's one
    /// document (standard output holds exactly one document). Without a catalog, the
    /// diagnostics alone are that document.
    func compile() throws -> (Catalog, ((inout JSONWriter) -> Void)?) {
        guard format == .json, common.diagnosticsFormat == .json else {
            guard let catalog = try CommandSupport.compile(common, output: output, timer: StageTimer(enabled: false)) else { throw ExitCode(1) }
            return (catalog, nil)
        }
        let published = try CommandSupport.existingIndex(in: output.out)?.published
        let compilation = CommandSupport.compiler(common).compile(published: published)
        guard let catalog = compilation.catalog else {
            DiagnosticPrinter(format: .json).print(compilation.diagnostics)
            throw ExitCode(1)
        }
        let sorted = compilation.diagnostics.sorted()
        return (catalog, { w in DiagnosticPrinter.writeMembers(&w, sorted) })
    }

    /// The text answer: on standard output, or on standard error when standard output holds
    /// the diagnostics' JSON or SARIF document.
    func printText(_ text: String) {
        Console.say(text, format: common.diagnosticsFormat)
    }

    func run() throws {
        let (catalog, diagnostics) = try compile()
        let project = (common.annexes as NSString).deletingLastPathComponent
        let root = project.isEmpty ? "." : project
        let (folder, isSubset) = referenceFolder(root: root)
        let index: ReferenceIndex
        do {
            index = try ReferenceIndex.load(folder: folder)
        } catch {
            Console.error("lienthong: error: \(error); give the reference folder with --reference DIR (the project's subset is \(common.annexes)/reference)\n")
            throw ExitCode(1)
        }
        let vocabularyPath = vocabulary ?? (root as NSString).appendingPathComponent("tools/suggest/vocabulary.tsv")
        guard let data = FileManager.default.contents(atPath: vocabularyPath), data.count <= 8 << 20, let text = String(data: data, encoding: .utf8) else {
            Console.error("lienthong: error: cannot read the vocabulary '\(vocabularyPath)' (UTF-8 TSV, at most 8 MiB); give it with --vocabulary FILE\n")
            throw ExitCode(1)
        }
        let (terms, problems) = TermVocabulary.parse(text)
        if !problems.isEmpty {
            for p in problems { Console.error("\(vocabularyPath):\(p.replacingOccurrences(of: "line ", with: "")) [vocabulary]\n") }
            throw ExitCode(1)
        }
        Console.error("suggest: reference tables from \(folder) (\(isSubset ? "the project's subset: only codes already mapped" : "full reference tables")), \(index.concepts.count) codes; vocabulary \(vocabularyPath), \(terms.terms.count) terms\n")
        let provenance = SuggestionReport.Provenance(referenceFolder: folder, isSubset: isSubset, tables: index.tablesRead,
                                                     vocabularyFile: vocabularyPath, vocabularyTerms: terms.terms.count)
        let suggester = Suggester(index: index, vocabulary: terms)
        if evaluate {
            let (rows, total, outcomes) = LeaveOneOut.evaluate(catalog, suggester: suggester)
            switch format {
            case .text: printText(SuggestionReport.evaluationText(rows, total: total))
            case .json: Console.output(SuggestionReport.evaluationJSON(rows, total: total, outcomes: outcomes, provenance: provenance, members: diagnostics))
            }
            return
        }
        let kinds = Dictionary(uniqueKeysWithValues: catalog.annexes.map { ($0.number, $0.kind) })
        var selected: [Entry] = []
        if unmapped {
            selected += catalog.entries.filter { ($0.status == .active || $0.status == .deprecated) && $0.mappings.isEmpty }
        }
        let byCode = Dictionary(catalog.entries.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for code in codes {
            guard let entry = byCode[code] else {
                Console.error("lienthong: error: '\(code)' is not a code of catalog \(catalog.metadata.version)\n")
                throw ExitCode(1)
            }
            if !selected.contains(where: { $0.code == code }) { selected.append(entry) }
        }
        let answers = selected.map { suggester.suggest($0, top: top, kind: kinds[$0.annex] ?? .laboratory) }
        switch format {
        case .text: printText(SuggestionReport.text(answers))
        case .json: Console.output(SuggestionReport.json(answers, provenance: provenance, top: top, members: diagnostics))
        }
    }

    /// The folder given, else `../shared/reference` beside the checkout, else the subset.
    func referenceFolder(root: String) -> (String, Bool) {
        if let reference { return (reference, reference.hasSuffix("annexes/reference")) }
        let shared = root == "." ? "../shared/reference" : ((root as NSString).appendingPathComponent("../shared/reference") as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: shared, isDirectory: &isDirectory), isDirectory.boolValue { return (shared, false) }
        return ((common.annexes as NSString).appendingPathComponent("reference"), true)
    }
}
