import ArgumentParser
import CatalogCore
import CatalogDiff
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Foundation

/// `lienthong diff`: what changed between two versions of the catalog, and whether it breaks
/// the systems that store its codes.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two versions of the catalog; classify every change and fail on breaking ones.",
        discussion: """
        A side is a version in the output folder (2026.1.0), a version folder (generated/2026.1.0), \
        a release archive (.tar.gz), or a folder of sources (annexes). OLD defaults to the latest \
        published version, NEW to the sources (--annexes). With --against REF, OLD is read from \
        that git revision (by default its sources folder), so a CI job compares a pull request with \
        its base without checking anything out. Breaking changes carry a rule ID (LT09xx, see \
        `lienthong rules`); the manifest's `waivers` accept one for a named code with a justification.
        Examples:
          lienthong diff 2026.1.0 annexes
          lienthong diff --against origin/main --format github
          lienthong diff generated/2026.1.0/dist/LienThongCanLamSang-2026.1.0.tar.gz annexes --format markdown
        """)

    @Argument(help: ArgumentHelp("The old side (default: the latest published version, or with --against the sources folder at REF).", valueName: "old"))
    var old: String?

    @Argument(help: ArgumentHelp("The new side (default: the sources folder, --annexes).", valueName: "new"))
    var new: String?

    @Option(name: .long, help: ArgumentHelp("Read the old side from this git revision.", discussion: "Example: --against origin/main", valueName: "ref"))
    var against: String?

    @Option(name: .long, help: ArgumentHelp("Report layout: text, markdown (a pull-request comment), json (schema/diff.schema.json) or github (workflow commands).", discussion: "Example: --format github", valueName: "format"))
    var format: DiffFormat = .text

    @Option(name: .long, help: ArgumentHelp("When to exit 1: none, breaking (a breaking change not waived) or any (any change).", discussion: "Example: --fail-on any", valueName: "when"))
    var failOn: FailOn = .breaking

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let newSide = new ?? common.annexes
        let oldSpec = try old ?? defaultOld()
        var cleanup: String?
        defer { if let cleanup { try? FileManager.default.removeItem(atPath: cleanup) } }
        let report: DiffReport
        do {
            var oldPath = oldSpec, oldLabel = oldSpec
            if let against {
                let checkout = try GitRevision.checkout(oldSpec, at: against)
                cleanup = checkout.root
                (oldPath, oldLabel) = (checkout.path, "\(against):\(oldSpec)")
            }
            let limits = ReaderLimits(maxFileSize: common.maxFileSize)
            let before = try SnapshotLoader.load(oldPath, label: oldLabel, outputFolder: output.out, limits: limits)
            let after = try SnapshotLoader.load(newSide, outputFolder: output.out, limits: limits)
            report = CatalogComparer.compare(before, after)
        } catch let error as SnapshotError {
            if case let .invalidSources(_, diagnostics) = error { DiagnosticPrinter(format: common.diagnosticsFormat).print(diagnostics) }
            Console.error("diff: \(error)\n")
            throw ExitCode(2)
        }
        Console.output(format.render(report))
        if failOn.fails(report) { throw ExitCode(1) }
    }

    /// The old side when none is named: the sources at REF, or the latest published version.
    func defaultOld() throws -> String {
        if against != nil { return common.annexes }
        guard let index = try CommandSupport.existingIndex(in: output.out),
              let latest = index.published.releasedVersions.max() else {
            Console.error("diff: \(output.out) has no published version; name the old side\n")
            throw ExitCode(2)
        }
        return latest.description
    }
}

extension DiffFormat: ExpressibleByArgument {}
extension FailOn: ExpressibleByArgument {}

