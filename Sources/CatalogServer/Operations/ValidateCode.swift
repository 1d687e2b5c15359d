import CatalogCore

extension Terminology {
    /// `CodeSystem/$validate-code`: whether the code is in the CodeSystem (the version asked,
    /// or the latest), whether a display given is one of its displays (Vietnamese or English),
    /// and whether it is inactive. An unknown system or version is a `false` result, with a
    /// message, as the operation defines.
    public func validateCodeInCodeSystem(_ input: OperationInput, instance: String? = nil) throws -> JSONValue {
        let coding = try input.coding("coding") ?? input.coding("codeableConcept")
        guard let code = try input.string("code") ?? coding?.code, !code.isEmpty else { throw FHIRError.missing("code", "$validate-code") }
        let system = try input.string("url") ?? input.string("system") ?? coding?.system
        if instance == nil, system == nil { throw FHIRError.missing("url", "$validate-code") }
        let version = try input.string("version") ?? coding?.version
        let display = try input.string("display") ?? coding?.display
        guard let latest = releases.latest else { throw FHIRError(.serviceUnavailable, .exception, "no release is loaded") }
        let url = system ?? latest.codeSystemUrl
        var p = ParametersBuilder()
        guard url == latest.codeSystemUrl else {
            p.bool("result", false)
            p.string("message", "A definition for CodeSystem '\(url)' could not be found, so the code cannot be validated")
            p.code("code", code)
            p.uri("system", url)
            return p.resource
        }
        guard let release = releases.release(version) else {
            p.bool("result", false)
            p.string("message", "A definition for CodeSystem '\(url)' version '\(version ?? "")' could not be found, so the code cannot be validated. Valid versions: \(servedVersions)")
            p.code("code", code)
            p.uri("system", url)
            return p.resource
        }
        return try validate(code: code, display: display, release: release, input: input, valueSet: nil)
    }

    /// `ValueSet/$validate-code`: as for the CodeSystem, and the code must be in the value set.
    public func validateCodeInValueSet(_ input: OperationInput, instance: String? = nil) throws -> JSONValue {
        let coding = try input.coding("coding") ?? input.coding("codeableConcept")
        guard let code = try input.string("code") ?? coding?.code, !code.isEmpty else { throw FHIRError.missing("code", "$validate-code") }
        let system = try input.string("system") ?? coding?.system
        let systemVersion = try input.string("systemVersion") ?? coding?.version
        let (valueSet, release) = try self.valueSet(input, instance: instance, systemVersion: systemVersion)
        var p = ParametersBuilder()
        if let system, system != release.codeSystemUrl {
            p.bool("result", false)
            p.string("message", "The provided code '\(system)#\(code)' was not found in the value set '\(valueSet.url)|\(valueSet.version)'")
            p.code("code", code)
            p.uri("system", system)
            return p.resource
        }
        return try validate(code: code, display: try input.string("display") ?? coding?.display, release: release, input: input, valueSet: valueSet)
    }

    /// The common part: code, display and status checks in one release (and value set).
    private func validate(code: String, display: String?, release: ServedRelease, input: OperationInput, valueSet: PackageResource?) throws -> JSONValue {
        var p = ParametersBuilder()
        let system = release.codeSystemUrl
        let inSet = valueSet.map { vs in vs.valueSetCodes.map { $0.contains(code) } ?? true } ?? true
        guard let entry = release.entry(code), inSet else {
            p.bool("result", false)
            if let valueSet, release.entry(code) != nil {
                p.string("message", "The provided code '\(system)#\(code)' was not found in the value set '\(valueSet.url)|\(valueSet.version)'")
            } else {
                p.string("message", "Unknown code '\(code)' in the CodeSystem '\(system)' version '\(release.version)'")
            }
            p.code("code", code)
            p.uri("system", system)
            p.string("version", release.version)
            return p.resource
        }
        let language = try self.language(input)
        var result = true
        var messages: [String] = []
        if let display, display != entry.nameVi, display != entry.nameEn {
            result = false
            messages.append("Wrong Display Name '\(display)' for \(system)#\(code). Valid display is one of 2 choices: '\(entry.nameVi)' (vi) or '\(entry.nameEn)' (en)")
        }
        if try input.bool("activeOnly") == true, entry.status == .retired {
            result = false
            messages.append("The concept '\(code)' is inactive (retired) and the request asks for active codes only")
        } else if entry.status != .active {
            let replaced = entry.replacedBy.map { "; it is replaced by '\($0)'" } ?? ""
            messages.append("The concept '\(code)' has a status of \(entry.status.rawValue) and its use should be reviewed\(replaced)")
        }
        p.bool("result", result)
        if !messages.isEmpty { p.string("message", messages.joined(separator: ". ")) }
        p.string("display", Self.display(entry, language))
        p.code("code", code)
        p.uri("system", system)
        p.string("version", release.version)
        if entry.status == .retired { p.bool("inactive", true) }
        return p.resource
    }

    /// The value set a request names (`url`, with `|version` or `valueSetVersion`, or an
    /// instance id) and the release it is answered from.
    func valueSet(_ input: OperationInput, instance: String?, systemVersion: String? = nil) throws -> (PackageResource, ServedRelease) {
        let (url, urlVersion) = Self.canonical(try input.string("url"))
        if instance == nil, url == nil {
            if input.has("valueSet") {
                throw FHIRError(.badRequest, .notSupported, "this server expands only the value sets it publishes; give 'url'", expression: "valueSet")
            }
            throw FHIRError.missing("url", input.operation)
        }
        var version = try input.string("valueSetVersion") ?? urlVersion
        let pinned = try (input.string("force-system-version") ?? input.string("system-version") ?? input.string("check-system-version"))
            .map { Self.canonical($0).version ?? $0 }
        if version == nil { version = systemVersion ?? pinned }
        guard let release = releases.release(version) else {
            throw FHIRError(.notFound, .notFound, "A definition for ValueSet '\(url ?? instance ?? "")' version '\(version ?? "")' could not be found. Valid versions: \(servedVersions)", expression: "url")
        }
        let found = release.resources(ofType: "ValueSet").first { vs in
            if let instance { return vs.id == instance }
            return vs.url == url
        }
        guard let found else {
            throw FHIRError(.notFound, .notFound, "A definition for ValueSet '\(url ?? instance ?? "")' could not be found in version \(release.version); the value sets served are listed by GET ValueSet", expression: "url")
        }
        return (found, release)
    }
}
