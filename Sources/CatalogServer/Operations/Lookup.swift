import CatalogCore

extension Terminology {
    /// The designation-usage Coding of a display designation.
    static let displayUse = ParametersBuilder.coding(system: "http://terminology.hl7.org/CodeSystem/designation-usage", code: "display")

    /// `CodeSystem/$lookup`: the code's display, designations (vi, en) and every property:
    /// annex, group, status, inactive, statusReason, replacedBy, national codes, the
    /// laboratory or imaging attributes, mappings and the code's history across the served
    /// releases.
    public func lookup(_ input: OperationInput, instance: String? = nil) throws -> JSONValue {
        let coding = try input.coding("coding")
        guard let code = try input.string("code") ?? coding?.code, !code.isEmpty else { throw FHIRError.missing("code", "$lookup") }
        let system = try input.string("system") ?? coding?.system
        if instance == nil, system == nil { throw FHIRError.missing("system", "$lookup") }
        let release = try self.release(system: system, version: try input.string("version") ?? coding?.version, operation: "$lookup")
        if let instance, instance != release.catalog.metadata.name {
            throw FHIRError(.notFound, .notFound, "CodeSystem/\(instance) is not a CodeSystem of this server")
        }
        guard let entry = release.entry(code) else {
            throw FHIRError(.notFound, .notFound, "Unknown code '\(code)' in the CodeSystem '\(release.codeSystemUrl)' version '\(release.version)'", expression: "code")
        }
        let language = try self.language(input)
        let wanted = Set(try input.strings("property"))
        func want(_ name: String) -> Bool { wanted.isEmpty || wanted.contains(name) || wanted.contains("*") }
        var p = ParametersBuilder()
        p.string("name", release.catalog.metadata.name)
        p.string("version", release.version)
        p.string("display", Self.display(entry, language))
        if want("designation") {
            for (lang, value) in [("vi", entry.nameVi), ("en", entry.nameEn)] {
                p.part("designation") { d in
                    d.code("language", lang)
                    d.add("use", "Coding", Self.displayUse)
                    d.string("value", value)
                }
            }
        }
        func property(_ name: String, _ type: String, _ value: JSONValue?) {
            guard want(name), let value else { return }
            p.part("property") { d in
                d.code("code", name)
                d.add("value", type, value)
            }
        }
        property("annex", "Integer", .int(entry.annex))
        property("group", "Code", .string(entry.group))
        property("status", "Code", .string(entry.status.rawValue))
        property("inactive", "Boolean", .bool(entry.status == .retired))
        property("statusReason", "String", entry.statusReason.map(JSONValue.string))
        property("replacedBy", "Code", entry.replacedBy.map(JSONValue.string))
        for n in entry.nationalCodes {
            property("nationalCode", "String", .string(n.maTuongDuong))
            property("tt23", "String", n.tt23.map(JSONValue.string))
        }
        for field in EntryFields.attributes(of: entry.attributes.kind) {
            property(field.name, field.allowedValues == nil ? "String" : "Code", entry.attributes.value(of: field).map(JSONValue.string))
        }
        if want("mapping") {
            for m in entry.mappings {
                p.part("property") { d in
                    d.code("code", "mapping")
                    d.add("value", "Coding", ParametersBuilder.coding(system: m.system.uri, code: m.code, display: m.display))
                    d.string("description", m.relationship.rawValue)
                }
            }
        }
        if let history = release.catalog.history[entry.code] {
            property("versionFirstReleased", "String", .string(history.firstReleased.description))
            property("versionLastChanged", "String", .string(history.lastChanged.description))
        }
        if want("history") {
            for step in CodeHistory.steps(of: entry.code, upTo: release, in: releases) {
                p.part("property") { d in
                    d.code("code", "history")
                    d.add("value", "String", .string(step.version + ": " + step.change))
                    d.string("description", step.description)
                }
            }
        }
        return p.resource
    }
}
