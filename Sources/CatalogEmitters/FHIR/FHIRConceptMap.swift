import CatalogCore

/// A ConceptMap from the catalog to one target system, with R4 equivalences. Its source is
/// the value set of every code of the CodeSystem, so retired and deprecated entries' mappings
/// lie inside it too.
enum FHIRConceptMap {
    /// Writes the map, or nothing when no entry maps to `target` (a ConceptMap without a group
    /// would be an empty array, which FHIR JSON does not allow).
    static func write(_ catalog: Catalog, _ ids: Identifiers, target: MappingSystem, to output: any ArtifactOutput) -> FHIRIndexEntry? {
        let m = catalog.metadata
        let suffix = "to-\(target.rawValue)"
        let mapped = catalog.entries.lazy.filter { e in e.mappings.contains { $0.system == target } }
        guard !mapped.isEmpty else { return nil }
        let entry = FHIRIndexEntry(filename: "ConceptMap-\(ids.id)-\(suffix).json", resourceType: "ConceptMap", id: "\(ids.id)-\(suffix)",
                                   url: ids.url("ConceptMap", suffix), version: m.version.description)
        var w = JSONWriter(to: output.open("fhir/package/" + entry.filename))
        w.object { w in
            w.field("resourceType", "ConceptMap")
            w.field("id", entry.id)
            w.field("url", entry.url)
            FHIRMetadata.write(m, name: "\(ids.id)_to_\(target.rawValue)", title: "\(m.titleEn) → \(target == .loinc ? "LOINC" : "RadLex Playbook")",
                               copyright: Notices.text(m, m.notices.filter { $0.system == target }), to: &w)
            w.field("sourceCanonical", ids.url("ValueSet", FHIREmitter.allCodes))
            w.field("targetUri", target.uri)
            w.key("group")
            w.array { w in
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
        return entry
    }
}
