import CatalogCore

/// A ValueSet of codes of the catalog's CodeSystem: either the listed codes or, with `codes`
/// nil, every code of the CodeSystem (the value set `CodeSystem.valueSet` and the ConceptMaps'
/// `sourceCanonical` name).
enum FHIRValueSet {
    static func write(_ catalog: Catalog, _ ids: Identifiers, suffix: String, title: String, codes: (some Sequence<String>)?,
                      to output: any ArtifactOutput) -> FHIRIndexEntry {
        let m = catalog.metadata
        let entry = FHIRIndexEntry(filename: "ValueSet-\(ids.id)-\(suffix).json", resourceType: "ValueSet", id: "\(ids.id)-\(suffix)",
                                   url: ids.url("ValueSet", suffix), version: m.version.description)
        var w = JSONWriter(to: output.open("fhir/package/" + entry.filename))
        w.object { w in
            w.field("resourceType", "ValueSet")
            w.field("id", entry.id)
            w.field("url", entry.url)
            FHIRMetadata.write(m, name: "\(ids.id)_\(suffix.replacingOccurrences(of: "-", with: "_"))", title: title,
                               copyright: Notices.text(m, []), to: &w)
            w.key("compose")
            w.object { w in
                w.key("include")
                w.array { w in
                    w.object { w in
                        w.field("system", ids.codeSystemUrl)
                        w.field("version", m.version.description)
                        guard let codes else { return }
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
        return entry
    }
}
