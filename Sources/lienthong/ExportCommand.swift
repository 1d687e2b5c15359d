import ArgumentParser
import CatalogCore
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Foundation

/// `lienthong export`: the workbook staff edit, written from the sources without a build.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the catalog's workbook (XLSX) from the sources, without a build.",
        discussion: """
        Compiles the sources (as 'check' does, writing nothing else) and writes the same workbook \
        'build' puts in xlsx/: a sheet per annex, the national codes, the mappings ('Ánh xạ', \
        edited there) and the notes. The history columns are computed from the releases in --out \
        when it has them. Edit it and bring the edits back with 'lienthong import'. \
        See docs/guide/editors-spreadsheets.md.
        Example: lienthong export --annexes annexes --output LienThongCanLamSang.xlsx
        """)

    @Option(name: .customLong("output"), help: ArgumentHelp("The workbook to write (default: <catalog name>.xlsx in the current folder).", discussion: "Example: --output phu-luc.xlsx", valueName: "file.xlsx"))
    var file: String?

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard var catalog = try CommandSupport.compile(common, output: output, timer: StageTimer(enabled: false)) else {
            Console.error("export: fix the errors in the sources first; no workbook was written\n")
            throw ExitCode(1)
        }
        // The history columns, from the releases in --out (left empty when there are none).
        let snapshot = PublishedSnapshot.read(OutputFolder(root: output.out), index: try CommandSupport.existingIndex(in: output.out))
        if !snapshot.problems.isEmpty {
            DiagnosticPrinter(format: .text).print(snapshot.problems.map(\.diagnostic))
            Console.error("export: the releases in \(output.out) the history columns come from are damaged; no workbook was written\n")
            throw ExitCode(1)
        }
        catalog = snapshot.withHistory(catalog)
        let path = file ?? "\(catalog.metadata.name).xlsx"
        guard FileKind.of(path).map({ $0 == .regular }) ?? true else {
            Console.error("\(path): error: exists and is not a regular file; give the path of a .xlsx file to write\n")
            throw ExitCode(1)
        }
        guard let workbook = XLSXEmitter().emit(catalog).first else { throw ExitCode(1) }
        do {
            try Data(workbook.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Console.error("\(path): error: cannot write the workbook: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        Console.output("wrote \(path): \(catalog.annexes.count) annex sheet\(catalog.annexes.count == 1 ? "" : "s"), \(catalog.entries.count) entries; edit it and run `lienthong import \(path)`\n")
    }
}
