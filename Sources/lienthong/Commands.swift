import ArgumentParser
import CatalogCore
import CatalogEmitters
import CatalogPipeline
import CatalogRelease
import CatalogSources
import Foundation

/// `lienthong check`: validates the sources, and every published version in the output folder
/// against its `release.json`; writes nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the catalog sources and the published versions; write nothing.",
        discussion: """
        Exits 1 if there is any error in the sources, or if a file of a published version in the \
        output folder differs from its release.json (each such file is named).
        Example: lienthong check --annexes annexes --diagnostics-format json
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let timer = StageTimer(enabled: common.timings)
        let run = CommandSupport.pipeline(common, output: output, timer: timer).run(.check)
        DiagnosticPrinter(format: common.diagnosticsFormat).print(run.diagnostics)
        timer.report()
        guard run.succeeded, let catalog = run.catalog else { throw ExitCode(1) }
        exitLeaving(catalog)
    }
}

/// Ends a successful run at once, leaving `catalog` (and all else) to the operating system:
/// every output is written and unbuffered, and freeing a large catalog entry by entry only
/// delays the exit. Compilers do the same.
func exitLeaving(_ catalog: Catalog) -> Never {
    withExtendedLifetime(catalog) { exit(0) }
}

/// `lienthong build`: compiles the sources into versioned artifacts.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile the catalog sources into generated artifacts.",
        discussion: """
        Writes generated/<version>/ (the manifest's version, a draft until `lienthong publish`), \
        generated/index.json and generated/schema/. The version folder is replaced as a whole, in \
        one atomic step, so a reader never sees old and new files mixed; other versions are never \
        touched. A published version is never changed: a build that would change it is refused.
        Example: lienthong build --annexes annexes --out generated
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Flag(name: .long, help: ArgumentHelp("Write nothing; exit 1 and name the files if a build would change any (for CI).", discussion: "Example: lienthong build --check"))
    var check = false

    func run() throws {
        let timer = StageTimer(enabled: common.timings)
        let run = CommandSupport.pipeline(common, output: output, timer: timer).run(check ? .compare : .build)
        let format = common.diagnosticsFormat
        if check {
            let outcome = BuildCheckOutcome(run: run, out: output.out)
            DiagnosticPrinter(format: format).print(run.diagnostics + outcome.diagnostics, members: outcome.jsonMembers)
            timer.report()
            if outcome.upToDate, run.succeeded { Console.say("\(output.out) is up to date (\(outcome.fileCount) files)\n", format: format) }
            guard outcome.upToDate, run.succeeded else { throw ExitCode(1) }
            return
        }
        DiagnosticPrinter(format: format).print(run.diagnostics)
        timer.report()
        guard run.succeeded, let catalog = run.catalog, let outcome = run.outcome else { throw ExitCode(1) }
        let changed = outcome.changes.count
        Console.say("built catalog \(catalog.metadata.version) (\(catalog.entries.count) entries) into \(output.out): \(changed) file\(changed == 1 ? "" : "s") changed\n", format: format)
        exitLeaving(catalog)
    }
}

/// `lienthong assign`: gives codes to entries that have none, editing the sources in place.
struct Assign: ParsableCommand {
    /// The rules whose errors after an edit mean the edit itself went wrong.
    static let rulesAnEditCanBreak: Set<RuleID> = [
        .syntax, .encoding, .wrongType, .duplicateKey, .unknownKey, .missingField, .codeMissing, .codeFormat,
        .codeCheckCharacter, .duplicateCode, .codeNotInLedger, .issuedCodeMissing, .ledgerMismatch, .ledgerSyntax,
    ]

    static let configuration = CommandConfiguration(
        abstract: "Give a stable code to every entry that has none, in place, and record it in the ledger.",
        discussion: """
        Inserts one 'code' line per new entry; nothing else in the files changes. Serials continue \
        after the highest ever issued for the annex (see the ledger), so codes never return. \
        Refuses to run while the sources have other errors. Running it again changes nothing.
        Example: lienthong assign --annexes annexes
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        // One writer of the sources at a time (a second assign, or a build reading them,
        // waits); an edit that was killed while replacing the files is finished first.
        let (lock, finished) = try CommandSupport.run { try SourceEdit.begin(common.annexes, lockWait: output.lockWait) }
        defer { lock.release() }
        if !finished.isEmpty {
            Console.error("assign: finished an interrupted edit (\(finished.count) file\(finished.count == 1 ? "" : "s") replaced)\n")
        }
        let (loaded, validation) = try CommandSupport.loadForEditing(common, output: output)
        guard let source = loaded.catalog, let validation, !validation.diagnostics.contains(where: { $0.severity == .error }),
              !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            Console.error("assign: fix the errors above first; nothing was changed\n")
            throw ExitCode(1)
        }
        let plan: CodeAssigner.Plan
        do { plan = try CodeAssigner.plan(source, bytes: loaded.annexBytes) } catch {
            DiagnosticPrinter(format: common.diagnosticsFormat).print(error.diagnostics)
            throw ExitCode(1)
        }
        guard !plan.assignments.isEmpty else {
            Console.output("every entry already has a code; nothing to assign\n")
            return
        }
        // The same transaction as `import`: judged by check's front end and release gate on
        // the edited files (codes now required), then written together through the journal.
        var replacements = plan.editedFiles
        replacements[plan.ledger.file] = Array(plan.ledger.render().utf8)
        var originals = loaded.annexBytes
        originals[plan.ledger.file] = (try? DiskFileSystem(maxFileSize: common.maxFileSize).contents(of: plan.ledger.file)) ?? []
        let edit = SourceEdit(sources: common.annexes, limits: ReaderLimits(maxFileSize: common.maxFileSize),
                              originals: originals, replacements: replacements)
        let snapshot = PublishedSnapshot.read(OutputFolder(root: output.out), index: try CommandSupport.existingIndex(in: output.out))
        let judgement = edit.judge(against: snapshot, codedBefore: false, codedAfter: true)
        let editErrors = judgement.introduced.filter { Self.rulesAnEditCanBreak.contains($0.rule) }
        if !editErrors.isEmpty {
            Console.error("assign: internal error: the edited sources would not validate; nothing was changed\n")
            DiagnosticPrinter(format: .text).print(editErrors)
            throw ExitCode(1)
        }
        try CommandSupport.run { try edit.commit() }
        let recheckErrors = judgement.remaining
        var report = ""
        for a in plan.assignments { report += "\(a.location): assigned \(a.code)\n" }
        report += "assigned \(plan.assignments.count) code\(plan.assignments.count == 1 ? "" : "s")\n"
        Console.output(report)
        if !recheckErrors.isEmpty {
            // Rules that need every code (coverage) run only now; their errors remain to fix.
            Console.error("assign: the codes are written; the catalog still has errors:\n")
            DiagnosticPrinter(format: common.diagnosticsFormat).print(recheckErrors)
            throw ExitCode(1)
        }
    }
}

/// `lienthong rules`: lists every diagnostic rule with its stable ID.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every diagnostic rule and its stable ID.",
        discussion: "Example: lienthong rules")

    func run() throws {
        Console.output(RuleID.allCases.map { "\($0.rawValue)  \($0.summary)\n" }.joined())
    }
}
