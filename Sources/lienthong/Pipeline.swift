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

    /// Loads and validates the catalog in `options.annexes`, printing every diagnostic.
    /// `forEditing` keeps the annex files' bytes in the result, for `assign`.
    static func check(_ options: CommonOptions, output: OutputOptions, requireCodes: Bool = true, forEditing: Bool = false) -> (SourceLoader.Result, Validator.Result?) {
        let limits = ReaderLimits(maxFileSize: options.maxFileSize)
        let loaded = SourceLoader.load(directory: options.annexes, from: DiskFileSystem(maxFileSize: options.maxFileSize), limits: limits,
                                       keepingBytes: forEditing)
        var diagnostics = loaded.diagnostics
        var validation: Validator.Result?
        if let source = loaded.catalog {
            let result = Validator.validate(source, requireCodes: requireCodes, published: existingIndex(in: output.out)?.published)
            diagnostics += result.diagnostics
            validation = result
            if loaded.diagnostics.contains(where: { $0.severity == .error }) { validation?.catalog = nil }
        }
        DiagnosticPrinter(format: options.diagnosticsFormat).print(diagnostics)
        return (loaded, validation)
    }

    /// Every file `build` produces for `catalog`, with paths relative to the output folder,
    /// and the folders whose content it fully owns.
    static func outputs(for catalog: Catalog, existingIndex: VersionIndex?, presentVersions: Set<String>) -> (files: [OutputFile], owned: [String]) {
        let version = catalog.metadata.version.description
        let families = ArtifactFamilies.all
        var emitted = [[OutputFile]](repeating: [], count: families.count)
        emitted.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: families.count) { i in slots[i] = families[i].emit(catalog) }
        }
        var files: [OutputFile] = []
        for familyFiles in emitted {
            files += familyFiles.map { OutputFile(path: version + "/" + $0.path, bytes: $0.bytes) }
        }
        let release = VersionIndex.release(for: catalog, files: zip(families, emitted).map { ($0, $1) })
        let previous = VersionIndex(canonicalUrl: catalog.metadata.canonicalUrl, releases: existingIndex?.releases ?? [])
        files.append(previous.replacing(with: release, keeping: presentVersions).render())
        files += SourceSchemaEmitter.emit(baseURL: catalog.metadata.canonicalUrl)
        return (files, [version, "schema"])
    }
}
