/// The input parameters of one operation call, from the query string (GET) or a
/// `Parameters` resource (POST), looked up by name. A primitive is kept as its JSON value; a
/// Coding or CodeableConcept as its object.
public struct OperationInput: Sendable {
    public let operation: String
    private let values: [(name: String, value: JSONValue)]

    init(operation: String, values: [(name: String, value: JSONValue)]) {
        self.operation = operation
        self.values = values
    }

    /// The parameters of a query string (already split and percent-decoded).
    static func query(_ operation: String, _ pairs: [(String, String)]) -> OperationInput {
        OperationInput(operation: operation, values: pairs.filter { !$0.0.hasPrefix("_") }.map { ($0.0, JSONValue.string($0.1)) })
    }

    /// The parameters of a `Parameters` body; query parameters come after them.
    static func body(_ operation: String, _ resource: JSONValue, query: [(String, String)]) throws -> OperationInput {
        guard resource["resourceType"]?.stringValue == "Parameters" else {
            throw FHIRError(.badRequest, .invalid, "\(operation) takes a Parameters resource as its body (resourceType \"Parameters\")", expression: "resourceType")
        }
        var values: [(String, JSONValue)] = []
        for (i, parameter) in (resource["parameter"]?.arrayValue ?? []).enumerated() {
            guard case let .object(members) = parameter, let name = parameter["name"]?.stringValue else {
                throw FHIRError(.badRequest, .structure, "Parameters.parameter[\(i)] has no name", expression: "Parameters.parameter[\(i)]")
            }
            if let value = members.first(where: { $0.0.hasPrefix("value") })?.1 {
                values.append((name, value))
            } else if let resource = parameter["resource"] {
                values.append((name, resource))
            } else if let part = parameter["part"] {
                values.append((name, .object([("part", part)])))
            } else {
                throw FHIRError(.badRequest, .structure, "Parameters.parameter[\(i)] ('\(name)') has no value", expression: "Parameters.parameter[\(i)]")
            }
        }
        if resource["parameter"] != nil && resource["parameter"]?.arrayValue == nil {
            throw FHIRError(.badRequest, .structure, "Parameters.parameter must be an array", expression: "Parameters.parameter")
        }
        return OperationInput(operation: operation, values: values + query.filter { !$0.0.hasPrefix("_") }.map { ($0.0, .string($0.1)) })
    }

    /// Whether any parameter is named `name`.
    func has(_ name: String) -> Bool { values.contains { $0.name == name } }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [JSONValue] { values.filter { $0.name == name }.map(\.value) }

    /// The text of `name` (a string, code, uri or other primitive); nil when absent.
    func string(_ name: String) throws -> String? {
        guard let value = all(name).first else { return nil }
        switch value {
        case let .string(s): return s
        case let .int(n): return String(n)
        case let .bool(b): return b ? "true" : "false"
        default: throw FHIRError(.badRequest, .value, "\(operation): the parameter '\(name)' must be a primitive value", expression: name)
        }
    }

    /// Every text value of `name`.
    func strings(_ name: String) throws -> [String] {
        try all(name).map { value in
            switch value {
            case let .string(s): return s
            case let .int(n): return String(n)
            case let .bool(b): return b ? "true" : "false"
            default: throw FHIRError(.badRequest, .value, "\(operation): the parameter '\(name)' must be a primitive value", expression: name)
            }
        }
    }

    /// The text of a parameter that must be given.
    func required(_ name: String) throws -> String {
        guard let value = try string(name), !value.isEmpty else { throw FHIRError.missing(name, operation) }
        return value
    }

    /// A boolean parameter ("true" or "false").
    func bool(_ name: String) throws -> Bool? {
        guard let value = all(name).first else { return nil }
        switch value {
        case let .bool(b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: throw FHIRError(.badRequest, .value, "\(operation): the parameter '\(name)' must be true or false", expression: name)
        }
    }

    /// A non-negative integer parameter.
    func int(_ name: String) throws -> Int? {
        guard let value = all(name).first else { return nil }
        let number: Int?
        switch value {
        case let .int(n): number = n
        case let .string(s): number = Int(s)
        default: number = nil
        }
        guard let number, number >= 0 else {
            throw FHIRError(.badRequest, .value, "\(operation): the parameter '\(name)' must be a whole number, 0 or more", expression: name)
        }
        return number
    }

    /// A Coding parameter (`coding`), or the first coding of a CodeableConcept.
    func coding(_ name: String) throws -> Coding? {
        guard let value = all(name).first else { return nil }
        var object = value
        if let first = value["coding"]?.arrayValue?.first { object = first }
        guard case .object = object else {
            throw FHIRError(.badRequest, .value, "\(operation): the parameter '\(name)' must be a \(name == "codeableConcept" ? "CodeableConcept" : "Coding")", expression: name)
        }
        return Coding(system: object["system"]?.stringValue, version: object["version"]?.stringValue,
                      code: object["code"]?.stringValue, display: object["display"]?.stringValue)
    }
}

/// A FHIR Coding as given in a request.
public struct Coding: Sendable, Equatable {
    public var system: String?
    public var version: String?
    public var code: String?
    public var display: String?
}
