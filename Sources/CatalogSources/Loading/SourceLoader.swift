import CatalogCore
import Dispatch
import Synchronization

/// Loads a whole catalog folder: the manifest, each annex file it names (in parallel), and
/// the ledger.
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

    /// Loads the catalog in `directory` (a path prefix such as `annexes`). With `keepingBytes`,
    /// the result also holds every annex file's bytes (for `assign`).
    public static func load(directory: String, from fs: some SourceFileSystem, limits: ReaderLimits = .standard, keepingBytes: Bool = false) -> Result {
        var diagnostics: [Diagnostic] = []
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var manifestPath: String?
        var manifestBytes: [UInt8] = []
        for name in manifestNames {
            let path = dir + "/" + name
            do {
                if let bytes = try fs.contents(of: path) {
                    manifestPath = path
                    manifestBytes = bytes
                    break
                }
            } catch {
                let d = Diagnostic(.error, .limitExceeded, "the manifest cannot be read: \(error)", at: .start(of: path))
                return Result(catalog: nil, diagnostics: [d], annexBytes: [:])
            }
        }
        guard let manifestPath else {
            let d = Diagnostic(.error, .fileMissing, "no catalog manifest (\(manifestNames.joined(separator: ", "))) in '\(dir)'", at: .start(of: dir))
            return Result(catalog: nil, diagnostics: [d], annexBytes: [:])
        }
        let parsed = SourceParser.parseManifest(manifestBytes, file: manifestPath, limits: limits)
        diagnostics += parsed.diagnostics
        guard let manifest = parsed.value else { return Result(catalog: nil, diagnostics: diagnostics, annexBytes: [:]) }

        let requests: [(path: String, location: SourceLocation)] = manifest.annexes.compactMap { spec in
            guard let file = spec.file else { return nil }
            return (Validator.resolve(file.value, against: manifestPath), file.location)
        }
        let results = Mutex<[(SourceAnnex?, [Diagnostic], [UInt8]?)]>(Array(repeating: (nil, [], nil), count: requests.count))
        DispatchQueue.concurrentPerform(iterations: requests.count) { i in
            let request = requests[i]
            let outcome: (SourceAnnex?, [Diagnostic], [UInt8]?)
            do {
                if let bytes = try fs.contents(of: request.path) {
                    let parsed = SourceParser.parseAnnex(bytes, file: request.path, limits: limits)
                    outcome = (parsed.value, parsed.diagnostics, keepingBytes ? bytes : nil)
                } else {
                    outcome = (nil, [Diagnostic(.error, .fileMissing, "annex file '\(request.path)' does not exist", at: request.location)], nil)
                }
            } catch let tooLarge as SourceFileTooLarge {
                outcome = (nil, [Diagnostic(.error, .limitExceeded, "annex file '\(request.path)' is \(tooLarge.size) bytes; the limit is \(tooLarge.limit)", at: request.location)], nil)
            } catch {
                outcome = (nil, [Diagnostic(.error, .fileMissing, "annex file '\(request.path)' cannot be read: \(error)", at: request.location)], nil)
            }
            results.withLock { $0[i] = outcome }
        }
        var annexes: [SourceAnnex] = []
        var bytesByPath: [String: [UInt8]] = [:]
        for (i, (annex, annexDiagnostics, bytes)) in results.withLock({ $0 }).enumerated() {
            diagnostics += annexDiagnostics
            if let annex { annexes.append(annex) }
            if let bytes { bytesByPath[requests[i].path] = bytes }
        }

        let ledgerPath = Validator.resolve(manifest.ledger?.value ?? defaultLedger, against: manifestPath)
        var ledgerDiagnostics = DiagnosticBag()
        var ledger = Ledger(file: ledgerPath)
        if let bytes = try? fs.contents(of: ledgerPath) {
            if let text = String(validating: bytes, as: UTF8.self) {
                ledger = Ledger.parse(text, file: ledgerPath, diagnostics: &ledgerDiagnostics)
            } else {
                ledgerDiagnostics.error(.encoding, "the ledger is not valid UTF-8 text", at: .start(of: ledgerPath))
            }
        }
        diagnostics += ledgerDiagnostics.all
        let references = ReferenceLoader.load(manifest.references, manifestPath: manifestPath, from: fs, diagnostics: &diagnostics)
        return Result(catalog: SourceCatalog(manifest: manifest, annexes: annexes, ledger: ledger, references: references),
                      diagnostics: diagnostics, annexBytes: bytesByPath)
    }
}
