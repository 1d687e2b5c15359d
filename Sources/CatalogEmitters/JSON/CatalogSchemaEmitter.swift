import CatalogCore

/// `json/catalog.schema.json`: the JSON Schema (draft 2020-12) of `catalog.json`, published next
/// to it so that vendors can validate what they download. It is written from the same
/// vocabularies the compiler uses, and closed (`additionalProperties: false`) so that a change
/// of shape shows up as a validation failure.
public enum CatalogSchemaEmitter {
    public static func render(baseURL: String, formatVersion: String) -> OutputFile {
        var w = JSONWriter()
        w.object { w in
            w.field("$schema", "https://json-schema.org/draft/2020-12/schema")
            w.field("$id", baseURL + "/json/catalog.schema.json")
            w.field("title", "lienthong catalog.json, format \(formatVersion)")
            object(&w, required: ["formatVersion", "canonicalUrl", "oid", "name", "version", "titleVi", "titleEn", "effectiveDate",
                                  "publisher", "legalBasis", "description", "status", "experimental", "notices", "annexes", "coverage", "entries"]) { w in
                w.key("formatVersion"); w.object { w in w.field("const", formatVersion) }
                for key in ["canonicalUrl", "oid", "name", "version", "titleVi", "titleEn", "publisher", "description"] { string(&w, key) }
                w.key("effectiveDate"); w.object { w in w.field("type", "string"); w.field("format", "date") }
                string(&w, "status", enum: EditionStatus.allowedValues)
                w.key("experimental"); w.object { w in w.field("type", "boolean") }
                w.key("license"); w.object { w in w.field("type", "string"); w.field("format", "uri") }
                w.key("notices"); array(&w) { w in
                    object(&w, required: ["system", "text"]) { w in string(&w, "system", enum: MappingSystem.allCases.map(\.uri)); string(&w, "text") }
                }
                w.key("legalBasis"); w.object { w in w.field("type", "array"); w.key("items"); w.object { w in w.field("type", "string") } }
                w.key("annexes"); array(&w) { w in annex(&w) }
                w.key("coverage"); coverage(&w)
                w.key("recognition"); RecognitionJSON.schema(&w)
                w.key("entries"); array(&w) { w in entry(&w) }
            }
        }
        return OutputFile(path: "json/catalog.schema.json", bytes: w.finish())
    }

    private static func object(_ w: inout JSONWriter, required: [String], _ properties: (inout JSONWriter) -> Void) {
        w.field("type", "object")
        w.key("additionalProperties"); w.bool(false)
        w.field("required", strings: required)
        w.key("properties"); w.object(properties)
    }

    private static func array(_ w: inout JSONWriter, _ items: (inout JSONWriter) -> Void) {
        w.object { w in
            w.field("type", "array")
            w.key("items"); w.object(items)
        }
    }

    private static func string(_ w: inout JSONWriter, _ key: String, enum values: [String]? = nil) {
        w.key(key)
        w.object { w in
            w.field("type", "string")
            if let values { w.field("enum", strings: values) }
        }
    }

    private static func integer(_ w: inout JSONWriter, _ key: String) {
        w.key(key); w.object { w in w.field("type", "integer"); w.key("minimum"); w.int(0) }
    }

    private static func annex(_ w: inout JSONWriter) {
        object(&w, required: ["number", "prefix", "kind", "titleVi", "titleEn", "entryCount", "groups"]) { w in
            integer(&w, "number"); string(&w, "prefix"); string(&w, "kind", enum: AnnexKind.allowedValues)
            string(&w, "titleVi"); string(&w, "titleEn"); integer(&w, "entryCount")
            w.key("groups"); array(&w) { w in
                object(&w, required: ["id", "nameVi", "nameEn"]) { w in string(&w, "id"); string(&w, "nameVi"); string(&w, "nameEn") }
            }
        }
    }

