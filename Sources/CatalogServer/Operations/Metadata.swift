import CatalogCore
import CatalogEmitters

extension Terminology {
    /// The software's name and version in `metadata`.
    public static let software = (name: "lienthong serve", version: "0.1.0")

    /// The HL7 terminology-ecosystem test cases version the server was checked against
    /// (scripts/tx_ecosystem.py; pass counts per suite in docs/guide/server.md).
    static let txTestsVersion = "1.9.3"

    /// The application-feature extensions the terminology-ecosystem IG asks a server to declare:
    /// the test-case version, and whether CodeSystems are accepted in `tx-resource` (they are).
    static var featureExtensions: JSONValue {
        func feature(_ definition: String, _ value: (String, JSONValue)) -> JSONValue {
            .object([
                ("url", .string("http://hl7.org/fhir/uv/application-feature/StructureDefinition/feature")),
                ("extension", .array([
                    .object([("url", .string("definition")), ("valueCanonical", .string(definition))]),
                    .object([("url", .string("value")), value]),
                ])),
            ])
        }
        return .array([
            feature("http://hl7.org/fhir/uv/tx-tests/FeatureDefinition/test-version", ("valueCode", .string(txTestsVersion))),
            feature("http://hl7.org/fhir/uv/tx-ecosystem/FeatureDefinition/CodeSystemAsParameter", ("valueBoolean", .bool(true))),
        ])
    }

    /// The parameters `$expand` accepts (TerminologyCapabilities.expansion.parameter).
    static let expansionParameters = ["activeOnly", "check-system-version", "count", "displayLanguage", "excludeNested", "filter",
                                      "force-system-version", "includeDefinition", "includeDesignations", "offset", "property",
                                      "system-version", "tx-resource"]

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
            ("extension", Self.featureExtensions),
            ("url", .string(base + "/CapabilityStatement/lienthong-serve")),
            ("version", .string(Self.software.version)),
            ("name", .string("LienthongServe")),
            ("title", .string("lienthong serve: \(releases.latest?.catalog.metadata.name ?? "the catalog")")),
            ("status", .string("active")),
            ("date", .string(date)),
            ("publisher", .string(releases.latest?.catalog.metadata.publisher ?? "")),
            ("kind", .string("instance")),
            ("instantiates", .array([.string("http://hl7.org/fhir/CapabilityStatement/terminology-server")])),
            ("software", .object([("name", .string(Self.software.name)), ("version", .string(Self.software.version)), ("releaseDate", .string(date))])),
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
        let properties = ["annex", "group", "status", "inactive", "statusReason", "replacedBy", "nationalCode", "tt23"]
            + EntryFields.attributes.map(\.name) + ["versionFirstReleased", "versionLastChanged", "mapping", "history"]
        return .members([
            ("resourceType", .string("TerminologyCapabilities")),
            ("url", .string((latest.map(Self.base) ?? "") + "/TerminologyCapabilities/lienthong-serve")),
            ("version", .string(Self.software.version)),
            ("name", .string("LienthongServeTerminology")),
            ("title", .string("lienthong serve: terminology capabilities")),
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
                ("parameter", .array(Self.expansionParameters.map {
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
