import Foundation

/// `$expand`, `$lookup` and `$validate-code` over the code systems and value sets of a
/// ``FixtureStore`` (the request's `tx-resource` parameters and, in test mode, the suite's
/// fixtures), as the FHIR specification defines them for any code system: compose includes and
/// excludes, concept lists, filters (`is-a`, `descendent-of`, `is-not-a`, `child-of`,
/// `generalizes`, `=`, `in`, `not-in`, `exists`, and `regex` in test mode), value set imports
/// (contained ones too), `inactive`, paging. Each operation returns nil when the request is not
/// about these resources, so that the catalog's own operations answer it.
struct FixtureTerminology {
    let store: FixtureStore
    let input: OperationInput

    init(_ base: FixtureStore, _ input: OperationInput) {
        store = base.with(input.all("tx-resource"))
        self.input = input
    }

    /// One code of an expansion.
    struct Member {
        var system: String
        var version: String?
        var concept: FixtureCodeSystem.Concept
        var display: String?
        /// The code system version the include that selected it names (a wildcard possibly).
        var pinned: String? = nil
        var key: String { system + "|" + concept.code }
    }

    /// What an expansion used, reported as `used-codesystem` and `used-valueset` parameters.
    struct Used {
        var codeSystems: [String] = []
        var valueSets: [String] = []
        mutating func add(_ value: String, to list: WritableKeyPath<Used, [String]>) {
            if !self[keyPath: list].contains(value) { self[keyPath: list].append(value) }
        }
    }

    // MARK: $expand

    /// The value set a request names (`valueSet` resource, or `url` with `valueSetVersion`); nil
    /// when it is none of the store's.
    func requestedValueSet() throws -> JSONValue? {
        if let given = input.all("valueSet").first, given["resourceType"]?.stringValue == "ValueSet" { return given }
        guard !store.isEmpty, let text = try input.string("url") else { return nil }
        let (url, version) = Terminology.canonical(text)
        guard let url else { return nil }
        let wanted = try input.string("valueSetVersion") ?? version
        if let found = store.valueSet(url, version: wanted) { return found }
        if let wanted, store.valueSet(url, version: nil) != nil {
            throw FHIRError(.notFound, .notFound, "A definition for the value Set '\(url)|\(wanted)' could not be found", txIssueType: "not-found")
        }
        return nil
    }

