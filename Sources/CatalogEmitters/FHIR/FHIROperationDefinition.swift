import CatalogCore

/// The OperationDefinition of `$recognize` (a system-level operation, GET or POST), from
/// ``FHIRPackageModel/recognizeParameters``: each parameter with its type, cardinality and
/// Vietnamese and English documentation.
enum FHIROperationDefinition {
    static func write(_ catalog: Catalog, _ ids: Identifiers, to output: any ArtifactOutput) -> FHIRIndexEntry {
        let m = catalog.metadata
        let entry = FHIRIndexEntry(filename: "OperationDefinition-\(FHIRPackageModel.recognizeId(m)).json", resourceType: "OperationDefinition",
                                   id: FHIRPackageModel.recognizeId(m), url: FHIRPackageModel.recognizeURL(m), version: m.version.description)
        var w = JSONWriter(to: output.open("fhir/package/" + entry.filename))
        w.object { w in
            w.field("resourceType", "OperationDefinition")
            w.field("id", entry.id)
            w.field("url", entry.url)
            w.field("version", m.version.description)
            w.field("name", "Recognize")
            w.field("title", "Công nhận kết quả cận lâm sàng (Điều 2) — Recognise a paraclinical result (Article 2)")
            w.field("status", m.status.rawValue)
            w.field("kind", "operation")
            w.field("experimental", m.experimental)
            w.field("date", m.effectiveDate)
            w.field("publisher", m.publisher)
            w.field("description", "Kết quả cận lâm sàng mang mã này, làm tại cơ sở khác, có được dùng lại ở đây không (Điều 2)? Quyết định giống lệnh `lienthong recognize`. May a result with this code, made at another facility, be reused here (Article 2)? The same decision as the `lienthong recognize` command.")
            w.key("jurisdiction")
            w.array { w in
                w.object { w in
                    w.key("coding")
                    w.array { w in w.object { w in w.field("system", FHIRMetadata.jurisdictionSystem); w.field("code", FHIRMetadata.jurisdictionCode) } }
                }
            }
            w.field("affectsState", false)
            w.field("code", "recognize")
            w.field("system", true)
            w.field("type", false)
            w.field("instance", false)
            w.key("parameter")
            w.array { w in
                for p in FHIRPackageModel.recognizeParameters { parameter(p, &w) }
            }
        }
        w.close()
        return entry
    }

    private static func parameter(_ p: FHIRPackageModel.Parameter, _ w: inout JSONWriter) {
        w.object { w in
            w.field("name", p.name)
            w.field("use", p.use)
            w.field("min", p.min)
            w.field("max", p.max)
            w.field("documentation", p.vi + " — " + p.en)
            w.field("type", p.type)
            guard !p.parts.isEmpty else { return }
            w.key("part")
            w.array { w in
                for part in p.parts { parameter(part, &w) }
            }
        }
    }
}