    private static func coverageRow(_ w: inout JSONWriter, annex: Bool) {
        object(&w, required: (annex ? ["annex"] : []) + ["entries", "mapped", "percentMapped", "unmappedWithReason", "mappingsByRelationship", "mappingsBySystem"]) { w in
            if annex { integer(&w, "annex") }
            integer(&w, "entries"); integer(&w, "mapped"); integer(&w, "unmappedWithReason")
            w.key("percentMapped"); w.object { w in w.field("type", "number"); w.key("minimum"); w.int(0); w.key("maximum"); w.int(100) }
            w.key("mappingsByRelationship"); w.object { w in
                object(&w, required: MappingRelationship.allowedValues) { w in for r in MappingRelationship.allowedValues { integer(&w, r) } }
            }
            w.key("mappingsBySystem"); w.object { w in
                object(&w, required: MappingSystem.allCases.map(\.uri)) { w in for s in MappingSystem.allCases { integer(&w, s.uri) } }
            }
        }
    }

    private static func coverage(_ w: inout JSONWriter) {
        w.object { w in
            object(&w, required: ["basis", "total", "annexes"]) { w in
                string(&w, "basis")
                w.key("total"); w.object { w in coverageRow(&w, annex: false) }
                w.key("annexes"); array(&w) { w in coverageRow(&w, annex: true) }
            }
        }
    }

    private static func entry(_ w: inout JSONWriter) {
        object(&w, required: ["code", "annex", "group", "status", "nameVi", "nameEn", "nationalCodes", "mappings", "versionFirstReleased", "versionLastChanged"]) { w in
            w.key("code"); w.object { w in w.field("type", "string"); w.field("pattern", "^[A-Z]{2,4}[0-9]{1,9}[0-9A-Z]$") }
            integer(&w, "annex"); string(&w, "group"); string(&w, "status", enum: EntryStatus.allowedValues)
            string(&w, "statusReason"); string(&w, "replacedBy"); string(&w, "nameVi"); string(&w, "nameEn")
            for field in EntryFields.attributes { string(&w, field.name, enum: field.allowedValues) }
            w.key("nationalCodes"); array(&w) { w in
                object(&w, required: ["maTuongDuong"]) { w in
                    w.key("maTuongDuong"); w.object { w in w.field("type", "string"); w.field("pattern", "^[0-9]{2}\\.[0-9]{4}\\.[0-9]{4}$") }
                    w.key("tt23"); w.object { w in w.field("type", "string"); w.field("pattern", "^[0-9]{2}\\.[1-9][0-9]*$") }
                }
            }
            w.key("mappings"); array(&w) { w in
                object(&w, required: ["system", "code", "display", "relationship"]) { w in
                    string(&w, "system", enum: MappingSystem.allCases.map(\.uri)); string(&w, "code"); string(&w, "display")
                    string(&w, "relationship", enum: MappingRelationship.allowedValues); string(&w, "comment")
                    w.key("evidence"); w.object { w in evidence(&w) }
                }
            }
            string(&w, "unmappedReason")
            for key in ["versionFirstReleased", "versionLastChanged"] {
                w.key(key); w.object { w in w.field("type", "string"); w.field("pattern", "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$") }
            }
        }
    }

    /// A mapping's evidence: the reference row that confirms it and how its axes compare.
    private static func evidence(_ w: inout JSONWriter) {
        object(&w, required: ["file", "line", "code", "name", "agrees", "unspecified", "disagrees", "axes"]) { w in
            string(&w, "file"); integer(&w, "line"); string(&w, "release"); string(&w, "source")
            string(&w, "code"); string(&w, "name")
            for key in ["agrees", "unspecified", "disagrees"] {
                w.key(key); array(&w) { w in w.field("type", "string") }
            }
            w.key("axes"); array(&w) { w in
                object(&w, required: ["axis", "agreement"]) { w in
                    string(&w, "axis"); string(&w, "entry"); string(&w, "reference")
                    string(&w, "agreement", enum: AxisEvidence.Agreement.allCases.map(\.rawValue))
                }
            }
        }
    }
}
