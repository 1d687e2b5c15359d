import CatalogCore
import Dispatch
import Synchronization

/// Loads a whole catalog folder: the manifest, the reference tables, each annex file it names
/// (in parallel, largest first) and the ledger. ``load(directory:from:limits:keepingBytes:)``
/// keeps every source record, for tools that edit the sources;
/// ``compile(directory:from:limits:requireCodes:published:)`` validates each annex file's
/// entries while the file is still being parsed and keeps only their typed form.
public enum SourceLoader {
    /// The manifest names tried, in order.
    public static let manifestNames = ["catalog.yaml", "catalog.yml", "catalog.xml"]
    /// The ledger file used when the manifest names none.
    public static let defaultLedger = "ledger.tsv"

    /// What loading found: the source catalog (nil if the manifest could not be read) and
    /// every problem, including those of files that could not be read at all.
    public struct Result: Sendable {
        public var catalog: SourceCatalog?
        public var diagnostics: [Diagnostic]
        /// The raw bytes of every annex file read, by path, for tools that edit them; empty
        /// unless `keepingBytes` was asked for.
        public var annexBytes: [String: [UInt8]]
    }

    /// What compiling found: every problem, sorted, and the catalog when there is no error,
    /// with what later stages need of the sources: where each entry's fields are written,
    /// and the manifest (its waivers, clarifications and field positions).
    public struct Compilation: Sendable {
        public var catalog: Catalog?
        public var diagnostics: [Diagnostic]
        /// Where each entry's fields are written, by code (empty without a catalog).
        public var locations: [String: EntryLocations] = [:]
        /// The manifest as read, nil when it could not be read.
        public var manifest: SourceManifest?

        public init(catalog: Catalog?, diagnostics: [Diagnostic], locations: [String: EntryLocations] = [:], manifest: SourceManifest? = nil) {
            self.catalog = catalog
            self.diagnostics = diagnostics
            self.locations = locations
            self.manifest = manifest
        }
    }

    /// Loads the catalog in `directory` (a path prefix such as `annexes`). With `keepingBytes`,
    /// the result also holds every annex file's bytes (for `assign`).
    public static func load(directory: String, from fs: some SourceFileSystem, limits: ReaderLimits = .standard, keepingBytes: Bool = false) -> Result {
        var diagnostics: [Diagnostic] = []
        guard let folder = FolderFiles.read(directory, from: fs, limits: limits, &diagnostics) else {
            return Result(catalog: nil, diagnostics: diagnostics, annexBytes: [:])
        }
        let annexes = Mutex<[(SourceAnnex?, [Diagnostic])]>(Array(repeating: (nil, []), count: folder.requests.count))
        let kept = Mutex<[String: [UInt8]]>([:])
        let (ledger, ledgerDiagnostics) = folder.parse(limits: limits) { i, file in
            let path = folder.requests[i].path
            let bytes: [UInt8]
            do { bytes = try file.contents() } catch {
                annexes.withLock { $0[i] = (nil, [FolderFiles.unreadable(folder.requests[i], error)]) }
                return
            }
            let parsed = SourceParser.parseAnnex(bytes, file: path, limits: limits)
            annexes.withLock { $0[i] = (parsed.value, parsed.diagnostics) }
            if keepingBytes { kept.withLock { $0[path] = bytes } }
        }
        var loaded: [SourceAnnex] = []
        for (annex, annexDiagnostics) in annexes.withLock({ $0 }) {
            diagnostics += annexDiagnostics
            if let annex { loaded.append(annex) }
        }
        diagnostics += ledgerDiagnostics
        let bytesByPath = kept.withLock { $0 }
        var catalog = SourceCatalog(manifest: folder.manifest, annexes: loaded, ledger: ledger, references: folder.references, notices: folder.notices)
        catalog.recognition = folder.recognition
        return Result(catalog: catalog, diagnostics: diagnostics, annexBytes: bytesByPath)
    }

