import CatalogCore

/// The CodeSystem: every code with its Vietnamese display, an English designation, and its
/// annex, group, status, replacement, national codes and attributes as properties.
enum FHIRCodeSystem {
    /// Property definitions: code, type, description.
    static let properties: [(String, String, String)] = [
        ("annex", "integer", "Annex (phụ lục) of the circular, 1-6"),
        ("group", "code", "Group (section heading) id within the annex"),
        ("status", "code", "active | deprecated | retired"),
        ("inactive", "boolean", "True for retired entries"),
        ("replacedBy", "code", "Code of the entry that replaces this one"),
        ("nationalCode", "string", "MA_TUONG_DUONG code (CC.TTTT.GGGG)"),
        ("tt23", "string", "Circular 23/2024/TT-BYT technique number"),
        ("specimen", "code", "Laboratory specimen"),
        ("modality", "code", "Imaging modality"),
        ("bodyRegion", "code", "Imaging body region"),
        ("contrast", "code", "Imaging contrast"),
        ("laterality", "code", "Imaging laterality"),
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
            w.field("version", m.version.description)
            w.field("name", m.name)
            w.field("title", m.titleVi)
            w.field("status", m.status.rawValue)
            w.field("experimental", m.experimental)
            w.field("date", m.effectiveDate)
            w.field("publisher", m.publisher)
            w.field("copyright", Notices.text(m, []))
            w.field("description", m.description)
            w.field("language", "vi")
            w.key("caseSensitive"); w.bool(true)
            w.field("valueSet", ids.url("ValueSet", "active"))
            w.field("content", "complete")
            w.field("count", catalog.entries.count)
            w.key("property")
            w.array { w in
                for (code, type, description) in properties {
                    w.object { w in
                        w.field("code", code)
                        w.field("uri", ids.base + "/concept-property#" + code)
                        w.field("description", description)
                        w.field("type", type)
                    }
                }
            }
            w.key("concept")
            w.array { w in
                for entry in catalog.entries {
                    concept(entry, &w)
                    w.flushIfFull()
                }
            }
        }
        w.close()
    }

    private static func concept(_ e: Entry, _ w: inout JSONWriter) {
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
                w.object { w in w.field("code", "inactive"); w.key("valueBoolean"); w.bool(e.status == .retired) }
                code("replacedBy", e.replacedBy)
                for n in e.nationalCodes {
                    string("nationalCode", n.maTuongDuong)
                    string("tt23", n.tt23)
                }
                code("specimen", e.specimen?.rawValue)
                if let i = e.imaging {
                    code("modality", i.modality.rawValue)
                    code("bodyRegion", i.bodyRegion.rawValue)
                    code("contrast", i.contrast.rawValue)
                    code("laterality", i.laterality.rawValue)
                }
            }
        }
    }
}

/// A ValueSet that enumerates codes of the catalog's CodeSystem.
enum FHIRValueSet {
    static func write(_ catalog: Catalog, _ ids: Identifiers, suffix: String, title: String, codes: some Sequence<String>,
                      to output: any ArtifactOutput) {
        let m = catalog.metadata
        var w = JSONWriter(to: output.open("fhir/package/ValueSet-\(ids.id)-\(suffix).json"))
        w.object { w in
            w.field("resourceType", "ValueSet")
            w.field("id", "\(ids.id)-\(suffix)")
            w.field("url", ids.url("ValueSet", suffix))
            w.field("version", m.version.description)
            w.field("name", "\(ids.id)_\(suffix.replacingOccurrences(of: "-", with: "_"))")
            w.field("title", title)
            w.field("status", m.status.rawValue)
            w.field("experimental", m.experimental)
            w.field("date", m.effectiveDate)
            w.field("publisher", m.publisher)
            w.field("copyright", Notices.text(m, []))
            w.key("compose")
            w.object { w in
                w.key("include")
                w.array { w in
                    w.object { w in
                        w.field("system", ids.codeSystemUrl)
                        w.field("version", m.version.description)
                        w.key("concept")
                        w.array { w in
                            for code in codes {
                                w.object { w in w.field("code", code) }
                                w.flushIfFull()
                            }
                        }
                    }
                }
            }
        }
        w.close()
    }
}

/// A ConceptMap from the catalog to one target system, with R4 equivalences.
enum FHIRConceptMap {
    static func write(_ catalog: Catalog, _ ids: Identifiers, target: MappingSystem, to output: any ArtifactOutput) {
        let m = catalog.metadata
        let suffix = "to-\(target.rawValue)"
        let mapped = catalog.entries.lazy.filter { e in e.mappings.contains { $0.system == target } }
        var w = JSONWriter(to: output.open("fhir/package/ConceptMap-\(ids.id)-\(suffix).json"))
        w.object { w in
            w.field("resourceType", "ConceptMap")
            w.field("id", "\(ids.id)-\(suffix)")
            w.field("url", ids.url("ConceptMap", suffix))
            w.field("version", m.version.description)
            w.field("name", "\(ids.id)_to_\(target.rawValue)")
            w.field("title", "\(m.titleEn) → \(target == .loinc ? "LOINC" : "RadLex Playbook")")
            w.field("status", m.status.rawValue)
            w.field("experimental", m.experimental)
            w.field("date", m.effectiveDate)
            w.field("publisher", m.publisher)
            w.field("copyright", Notices.text(m, m.notices.filter { $0.system == target }))
            w.field("sourceCanonical", ids.url("ValueSet", "active"))
            w.field("targetUri", target.uri)
            w.key("group")
            w.array { w in
                guard !mapped.isEmpty else { return }
                w.object { w in
                    w.field("source", ids.codeSystemUrl)
                    w.field("sourceVersion", m.version.description)
                    w.field("target", target.uri)
                    w.key("element")
                    w.array { w in
                        for e in mapped {
                            w.object { w in
                                w.field("code", e.code)
                                w.field("display", e.nameVi)
                                w.key("target")
                                w.array { w in
                                    for t in e.mappings where t.system == target {
                                        w.object { w in
                                            w.field("code", t.code)
                                            w.field("display", t.display)
                                            w.field("equivalence", FHIREmitter.equivalence(t.relationship))
                                            w.field("comment", t.comment)
                                        }
                                    }
                                }
                            }
                            w.flushIfFull()
                        }
                    }
                }
            }
        }
        w.close()
    }
}
