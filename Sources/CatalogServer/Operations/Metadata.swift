import CatalogCore
import CatalogEmitters

extension Terminology {
    /// The software's name and version in `metadata`.
    public static let software = (name: "lienthong serve", version: "0.1.0")

    /// The operations the server defines, by resource type ("" for system level).
    static let operations: [(type: String, name: String, definition: String)] = [
        ("CodeSystem", "lookup", "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup"),
        ("CodeSystem", "validate-code", "http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code"),
        ("ValueSet", "expand", "http://hl7.org/fhir/OperationDefinition/ValueSet-expand"),
        ("ValueSet", "validate-code", "http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code"),
        ("ConceptMap", "translate", "http://hl7.org/fhir/OperationDefinition/ConceptMap-translate"),
    ]

    /// `GET metadata`: the CapabilityStatement (FHIR R4 4.0.1, JSON, read-only terminology
    /// resources and their operations).
    public func capabilityStatement() -> JSONValue {
        let date = releases.latest?.catalog.metadata.effectiveDate ?? "2026-01-01"
        let base = releases.latest.map(Self.base) ?? ""
        func resource(_ type: String, search: [(String, String)]) -> JSONValue {
            .object([
                ("type", .string(type)),
                ("interaction", .array(["read", "search-type"].map { .object([("code", .string($0))]) })),
                ("searchParam", .array(search.map { .object([("name", .string($0.0)), ("type", .string($0.1))]) })),
                ("operation", .array(Self.operations.filter { $0.type == type }.map {
                    .object([("name", .string($0.name)), ("definition", .string($0.definition))])
                })),
            ])
        }
        /// The package's conformance resources: read and search, no operations.
        func conformance(_ type: String) -> JSONValue {
            .object([
                ("type", .string(type)),
                ("interaction", .array(["read", "search-type"].map { .object([("code", .string($0))]) })),
                ("searchParam", .array([("name", "string"), ("status", "token")].map { .object([("name", .string($0.0)), ("type", .string($0.1))]) })),
            ])
        }
        let search = [("url", "uri"), ("version", "token"), ("name", "string"), ("status", "token")]
        return .object([
            ("resourceType", .string("CapabilityStatement")),
            ("status", .string("active")),
            ("date", .string(date)),
            ("publisher", .string(releases.latest?.catalog.metadata.publisher ?? "")),
            ("kind", .string("instance")),
            ("instantiates", .array([.string("http://hl7.org/fhir/CapabilityStatement/terminology-server")])),
            ("software", .object([("name", .string(Self.software.name)), ("version", .string(Self.software.version))])),
            ("implementation", .object([("description", .string("Read-only FHIR terminology server over the published releases of \(releases.latest?.catalog.metadata.name ?? "the catalog")"))])),
            ("fhirVersion", .string("4.0.1")),
            ("format", .array([.string("application/fhir+json"), .string("json")])),
            ("rest", .array([.object([
                ("mode", .string("server")),
                ("resource", .array([resource("CodeSystem", search: search), resource("ValueSet", search: search), resource("ConceptMap", search: search),
                                     conformance("OperationDefinition"), conformance("NamingSystem")])),
                ("operation", .array([
                    .object([("name", .string("versions")), ("definition", .string("http://hl7.org/fhir/OperationDefinition/CapabilityStatement-versions"))]),
                    .object([("name", .string("recognize")), ("definition", .string(releases.latest.map { FHIRPackageModel.recognizeURL($0.catalog.metadata) } ?? base + "/OperationDefinition/recognize"))]),
                ])),
            ])])),
        ])
    }

    /// `GET metadata?mode=terminology`: the TerminologyCapabilities: the code system and every
    /// version served (the default marked), its properties as filters, and the parameters of
    /// `$expand`.
    public func terminologyCapabilities() -> JSONValue {
        let latest = releases.latest
        let properties = ["annex", "group", "status", "inactive", "statusReason", "replacedBy", "nationalCode", "tt23", "specimen", "method",
                          "modality", "bodyRegion", "contrast", "laterality", "versionFirstReleased", "versionLastChanged", "mapping", "history"]
        return .members([
            ("resourceType", .string("TerminologyCapabilities")),
            ("status", .string("active")),
            ("date", .string(latest?.catalog.metadata.effectiveDate ?? "2026-01-01")),
            ("kind", .string("instance")),
            ("software", .object([("name", .string(Self.software.name)), ("version", .string(Self.software.version))])),
            ("codeSystem", latest.map { latest in .array([.object([
                ("uri", .string(latest.codeSystemUrl)),
                ("version", .array(releases.releases.map { r in .object([
                    ("code", .string(r.version)),
                    ("isDefault", .bool(r.version == latest.version)),
                    ("language", .array([.string("vi"), .string("en")])),
                    ("property", .array(properties.map(JSONValue.string))),
                ]) })),
            ])]) }),
            ("expansion", .object([
                ("hierarchical", .bool(false)),
                ("paging", .bool(true)),
                ("parameter", .array(["filter", "count", "offset", "displayLanguage", "activeOnly", "includeDesignations", "system-version"].map {
                    .object([("name", .string($0))])
                })),
                ("textFilter", .string("Words of the filter, each matched within the code, the Vietnamese and English names or a national code, case- and diacritic-insensitively (\"chup clvt so nao\" finds \"Chụp CLVT sọ não\")")),
            ])),
            ("codeSearch", .string("all")),
            ("validateCode", .object([("translations", .bool(false))])),
            ("translation", .object([("needsMap", .bool(false))])),
        ])
    }

    /// `$versions`: the FHIR versions the server speaks (R4 only).
    public func versions() -> JSONValue {
        var p = ParametersBuilder()
        p.code("version", "4.0")
        p.code("default", "4.0")
        return p.resource
    }
}
