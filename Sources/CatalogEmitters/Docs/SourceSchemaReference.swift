import CatalogCore

/// `source-schema.md`: every object of the source schema with its fields, walked from the
/// three source files' roots through the nested objects, as the decoder reads them.
enum SourceSchemaReference {
    /// The roots: one per kind of source file.
    static let roots: [(file: String, spec: SourceSchema.ObjectSpec)] = [
        ("the manifest (`catalog.yaml`, `catalog.yml` or `catalog.xml`)", SourceSchema.manifest),
        ("an annex file", SourceSchema.annex),
        ("the recognition rules (the manifest's `recognition`)", SourceSchema.recognition),
    ]

    static func render() -> String {
        var out = ReferenceDocumentation.generatedNote + """
        # Source schema

        The fields of the catalog sources, from `SourceSchema` (the table the decoder reads and the
        JSON Schemas in `generated/schema/` are rendered from). YAML and XML use the same fields: in
        XML a field is an attribute or a child element, and a list item is an element named as given.

        """
        var seen: [String] = []
        var queue = roots.map { ($0.spec, Optional($0.file)) }
        while !queue.isEmpty {
            let (spec, file) = queue.removeFirst()
            guard !seen.contains(spec.title) else { continue }
            seen.append(spec.title)
            out += "\n## \(heading(spec))\n\n"
            if let file { out += "The top level of \(file).\n\n" }
            out += "XML element: `<\(spec.itemName)>`.\n\n| field | required | value | meaning |\n|---|---|---|---|\n"
            for field in spec.fields {
                out += "| `\(field.name)` | \(field.required ? "yes" : "no") | \(value(field)) | \(ReferenceDocumentation.cell(field.summary)) |\n"
                if let nested = nestedSpec(field.shape) { queue.append((nested, nil)) }
            }
        }
        return out
    }

    /// The heading of an object: its title with a capital.
    static func heading(_ spec: SourceSchema.ObjectSpec) -> String {
        spec.title.prefix(1).uppercased() + spec.title.dropFirst()
    }

    static func nestedSpec(_ shape: SourceSchema.Shape) -> SourceSchema.ObjectSpec? {
        switch shape {
        case let .object(spec), let .list(spec): spec
        default: nil
        }
    }

    /// The value column: the shape, the allowed values or the pattern.
    static func value(_ field: SourceSchema.Field) -> String {
        let shape: String
        switch field.shape {
        case .text: shape = "text"
        case let .oneOf(values): shape = "one of " + values.map { "`\($0)`" }.joined(separator: ", ")
        case let .object(spec): shape = "[\(spec.title)](#\(ReferenceDocumentation.anchor(heading(spec))))"
        case let .list(spec): shape = "list of [\(spec.title)](#\(ReferenceDocumentation.anchor(heading(spec))))"
        case .textList: shape = "list of text"
        }
        guard let pattern = field.pattern else { return ReferenceDocumentation.cell(shape) }
        return ReferenceDocumentation.cell(shape) + ", matching `" + ReferenceDocumentation.cell(pattern) + "`"
    }
}