    func expand() throws -> JSONValue? {
        guard let valueSet = try requestedValueSet() else { return nil }
        var used = Used()
        var members = try self.members(of: valueSet, used: &used, depth: 0)
        if try input.bool("activeOnly") == true { members.removeAll { $0.concept.inactive } }
        if let filter = try input.string("filter")?.lowercased(), !filter.isEmpty {
            members.removeAll { m in !(m.concept.code.lowercased().contains(filter) || (m.display ?? "").lowercased().contains(filter)) }
        }
        let offset = try input.int("offset") ?? 0
        let count = try input.int("count")
        if count == nil, members.count > Terminology.maximumExpansion {
            throw FHIRError(.unprocessableContent, .tooCostly, "the expansion has \(members.count) concepts, more than \(Terminology.maximumExpansion); page it with 'count' and 'offset'")
        }
        let page = members.dropFirst(offset).prefix(count ?? Terminology.maximumExpansion)
        let designations = try input.bool("includeDesignations") ?? false
        let wanted = try input.strings("property")
        var parameters: [JSONValue] = echoedParameters()
        parameters += used.codeSystems.map { .object([("name", .string("used-codesystem")), ("valueUri", .string($0))]) }
        parameters += used.valueSets.map { .object([("name", .string("used-valueset")), ("valueUri", .string($0))]) }
        let contains: [JSONValue] = page.map { m in
            .members([
                ("system", .string(m.system)),
                ("abstract", m.concept.abstract ? .bool(true) : nil),
                ("inactive", m.concept.inactive ? .bool(true) : nil),
                ("code", .string(m.concept.code)),
                ("display", m.display.map(JSONValue.string)),
                ("designation", designations && !m.concept.designations.isEmpty ? .array(m.concept.designations) : nil),
                // R5's contains.property (as the suite expects it): the properties asked for, else a concept's status
                ("property", wanted.isEmpty
                    ? m.concept.values("status").first.map { .array([.object([("code", .string("status")), ("valueCode", .string($0))])]) }
                    : Self.propertyValues(m, wanted)),
            ])
        }
        let statusUsed = wanted.isEmpty && page.contains { !$0.concept.values("status").isEmpty }
        var expansion: [(String, JSONValue?)] = [
            ("identifier", .string("urn:uuid:" + UUID().uuidString.lowercased())),
            ("timestamp", .string(Self.now())),
            ("total", .int(members.count)),
            ("offset", .int(offset)),
            ("parameter", .array(parameters)),
            ("property", statusUsed ? .array([.object([("code", .string("status")), ("uri", .string("http://hl7.org/fhir/concept-properties#status"))])])
                : wanted.isEmpty ? nil : .array(wanted.map { name in
                    let uri = store.codeSystems.lazy.compactMap { $0.propertyDefinitions.first { $0.code == name }?.uri }.first
                    return .object([("code", .string(name)), ("uri", .string(uri ?? "http://hl7.org/fhir/concept-properties#" + name))])
                })),
        ]
        if !contains.isEmpty { expansion.append(("contains", .array(contains))) }
        guard case let .object(fields) = valueSet else { return nil }
        return .object(fields.filter { $0.0 != "expansion" } + [("expansion", .members(expansion))])
    }

    /// The request's expansion parameters, echoed in `expansion.parameter` with their FHIR types
    /// (the version pins are reported through `used-codesystem` instead).
    func echoedParameters() -> [JSONValue] {
        let types: [(String, String)] = [("activeOnly", "Boolean"), ("count", "Integer"), ("displayLanguage", "Code"), ("excludeNested", "Boolean"),
                                         ("filter", "String"), ("includeDesignations", "Boolean"), ("offset", "Integer")]
        var out: [JSONValue] = []
        for (name, type) in types {
            for value in input.all(name) {
                var typed = value
                switch (type, value) {
                case ("Boolean", .string(let s)): typed = .bool(s == "true")
                case ("Integer", .string(let s)): typed = Int(s).map(JSONValue.int) ?? value
                default: break
                }
                out.append(.object([("name", .string(name)), ("value" + type, typed)]))
            }
        }
        return out
    }

    /// The values of the properties `names` of a member (`definition` and `display` too), as R5's `contains.property`.
    static func propertyValues(_ m: Member, _ names: [String]) -> JSONValue? {
        var out: [JSONValue] = []
        for name in names {
            switch name {
            case "definition": if let d = m.concept.definition { out.append(.object([("code", .string(name)), ("valueString", .string(d))])) }
            case "display": if let d = m.display { out.append(.object([("code", .string(name)), ("valueString", .string(d))])) }
            default:
                for p in m.concept.properties where p.code == name {
                    out.append(.object([("code", .string(name)), ("value" + p.value.type, p.value.value)]))
                }
            }
        }
        return out.isEmpty ? nil : .array(out)
    }

    /// The codes of a value set's compose (includes minus excludes), in order, without duplicates.
    func members(of valueSet: JSONValue, used: inout Used, depth: Int) throws -> [Member] {
        guard depth < 16 else { throw FHIRError(.unprocessableContent, .processing, "value set imports nest more than 16 deep (a cycle?)") }
        let compose = valueSet["compose"]
        var out: [Member] = [], seen: Set<String> = []
        for (i, include) in (compose?["include"]?.arrayValue ?? []).enumerated() {
            for m in try self.include(include, in: valueSet, used: &used, depth: depth, path: "ValueSet.compose.include[\(i)]") where seen.insert(m.key).inserted { out.append(m) }
        }
        var excluded: Set<String> = []
        for (i, exclude) in (compose?["exclude"]?.arrayValue ?? []).enumerated() {
            var ignored = Used()
            for m in try self.include(exclude, in: valueSet, used: &ignored, depth: depth, path: "ValueSet.compose.exclude[\(i)]") { excluded.insert(m.key) }
        }
        out.removeAll { excluded.contains($0.key) }
        if case .bool(false)? = compose?["inactive"] { out.removeAll { $0.concept.inactive } }
        return out
    }

