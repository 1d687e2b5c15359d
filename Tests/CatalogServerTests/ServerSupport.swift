import CatalogServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// Starts the server in-process over a release folder and sends it requests through
/// HummingbirdTesting's router client.
enum Serving {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let generated = root.appendingPathComponent("generated").path
    static let system = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// The server over the real `generated/` (loaded once: the releases never change).
    static let real: TerminologyServer = try! TerminologyServer(options: .init(folder: generated), logger: logger)

    /// A server over `folder`.
    static func server(_ folder: String, drafts: Bool = false, limits: ServerLimits = ServerLimits()) throws -> TerminologyServer {
        try TerminologyServer(options: .init(folder: folder, includeDrafts: drafts, limits: limits), logger: logger)
    }

    /// One response: status, headers and the body parsed as JSON (nil when empty).
    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var json: [String: Any]?
        var text: String

        /// The `valueX` of the first parameter `name` of a Parameters resource.
        func parameter(_ name: String) -> Any? {
            Reply.parameter(name, in: json)
        }

        static func parameter(_ name: String, in resource: [String: Any]?) -> Any? {
            guard let parameters = resource?["parameter"] as? [[String: Any]], let p = parameters.first(where: { $0["name"] as? String == name }) else { return nil }
            if let part = p["part"] { return part }
            return p.first { $0.key.hasPrefix("value") }?.value
        }

        /// Every `parameter` named `name`.
        func parameters(_ name: String) -> [[String: Any]] {
            ((json?["parameter"] as? [[String: Any]]) ?? []).filter { $0["name"] as? String == name }
        }

        /// The first issue's code of an OperationOutcome.
        var issueCode: String? {
            ((json?["issue"] as? [[String: Any]])?.first?["code"]) as? String
        }
    }

    /// Sends requests to `server` in-process.
    static func with(_ server: TerminologyServer, _ body: @Sendable (Client) async throws -> Void) async throws {
        try await server.application().test(.router) { client in
            try await body(Client(client: client))
        }
    }

    struct Client {
        let client: any TestClientProtocol

        func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Reply {
            try await send(uri, method: .get, headers: headers, body: nil)
        }

        func post(_ uri: String, _ json: String, contentType: String = "application/fhir+json") async throws -> Reply {
            try await send(uri, method: .post, headers: [.contentType: contentType], body: json)
        }

        func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: String?) async throws -> Reply {
            try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                let text = String(buffer: response.body)
                let json = text.isEmpty ? nil : (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
                return Reply(status: response.status, headers: response.headers, json: json, text: text)
            }
        }
    }

    /// A copy of `generated/` in a new temporary folder (for tests that change files).
    static func copyOfGenerated() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: generated, toPath: folder)
        return folder
    }

    /// Percent-encodes a query value.
    static func q(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