    /// Loads and validates the catalog in `directory` in one pass, with the rules of
    /// ``Validator/validate(_:requireCodes:published:)``. Each annex file's entries are checked
    /// in batches on another thread while the parser goes on, and each source entry is dropped
    /// once checked, so a large catalog is never held twice; YAML files are parsed as they are
    /// read, never held whole. `batchSize` entries are handed from the parser to the checker
    /// at a time.
    public static func compile(directory: String, from fs: some SourceFileSystem, limits: ReaderLimits = .standard,
                               requireCodes: Bool = true, published: PublishedCatalog? = nil, batchSize: Int = 256) -> Compilation {
        var diagnostics: [Diagnostic] = []
        guard let folder = FolderFiles.read(directory, from: fs, limits: limits, &diagnostics) else {
            return Compilation(catalog: nil, diagnostics: diagnostics.sorted())
        }
        let session = ValidationSession(manifest: folder.manifest, references: folder.references, notices: folder.notices, published: published)
        let checkers = Dictionary(session.annexCheckers().map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        let results = Mutex<[(AnnexChecker.Result?, [Diagnostic])]>(Array(repeating: (nil, []), count: folder.requests.count))
        let (ledger, ledgerDiagnostics) = folder.parse(limits: limits) { i, file in
            let path = folder.requests[i].path
            guard let checker = checkers[path] else {
                // The manifest's settings for this annex are broken (reported there): the
                // file is still read for its own problems, and its entries are not checked.
                let parsed = SourceParser.streamAnnex(file, file: path, limits: limits, into: DiscardingSink(), batchSize: batchSize)
                results.withLock { $0[i] = (nil, parsed.diagnostics) }
                return
            }
            let sink = CheckingSink(checker)
            let parsed = SourceParser.streamAnnex(file, file: path, limits: limits, into: sink, batchSize: batchSize)
            let checked = sink.finish()
            // A file that could not be read to its end is not judged by its first part.
            results.withLock { $0[i] = (parsed.value == nil ? nil : checked, parsed.diagnostics) }
        }
        var checked: [AnnexChecker.Result] = []
        for (result, annexDiagnostics) in results.withLock({ $0 }) {
            diagnostics += annexDiagnostics
            if let result { checked.append(result) }
        }
        diagnostics += ledgerDiagnostics
        // The parsing threads' freed memory (source records, batches) stays with their malloc
        // arenas, where the catalog-wide rules on this thread cannot reuse it: give it back.
        FreedMemory.returnToSystem()
        var validation = session.finish(checked, ledger: ledger, requireCodes: requireCodes)
        if let recognition = folder.recognition {
            let rules = RecognitionCheck.check(recognition, annexes: RecognitionCheck.annexes(of: folder.manifest))
            diagnostics += rules.diagnostics
            validation.catalog?.recognition = rules.rules
        }
        if diagnostics.contains(where: { $0.severity == .error }) { validation.catalog = nil }
        return Compilation(catalog: validation.catalog, diagnostics: (diagnostics + validation.diagnostics).sorted(),
                           locations: validation.catalog == nil ? [:] : validation.locations, manifest: folder.manifest)
    }
}

/// A catalog folder after its manifest and reference tables are read and its annex files and
/// ledger are opened, not yet read.
private struct FolderFiles: Sendable {
    var manifest: SourceManifest
    var references: [MappingSystem: ReferenceSet]
    /// The licence notices the manifest names, by system.
    var notices: [MappingSystem: String]
    /// The recognition rules source, read and decoded, when the manifest names one.
    var recognition: SourceRecognition?
    /// The annex files the manifest names, in its order, with where it names them.
    var requests: [(path: String, location: SourceLocation)]
    /// The parsing work, largest first, so that the largest file never starts last.
    var jobs: [LoadJob]
    var ledgerPath: String