    /// The codes one include (or exclude) selects.
    func include(_ include: JSONValue, in valueSet: JSONValue, used: inout Used, depth: Int, path: String) throws -> [Member] {
        var imported: [[Member]] = []
        for reference in include["valueSet"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let target: JSONValue
            if reference.hasPrefix("#") {
                guard let found = valueSet["contained"]?.arrayValue?.first(where: { $0["id"]?.stringValue == String(reference.dropFirst()) }) else {
                    throw FHIRError(.notFound, .notFound, "the contained value set '\(reference)' is not in the value set")
                }
                target = found
            } else {
                let (url, version) = Terminology.canonical(reference)
                guard let url, let found = store.valueSet(url, version: version) else {
                    throw FHIRError(.notFound, .notFound, "A definition for the value set '\(reference)' could not be found")
                }
                target = found
                used.add(url + (found["version"]?.stringValue.map { "|" + $0 } ?? ""), to: \.valueSets)
            }
            imported.append(try members(of: target, used: &used, depth: depth + 1))
        }
        var selected: [Member]? = nil
        if let system = include["system"]?.stringValue {
            let version = include["version"]?.stringValue ?? pinnedVersion(system)
            guard let cs = store.codeSystem(system, version: version) else {
                throw FHIRError(.notFound, .notFound, "A definition for CodeSystem '\(system)'\(version.map { " version '\($0)'" } ?? "") could not be found, so the value set cannot be expanded")
            }
            used.add(cs.url + (cs.version.map { "|" + $0 } ?? ""), to: \.codeSystems)
            var members: [Member] = []
            if let concepts = include["concept"]?.arrayValue {
                for c in concepts {
                    guard let code = c["code"]?.stringValue, let concept = cs.concept(code) else { continue }
                    members.append(Member(system: cs.url, version: cs.version, concept: concept, display: c["display"]?.stringValue ?? concept.display,
                                          pinned: include["version"]?.stringValue))
                }
            } else {
                let filters = include["filter"]?.arrayValue ?? []
                var keep = cs.concepts.map { _ in true }
                for (j, filter) in filters.enumerated() {
                    let test = try self.filter(filter, cs, path: path + ".filter[\(j)]")
                    for (i, c) in cs.concepts.enumerated() where keep[i] && !test(c) { keep[i] = false }
                }
                members = cs.concepts.enumerated().filter { keep[$0.offset] }.map {
                    Member(system: cs.url, version: cs.version, concept: $0.element, display: $0.element.display, pinned: include["version"]?.stringValue)
                }
            }
            selected = members
        }
        for set in imported {
            let keys = Set(set.map(\.key))
            selected = selected.map { $0.filter { keys.contains($0.key) } } ?? set
        }
        return selected ?? []
    }

    /// The version of `system` the request pins (`system-version`, `force-system-version`, `check-system-version`).
    func pinnedVersion(_ system: String) -> String? {
        for name in ["force-system-version", "system-version", "check-system-version"] {
            for value in input.all(name) {
                let (url, version) = Terminology.canonical(value.stringValue)
                if url == system, let version { return version }
            }
        }
        return nil
    }

