import CatalogCore

/// The NamingSystem of the catalog's CodeSystem (FHIR R4): its canonical URL (preferred) and its
/// OID, so a system that holds the code system by OID (`urn:oid:…`) finds the URL and back.
/// An R4 NamingSystem has neither `url` nor `version`; `.index.json` lists it by id.
enum FHIRNamingSystem {
    static func write(_ catalog: Catalog, _ ids: Identifiers, to output: any ArtifactOutput) -> FHIRIndexEntry {
        let m = catalog.metadata
        let entry = FHIRIndexEntry(filename: "NamingSystem-\(FHIRPackageModel.namingSystemId(m)).json", resourceType: "NamingSystem",
                                   id: FHIRPackageModel.namingSystemId(m), url: nil, version: nil)
        var w = JSONWriter(to: output.open("fhir/package/" + entry.filename))
        w.object { w in
            w.field("resourceType", "NamingSystem")
            w.field("id", entry.id)
            w.field("name", m.name)
            w.field("status", m.status.rawValue)
            w.field("kind", "codesystem")
            w.field("date", m.effectiveDate)
            w.field("publisher", m.publisher)
            w.field("description", "Định danh của \(m.titleVi) (phiên bản \(m.version)). Identifiers of the \(m.titleEn).")
            w.key("jurisdiction")
            w.array { w in
                w.object { w in
                    w.key("coding")
                    w.array { w in w.object { w in w.field("system", FHIRMetadata.jurisdictionSystem); w.field("code", FHIRMetadata.jurisdictionCode) } }
                }
            }
            w.key("uniqueId")
            w.array { w in
                w.object { w in
                    w.field("type", "uri")
                    w.field("value", ids.codeSystemUrl)
                    w.field("preferred", true)
                }
                w.object { w in
                    w.field("type", "oid")
                    w.field("value", m.oid)
                    w.field("preferred", false)
                }
            }
        }
        w.close()
        return entry
    }
}
