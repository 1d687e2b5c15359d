import CatalogCore

/// Decodes the catalog source schema from any ``StructuredReader``. It records what is
/// written, with positions; missing required fields are reported here, everything about
/// values is left to validation.
struct SchemaDecoder<Reader: StructuredReader> {
    let reader: Reader

    /// Reads one object of `spec`, dispatching each present field to `assign`, then reports
    /// the required fields that were not given.
    @discardableResult
    func readObject(
        _ spec: SourceSchema.ObjectSpec, what: String? = nil,
        _ assign: (String) throws -> Void
    ) throws -> MappingInfo? {
        let title = what ?? spec.title
        var present: Set<String> = []
        guard let info = try reader.readMapping(title, allowedKeys: spec.keys, { key in
            present.insert(key.value)
            try assign(key.value)
        }) else { return nil }
        for field in spec.fields where field.required && !present.contains(field.name) {
            reader.diagnostics.error(.missingField, "\(title) is missing the required field '\(field.name)'", at: info.location)
        }
        return info
    }

    /// Reads a text field.
    func text(_ name: String) throws -> Located<String>? {
        try reader.readScalar("'\(name)'")
    }

    /// Reads a list of text values.
    func textList(_ name: String, item: String) throws -> [Located<String>] {
        var values: [Located<String>] = []
        try reader.readSequence("'\(name)'", itemName: item) {
            if let value = try reader.readScalar("an item of '\(name)'") { values.append(value) }
        }
        return values
    }

    /// Reads a list of objects, one `read` call per item.
    func list<T>(_ name: String, of spec: SourceSchema.ObjectSpec, _ read: () throws -> T?) throws -> [T] {
        var items: [T] = []
        try reader.readSequence("'\(name)'", itemName: spec.itemName) {
            if let item = try read() { items.append(item) }
        }
        return items
    }

    // MARK: Manifest

    func manifest(file: String) throws -> SourceManifest {
        var m = SourceManifest(file: file)
        try readObject(SourceSchema.manifest) { key in
            switch key {
            case "canonicalUrl": m.canonicalUrl = try text(key)
            case "oid": m.oid = try text(key)
            case "name": m.name = try text(key)
            case "titleVi": m.titleVi = try text(key)
            case "titleEn": m.titleEn = try text(key)
            case "version": m.version = try text(key)
            case "effectiveDate": m.effectiveDate = try text(key)
            case "publisher": m.publisher = try text(key)
            case "legalBasis": m.legalBasis = try textList(key, item: "document")
            case "description": m.description = try text(key)
            case "license": m.license = try text(key)
            case "ledger": m.ledger = try text(key)
            case "minimumCoverage": m.minimumCoverage = try text(key)
            case "references": m.references = try list(key, of: SourceSchema.referenceSpec, referenceSpec)
            case "annexes": m.annexes = try list(key, of: SourceSchema.annexSpec, annexSpec)
            default: try reader.skipValue()
            }
        }
        return m
    }

    func annexSpec() throws -> SourceAnnexSpec? {
        var spec = SourceAnnexSpec(location: try reader.location)
        let info = try readObject(SourceSchema.annexSpec) { key in
            switch key {
            case "number": spec.number = try text(key)
            case "file": spec.file = try text(key)
            case "prefix": spec.prefix = try text(key)
            case "kind": spec.kind = try text(key)
            case "serialWidth": spec.serialWidth = try text(key)
            case "expectedCount": spec.expectedCount = try text(key)
            case "titleVi": spec.titleVi = try text(key)
            case "titleEn": spec.titleEn = try text(key)
            case "minimumCoverage": spec.minimumCoverage = try text(key)
            default: try reader.skipValue()
            }
        }
        return info == nil ? nil : spec
    }

    func referenceSpec() throws -> SourceReferenceSpec? {
        var spec = SourceReferenceSpec(location: try reader.location)
        let info = try readObject(SourceSchema.referenceSpec) { key in
            switch key {
            case "system": spec.system = try text(key)
            case "file": spec.file = try text(key)
            case "codeColumn": spec.codeColumn = try text(key)
            case "displayColumn": spec.displayColumn = try text(key)
            default: try reader.skipValue()
            }
        }
        return info == nil ? nil : spec
    }

    // MARK: Annex files

    func annex(file: String, format: SourceFormat) throws -> SourceAnnex {
        var a = SourceAnnex(file: file, format: format)
        try readObject(SourceSchema.annex) { key in
            switch key {
            case "annex": a.annex = try text(key)
            case "groups": a.groups = try list(key, of: SourceSchema.group, group)
            case "entries": a.entries = try list(key, of: SourceSchema.entry, entry)
            default: try reader.skipValue()
            }
        }
        return a
    }

    func group() throws -> SourceGroup? {
        var g = SourceGroup(location: try reader.location)
        let info = try readObject(SourceSchema.group) { key in
            switch key {
            case "id": g.id = try text(key)
            case "nameVi": g.nameVi = try text(key)
            case "nameEn": g.nameEn = try text(key)
            default: try reader.skipValue()
            }
        }
        return info == nil ? nil : g
    }

    func entry() throws -> SourceEntry? {
        var e = SourceEntry(location: try reader.location)
        let info = try readObject(SourceSchema.entry) { key in
            switch key {
            case "code": e.code = try text(key)
            case "nameVi": e.nameVi = try text(key)
            case "nameEn": e.nameEn = try text(key)
            case "group": e.group = try text(key)
            case "status": e.status = try text(key)
            case "statusReason": e.statusReason = try text(key)
            case "replacedBy": e.replacedBy = try text(key)
            case "nationalCodes": e.nationalCodes = try list(key, of: SourceSchema.nationalCode, nationalCode)
            case "specimen": e.specimen = try text(key)
            case "method": e.method = try text(key)
            case "modality": e.modality = try text(key)
            case "bodyRegion": e.bodyRegion = try text(key)
            case "contrast": e.contrast = try text(key)
            case "laterality": e.laterality = try text(key)
            case "mappings": e.mappings = try list(key, of: SourceSchema.mapping, mapping)
            case "unmappedReason": e.unmappedReason = try text(key)
            default: try reader.skipValue()
            }
        }
        guard let info else { return nil }
        e.location = info.location
        e.insertion = info.insertion
        return e
    }

    func nationalCode() throws -> SourceNationalCode? {
        var n = SourceNationalCode(location: try reader.location)
        let info = try readObject(SourceSchema.nationalCode) { key in
            switch key {
            case "maTuongDuong": n.maTuongDuong = try text(key)
            case "tt23": n.tt23 = try text(key)
            default: try reader.skipValue()
            }
        }
        return info == nil ? nil : n
    }

    func mapping() throws -> SourceMapping? {
        var m = SourceMapping(location: try reader.location)
        let info = try readObject(SourceSchema.mapping) { key in
            switch key {
            case "system": m.system = try text(key)
            case "code": m.code = try text(key)
            case "display": m.display = try text(key)
            case "relationship": m.relationship = try text(key)
            case "comment": m.comment = try text(key)
            default: try reader.skipValue()
            }
        }
        return info == nil ? nil : m
    }
}