    /// The test of one compose filter.
    func filter(_ filter: JSONValue, _ cs: FixtureCodeSystem, path: String) throws -> (FixtureCodeSystem.Concept) -> Bool {
        guard let property = filter["property"]?.stringValue, let op = filter["op"]?.stringValue else {
            throw FHIRError(.badRequest, .invalid, "The system \(cs.url) filter needs a property and an op", expression: path, txIssueType: "vs-invalid")
        }
        guard let value = filter["value"]?.stringValue else {
            throw FHIRError(.badRequest, .invalid, "The system \(cs.url) filter with property = \(property), op = \(op) has no value", expression: path, txIssueType: "vs-invalid")
        }
        let list = Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        if property == "concept" || property == "code" {
            switch op {
            case "is-a": let set = cs.descendants(of: value, includeSelf: true); return { set.contains($0.code) }
            case "descendent-of": let set = cs.descendants(of: value, includeSelf: false); return { set.contains($0.code) }
            case "is-not-a": let set = cs.descendants(of: value, includeSelf: true); return { !set.contains($0.code) }
            case "child-of": let set = Set(cs.concept(value)?.children ?? []); return { set.contains($0.code) }
            case "generalizes":
                var set: Set<String> = [value]
                var next = cs.concept(value)?.parent
                while let p = next, set.insert(p).inserted { next = cs.concept(p)?.parent }
                return { set.contains($0.code) }
            case "=": return { $0.code == value }
            case "in": return { list.contains($0.code) }
            case "not-in": return { !list.contains($0.code) }
            case "regex": let match = try regex(value); return { match($0.code) }
            default: break
            }
        } else {
            func values(_ c: FixtureCodeSystem.Concept) -> [String] {
                switch property {
                case "display": return c.display.map { [$0] } ?? []
                case "definition": return c.definition.map { [$0] } ?? []
                case "inactive": return [c.inactive ? "true" : "false"]
                default: return c.values(property)
                }
            }
            switch op {
            case "=": return { values($0).contains(value) }
            case "in": return { !list.isDisjoint(with: values($0)) }
            case "not-in": return { list.isDisjoint(with: values($0)) }
            case "exists": let wanted = value == "true"; return { !values($0).isEmpty == wanted }
            case "regex": let match = try regex(value); return { values($0).contains(where: match) }
            default: break
            }
        }
        throw FHIRError(.badRequest, .notSupported, "the filter '\(property) \(op) \(value)' is not supported on \(cs.url)")
    }

