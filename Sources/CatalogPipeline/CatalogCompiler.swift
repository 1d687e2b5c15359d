import CatalogCore
import CatalogRelease
import CatalogSources

/// The front end every command shares: a sources folder in, one compilation out — the
/// catalog, where each entry is written, the manifest (its waivers and clarifications) and
/// every diagnostic. The sources are read once, through ``fileSystem``.
public struct CatalogCompiler: Sendable {
    /// The sources folder (holding the manifest).
    public var sources: String
    public var limits: ReaderLimits
    /// Where the sources are read from (the disk; tests count reads through it).
    public var fileSystem: any SourceFileSystem

    public init(sources: String, limits: ReaderLimits = .standard, fileSystem: (any SourceFileSystem)? = nil) {
        self.sources = sources
        self.limits = limits
        self.fileSystem = fileSystem ?? DiskFileSystem(maxFileSize: limits.maxFileSize)
    }

    /// Compiles the sources; `published` is what the output folder already holds (versions
    /// only go forward past its published ones). Sources an interrupted edit left half
    /// applied give one diagnostic instead of the errors every half-edited file would cause.
    public func compile(published: PublishedCatalog?) -> SourceLoader.Compilation {
        if let halfEdited = Self.halfEdited(sources) {
            return SourceLoader.Compilation(catalog: nil, diagnostics: [halfEdited])
        }
        return compile(published: published, from: fileSystem)
    }

    /// The one diagnostic (LT0107) for sources an interrupted edit left half applied (its
    /// journal is there), nil otherwise; every command that reads the sources asks this first.
    public static func halfEdited(_ sources: String) -> Diagnostic? {
        guard EditJournal.isPending(in: sources) else { return nil }
        return Diagnostic(.error, .sourcesHalfEdited,
            "an interrupted `lienthong assign` or `lienthong import` left its edits half applied; run `lienthong assign` to finish them",
            at: .named(EditJournal.path(in: sources)))
    }

    private func compile(published: PublishedCatalog?, from fs: some SourceFileSystem) -> SourceLoader.Compilation {
        SourceLoader.compile(directory: sources, from: fs, limits: limits, published: published)
    }
}
