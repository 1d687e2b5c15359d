import CatalogCore
import CatalogEmitters

extension Terminology {
    /// The system URI of national codes (mã tương đương, `CC.TTTT.GGGG`) in `$translate`: the
    /// one the FHIR package's national ConceptMap uses (``FHIRPackageModel/nationalSystem(_:)``).
    static func nationalSystem(_ release: ServedRelease) -> String { FHIRPackageModel.nationalSystem(release.catalog.metadata) }

    /// The canonical base of the release's resources (its CodeSystem URL without
    /// `/CodeSystem/<id>`).
    static func base(_ release: ServedRelease) -> String {
        let url = release.codeSystemUrl
        return url.range(of: "/CodeSystem/").map { String(url[..<$0.lowerBound]) } ?? url
    }

    /// The ConceptMaps `$translate` answers beside the LOINC/RadLex ones: national code →
    /// catalog code (published in the FHIR package from format 2.2.0, at the same URL; for an
    /// earlier release the server answers it from the same model), and retired code → its
    /// replacement.
    static func computedMaps(_ release: ServedRelease) -> [(url: String, source: String, target: String)] {
        let id = release.catalog.metadata.name
        return [(FHIRPackageModel.nationalMapURL(release.catalog.metadata), nationalSystem(release), release.codeSystemUrl),
                (base(release) + "/ConceptMap/\(id)-replacements", release.codeSystemUrl, release.codeSystemUrl)]
    }

    /// `ConceptMap/$translate` (R4): a catalog code to LOINC or RadLex with the published
    /// equivalence; with `reverse`, a LOINC or RadLex code back to the catalog codes mapped to
    /// it; a national code (mã tương đương) to its catalog codes; a retired catalog code to its
    /// replacement (target system the catalog itself).
    public func translate(_ input: OperationInput, instance: String? = nil) throws -> JSONValue {
        let coding = try input.coding("coding") ?? input.coding("codeableConcept")
        guard let code = try input.string("code") ?? coding?.code, !code.isEmpty else { throw FHIRError.missing("code", "$translate") }
        guard let system = try input.string("system") ?? coding?.system else { throw FHIRError.missing("system", "$translate") }
        let reverse = try input.bool("reverse") ?? false
        let (mapUrl, mapUrlVersion) = Self.canonical(try input.string("url"))
        let version = try input.string("conceptMapVersion") ?? mapUrlVersion
        guard let latest = releases.latest else { throw FHIRError(.serviceUnavailable, .exception, "no release is loaded") }
        // The catalog version: conceptMapVersion, else the source version when the source is
        // the catalog, else the latest.
        let sourceVersion = try input.string("version") ?? coding?.version
        let catalogVersion = version ?? (system == latest.codeSystemUrl ? sourceVersion : nil)
        guard let release = releases.release(catalogVersion) else {
            throw FHIRError(.notFound, .notFound, "A definition for ConceptMap version '\(catalogVersion ?? "")' could not be found. Valid versions: \(servedVersions)", expression: "conceptMapVersion")
        }
        let published = release.resources(ofType: "ConceptMap")
        let computed = Self.computedMaps(release)
        var map: String?
        if let instance {
            guard let found = published.first(where: { $0.id == instance })?.url ?? computed.first(where: { $0.url.hasSuffix("/" + instance) })?.url else {
                throw FHIRError(.notFound, .notFound, "ConceptMap/\(instance) is not a ConceptMap of this server")
            }
            map = found
        } else if let mapUrl {
            guard published.contains(where: { $0.url == mapUrl }) || computed.contains(where: { $0.url == mapUrl }) else {
                throw FHIRError(.notFound, .notFound, "A definition for ConceptMap '\(mapUrl)' could not be found; GET ConceptMap lists the maps served", expression: "url")
            }
            map = mapUrl
        }
        let targetSystem = try input.string("targetsystem")
        var matches: [(equivalence: String, concept: JSONValue, source: String)] = []
        let catalogUrl = release.codeSystemUrl
        let national = Self.nationalSystem(release), replacements = computed[1].url, fromNational = computed[0].url
        func publishedMap(_ target: MappingSystem) -> String? { published.first { $0.id.hasSuffix("to-" + target.rawValue) }?.url }
        func allowed(_ url: String?) -> Bool { map == nil || map == url }

        if !reverse && system == catalogUrl {
            guard let entry = release.entry(code) else {
                throw FHIRError(.notFound, .notFound, "Unknown code '\(code)' in the CodeSystem '\(catalogUrl)' version '\(release.version)'", expression: "code")
            }
            for m in entry.mappings where targetSystem == nil || targetSystem == m.system.uri {
                guard let source = publishedMap(m.system), allowed(source) else { continue }
                matches.append((FHIREmitter.equivalence(m.relationship), ParametersBuilder.coding(system: m.system.uri, code: m.code, display: m.display), source))
            }
            if let replacement = entry.replacedBy, targetSystem == nil || targetSystem == catalogUrl, allowed(replacements),
               let target = release.entry(replacement) {
                matches.append(("relatedto", ParametersBuilder.coding(system: catalogUrl, version: release.version, code: target.code, display: target.nameVi), replacements))
            }
            if reverseNational(targetSystem, national), allowed(fromNational) {
                for n in entry.nationalCodes {
                    matches.append(("equivalent", ParametersBuilder.coding(system: national, code: n.maTuongDuong), fromNational))
                }
            }
        } else if !reverse && system == national {
            guard allowed(fromNational), targetSystem == nil || targetSystem == catalogUrl else { return noMatch(code, system) }
            if let national = release.nationalCode(code) {
                for e in national.entries {
                    matches.append((national.equivalence,
                                    ParametersBuilder.coding(system: catalogUrl, version: release.version, code: e.code, display: e.nameVi), fromNational))
                }
            }
        } else if let target = MappingSystem.allCases.first(where: { $0.uri == system }), targetSystem == nil || targetSystem == catalogUrl {
            // A LOINC or RadLex code back to the catalog: the published map read in reverse.
            guard let source = publishedMap(target), allowed(source) else { return noMatch(code, system) }
            for e in release.entries(mappedTo: system, code: code) {
                for m in e.mappings where m.system == target && m.code == code {
                    matches.append((FHIREmitter.equivalence(m.relationship), ParametersBuilder.coding(system: catalogUrl, version: release.version, code: e.code, display: e.nameVi), source))
                }
            }
        } else if reverse && system == catalogUrl {
            // reverse with the catalog as the given system: which retired codes it replaces.
            guard allowed(replacements) else { return noMatch(code, system) }
            for e in release.catalog.entries where e.replacedBy == code {
                matches.append(("relatedto", ParametersBuilder.coding(system: catalogUrl, version: release.version, code: e.code, display: e.nameVi), replacements))
            }
        } else {
            return noMatch(code, system)
        }
        var p = ParametersBuilder()
        p.bool("result", !matches.isEmpty)
        if matches.isEmpty { p.string("message", "No mapping of '\(system)#\(code)' in catalog version \(release.version)") }
        for match in matches {
            p.part("match") { m in
                m.code("equivalence", match.equivalence)
                m.add("concept", "Coding", match.concept)
                m.uri("source", match.source)
            }
        }
        return p.resource
    }

    private func reverseNational(_ target: String?, _ national: String) -> Bool { target == national }

    private func noMatch(_ code: String, _ system: String) -> JSONValue {
        var p = ParametersBuilder()
        p.bool("result", false)
        p.string("message", "No mapping of '\(system)#\(code)' is known to this server")
        return p.resource
    }
}
