import CatalogCore

/// `fhir/package/`: the catalog as FHIR R4 resources in a FHIR package layout that a
/// terminology server can load: `package.json`, the CodeSystem, one ValueSet per annex and one
/// for all active codes, ConceptMaps to LOINC and to RadLex and from the national codes (mã
/// tương đương), a NamingSystem of the OID and URL, and the OperationDefinition of `$recognize`.
///
/// Canonical URLs of the ValueSets and ConceptMaps sit beside the CodeSystem's: its URL with
/// `/CodeSystem/<id>` replaced by `/ValueSet/<id>-…` or `/ConceptMap/<id>-…`.
public struct FHIREmitter: ArtifactFamily {
    public let name = "fhir"
    public let formatVersion = FormatHistory.current("fhir")
    public let weight = 6

    public init() {}

    /// FHIR R4 ConceptMap equivalence for each relationship, named explicitly (R4 speaks from
    /// the target's side: a source narrower than its target is "wider").
    public static func equivalence(_ relationship: MappingRelationship) -> String {
        switch relationship {
        case .equivalent: "equivalent"
        case .sourceIsNarrowerThanTarget: "wider"
        case .sourceIsBroaderThanTarget: "narrower"
        case .relatedTo: "relatedto"
        }
    }

    /// The suffix of the ValueSet holding every code of the CodeSystem.
    static let allCodes = "all"

    /// SPDX identifiers of the licences a manifest may name by URL, for `package.json`.
    static let spdx: [String: String] = [
        "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
        "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
    ]

    public func emit(_ catalog: Catalog, to output: any ArtifactOutput) {
        let ids = Identifiers(catalog.metadata)
        let version = catalog.metadata.version.description
        var index = [FHIRIndexEntry(filename: "CodeSystem-\(ids.id).json", resourceType: "CodeSystem", id: ids.id, url: ids.codeSystemUrl, version: version)]
        FHIRCodeSystem.write(catalog, ids, to: output.open("fhir/package/" + index[0].filename))
        index.append(FHIRValueSet.write(catalog, ids, suffix: Self.allCodes, title: "Tất cả mã — All codes", codes: [String]?.none, to: output))
        for annex in catalog.annexes {
            let active = catalog.entries(inAnnex: annex.number).lazy.filter { $0.status == .active }.map(\.code)
            // A value set without codes would be an empty array, which FHIR JSON does not allow.
            guard !active.isEmpty else { continue }
            index.append(FHIRValueSet.write(catalog, ids, suffix: "annex-\(annex.number)", title: "\(annex.titleVi) (Phụ lục \(annex.number)) — \(annex.titleEn)",
                                            codes: active, to: output))
        }
        let active = catalog.entries.lazy.filter { $0.status == .active }.map(\.code)
        if !active.isEmpty {
            index.append(FHIRValueSet.write(catalog, ids, suffix: "active", title: "Tất cả mã đang dùng — All active codes", codes: active, to: output))
        }
        for system in MappingSystem.allCases {
            if let entry = FHIRConceptMap.write(catalog, ids, target: system, to: output) { index.append(entry) }
        }
        if let entry = FHIRNationalMap.write(catalog, ids, to: output) { index.append(entry) }
        index.append(FHIRNamingSystem.write(catalog, ids, to: output))
        index.append(FHIROperationDefinition.write(catalog, ids, to: output))
        output.write(OutputFile(path: "fhir/package/package.json", bytes: packageJSON(catalog, ids)))
        output.write(OutputFile(path: "fhir/package/.index.json", bytes: FHIRPackageIndex.render(index)))
        // Files outside the resources go below the package folder, where the FHIR package
        // specification allows folders of its own use.
        output.write(Notices.file("fhir/package/other/NOTICE", catalog.metadata, Notices.inUse(catalog)))
    }

    private func packageJSON(_ catalog: Catalog, _ ids: Identifiers) -> [UInt8] {
        let m = catalog.metadata
        var w = JSONWriter()
        w.object { w in
            w.field("name", ids.packageName)
            w.field("version", m.version.description)
            w.field("title", m.titleEn)
            w.field("description", m.description)
            w.field("author", m.publisher)
            w.field("license", m.license.flatMap { Self.spdx[$0] })
            w.field("url", ids.base)
            w.field("canonical", ids.base)
            w.field("fhirVersions", strings: ["4.0.1"])
            w.key("dependencies")
            w.object { w in w.field("hl7.fhir.r4.core", "4.0.1") }
            w.field("jurisdiction", FHIRMetadata.jurisdictionSystem + "#" + FHIRMetadata.jurisdictionCode)
            w.field("type", "Conformance")
            w.field("lienthongFormatVersion", formatVersion)
        }
        return w.finish()
    }
}

/// The identifiers derived from the catalog's canonical URL and name.
struct Identifiers {
    /// Resource id of the CodeSystem (and stem of the others): the catalog name.
    let id: String
    /// The canonical base: the CodeSystem URL without `/CodeSystem/<id>`.
    let base: String
    let codeSystemUrl: String
    /// The FHIR package name: lowercase, dot-separated.
    let packageName: String

    init(_ m: CatalogMetadata) {
        id = m.name
        codeSystemUrl = m.canonicalUrl
        if let range = m.canonicalUrl.range(of: "/CodeSystem/") {
            base = String(m.canonicalUrl[..<range.lowerBound])
        } else {
            base = m.canonicalUrl
        }
        let host = m.canonicalUrl.split(separator: "/").dropFirst().first.map(String.init) ?? "example.org"
        packageName = (host.split(separator: ".").reversed().map(String.init) + [m.name.lowercased()]).joined(separator: ".")
    }

    func url(_ type: String, _ suffix: String) -> String { "\(base)/\(type)/\(id)-\(suffix)" }

    /// The URI of one of the catalog's own concept properties (the CodeSystem's, and the SSSOM
    /// extension slots that carry the same values).
    func conceptProperty(_ code: String) -> String { base + "/concept-property#" + code }
}
