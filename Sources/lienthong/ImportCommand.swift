import ArgumentParser
import CatalogCore
import CatalogDiff
import CatalogPipeline
import CatalogRelease
import CatalogSources
import CatalogSpreadsheets
import Foundation

/// `lienthong import`: brings a spreadsheet's edits back into the YAML annex sources.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Carry the rows of an XLSX workbook (the exported one after edits, or an official-style table) into the annex sources.",
        discussion: """
        Reads the sheets named 'Phụ lục N' (or the only sheet, with --annex N), matches each row \
        with its entry by code (or by national code when the sheet has no code column), and edits \
        only what changed: names, group, status and reason, replacement, attributes, national codes, \
        and mappings (from the 'Ánh xạ' sheet); the computed columns (first released, last \
        changed) are never imported, and a change there is one warning; a row without \
        a code is appended as a new entry (then run 'lienthong assign'). The header is found in \
        the first 30 rows (headings of the official tables and national lists are known: STT, Mã \
        dịch vụ, Mã DVKT, MA_TUONG_DUONG, Tên dịch vụ kỹ thuật, Tên DVKT, TEN_DVKT_PHEDUYET, …; \
        see docs/guide/editors-spreadsheets.md); section rows are skipped. The edited sources \
        go through the same rules as 'check' before anything is written. Every problem is reported at its cell (book.xlsx:Phụ lục 6!C12) and \
        nothing is written; the edited sources are validated before they replace the old ones.
        Example: lienthong import generated/2026.1.0/xlsx/LienThongCanLamSang.xlsx --annex 6
        """)

    @Argument(help: ArgumentHelp("The workbook to import (.xlsx).", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Import only this annex; a workbook of one sheet stands for it whatever the sheet's name.", discussion: "Example: --annex 6", valueName: "n"))
    var annex: Int?

    @Option(name: .long, help: ArgumentHelp("Folder of the sources to edit (the same as --annexes).", discussion: "Example: --into annexes", valueName: "dir"))
    var into: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var options = common
        if let into { options.annexes = into }
        let printer = DiagnosticPrinter(format: common.diagnosticsFormat)
        // One writer of the sources at a time; an interrupted edit is finished first.
        let (lock, finished) = try CommandSupport.run { try SourceEdit.begin(options.annexes, lockWait: output.lockWait) }
        defer { lock.release() }
        if !finished.isEmpty {
            Console.error("import: finished an interrupted edit (\(finished.count) file\(finished.count == 1 ? "" : "s") replaced)\n")
        }
        let fs = DiskFileSystem(maxFileSize: common.maxFileSize)
        let loaded = SourceLoader.load(directory: options.annexes, from: fs, limits: ReaderLimits(maxFileSize: common.maxFileSize), keepingBytes: true)
        guard let source = loaded.catalog, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            printer.print(loaded.diagnostics)
            Console.error("import: fix the errors in the sources first; nothing was changed\n")
            throw ExitCode(1)
        }
        // The workbook is opened through the guarded reader: not a regular file (a FIFO, a
        // device, a folder) or over --max-file-size is refused before a byte is read.
        let data: [UInt8]
        do {
            guard let bytes = try fs.contents(of: file) else {
                printer.print([Diagnostic(.error, .spreadsheetUnreadable, "cannot read this file", at: .named(file))])
                throw ExitCode(1)
            }
            data = bytes
        } catch let error as SourceFileTooLarge {
            printer.print([Diagnostic(.error, .limitExceeded, "the file has \(error.size) bytes, more than --max-file-size (\(common.maxFileSize)); raise the limit if the workbook is really this large", at: .named(file))])
            throw ExitCode(1)
        } catch let error as NotARegularFile {
            printer.print([Diagnostic(.error, .spreadsheetUnreadable, "cannot read this file: \(error.description); give the path of the .xlsx workbook itself", at: .named(file))])
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            printer.print([Diagnostic(.error, .spreadsheetUnreadable, "cannot read this file: \(error)", at: .named(file))])
            throw ExitCode(1)
        }
        let name = (file as NSString).lastPathComponent
        // The published folder, read once: the workbook's history columns and the judgement
        // of the edit both come from it.
        let snapshot = PublishedSnapshot.read(OutputFolder(root: output.out), index: try CommandSupport.existingIndex(in: output.out))
        let history = Self.history(of: source, in: snapshot)
        let (plan, diagnostics) = SpreadsheetImporter.plan(data, fileName: name, annex: annex, catalog: source, sources: loaded.annexBytes,
                                                           history: history.isEmpty ? nil : { history[$0] }, maxPartSize: common.maxFileSize)
        guard let plan else {
            printer.print(diagnostics)
            Console.error("import: nothing was changed\n")
            throw ExitCode(1)
        }
        if !diagnostics.isEmpty { printer.print(diagnostics) }
        guard !plan.editedFiles.isEmpty else {
            Console.output("the sources already say what \(name) says; nothing to change\n")
            return
        }
        // The edited sources go through the same rules as `check` (against the published
        // releases, so a changed meaning is caught; coverage once every entry has a code): an
        // error the edit brings is refused; one the sources already had is not the edit's.
        // The same front end and the same release gate as `check`, before and after the edit.
        let coded = source.annexes.allSatisfy { $0.entries.allSatisfy { $0.code != nil } }
        let edit = SourceEdit(sources: options.annexes, limits: ReaderLimits(maxFileSize: common.maxFileSize),
                              originals: loaded.annexBytes, replacements: plan.editedFiles)
        let errors = edit.judge(against: snapshot, codedBefore: coded, codedAfter: coded && plan.newEntries == 0).introduced
        if !errors.isEmpty {
            printer.print(errors)
            Console.error("import: the sources edited as \(name) says would have the errors above (at their would-be lines); nothing was changed\n")
            throw ExitCode(1)
        }
        try CommandSupport.run { try edit.commit() }
        var report = plan.changes.map { $0 + "\n" }.joined()
        report += "imported \(name): \(plan.changes.count) change\(plan.changes.count == 1 ? "" : "s") in \(plan.editedFiles.count) file\(plan.editedFiles.count == 1 ? "" : "s")\n"
        if plan.newEntries > 0 { report += "\(plan.newEntries) new entr\(plan.newEntries == 1 ? "y has" : "ies have") no code yet: run `lienthong assign`\n" }
        Console.output(report)
    }

    /// Each code's history as `build` computes it (the sources against the releases published
    /// in `out`), for the workbook's computed columns; empty, and then nothing is compared,
    /// when the sources do not compile yet (entries without codes), `out` has no index (the
    /// workbook's history cannot be known) or its releases cannot be read.
    static func history(of source: SourceCatalog, in snapshot: PublishedSnapshot) -> [String: EntryHistory] {
        guard snapshot.index != nil, snapshot.problems.isEmpty, let catalog = Validator.validate(source).catalog else { return [:] }
        return snapshot.withHistory(catalog).history
    }
}
