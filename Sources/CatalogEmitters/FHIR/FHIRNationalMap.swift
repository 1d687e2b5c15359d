import CatalogCore

/// The ConceptMap national code (mã tương đương) → catalog code, from
/// ``FHIRPackageModel/nationalCodes(_:)``: what `lienthong serve` answers to `$translate` with
/// the national system, so a vendor holding only the files has it too.
enum FHIRNationalMap {
    /// Writes the map, or nothing when no entry carries a national code.
    static func write(_ catalog: Catalog, _ ids: Identifiers, to output: any ArtifactOutput) -> FHIRIndexEntry? {
        let m = catalog.metadata
        let codes = FHIRPackageModel.nationalCodes(catalog)
        guard !codes.isEmpty else { return nil }
        let entry = FHIRIndexEntry(filename: "ConceptMap-\(FHIRPackageModel.nationalMapId(m)).json", resourceType: "ConceptMap",
                                   id: FHIRPackageModel.nationalMapId(m), url: FHIRPackageModel.nationalMapURL(m), version: m.version.description)
        var w = JSONWriter(to: output.open("fhir/package/" + entry.filename))
        w.object { w in
            w.field("resourceType", "ConceptMap")
            w.field("id", entry.id)
            w.field("url", entry.url)
            FHIRMetadata.write(m, name: "\(ids.id)_from_national", title: "Mã tương đương → \(m.name) — National codes → catalog codes",
                               copyright: Notices.text(m, []), to: &w)
            w.field("description", "Mã tương đương (CC.TTTT.GGGG) của danh mục kỹ thuật quốc gia → mã danh mục. The national code system URI is this catalog's identifier for the national list's codes, not an official Ministry of Health URI.")
            w.field("targetCanonical", ids.url("ValueSet", FHIREmitter.allCodes))
            w.key("group")
            w.array { w in
                w.object { w in
                    w.field("source", FHIRPackageModel.nationalSystem(m))
                    w.field("target", ids.codeSystemUrl)
                    w.field("targetVersion", m.version.description)
                    w.key("element")
                    w.array { w in
                        for national in codes {
                            w.object { w in
                                w.field("code", national.code)
                                w.key("target")
                                w.array { w in
                                    for e in national.entries {
                                        w.object { w in
                                            w.field("code", e.code)
                                            w.field("display", e.nameVi)
                                            w.field("equivalence", national.equivalence)
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
