import ArgumentParser
import CatalogCore
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Foundation

/// What every command does first: read the output folder's index (for the rule that versions
/// only go forward), then load and validate the sources, printing every diagnostic. The rest
/// of the pipeline (emit, stage, commit, publish) is ``ReleasePipeline``.
enum Pipeline {
    /// The output folder's index, if it has one; prints the problem and throws exit 1 when it
    /// exists and cannot be read (never treats a broken index as an empty folder).
    static func existingIndex(in out: String) throws -> VersionIndex? {
        do {
            return try OutputFolder(root: out).readIndex()
        } catch let error as ReleaseError {
            Console.error(error.description + "\n")
            throw ExitCode(1)
        }
    }

    /// Loads and validates the catalog in `options.annexes` in one pass, printing every
    /// diagnostic; returns the catalog when there is no error.
    static func compile(_ options: CommonOptions, output: OutputOptions, timer: StageTimer) throws -> Catalog? {
        try refuseHalfEditedSources(options.annexes)
        let published = try existingIndex(in: output.out).map { OutputFolder(root: output.out).published($0) }
        let compilation = SourceLoader.compile(directory: options.annexes, from: DiskFileSystem(maxFileSize: options.maxFileSize),
                                               limits: ReaderLimits(maxFileSize: options.maxFileSize), published: published)
        timer.lap("read and check")
        DiagnosticPrinter(format: options.diagnosticsFormat).print(compilation.diagnostics)
        return compilation.catalog
    }

    /// Loads the catalog with every source record and the annex files' bytes, for `assign`,
    /// validates it without requiring codes, and prints every diagnostic.
    static func loadForEditing(_ options: CommonOptions, output: OutputOptions) throws -> (SourceLoader.Result, Validator.Result?) {
        let published = try existingIndex(in: output.out).map { OutputFolder(root: output.out).published($0) }
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
        guard EditJournal.isPending(in: annexes) else { return }
        Console.error("\(EditJournal.path(in: annexes)): error: an interrupted `lienthong assign` left its edits half applied; run `lienthong assign` to finish them\n")
        throw ExitCode(1)
    }

    /// Runs a step of the release pipeline, printing its failure in the project's words and
    /// turning it into exit 1.
    static func run<T>(_ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch let error as ReleaseError {
            Console.error(error.description + "\n")
            throw ExitCode(1)
        }
    }
}
