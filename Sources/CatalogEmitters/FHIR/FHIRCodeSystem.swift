import CatalogCore

/// The CodeSystem: every code with its Vietnamese display, an English designation, and its
/// annex, group, status, replacement, national codes, attributes and history (first released,
/// last changed) as properties.
enum FHIRCodeSystem {
    /// HL7's concept properties (http://hl7.org/fhir/concept-properties, FHIR core
    /// `source/codesystem/codesystem-concept-properties.xml`): `status`, `inactive`,
    /// `effectiveDate`, `deprecated`/`deprecationDate` and `retirementDate` (dates, which the
    /// catalog does not record), `notSelectable`, `parent`, `child`, `partOf`, `synonym`,
    /// `comment`, `itemWeight`. The catalog's status and inactive flag use HL7's; the rest are
    /// the catalog's own, under its canonical base.
    static let hl7Properties = "http://hl7.org/fhir/concept-properties#"

    /// Property definitions: code, type, description, and whether HL7 defines it.
    ///
    /// HL7 defines no concept property for a replacement code: the extension
    /// `http://hl7.org/fhir/StructureDefinition/codesystem-replacedby` is retired (FHIR
    /// Extensions Pack 5.2.0: "identification of replacement codes should be captured using
    /// concept properties") and concept-properties has no such code, so `replacedBy` is ours.
    static let properties: [(code: String, type: String, description: String, hl7: Bool)] = [
        ("annex", "integer", "Annex (phụ lục) of the circular, 1-6", false),
        ("group", "code", "Group (section heading) id within the annex", false),
        ("status", "code", "active | deprecated | retired", true),
        ("inactive", "boolean", "True for retired entries", true),
        ("statusReason", "string", "Why the entry is deprecated or retired", false),
        ("replacedBy", "code", "Code of the entry that replaces this one", false),
        ("nationalCode", "string", "MA_TUONG_DUONG code (CC.TTTT.GGGG)", false),
        ("tt23", "string", "Circular 23/2024/TT-BYT technique number", false),
    ] + EntryFields.attributes.map { ($0.name, $0.fhirType, $0.fhirDescription, false) } + [
        ("versionFirstReleased", "string", "Catalog version in which the code was first released (computed from the releases)", false),
        ("versionLastChanged", "string", "Catalog version in which the entry last changed (computed from the releases)", false),
    ]

    static func write(_ catalog: Catalog, _ ids: Identifiers, to file: any ArtifactFile) {
        let m = catalog.metadata
        var w = JSONWriter(to: file)
        w.object { w in
            w.field("resourceType", "CodeSystem")
            w.field("id", ids.id)
            w.field("url", ids.codeSystemUrl)
            w.key("identifier")
            w.array { w in w.object { w in w.field("system", "urn:ietf:rfc:3986"); w.field("value", "urn:oid:" + m.oid) } }
            FHIRMetadata.write(m, name: m.name, title: m.titleVi, copyright: Notices.text(m, []), to: &w)
            w.field("description", m.description)
            w.field("language", "vi")
            w.field("caseSensitive", true)
            w.field("valueSet", ids.url("ValueSet", FHIREmitter.allCodes))
            w.field("content", "complete")
            w.field("count", catalog.entries.count)
            w.key("property")
            w.array { w in
                for p in properties {
                    w.object { w in
                        w.field("code", p.code)
                        w.field("uri", p.hl7 ? hl7Properties + p.code : ids.conceptProperty(p.code))
                        w.field("description", p.description)
                        w.field("type", p.type)
                    }
                }
            }
            w.key("concept")
            w.array { w in
                for entry in catalog.entries {
                    concept(entry, history: catalog.history(of: entry), &w)
                    w.flushIfFull()
                }
            }
        }
        w.close()
    }

    private static func concept(_ e: Entry, history: EntryHistory, _ w: inout JSONWriter) {
        w.object { w in
            w.field("code", e.code)
            w.field("display", e.nameVi)
            w.key("designation")
            w.array { w in
                w.object { w in
                    w.field("language", "en")
                    w.key("use")
                    w.object { w in
                        w.field("system", "http://terminology.hl7.org/CodeSystem/designation-usage")
                        w.field("code", "display")
                    }
                    w.field("value", e.nameEn)
                }
            }
            w.key("property")
            w.array { w in
                func code(_ name: String, _ value: String?) {
                    guard let value else { return }
                    w.object { w in w.field("code", name); w.field("valueCode", value) }
                }
                func string(_ name: String, _ value: String?) {
                    guard let value else { return }
                    w.object { w in w.field("code", name); w.field("valueString", value) }
                }
                w.object { w in w.field("code", "annex"); w.field("valueInteger", e.annex) }
                code("group", e.group)
                code("status", e.status.rawValue)
                w.object { w in w.field("code", "inactive"); w.field("valueBoolean", e.status == .retired) }
                string("statusReason", e.statusReason)
                code("replacedBy", e.replacedBy)
                for n in e.nationalCodes {
                    string("nationalCode", n.maTuongDuong)
                    string("tt23", n.tt23)
                }
                for field in EntryFields.attributes {
                    let value = e.attributes.value(of: field)
                    if field.allowedValues == nil { string(field.name, value) } else { code(field.name, value) }
                }
                string("versionFirstReleased", history.firstReleased.description)
                string("versionLastChanged", history.lastChanged.description)
            }
        }
    }
}
