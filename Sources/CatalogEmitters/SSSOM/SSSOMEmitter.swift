import CatalogCore
import Foundation

/// `sssom/`: the catalog's mappings as an SSSOM mapping set, one TSV file with its YAML
/// metadata block embedded as `#` comment lines (SSSOM 1.0, "embedded mode").
///
/// Subjects are catalog codes under a prefix named after the catalog (`<name>:<code>`, expanding
/// to `<canonicalUrl>/<code>`); objects are `LOINC:<code>` or `RADLEX:<RPID>`. Rows follow the
/// catalog's order (annex, code, then the entry's mapping order). The mapping-set licence is the
/// manifest's `license`, or SSSOM's own IRI for an unspecified licence until one is declared.
///
/// From format 1.1.0 each row also carries its subject entry's history in two extension slots
/// (SSSOM 1.1 "non-standard slots", declared under `extension_definitions` with the same
/// property URIs as the FHIR CodeSystem's concept properties): `subject_version_first_released`
/// and `subject_version_last_changed`. sssom-py 0.4 validates such a set but drops the extension
/// columns when it reads the rows; read them from the TSV itself.
///
/// From format 1.2.0 each row ends with the evidence of its mapping, in the slots SSSOM
/// defines for it: `object_source_version` (the release of the reference source whose row
/// confirms the object, as `annexes/reference/SOURCES.md` records it) and `other` (SSSOM's
/// "pipe separated list of key value pairs for properties not part of the SSSOM spec":
/// `evidence_file`, `evidence_line`, `evidence_name`, `agrees`, `unspecified`, `disagrees`).
/// `mapping_justification` stays `semapv:ManualMappingCuration`: a person decided every mapping;
/// the evidence is the reference row the build checks it against, not how it was found.
public struct SSSOMEmitter: ArtifactFamily {
    public let name = "sssom"
    public let formatVersion = FormatHistory.current("sssom")

    /// SSSOM's value for a mapping set whose licence is not known.
    public static let unspecifiedLicense = "https://w3id.org/sssom/license/unspecified"

    /// The table's columns, in order.
    public static let columns = [
        "subject_id", "subject_label", "predicate_id", "object_id", "object_label",
        "mapping_justification", "comment", "subject_version_first_released", "subject_version_last_changed",
        "object_source_version", "other",
    ]

    /// The extension slots of the history columns: slot name and the concept property (under
    /// the catalog's canonical base, as the FHIR CodeSystem declares it) each one carries.
    static let historySlots = [
        ("subject_version_first_released", "versionFirstReleased"),
        ("subject_version_last_changed", "versionLastChanged"),
    ]

    /// Every row is a human curator's decision, checked against the reference tables.
    static let justification = "semapv:ManualMappingCuration"

    public init() {}

    /// The SKOS predicate for each relationship, named explicitly. SSSOM speaks from the
    /// subject's side: a source narrower than its target has the target as a broader concept.
    public static func predicate(_ relationship: MappingRelationship) -> String {
        switch relationship {
        case .equivalent: "skos:exactMatch"
        case .sourceIsNarrowerThanTarget: "skos:broadMatch"
        case .sourceIsBroaderThanTarget: "skos:narrowMatch"
        case .relatedTo: "skos:relatedMatch"
        }
    }

    /// The `other` cell of a mapping's row: its evidence as `key=value` pairs separated by `|`
    /// (a `|` inside a value is written `/`; lists are comma separated).
    public static func other(_ e: MappingEvidence) -> String {
        let pairs = [
            ("evidence_file", e.file), ("evidence_line", String(e.line)), ("evidence_code", e.code), ("evidence_name", e.name),
            ("agrees", e.agreeing.joined(separator: ",")), ("unspecified", e.unspecified.joined(separator: ",")),
            ("disagrees", e.disagreeing.joined(separator: ",")),
        ]
        return pairs.map { "\($0.0)=" + $0.1.replacingOccurrences(of: "|", with: "/") }.joined(separator: "|")
    }

