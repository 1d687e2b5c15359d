/// Builds a FHIR `Parameters` resource, each value with its FHIR type (`valueString`,
/// `valueCode`, `valueBoolean`, …) or as parts.
struct ParametersBuilder {
    private(set) var parameters: [JSONValue] = []

    mutating func add(_ name: String, _ type: String, _ value: JSONValue?) {
        guard let value, value != .string("") else { return }
        parameters.append(.object([("name", .string(name)), ("value" + type, value)]))
    }

    mutating func string(_ name: String, _ value: String?) { add(name, "String", value.map(JSONValue.string)) }
    mutating func code(_ name: String, _ value: String?) { add(name, "Code", value.map(JSONValue.string)) }
    mutating func uri(_ name: String, _ value: String?) { add(name, "Uri", value.map(JSONValue.string)) }
    mutating func bool(_ name: String, _ value: Bool?) { add(name, "Boolean", value.map(JSONValue.bool)) }
    mutating func int(_ name: String, _ value: Int?) { add(name, "Integer", value.map(JSONValue.int)) }

    /// A parameter made of parts.
    mutating func part(_ name: String, _ build: (inout ParametersBuilder) -> Void) {
        var inner = ParametersBuilder()
        build(&inner)
        parameters.append(.object([("name", .string(name)), ("part", .array(inner.parameters))]))
    }

    /// A parameter holding a resource.
    mutating func resource(_ name: String, _ resource: JSONValue) {
        parameters.append(.object([("name", .string(name)), ("resource", resource)]))
    }

    var resource: JSONValue {
        .object([("resourceType", .string("Parameters")), ("parameter", .array(parameters))])
    }

    /// A Coding value.
    static func coding(system: String, version: String? = nil, code: String, display: String? = nil) -> JSONValue {
        .members([("system", .string(system)), ("version", version.map(JSONValue.string)), ("code", .string(code)), ("display", display.map(JSONValue.string))])
    }
}