    /// A full-match regular expression test; only in test mode.
    func regex(_ pattern: String) throws -> (String) -> Bool {
        guard store.testMode else {
            throw FHIRError(.unprocessableContent, .notSupported, "regex filters in tx-resource value sets are evaluated only in test mode (serve --tx-fixtures)")
        }
        guard pattern.count <= 256, let expression = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else {
            throw FHIRError(.badRequest, .invalid, "the regex filter '\(pattern.prefix(80))' is not a valid regular expression")
        }
        return { text in
            expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    // MARK: $lookup

    /// The system, version and code of a `$lookup` or `$validate-code` request (`system`/`url`,
    /// `version`, `code`, or `coding`); nil when the system is none of the store's.
    func requestedCode(systemParameter: String) throws -> (cs: FixtureCodeSystem, code: String, display: String?)? {
        guard !store.isEmpty else { return nil }
        let coding = try input.coding("coding") ?? input.coding("codeableConcept")
        guard let system = try input.string(systemParameter) ?? coding?.system, store.knows(system: system) else { return nil }
        let version = try input.string("version") ?? input.string("systemVersion") ?? coding?.version ?? pinnedVersion(system)
        guard let cs = store.codeSystem(system, version: version) else {
            throw FHIRError(.notFound, .notFound, "A definition for CodeSystem '\(system)' version '\(version ?? "")' could not be found")
        }
        guard let code = try input.string("code") ?? coding?.code else { throw FHIRError.missing("code", input.operation) }
        return (cs, code, try input.string("display") ?? coding?.display)
    }

    func lookup() throws -> JSONValue? {
        guard let (cs, code, _) = try requestedCode(systemParameter: "system") else { return nil }
        guard let concept = cs.concept(code) else {
            throw FHIRError(.notFound, .notFound, "Unknown code '\(code)' in the CodeSystem '\(cs.url)'\(cs.version.map { " version '\($0)'" } ?? "")", expression: "code")
        }
        let wanted = try input.strings("property")
        func want(_ name: String) -> Bool { wanted.isEmpty || wanted.contains("*") || wanted.contains(name) }
        var p = ParametersBuilder()
        p.string("name", cs.name)
        p.string("version", cs.version)
        p.string("display", concept.display)
        p.string("definition", concept.definition)
        p.bool("abstract", concept.abstract)
        for d in concept.designations {
            p.part("designation") { part in
                part.code("language", d["language"]?.stringValue)
                if let use = d["use"] { part.add("use", "Coding", use) }
                part.string("value", d["value"]?.stringValue)
            }
        }
        func property(_ code: String, _ type: String, _ value: JSONValue, description: String? = nil) {
            guard want(code) else { return }
            p.part("property") { part in
                part.code("code", code)
                part.string("description", description)
                part.add("value", type, value)
            }
        }
        if let parent = concept.parent { property("parent", "Code", .string(parent), description: cs.concept(parent)?.display) }
        for child in concept.children { property("child", "Code", .string(child), description: cs.concept(child)?.display) }
        property("inactive", "Boolean", .bool(concept.inactive))
        for prop in concept.properties where prop.code != "inactive" { property(prop.code, prop.value.type, prop.value.value) }
        return p.resource
    }

    // MARK: $validate-code

    /// One problem `$validate-code` reports, as an OperationOutcome issue in `issues`.
    struct Issue {
        var severity: String
        var code: String
        /// The tx-issue-type code (http://hl7.org/fhir/tools/CodeSystem/tx-issue-type).
        var type: String
        var text: String
        var expression: String

        var json: JSONValue {
            .object([
                ("severity", .string(severity)),
                ("code", .string(code)),
                ("details", .object([
                    ("coding", .array([.object([("system", .string("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type")), ("code", .string(type))])])),
                    ("text", .string(text)),
                ])),
                ("location", .array([.string(expression)])),
                ("expression", .array([.string(expression)])),
            ])
        }
    }

    /// `CodeSystem/$validate-code` or `ValueSet/$validate-code` over the store's resources:
    /// `result`, the code, system, version and display found, `inactive`, a `message` and the
    /// `issues` OperationOutcome (unknown system, unknown code, not in the value set, wrong
    /// display, inactive concept).
    func validateCode(inValueSet: Bool) throws -> JSONValue? {
        var valueSet: JSONValue? = nil
        if inValueSet {
            guard let vs = try requestedValueSet() else { return nil }
            valueSet = vs
        }
        let codeableConcept = input.all("codeableConcept").first
        let coding = try input.coding("coding") ?? input.coding("codeableConcept")
        let form = input.has("coding") ? "Coding." : codeableConcept != nil ? "CodeableConcept.coding[0]." : ""
        guard let code = try input.string("code") ?? coding?.code else { throw FHIRError.missing("code", input.operation) }
        var members: [Member]? = nil
        if let valueSet {
            var used = Used()
            members = try self.members(of: valueSet, used: &used, depth: 0)
        }
        // without a system, the value set's one system holding the code (an implied system)
        let implied = Set((members ?? []).filter { $0.concept.code == code }.map(\.system))
        guard let system = try (inValueSet ? nil : input.string("url")) ?? input.string("system") ?? coding?.system ?? (implied.count == 1 ? implied.first : nil) else {
            throw FHIRError.missing("system", input.operation)
        }
        let display = try input.string("display") ?? coding?.display
        // the version the request gives, one it forces, the one the value set's include names
        let given = try input.string("systemVersion") ?? input.string("version") ?? coding?.version
        let forced = input.all("force-system-version").compactMap { Terminology.canonical($0.stringValue) }.first { $0.url == system }?.version
        let pattern = members?.first { $0.system == system && $0.pinned != nil }?.pinned
        let version: String?
        if let forced { version = forced }
        else if let given, pattern.map({ FixtureStore.matches($0, given) }) ?? true { version = given }
        else if let pattern { version = pattern }
        else { version = pinnedVersion(system) }
        let requested = store.codeSystem(system, version: given ?? version)
        if !inValueSet, requested == nil, !store.knows(system: system) { return nil }
        // an unknown version: the code is reported from the value set's or the default version
        let cs = store.codeSystem(system, version: version) ?? store.codeSystem(system, version: nil)
        let concept = cs?.concept(code)
        var issues: [Issue] = []
        var causedBy: String? = nil
        if forced == nil, let pattern, let given, !FixtureStore.matches(pattern, given) {
            issues.append(Issue(severity: "error", code: "invalid", type: "vs-invalid",
                                text: "The code system '\(system)' version '\(cs?.version ?? pattern)' in the ValueSet include is different to the one in the value ('\(given)')",
                                expression: form + "version"))
        }
        if requested == nil {
            let missing = given ?? version
            let known = store.codeSystems.filter { $0.url == system }.compactMap(\.version).sorted { FixtureStore.versionOrder($0, $1) }
            issues.insert(Issue(severity: "error", code: "not-found", type: "not-found",
                                text: "A definition for CodeSystem '\(system)'\(missing.map { " version '\($0)'" } ?? "") could not be found, so the code cannot be validated"
                                    + (known.isEmpty ? "" : ". Valid versions: " + known.joined(separator: " or ")),
                                expression: form.isEmpty ? "system" : form + "system"), at: 0)
            causedBy = system + (missing.map { "|" + $0 } ?? "")
        } else if concept == nil {
            issues.append(Issue(severity: "error", code: "code-invalid", type: "invalid-code",
                                text: "Unknown code '\(code)' in the CodeSystem '\(system)'\(cs?.version.map { " version '\($0)'" } ?? "")",
                                expression: form + "code"))
        }
        if let valueSet, let members, !members.contains(where: { $0.system == system && $0.concept.code == (concept?.code ?? code) }) {
            let url = (valueSet["url"]?.stringValue ?? "(contained)") + (valueSet["version"]?.stringValue.map { "|" + $0 } ?? "")
            issues.insert(Issue(severity: "error", code: "code-invalid", type: "not-in-vs",
                                text: "The provided code '\(system)#\(code)' was not found in the value set '\(url)'", expression: form + "code"), at: 0)
        }
        if let concept, let display, display != concept.display,
           !concept.designations.contains(where: { $0["value"]?.stringValue == display }) {
            issues.append(Issue(severity: "error", code: "invalid", type: "invalid-display",
                                text: "Wrong Display Name '\(display)' for \(system)#\(code). Valid display is '\(concept.display ?? "")'",
                                expression: form + "display"))
        }
        if let concept, concept.inactive {
            issues.append(Issue(severity: "warning", code: "business-rule", type: "code-comment",
                                text: "The concept '\(concept.code)' has a status of inactive and its use should be reviewed",
                                expression: form.isEmpty ? "code" : String(form.dropLast())))
        }
        let result = !issues.contains { $0.severity == "error" }
        var p = ParametersBuilder()
        p.bool("result", result)
        p.code("code", concept?.code ?? code)
        p.uri("system", system)
        p.string("version", cs?.version)
        p.string("display", concept?.display)
        if concept?.inactive == true { p.bool("inactive", true) }
        if let codeableConcept { p.add("codeableConcept", "CodeableConcept", codeableConcept) }
        if let causedBy { p.add("x-caused-by-unknown-system", "Canonical", .string(causedBy)) }
        if !issues.isEmpty {
            p.string("message", issues.map(\.text).joined(separator: "; "))
            p.resource("issues", .object([("resourceType", .string("OperationOutcome")), ("issue", .array(issues.map(\.json)))]))
        }
        return p.resource
    }

    /// Now, as a FHIR instant.
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