    /// The CURIE prefix and its expansion for each target system.
    public static func prefix(_ system: MappingSystem) -> (name: String, expansion: String) {
        switch system {
        case .loinc: ("LOINC", "https://loinc.org/")
        case .radlex: ("RADLEX", "http://radlex.org/RID/")
        }
    }

    public func emit(_ catalog: Catalog, to output: any ArtifactOutput) {
        let m = catalog.metadata
        // The metadata block names the prefixes the rows use, so it needs the systems first.
        var systems = Set<MappingSystem>()
        for entry in catalog.entries { for mapping in entry.mappings { systems.insert(mapping.system) } }
        let file = output.open("sssom/\(m.name).sssom.tsv")
        file.write(metadataBlock(m, systems: systems, notices: m.notices.filter { systems.contains($0.system) }))
        var table = TSVWriter(to: file)
        table.row(Self.columns)
        for entry in catalog.entries {
            let history = catalog.history(of: entry)
            for mapping in entry.mappings {
                table.row([
                    "\(m.name):\(entry.code)", entry.nameVi, Self.predicate(mapping.relationship),
                    "\(Self.prefix(mapping.system).name):\(mapping.code)", mapping.display,
                    Self.justification, mapping.comment ?? "",
                    history.firstReleased.description, history.lastChanged.description,
                    mapping.evidence?.release ?? "", mapping.evidence.map(Self.other) ?? "",
                ])
            }
            table.flushIfFull()
        }
        table.close()
    }

    /// The YAML metadata block, each line behind `# `. Prefixes are those the rows use plus
    /// `skos`, `semapv` and `xsd`, sorted; free text is written as YAML double-quoted scalars.
    private func metadataBlock(_ m: CatalogMetadata, systems: Set<MappingSystem>, notices: [Notice]) -> [UInt8] {
        var prefixes = [(m.name, m.canonicalUrl + "/"), ("semapv", "https://w3id.org/semapv/vocab/"),
                        ("skos", "http://www.w3.org/2004/02/skos/core#"), ("xsd", "http://www.w3.org/2001/XMLSchema#")]
        prefixes += MappingSystem.allCases.filter(systems.contains).map { Self.prefix($0) }
        var lines = ["curie_map:"]
        lines += prefixes.sorted { $0.0 < $1.0 }.map { "  \($0.0): \(quoted($0.1))" }
        lines += [
            "mapping_set_id: \(quoted("\(Identifiers(m).base)/sssom/\(m.name).sssom.tsv"))",
            "mapping_set_version: \(quoted(m.version.description))",
            "mapping_set_title: \(quoted("\(m.titleVi) — \(m.titleEn)"))",
            "mapping_set_description: \(quoted("Mappings of the catalog \(m.canonicalUrl) to LOINC and RadLex. \(m.description)"))",
            "license: \(quoted(m.license ?? Self.unspecifiedLicense))",
            "extension_definitions:",
        ]
        for (slot, property) in Self.historySlots {
            lines += [
                "  - slot_name: \(slot)",
                "    property: \(quoted(Identifiers(m).conceptProperty(property)))",
                "    type_hint: \(quoted("xsd:string"))",
            ]
        }
        lines += [
            "comment: \(quoted("Generated by lienthong (SSSOM format \(formatVersion)) from the catalog sources; do not edit. Publisher: \(m.publisher)." + (Notices.text(m, notices).map { "\n\n" + $0 } ?? "")))",
        ]
        var bytes: [UInt8] = []
        for line in lines {
            bytes.append(contentsOf: "# ".utf8)
            bytes.append(contentsOf: line.utf8)
            bytes.append(10)
        }
        return bytes
    }

    /// A YAML double-quoted scalar (JSON string syntax, which YAML 1.2 reads the same way).
    private func quoted(_ text: String) -> String {
        var w = JSONWriter()
        w.string(text)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
