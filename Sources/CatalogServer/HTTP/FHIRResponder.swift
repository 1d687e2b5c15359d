import CatalogRelease
import Foundation
import Hummingbird
import Logging

/// The HTTP side of the server: routes each request to its operation, reads `Parameters`
/// bodies, and writes FHIR JSON with the right status, ETag and Cache-Control. Every failure
/// becomes an OperationOutcome; nothing a client sends can stop the process.
public struct FHIRResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    public let store: ReleaseStore
    public let limits: ServerLimits
    /// Code systems and value sets other than the catalog's (test mode's fixtures); a request's
    /// `tx-resource` parameters are added to them for that request.
    public let fixtures: FixtureStore

    public init(store: ReleaseStore, limits: ServerLimits = ServerLimits(), fixtures: FixtureStore = .empty) {
        self.store = store
        self.limits = limits
        self.fixtures = fixtures
    }

    static let fhirJSON = "application/fhir+json; charset=utf-8"

    /// What an operation answered: the resource, its status, and the release it came from
    /// (for caching: only answers from published releases are cacheable).
    struct Answer {
        var body: JSONValue
        var status: HTTPResponse.Status = .ok
        var release: ServedRelease?
        var headers: HTTPFields = [:]
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await handle(request, context: context)
        } catch let error as FHIRError {
            response = Self.error(error)
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": "\(error)"])
            response = Self.error(FHIRError(.internalServerError, .exception, "the server could not answer this request"))
        }
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
            "ms": "\(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)",
        ])
        return response
    }

    /// The OperationOutcome response of `error`.
    static func error(_ error: FHIRError, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = fhirJSON
        fields[.cacheControl] = "no-store"
        return Response(status: error.status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: error.outcome.serialized())))
    }

    private func handle(_ request: Request, context: Context) async throws -> Response {
        let rawPath = request.uri.path
        guard rawPath.utf8.count + (request.uri.query?.utf8.count ?? 0) <= limits.maximumURLBytes else {
            throw FHIRError(.uriTooLong, .tooCostly, "the URL is longer than \(limits.maximumURLBytes) bytes; send the parameters in a POST Parameters body")
        }
        let query = try Self.queryPairs(request.uri.query)
        if let format = query.last(where: { $0.0 == "_format" })?.1, !["json", "application/json", "application/fhir+json"].contains(format.split(separator: ";").first.map(String.init) ?? "") {
            throw FHIRError(.unsupportedMediaType, .notSupported, "this server answers in JSON only (_format=json or application/fhir+json)", expression: "_format")
        }
        let segments = rawPath.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let language = request.headers[.acceptLanguage].flatMap(DisplayLanguage.init(acceptLanguage:))
        let terminology = Terminology(releases: store.snapshot, acceptLanguage: language)
        let method = request.method
        let baseURL = Self.baseURL(request)

        /// Reads the operation's input from the query (GET) or the Parameters body (POST).
        func input(_ operation: String) async throws -> OperationInput {
            if method == .get || method == .head { return OperationInput.query(operation, query) }
            var req = request
            let body = try await readBody(&req)
            if body.isEmpty { return OperationInput.query(operation, query) }
            if let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased(),
               !["application/fhir+json", "application/json"].contains(type) {
                if type == "application/x-www-form-urlencoded" {
                    return OperationInput.query(operation, try Self.queryPairs(String(decoding: body, as: UTF8.self)) + query)
                }
                throw FHIRError(.unsupportedMediaType, .notSupported, "\(operation) takes application/fhir+json (a Parameters resource), not \(type)")
            }
            return try OperationInput.body(operation, try JSONValue.parse(body), query: query)
        }
        /// Runs an operation that answers GET and POST.
        func operation(_ name: String, _ body: (OperationInput) throws -> JSONValue) async throws -> Answer {
            guard method == .get || method == .post || method == .head else { throw Self.methodNotAllowed(name, allowed: "GET, POST") }
            let given = try await input(name)
            return Answer(body: try body(given), release: nil)
        }

        let feedNames = [ReleaseFeeds.atomName, ReleaseFeeds.packageListName, ReleaseFeeds.packageFeedName]
        if segments.count == 1, feedNames.contains(segments[0]), let feed = terminology.feeds(baseURL: baseURL)[segments[0]] {
            guard method == .get || method == .head else { throw Self.methodNotAllowed(segments[0], allowed: "GET") }
            let type = segments[0].hasSuffix(".json") ? "application/json" : segments[0] == ReleaseFeeds.atomName ? "application/atom+xml" : "application/rss+xml"
            return Self.file(feed, type: type + "; charset=utf-8", request: request)
        }
        if segments.count >= 3, segments[0] == "releases" {
            guard method == .get || method == .head else { throw Self.methodNotAllowed(rawPath, allowed: "GET") }
            let bytes = try terminology.releaseFile(version: segments[1], path: segments.dropFirst(2).joined(separator: "/"))
            let type = rawPath.hasSuffix(".json") ? "application/json" : rawPath.hasSuffix(".gz") || rawPath.hasSuffix(".tgz") ? "application/gzip" : "application/octet-stream"
            return Self.file(bytes, type: type, request: request)
        }
        let answer: Answer
        switch segments.count {
        case 0:
            throw FHIRError(.notFound, .notFound, "this is a FHIR terminology server: start with GET metadata")
        case 1:
            let name = segments[0]
            switch name {
            case "metadata":
                guard method == .get || method == .head else { throw Self.methodNotAllowed("metadata", allowed: "GET") }
                let mode = query.last { $0.0 == "mode" }?.1
                switch mode {
                case nil, "full": answer = Answer(body: terminology.capabilityStatement())
                case "terminology": answer = Answer(body: terminology.terminologyCapabilities())
                default: throw FHIRError(.badRequest, .value, "metadata: mode must be full or terminology", expression: "mode")
                }
            case "$versions": answer = try await operation("$versions") { _ in terminology.versions() }
            case "$recognize": answer = try await operation("$recognize") { try terminology.recognize($0) }
            case "CodeSystem", "ValueSet", "ConceptMap", "OperationDefinition", "NamingSystem":
                guard method == .get || method == .head else { throw Self.methodNotAllowed(name, allowed: "GET") }
                answer = Answer(body: try terminology.search(type: name, query, baseURL: baseURL))
            default:
                if name.hasPrefix("$") { throw Self.unknownOperation(name, on: "the system") }
                throw FHIRError(.notFound, .notFound, "'\(name)' is not a resource type this server serves (CodeSystem, ValueSet, ConceptMap)")
            }
        case 2, 3:
            let type = segments[0], second = segments[1]
            guard ["CodeSystem", "ValueSet", "ConceptMap", "OperationDefinition", "NamingSystem"].contains(type) else {
                throw FHIRError(.notFound, .notFound, "'\(type)' is not a resource type this server serves (CodeSystem, ValueSet, ConceptMap)")
            }
            let instance = segments.count == 3 ? second : nil
            let op = segments.count == 3 ? segments[2] : second
            if op.hasPrefix("$") {
                switch (type, op) {
                case ("CodeSystem", "$lookup"):
                    answer = try await operation(op) { try FixtureTerminology(fixtures, $0).lookup() ?? terminology.lookup($0, instance: instance) }
                case ("CodeSystem", "$validate-code"):
                    answer = try await operation(op) {
                        try FixtureTerminology(fixtures, $0).validateCode(inValueSet: false) ?? terminology.validateCodeInCodeSystem($0, instance: instance)
                    }
                case ("ValueSet", "$expand"):
                    answer = try await operation(op) { try FixtureTerminology(fixtures, $0).expand() ?? terminology.expand($0, instance: instance) }
                case ("ValueSet", "$validate-code"):
                    answer = try await operation(op) {
                        try FixtureTerminology(fixtures, $0).validateCode(inValueSet: true) ?? terminology.validateCodeInValueSet($0, instance: instance)
                    }
                case ("ConceptMap", "$translate"): answer = try await operation(op) { try terminology.translate($0, instance: instance) }
                default: throw Self.unknownOperation(op, on: type)
                }
            } else if segments.count == 2 {
                guard method == .get || method == .head else {
                    throw Self.methodNotAllowed("\(type)/\(second)", allowed: "GET", detail: "this server is read-only")
                }
                let (resource, release) = try terminology.read(type: type, id: second)
                answer = Answer(body: .raw(resource.bytes), release: release)
            } else {
                throw FHIRError(.notFound, .notFound, "\(rawPath) is not a route of this server")
            }
        default:
            throw FHIRError(.notFound, .notFound, "\(rawPath) is not a route of this server")
        }
        return Self.render(answer, request: request, cacheable: (method == .get || method == .head) && terminology.releases.releases.allSatisfy { $0.status == .published })
    }

    /// Writes an answer; GET answers from published releases get a strong ETag (the SHA-256 of
    /// the body) and Cache-Control, and `If-None-Match` with that ETag gets 304.
    static func render(_ answer: Answer, request: Request, cacheable: Bool) -> Response {
        let bytes = answer.body.serialized()
        var headers = answer.headers
        headers[.contentType] = fhirJSON
        if cacheable, answer.status == .ok {
            let etag = "\"" + String(FileDigest.of(bytes: bytes).sha256.prefix(40)) + "\""
            headers[.eTag] = etag
            headers[.cacheControl] = "public, max-age=300"
            headers[.vary] = "Accept-Language"
            if let given = request.headers[.ifNoneMatch], given.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
                headers[.contentType] = nil
                return Response(status: .notModified, headers: headers)
            }
        } else {
            headers[.cacheControl] = "no-store"
        }
        if request.method == .head {
            headers[.contentLength] = String(bytes.count)
            return Response(status: answer.status, headers: headers)
        }
        return Response(status: answer.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A file answer (a feed, a release file), with its ETag.
    static func file(_ bytes: [UInt8], type: String, request: Request) -> Response {
        let etag = "\"" + String(FileDigest.of(bytes: bytes).sha256.prefix(40)) + "\""
        var headers: HTTPFields = [.contentType: type, .eTag: etag, .cacheControl: "public, max-age=300"]
        if let given = request.headers[.ifNoneMatch], given.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        if request.method == .head {
            headers[.contentLength] = String(bytes.count)
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Reads the body, refusing one larger than the limit or slower than the timeout.
    private func readBody(_ request: inout Request) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maximumBodyBytes {
            throw Self.tooLarge(limits.maximumBodyBytes)
        }
        let limit = limits.maximumBodyBytes, seconds = limits.bodyTimeoutSeconds
        let body = request.body
        let buffer: ByteBuffer? = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask {
                do { return try await body.collect(upTo: limit) } catch { throw Self.tooLarge(limit) }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let buffer else {
            throw FHIRError(.requestTimeout, .timeout, "the request body did not arrive within \(Int(seconds)) seconds")
        }
        return Array(buffer.readableBytesView)
    }

    static func tooLarge(_ limit: Int) -> FHIRError {
        FHIRError(.contentTooLarge, .tooCostly, "the request body is larger than \(limit) bytes")
    }

    static func methodNotAllowed(_ what: String, allowed: String, detail: String = "") -> FHIRError {
        FHIRError(.methodNotAllowed, .notSupported, "\(what) allows \(allowed) only" + (detail.isEmpty ? "" : "; \(detail)"))
    }

    static func unknownOperation(_ name: String, on target: String) -> FHIRError {
        FHIRError(.badRequest, .notSupported, "the operation \(name) is not known on \(target); GET metadata lists the operations")
    }

    /// The server's base URL as the client reached it (for `fullUrl`).
    static func baseURL(_ request: Request) -> String {
        func header(_ name: String) -> String? { request.headers.first { $0.name.canonicalName == name }?.value }
        let host = header("x-forwarded-host") ?? request.head.authority ?? "localhost"
        let scheme = header("x-forwarded-proto") ?? "http"
        let prefix = header("x-forwarded-prefix") ?? ""
        return scheme + "://" + host + prefix
    }

    /// Splits and decodes a query string (`+` is a space); refuses bad percent-encoding.
    static func queryPairs(_ query: String?) throws -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return try query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "+", with: " ") }
            guard let key = parts[0].removingPercentEncoding, let value = (parts.count > 1 ? parts[1] : "").removingPercentEncoding else {
                throw FHIRError(.badRequest, .invalid, "the query string has a malformed percent-encoding near '\(pair.prefix(40))'")
            }
            return (key, value)
        }
    }
}
