/// A CodeSystem given to the server as a resource (a `tx-resource` parameter, or a fixture of the
/// HL7 terminology-ecosystem tests loaded with `serve --tx-fixtures`), read into concepts with
/// their parents, children, properties and designations. Only the catalog's own code system is
/// served from releases; these are the other code systems a request may bring.
struct FixtureCodeSystem: Sendable {
    /// One concept, with its place in the hierarchy.
    struct Concept: Sendable {
        var code: String
        var display: String?
        var definition: String?
        var designations: [JSONValue]
        var properties: [(code: String, value: (type: String, value: JSONValue))]
        var parent: String?
        var children: [String]

        /// The values of property `code`, as text.
        func values(_ code: String) -> [String] {
            properties.filter { $0.code == code }.compactMap { Self.text($0.value.value) }
        }

        static func text(_ value: JSONValue) -> String? {
            switch value {
            case let .string(s): return s
            case let .bool(b): return b ? "true" : "false"
            case let .int(n): return String(n)
            case let .object(members): return members.first { $0.0 == "code" }?.1.stringValue
            default: return nil
            }
        }

        /// Inactive: status retired/inactive/deprecated-as-inactive, or `inactive` true.
        var inactive: Bool {
            values("inactive").contains("true") || values("status").contains { ["retired", "inactive"].contains($0) }
        }

        /// Abstract (not selectable): `notSelectable` true.
        var abstract: Bool { values("notSelectable").contains("true") }
    }

    let resource: JSONValue
    let url: String
    let version: String?
    let name: String?
    let caseSensitive: Bool
    let language: String?
    /// Concepts in document order (depth first).
    let concepts: [Concept]
    let index: [String: Int]
    /// The property definitions (code → uri, type).
    let propertyDefinitions: [(code: String, uri: String?, type: String?)]

    /// Reads a CodeSystem resource; nil when it is not one or has no url.
    init?(_ resource: JSONValue) {
        guard resource["resourceType"]?.stringValue == "CodeSystem", let url = resource["url"]?.stringValue else { return nil }
        self.resource = resource
        self.url = url
        version = resource["version"]?.stringValue
        name = resource["name"]?.stringValue
        language = resource["language"]?.stringValue
        if case let .bool(b)? = resource["caseSensitive"] { caseSensitive = b } else { caseSensitive = true }
        propertyDefinitions = (resource["property"]?.arrayValue ?? []).compactMap { p in
            p["code"]?.stringValue.map { ($0, p["uri"]?.stringValue, p["type"]?.stringValue) }
        }
        var list: [Concept] = []
        func walk(_ items: [JSONValue], parent: String?, depth: Int) {
            guard depth < 64 else { return }
            for item in items {
                guard let code = item["code"]?.stringValue else { continue }
                let properties: [(code: String, value: (type: String, value: JSONValue))] = (item["property"]?.arrayValue ?? []).compactMap { p in
                    guard let code = p["code"]?.stringValue, case let .object(members) = p,
                          let value = members.first(where: { $0.0.hasPrefix("value") }) else { return nil }
                    return (code, (String(value.0.dropFirst(5)), value.1))
                }
                let children = (item["concept"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
                var parentCode = parent
                if parentCode == nil, let p = properties.first(where: { $0.code == "parent" }) { parentCode = Concept.text(p.value.value) }
                list.append(Concept(code: code, display: item["display"]?.stringValue, definition: item["definition"]?.stringValue,
                                    designations: item["designation"]?.arrayValue ?? [], properties: properties.filter { $0.code != "parent" && $0.code != "child" },
                                    parent: parentCode, children: children))
                walk(item["concept"]?.arrayValue ?? [], parent: code, depth: depth + 1)
            }
        }
        walk(resource["concept"]?.arrayValue ?? [], parent: nil, depth: 0)
        var index: [String: Int] = [:]
        for (i, c) in list.enumerated() where index[c.code] == nil { index[c.code] = i }
        // children declared through `parent` properties
        for (i, c) in list.enumerated() {
            if let p = c.parent, let pi = index[p], !list[pi].children.contains(c.code) { list[pi].children.append(list[i].code) }
        }
        concepts = list
        self.index = index
    }

    /// The concept of `code` (case-insensitively when the code system says so).
    func concept(_ code: String) -> Concept? {
        if let i = index[code] { return concepts[i] }
        if !caseSensitive { return concepts.first { $0.code.lowercased() == code.lowercased() } }
        return nil
    }

    /// `code` and every concept below it.
    func descendants(of code: String, includeSelf: Bool) -> Set<String> {
        var out: Set<String> = includeSelf ? [code] : []
        var stack = concept(code)?.children ?? []
        while let next = stack.popLast() {
            guard out.insert(next).inserted else { continue }
            stack.append(contentsOf: concept(next)?.children ?? [])
        }
        return out
    }
}
