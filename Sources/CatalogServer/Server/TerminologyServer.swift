import Dispatch
import Foundation
import Hummingbird
import Logging

/// `lienthong serve`: loads the releases of an output folder, answers FHIR requests over them
/// on Hummingbird, reloads on SIGHUP (a new set swapped in whole; a release that fails
/// verification refused, the previous data kept) and stops gracefully on SIGTERM or SIGINT.
public struct TerminologyServer: Sendable {
    /// How the server is started.
    public struct Options: Sendable {
        public var folder: String
        public var host: String
        public var port: Int
        public var includeDrafts: Bool
        public var jsonLogs: Bool
        public var limits: ServerLimits
        /// Test mode: a folder of CodeSystems and ValueSets (the HL7 terminology-ecosystem
        /// suite's tests/ folder) served beside the catalog.
        public var txFixtures: String?

        public init(folder: String, host: String = "127.0.0.1", port: Int = 8080, includeDrafts: Bool = false, jsonLogs: Bool = false,
                    limits: ServerLimits = ServerLimits(), txFixtures: String? = nil) {
            self.txFixtures = txFixtures
            self.folder = folder
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
            self.jsonLogs = jsonLogs
            self.limits = limits
        }
    }

    public let options: Options
    public let logger: Logger
    public let store: ReleaseStore
    private let loader: ReleaseLoader
    private let generation: GenerationCounter
    /// The test mode's fixtures (empty unless `txFixtures` is given).
    public let fixtures: FixtureStore

    /// Loads the releases (throws ``ReleaseLoader/Failure`` when none can be served) and logs
    /// each one served or refused.
    public init(options: Options, logger: Logger) throws {
        self.options = options
        self.logger = logger
        loader = ReleaseLoader(folder: options.folder, includeDrafts: options.includeDrafts)
        let (set, events) = try loader.load(generation: 1)
        Self.log(events, to: logger)
        store = ReleaseStore(set)
        generation = GenerationCounter()
        if let folder = options.txFixtures {
            fixtures = try FixtureStore.load(folder: folder)
            logger.warning("test mode: serving \(fixtures.codeSystems.count) code systems and \(fixtures.valueSets.count) value sets from \(folder) beside the catalog")
        } else {
            fixtures = .empty
        }
    }

    /// A logger writing text or JSON lines to standard error.
    public static func makeLogger(json: Bool, label: String = "lienthong.serve") -> Logger {
        Logger(label: label) { label in
            json ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
    }

    /// The Hummingbird application answering from the store.
    public func application() -> some ApplicationProtocol {
        Application(responder: FHIRResponder(store: store, limits: options.limits, fixtures: fixtures),
                    server: .http1(configuration: .init(idleTimeout: .milliseconds(Int64(options.limits.idleTimeoutSeconds * 1000)))),
                    configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: nil),
                    logger: logger)
    }

    /// Re-reads the folder and swaps the new set in. A release served before that now fails is
    /// kept as it was loaded (it was verified then); when nothing can be loaded, the current
    /// set stays.
    @discardableResult
    public func reload() -> Bool {
        let old = store.snapshot
        let next = generation.next()
        do {
            let (set, events) = try loader.load(generation: next)
            Self.log(events, to: logger)
            var releases = set.releases
            for event in events where event.level == .error {
                if let version = event.version, let kept = old.releases.first(where: { $0.version == version }), !releases.contains(where: { $0.version == version }) {
                    releases.append(kept)
                    logger.warning("keeping \(version) as loaded before (the copy on disk is refused)")
                }
            }
            store.replace(with: ReleaseSet(releases: releases, generation: next, feeds: set.feeds))
            logger.info("reloaded", metadata: ["versions": "\(releases.map(\.version).sorted().joined(separator: ","))", "generation": "\(next)"])
            return true
        } catch {
            logger.error("reload refused, previous releases kept: \(error)")
            return false
        }
    }

    /// Serves until SIGTERM or SIGINT; SIGHUP reloads.
    public func run() async throws {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "lienthong.serve.reload"))
        source.setEventHandler { [self] in
            logger.info("SIGHUP: reloading \(options.folder)")
            reload()
        }
        source.resume()
        defer { source.cancel() }
        logger.info("serving FHIR R4 on http://\(options.host):\(options.port)", metadata: ["versions": "\(store.snapshot.releases.map(\.version).joined(separator: ","))"])
        try await application().runService()
    }

    static func log(_ events: [ReleaseLoader.Event], to logger: Logger) {
        for e in events {
            switch e.level {
            case .info: logger.info("\(e.message)")
            case .warning: logger.warning("\(e.message)")
            case .error: logger.error("\(e.message)")
            }
        }
    }
}

/// Numbers the loaded sets.
final class GenerationCounter: @unchecked Sendable {
    private let lock = NSLockBox()
    private var value = 1
    func next() -> Int { lock.withLock { value += 1; return value } }
}
