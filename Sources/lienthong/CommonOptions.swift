import ArgumentParser

/// Options every command shares: where the sources are and how to report problems.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder holding the catalog manifest and annex files.", discussion: "Example: --annexes annexes", valueName: "dir"))
    var annexes: String = "annexes"

    @Option(name: .long, help: ArgumentHelp("How to print diagnostics: 'text' (path:line:col: error: message [ID], on standard error), 'json' (one document on standard output) or 'sarif' (SARIF 2.1.0 on standard output, for code-scanning tools).", discussion: "Example: --diagnostics-format json", valueName: "format"))
    var diagnosticsFormat: DiagnosticFormat = .text

    @Option(name: .long, help: ArgumentHelp("Largest source file accepted, in bytes; larger files are refused with a diagnostic.", discussion: "Example: --max-file-size 268435456", valueName: "bytes"))
    var maxFileSize: Int = 1 << 30

    @Flag(name: .long, help: ArgumentHelp("Print how long each stage took (wall clock) to standard error.", discussion: "Example: lienthong build --timings"))
    var timings = false
}

/// The output folder: where `build` writes, and where every command finds the versions
/// already published (from its `index.json`).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of the generated artifacts. build writes there; every command reads its index.json to refuse a catalog version lower than one already published.", discussion: "Example: --out generated", valueName: "dir"))
    var out: String = "generated"

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for another lienthong run that holds the output folder (or, for assign, the sources) before giving up.", discussion: "Example: --lock-wait 60", valueName: "seconds"))
    var lockWait: Double = 10
}

/// The two diagnostic formats.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}