    /// Reads the folder; nil (with the reason in `diagnostics`) when there is no readable manifest.
    static func read(_ directory: String, from fs: some SourceFileSystem, limits: ReaderLimits, _ diagnostics: inout [Diagnostic]) -> FolderFiles? {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        // Every read below goes through this one guarded file system: a symbolic link leading
        // outside the folder, a FIFO, a device or a file over the size limit is refused before
        // anything is read.
        let fs = fs.confined(to: dir)
        var manifestPath: String?
        var manifestBytes: [UInt8] = []
        for name in SourceLoader.manifestNames {
            let path = dir + "/" + name
            do {
                if let bytes = try fs.contents(of: path) {
                    manifestPath = path
                    manifestBytes = bytes
                    break
                }
            } catch {
                diagnostics.append(SourceOpenFailure.diagnostic(error, what: "the manifest", at: .start(of: path)))
                return nil
            }
        }
        guard let manifestPath else {
            diagnostics.append(Diagnostic(.error, .fileMissing, "no catalog manifest (\(SourceLoader.manifestNames.joined(separator: ", "))) in '\(dir)'", at: .start(of: dir)))
            return nil
        }
        let parsed = SourceParser.parseManifest(manifestBytes, file: manifestPath, limits: limits)
        diagnostics += parsed.diagnostics
        guard let manifest = parsed.value else { return nil }
        // The reference tables come first: checking an entry's mappings needs them.
        let references = ReferenceLoader.load(manifest.references, manifestPath: manifestPath, from: fs, diagnostics: &diagnostics)

        let notices = NoticeLoader.load(manifest.notices, manifestPath: manifestPath, from: fs, diagnostics: &diagnostics)
        let recognition = readRecognition(manifest, manifestPath: manifestPath, from: fs, limits: limits, &diagnostics)

        let requests: [(path: String, location: SourceLocation)] = manifest.annexes.compactMap { spec in
            guard let file = spec.file else { return nil }
            return (Validator.resolve(file.value, against: manifestPath), file.location)
        }
        let outside = manifest.annexes.compactMap { $0.file.flatMap { ManifestPath.refusal($0, field: "annex file") } }
        var jobs: [LoadJob] = requests.enumerated().map { i, request in
            if let refusal = outside.first(where: { $0.location == request.location }) { return .failed(refusal) }
            do {
                if let file = try fs.open(request.path) { return .annex(i, file) }
                return .failed(Diagnostic(.error, .fileMissing, "annex file '\(request.path)' does not exist", at: request.location))
            } catch {
                return .failed(SourceOpenFailure.diagnostic(error, what: "annex file '\(request.path)'", at: request.location))
            }
        }
        let ledgerPath = Validator.resolve(manifest.ledger?.value ?? SourceLoader.defaultLedger, against: manifestPath)
        if let refusal = manifest.ledger.flatMap({ ManifestPath.refusal($0, field: "ledger") }) {
            jobs.append(.unreadableLedger(refusal))
        } else {
            do {
                if let file = try fs.open(ledgerPath) { jobs.append(.ledger(file)) }
            } catch {
                var refusal = SourceOpenFailure.diagnostic(error, what: "the ledger", at: manifest.ledger?.location ?? .start(of: ledgerPath))
                refusal.message += "; no code can be checked against it"
                jobs.append(.unreadableLedger(refusal))
            }
        }
        jobs.sort { $0.size > $1.size }
        if let refusal = MemoryBudget.refusal(sourceBytes: manifestBytes.count + jobs.reduce(0) { $0 + $1.size },
                                              limit: MemoryBudget.processLimit(), manifest: manifestPath) {
            diagnostics.append(refusal)
            return nil
        }
        return FolderFiles(manifest: manifest, references: references, notices: notices, recognition: recognition,
                           requests: requests, jobs: jobs, ledgerPath: ledgerPath)
    }

