import CatalogCore
import CatalogDiff
import CatalogEmitters
import CatalogRelease
import CatalogSources
import Crypto

/// The whole program in one place: **read** the sources and **validate** them (the
/// ``CatalogCompiler``), read the published folder once (a ``PublishedSnapshot``), judge the
/// catalog against it (the ``ReleaseGate``), then **emit** and **stage** the version
/// (``ReleasePipeline``) and **publish** it with its release notes (``ReleaseNotes``).
/// `check`, `build`, `build --check` and `publish` are the same run stopped at different
/// stages, with the same locks, the same compilation and the same snapshot, so they cannot
/// disagree. The pipeline prints nothing: every problem comes back as a diagnostic.
public struct CatalogPipeline {
    /// Where the run reads and writes, and how.
    public struct Options {
        public var compiler: CatalogCompiler
        public var output: OutputFolder
        /// Seconds to wait for another run's lock.
        public var lockWait: Double
        /// Told the name of each stage as it ends, for `--timings`.
        public var stageEnded: (String) -> Void
        /// Where published catalogs are read from (tests count reads through it).
        public var publishedFileSystem: any SourceFileSystem

        public init(compiler: CatalogCompiler, output: OutputFolder, lockWait: Double = FolderLock.standardWait,
                    stageEnded: @escaping (String) -> Void = { _ in }, publishedFileSystem: (any SourceFileSystem)? = nil) {
            self.compiler = compiler
            self.output = output
            self.lockWait = lockWait
            self.stageEnded = stageEnded
            self.publishedFileSystem = publishedFileSystem ?? DiskFileSystem(maxFileSize: .max)
        }
    }

    /// How far a run goes.
    public enum Goal {
        /// Validate and judge; write nothing (`check`).
        case check
        /// Also compare the artifacts with the folder; write nothing (`build --check`).
        case compare
        /// Write the version as a draft (`build`).
        case build
        /// Write it as a release (`publish`), signed when a key is given.
        case publish(signingKey: Curve25519.Signing.PrivateKey?)
    }

    /// What a run found and did.
    public struct Run {
        /// Every problem, of every stage, sorted.
        public var diagnostics: [Diagnostic]
        /// The compiled catalog (nil when it did not compile).
        public var catalog: Catalog?
        /// What the build or publish did or (compare) would do; nil when it did not run.
        public var outcome: ReleasePipeline.Outcome?
        /// The gate's verdict against the published folder.
        public var verdict: ReleaseGate.Verdict?

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var succeeded: Bool { errorCount == 0 }
    }

    public var options: Options

    public init(_ options: Options) { self.options = options }

    /// Runs the pipeline up to `goal`.
    public func run(_ goal: Goal) -> Run {
        var run = Run(diagnostics: [])
        do {
            try advance(to: goal, into: &run)
        } catch let error as ReleaseError {
            run.diagnostics += error.diagnostics
        } catch {
            run.diagnostics.append(Diagnostic(.error, .outputFolderUnusable, "\(error)", at: .named(options.output.root)))
        }
        run.diagnostics.sort()
        return run
    }

    private func advance(to goal: Goal, into run: inout Run) throws {
        let folder = options.output
        let writing: Bool
        switch goal {
        case .check, .compare: writing = false
        case .build, .publish: writing = true
        }
        // The sources are not edited (assign, import) while they are read and released.
        let sourcesLock = FileKind.of(options.compiler.sources) == .directory
            ? try FolderLock.acquire(options.compiler.sources, .shared, waiting: options.lockWait) : nil
        defer { sourcesLock?.release() }
        // An output folder is made only for a catalog that passed the gate: a failed first
        // build leaves no trace.
        var folderLock = try folder.exists() ? try folder.lock(writing ? .exclusive : .shared, waiting: options.lockWait) : nil
        defer { folderLock?.release() }
        let index = folderLock == nil ? nil : try folder.readIndex()
        let compilation = options.compiler.compile(published: index?.published)
        let publishing: Bool
        if case .publish = goal { publishing = true } else { publishing = false }
        let finishing = publishing ? compilation.catalog?.metadata.version.description : nil
        var snapshot = PublishedSnapshot.read(folder, index: index, finishing: finishing, through: options.publishedFileSystem)
        // The sources' side is labelled by role, never by path: the label goes into a release's
        // changes.json, and two publishers of the same sources must make the same bytes.
        var verdict = ReleaseGate.evaluate(compilation, against: snapshot, label: "annexes")
        if writing, folderLock == nil, compilation.catalog != nil, !verdict.hasErrors, !compilation.diagnostics.contains(where: { $0.severity == .error }) {
            // A new folder: made and locked now; if another run made it meanwhile, judge again
            // against what that run wrote.
            try folder.create()
            folderLock = try folder.lock(.exclusive, waiting: options.lockWait)
            if let written = try folder.readIndex() {
                snapshot = PublishedSnapshot.read(folder, index: written, finishing: finishing, through: options.publishedFileSystem)
                verdict = ReleaseGate.evaluate(compilation, against: snapshot, label: "annexes")
            }
        }
        run.verdict = verdict
        run.diagnostics = compilation.diagnostics + verdict.diagnostics
        options.stageEnded("read and check")
        guard let catalog = compilation.catalog, !run.diagnostics.contains(where: { $0.severity == .error }) else { return }
        run.catalog = catalog
        switch goal {
        case .check:
            return
        case .compare, .build:
            run.outcome = try ReleasePipeline.build(catalog, snapshot: snapshot, settings: .init(dryRun: !writing, stageEnded: options.stageEnded))
        case let .publish(signingKey):
            let version = catalog.metadata.version
            var contents = ReleasePipeline.ReleaseContents(extras: [], previous: nil, signingKey: signingKey)
            if !snapshot.isPublished(version) {
                contents.extras = try ReleaseNotes.files(snapshot.withHistory(catalog), verdict: verdict, snapshot: snapshot, sources: options.compiler.sources)
                contents.previous = snapshot.latest(before: version)?.version.description
            }
            run.outcome = try ReleasePipeline.publish(catalog, snapshot: snapshot, release: contents, settings: .init(stageEnded: options.stageEnded))
        }
    }
}
