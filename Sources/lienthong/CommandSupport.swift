import ArgumentParser
import CatalogCore
import CatalogEmitters
import CatalogPipeline
import CatalogRelease
import CatalogSources
import Foundation

/// What the commands share: the ``CatalogPipeline`` their options describe, and printing its
/// diagnostics. Commands parse flags and print; the pipeline does the work.
enum CommandSupport {
    /// The pipeline for the sources and output folder the options name.
    static func pipeline(_ options: CommonOptions, output: OutputOptions, timer: StageTimer? = nil) -> CatalogPipeline {
        CatalogPipeline(.init(compiler: compiler(options), output: OutputFolder(root: output.out), lockWait: output.lockWait,
                              stageEnded: { timer?.lap($0) }))
    }

    /// The front end for the options' sources.
    static func compiler(_ options: CommonOptions) -> CatalogCompiler {
        CatalogCompiler(sources: options.annexes, limits: ReaderLimits(maxFileSize: options.maxFileSize))
    }

    /// The output folder's index, if it has one; prints the problem and throws exit 1 when it
    /// exists and cannot be read (never treats a broken index as an empty folder).
    static func existingIndex(in out: String) throws -> VersionIndex? {
        do {
            return try OutputFolder(root: out).readIndex()
        } catch let error as ReleaseError {
            DiagnosticPrinter(format: .text).print(error.diagnostics)
            throw ExitCode(1)
        }
    }

    /// Compiles the sources (no release gate: for commands that only read the catalog, such
    /// as `coverage`), printing every diagnostic; returns the catalog when there is no error.
    static func compile(_ options: CommonOptions, output: OutputOptions, timer: StageTimer) throws -> Catalog? {
        let published = try existingIndex(in: output.out)?.published
        let compilation = compiler(options).compile(published: published)
        timer.lap("read and check")
        DiagnosticPrinter(format: options.diagnosticsFormat).print(compilation.diagnostics)
        return compilation.catalog
    }

    /// Loads the catalog with every source record and the annex files' bytes, for `assign`,
    /// validates it without requiring codes, and prints every diagnostic.
    static func loadForEditing(_ options: CommonOptions, output: OutputOptions) throws -> (SourceLoader.Result, Validator.Result?) {
        let published = try existingIndex(in: output.out)?.published
        let loaded = SourceLoader.load(directory: options.annexes, from: DiskFileSystem(maxFileSize: options.maxFileSize),
                                       limits: ReaderLimits(maxFileSize: options.maxFileSize), keepingBytes: true)
        var diagnostics = loaded.diagnostics
        var validation: Validator.Result?
        if let source = loaded.catalog {
            let result = Validator.validate(source, requireCodes: false, published: published)
            diagnostics += result.diagnostics
            validation = result
        }
        DiagnosticPrinter(format: options.diagnosticsFormat).print(diagnostics.sorted())
        return (loaded, validation)
    }

    /// Stops with one error when an interrupted `assign` left its edits half applied (its
    /// journal is there), instead of the errors every half-edited file would cause.
    static func refuseHalfEditedSources(_ annexes: String) throws {
        guard let halfEdited = CatalogCompiler.halfEdited(annexes) else { return }
        DiagnosticPrinter(format: .text).print([halfEdited])
        throw ExitCode(1)
    }

    /// Runs a step on the output folder, printing its failure as a diagnostic and turning it
    /// into exit 1.
    static func run<T>(_ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch let error as ReleaseError {
            DiagnosticPrinter(format: .text).print(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
