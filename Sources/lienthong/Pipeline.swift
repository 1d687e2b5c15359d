import CatalogCore
import CatalogEmitters
import CatalogSources
import Foundation

/// The stages every command runs, in order: load the folder, validate, and (for `build`)
/// emit every artifact family.
enum Pipeline {
    /// The index of an output folder, if it has a readable one.
    static func existingIndex(in out: String) -> VersionIndex? {
        FileManager.default.contents(atPath: out + "/index.json").flatMap { VersionIndex.read([UInt8]($0)) }
    }

    /// Loads and validates the catalog in `options.annexes` in one pass, printing every
    /// diagnostic; returns the catalog when there is no error.
    static func compile(_ options: CommonOptions, output: OutputOptions, timer: StageTimer) -> Catalog? {
        let compilation = SourceLoader.compile(directory: options.annexes, from: DiskFileSystem(maxFileSize: options.maxFileSize),
                                               limits: ReaderLimits(maxFileSize: options.maxFileSize),
                                               published: existingIndex(in: output.out)?.published)
        timer.lap("read and check")
        DiagnosticPrinter(format: options.diagnosticsFormat).print(compilation.diagnostics)
        return compilation.catalog
    }

    /// Loads the catalog with every source record and the annex files' bytes, for `assign`,
    /// validates it without requiring codes, and prints every diagnostic.
    static func loadForEditing(_ options: CommonOptions, output: OutputOptions) -> (SourceLoader.Result, Validator.Result?) {
        let loaded = SourceLoader.load(directory: options.annexes, from: DiskFileSystem(maxFileSize: options.maxFileSize),
                                       limits: ReaderLimits(maxFileSize: options.maxFileSize), keepingBytes: true)
        var diagnostics = loaded.diagnostics
        var validation: Validator.Result?
        if let source = loaded.catalog {
            let result = Validator.validate(source, requireCodes: false, published: existingIndex(in: output.out)?.published)
            diagnostics += result.diagnostics
            validation = result
        }
        DiagnosticPrinter(format: options.diagnosticsFormat).print(diagnostics.sorted())
        return (loaded, validation)
    }

    /// Emits every file `build` produces for `catalog` into `stage`, with paths relative to the
    /// output folder, and returns the folders whose content the build fully owns. Families run
    /// concurrently, each streaming its files to the stage in chunks, so no artifact is ever
    /// whole in memory.
    static func emit(_ catalog: Catalog, existingIndex: VersionIndex?, presentVersions: Set<String>, into stage: OutputStage) -> [String] {
        let version = catalog.metadata.version.description
        let families = ArtifactFamilies.all
        var paths = [[String]](repeating: [], count: families.count)
        // Heaviest first, so that no large family starts last.
        let schedule = families.indices.sorted { families[$0].weight > families[$1].weight }
        paths.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: families.count) { turn in
                let i = schedule[turn]
                let output = VersionFolder(version, in: stage)
                families[i].emit(catalog, to: output)
                slots[i] = output.paths
            }
        }
        let release = VersionIndex.release(for: catalog, paths: zip(families, paths).map { ($0, $1) })
        let previous = VersionIndex(canonicalUrl: catalog.metadata.canonicalUrl, releases: existingIndex?.releases ?? [])
        stage.write(previous.replacing(with: release, keeping: presentVersions).render())
        for file in SourceSchemaEmitter.emit(baseURL: catalog.metadata.canonicalUrl) { stage.write(file) }
        return [version, "schema"]
    }
}

/// One family's view of the stage: its paths go under the version folder, and are noted for
/// the version's record in `index.json`.
private final class VersionFolder: ArtifactOutput {
    let prefix: String
    let stage: OutputStage
    /// The paths opened, relative to the version folder.
    private(set) var paths: [String] = []

    init(_ version: String, in stage: OutputStage) {
        prefix = version + "/"
        self.stage = stage
    }

    func open(_ path: String) -> any ArtifactFile {
        paths.append(path)
        return stage.open(prefix + path)
    }
}