    /// Reads and decodes the recognition rules source the manifest names, if any.
    static func readRecognition(_ manifest: SourceManifest, manifestPath: String, from fs: some SourceFileSystem, limits: ReaderLimits,
                                _ diagnostics: inout [Diagnostic]) -> SourceRecognition? {
        guard let name = manifest.recognition else { return nil }
        if let refusal = ManifestPath.refusal(name, field: "recognition rules file") {
            diagnostics.append(refusal)
            return nil
        }
        let path = Validator.resolve(name.value, against: manifestPath)
        guard SourceParser.format(ofPath: path) != nil else {
            diagnostics.append(Diagnostic(.error, .manifestValue, "the recognition rules file '\(name.value)' must end in .yaml, .yml or .xml", at: name.location))
            return nil
        }
        do {
            guard let bytes = try fs.contents(of: path) else {
                diagnostics.append(Diagnostic(.error, .fileMissing, "recognition rules file '\(path)' does not exist", at: name.location))
                return nil
            }
            let parsed = SourceParser.parseRecognition(bytes, file: path, limits: limits)
            diagnostics += parsed.diagnostics
            return parsed.value
        } catch {
            diagnostics.append(SourceOpenFailure.diagnostic(error, what: "recognition rules file '\(path)'", at: name.location))
            return nil
        }
    }

    /// Runs every job concurrently: `annex` is called with each readable annex file's position
    /// and the opened file; returns the ledger (empty when there is none) and the problems of
    /// the ledger and of the files that could not be read.
    func parse(limits: ReaderLimits, annex: @Sendable (Int, any SourceFile) -> Void) -> (Ledger, [Diagnostic]) {
        let problems = Mutex<[Diagnostic]>([])
        let ledger = Mutex(Ledger(file: ledgerPath))
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            switch jobs[j] {
            case let .annex(i, file):
                annex(i, file)
            case let .failed(diagnostic):
                problems.withLock { $0.append(diagnostic) }
            case let .unreadableLedger(diagnostic):
                problems.withLock { $0.append(diagnostic) }
                ledger.withLock { $0.isUnreadable = true }
            case let .ledger(file):
                var bag = DiagnosticBag()
                do {
                    let bytes = try file.contents()
                    if String(validating: bytes, as: UTF8.self) != nil {
                        let parsed = bytes.withUnsafeBufferPointer { Ledger.parse($0, file: ledgerPath, diagnostics: &bag) }
                        ledger.withLock { $0 = parsed }
                    } else {
                        bag.error(.encoding, "the ledger is not valid UTF-8 text", at: .start(of: ledgerPath))
                        ledger.withLock { $0.isUnreadable = true }
                    }
                } catch {
                    bag.error(.fileMissing, "the ledger cannot be read: \(error); no code can be checked against it", at: .start(of: ledgerPath))
                    ledger.withLock { $0.isUnreadable = true }
                }
                problems.withLock { $0 += bag.all }
            }
        }
        return (ledger.withLock { $0 }, problems.withLock { $0 })
    }

    /// The problem of an annex file, named at `request.location`, that cannot be read.
    static func unreadable(_ request: (path: String, location: SourceLocation), _ error: any Error) -> Diagnostic {
        Diagnostic(.error, .fileMissing, "annex file '\(request.path)' cannot be read: \(error)", at: request.location)
    }
}

/// One piece of parsing work, run concurrently with the others.
private enum LoadJob: Sendable {
    /// Parse the annex file at this position of the manifest's list.
    case annex(Int, any SourceFile)
    /// An annex file could not be read.
    case failed(Diagnostic)
    /// Parse the ledger.
    case ledger(any SourceFile)
    /// The ledger cannot be read (or may not be): this diagnostic, and no code judged by it.
    case unreadableLedger(Diagnostic)

    /// The bytes to parse, to start the largest first.
    var size: Int {
        switch self {
        case let .annex(_, file): file.size
        case let .ledger(file): file.size
        case .failed, .unreadableLedger: 0
        }
    }
}
