import ArgumentParser
import CatalogServer
import Dispatch

/// `lienthong serve`: a read-only FHIR R4 terminology server over the releases of an output
/// folder. The command only parses its options; the server is ``TerminologyServer``.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the published releases as a read-only FHIR R4 terminology server.",
        discussion: """
        Loads every published release of the output folder's index.json (each verified against its \
        release.json first; one that fails is refused and logged), the latest answering by default \
        and any other chosen with version/system-version. Drafts are served only with \
        --include-drafts. SIGHUP reloads the folder; SIGTERM or SIGINT stops the server after the \
        requests in flight. Logs go to standard error.

          lienthong serve --out generated --port 8080
          curl 'http://127.0.0.1:8080/CodeSystem/$lookup?system=https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang&code=HS0001D'
        """)

    /// The two log layouts.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: ArgumentHelp("Folder of the releases (with index.json).", discussion: "Example: --out generated", valueName: "dir"))
    var out: String = "generated"

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", discussion: "Example: --host 127.0.0.1", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on.", discussion: "Example: --port 8080", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("Log layout on standard error: 'text' or 'json' (one object per line).", valueName: "format"))
    var logFormat: LogFormat = .text

    @Flag(name: .long, help: ArgumentHelp("Also serve draft versions (never verified: they have no release.json)."))
    var includeDrafts = false

    @Option(name: .long, help: ArgumentHelp("Largest request body accepted, in bytes (larger: HTTP 413).", valueName: "bytes"))
    var maxBodyBytes: Int = ServerLimits().maximumBodyBytes

    @Option(name: .long, help: ArgumentHelp("Seconds a client may take to send its body (slower: HTTP 408).", valueName: "seconds"))
    var bodyTimeout: Double = ServerLimits().bodyTimeoutSeconds

    @Option(name: .long, help: ArgumentHelp("Seconds a connection may stay silent, partial headers included, before it is closed.", valueName: "seconds"))
    var idleTimeout: Double = ServerLimits().idleTimeoutSeconds

    @Option(name: .long, help: ArgumentHelp("Test mode: also serve the CodeSystems and ValueSets of this folder (the HL7 terminology-ecosystem suite's tests/ folder).",
                                            discussion: "Example: --tx-fixtures /tmp/fhir-tx-ecosystem-ig/tests", valueName: "dir"))
    var txFixtures: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive") }
        guard bodyTimeout > 0, bodyTimeout <= 3600 else { throw ValidationError("--body-timeout must be between 0 and 3600 seconds") }
        guard idleTimeout > 0, idleTimeout <= 3600 else { throw ValidationError("--idle-timeout must be between 0 and 3600 seconds") }
    }

    func run() throws {
        let logger = TerminologyServer.makeLogger(json: logFormat == .json)
        let server: TerminologyServer
        do {
            server = try TerminologyServer(options: .init(folder: out, host: host, port: port, includeDrafts: includeDrafts, jsonLogs: logFormat == .json,
                                                        limits: ServerLimits(maximumBodyBytes: maxBodyBytes, bodyTimeoutSeconds: bodyTimeout, idleTimeoutSeconds: idleTimeout),
                                                        txFixtures: txFixtures),
                                         logger: logger)
        } catch {
            Console.error("lienthong: \(error)\n")
            throw ExitCode(1)
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await server.run() } catch { outcome.failure = "\(error)" }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            Console.error("lienthong: serve: \(failure)\n")
            throw ExitCode(1)
        }
    }

    /// How the server ended, set by the task that ran it.
    private final class Outcome: @unchecked Sendable {
        var failure: String?
    }
}
