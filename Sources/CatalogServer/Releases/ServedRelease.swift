import CatalogCore
import CatalogEmitters
import CatalogRelease

/// One release as the server answers from it: the catalog read back from its `catalog.json`,
/// never changed after loading, with the indexes the operations look things up by.
public struct ServedRelease: Sendable {
    /// The catalog version ("2026.3.0").
    public let version: String
    public let semanticVersion: SemanticVersion
    /// Published (verified against its `release.json`) or a draft (served only when asked).
    public let status: VersionIndex.Status
    public let catalog: Catalog
    /// The published FHIR resources of the release's `fhir/package/`, by type.
    public let resources: [PackageResource]
    /// Entry position in `catalog.entries` by catalog code.
    let byCode: [String: Int]
    /// The national codes (mã tương đương, `CC.TTTT.GGGG`) with their entries, from the model
    /// the FHIR package's national ConceptMap is written from.
    let byNationalCode: [String: FHIRPackageModel.NationalCodeTargets]
    /// Entry positions by mapping target, keyed `system|code`.
    let byTarget: [String: [Int]]
    /// Each entry's folded search text (code, Vietnamese and English names, national codes),
    /// in entry order.
    let searchKeys: [String]
    /// The kind of each annex, by number.
    let annexKinds: [Int: AnnexKind]
    /// The version folder.
    public let folder: String
    /// The release's `release.json` and its own digest (published releases only).
    public let manifest: ReleaseFeeds.Release?
    /// The FHIR package's name (`package.json`).
    public let packageName: String?

    public init(version: String, status: VersionIndex.Status, catalog: Catalog, resources: [PackageResource],
                folder: String = "", manifest: ReleaseFeeds.Release? = nil, packageName: String? = nil) {
        self.folder = folder
        self.manifest = manifest
        self.packageName = packageName
        self.version = version
        semanticVersion = catalog.metadata.version
        self.status = status
        self.catalog = catalog
        self.resources = resources
        var byCode: [String: Int] = [:], byTarget: [String: [Int]] = [:]
        var keys: [String] = []
        keys.reserveCapacity(catalog.entries.count)
        for (i, e) in catalog.entries.enumerated() {
            byCode[e.code] = i
            for m in e.mappings { byTarget[m.system.uri + "|" + m.code, default: []].append(i) }
            let national = e.nationalCodes.map(\.maTuongDuong).joined(separator: " ")
            keys.append(TextChecks.searchKey(e.code + " " + e.nameVi + " " + e.nameEn + " " + national))
        }
        self.byCode = byCode
        byNationalCode = Dictionary(FHIRPackageModel.nationalCodes(catalog).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.byTarget = byTarget
        searchKeys = keys
        annexKinds = Dictionary(catalog.annexes.map { ($0.number, $0.kind) }, uniquingKeysWith: { a, _ in a })
    }

    /// The canonical URL of the CodeSystem.
    public var codeSystemUrl: String { catalog.metadata.canonicalUrl }

    /// The entry with `code`, if the release has one.
    public func entry(_ code: String) -> Entry? {
        byCode[code].map { catalog.entries[$0] }
    }

    /// The entries whose national code is `code`, with the equivalence the package publishes.
    public func nationalCode(_ code: String) -> FHIRPackageModel.NationalCodeTargets? {
        byNationalCode[code]
    }

    /// The entries mapped to `code` of `system`.
    public func entries(mappedTo system: String, code: String) -> [Entry] {
        (byTarget[system + "|" + code] ?? []).map { catalog.entries[$0] }
    }

    /// The published resources of `type` ("CodeSystem", "ValueSet", "ConceptMap").
    public func resources(ofType type: String) -> [PackageResource] {
        resources.filter { $0.resourceType == type }
    }
}

/// A FHIR resource file of a release's FHIR package, kept as its published bytes.
public struct PackageResource: Sendable {
    public let resourceType: String
    public let id: String
    public let url: String
    public let version: String
    public let name: String?
    public let status: String?
    public let title: String?
    /// The file's bytes, served as they were published.
    public let bytes: [UInt8]
    /// For a ValueSet: the codes it includes, or nil when it includes every code of the
    /// CodeSystem (a `compose.include` naming the system without concepts).
    public let valueSetCodes: [String]?
}
