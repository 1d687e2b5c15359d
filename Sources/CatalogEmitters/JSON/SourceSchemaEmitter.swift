import CatalogCore

/// JSON Schemas (draft 2020-12) of the source files, for editors: `schema/manifest.schema.json`
/// and `schema/annex.schema.json`, rendered from ``SourceSchema`` so they always match what
/// the compiler accepts. Numbers the YAML author may leave unquoted accept integers too.
public enum SourceSchemaEmitter {
    /// Fields whose text is a whole number, which YAML editors read as integers.
    static let numericFields: Set<String> = ["number", "serialWidth", "expectedCount", "annex", "minimumCoverage"]
    /// Fields whose text is `true` or `false`, which YAML editors read as booleans.
    static let booleanFields: Set<String> = ["experimental"]

    public static func emit(baseURL: String) -> [OutputFile] {
        [
            render(SourceSchema.manifest, id: baseURL + "/schema/manifest.schema.json", title: "lienthong catalog manifest"),
            render(SourceSchema.annex, id: baseURL + "/schema/annex.schema.json", title: "lienthong annex source"),
        ].map { OutputFile(path: "schema/" + $0.0, bytes: $0.1) } + [DiffReportSchema.render(baseURL: baseURL)]
    }

    private static func render(_ spec: SourceSchema.ObjectSpec, id: String, title: String) -> (String, [UInt8]) {
        var w = JSONWriter()
        w.object { w in
            w.field("$schema", "https://json-schema.org/draft/2020-12/schema")
            w.field("$id", id)
            w.field("title", title)
            writeObjectBody(spec, to: &w)
        }
        return (String(id.split(separator: "/").last!), w.finish())
    }

    private static func writeObjectBody(_ spec: SourceSchema.ObjectSpec, to w: inout JSONWriter) {
        w.field("type", "object")
        w.key("additionalProperties")
        w.bool(false)
        w.field("required", strings: spec.fields.filter(\.required).map(\.name))
        w.key("properties")
        w.object { w in
            for field in spec.fields {
                w.key(field.name)
                w.object { w in
                    w.field("description", field.summary)
                    switch field.shape {
                    case .text:
                        if numericFields.contains(field.name) {
                            w.field("type", strings: ["string", "number"])
                        } else {
                            w.field("type", "string")
                            w.field("pattern", field.pattern)
                        }
                    case let .oneOf(values) where booleanFields.contains(field.name):
                        w.key("enum")
                        w.array { w in
                            for value in values { w.string(value) }
                            for value in values { w.bool(value == "true") }
                        }
                    case let .oneOf(values):
                        w.field("enum", strings: values)
                    case let .object(inner):
                        writeObjectBody(inner, to: &w)
                    case let .list(inner):
                        w.field("type", "array")
                        w.key("items")
                        w.object { w in writeObjectBody(inner, to: &w) }
                    case .textList:
                        w.field("type", "array")
                        w.key("items")
                        w.object { w in w.field("type", "string") }
                    }
                }
            }
        }
    }
}
