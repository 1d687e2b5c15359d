import CatalogCore

/// Decodes the catalog source schema from any ``StructuredReader``. It records what is
/// written, with positions; missing required fields are reported here, everything about
/// values is left to validation.
struct SchemaDecoder<Reader: StructuredReader> {
    let reader: Reader

    /// Reads one object of `Key`'s schema, dispatching each present field to `assign`, then
    /// reports the required fields that were not given.
    @discardableResult
    func readObject<Key: SchemaKey>(
        _ type: Key.Type, what: String? = nil, _ assign: (Key) throws -> Void
    ) throws -> MappingInfo? {
        guard let info = try reader.readMapping(what ?? Key.spec.title, keys: Key.keys, { index, _ in
            try assign(Key(rawValue: index)!)
        }) else { return nil }
        for (i, field) in Key.spec.fields.enumerated() where field.required && !info.present.contains(i) {
            reader.diagnostics.error(.missingField, "\(what ?? Key.spec.title) is missing the required field '\(field.name)'", at: info.location)
        }
        return info
    }

    /// Reads a text field.
    func text(_ key: some SchemaKey) throws -> Located<String>? {
        checked(try reader.readScalar("'\(key)'"), "'\(key)'")
    }

    /// `value`, after reporting a control character, noncharacter or bidirectional control
    /// in it (every text value of the sources passes here, whatever field it is).
    private func checked(_ value: Located<String>?, _ what: @autoclosure () -> String) -> Located<String>? {
        if let value, let found = ControlCharacters.first(in: value.value) {
            reader.diagnostics.error(
                .controlCharacter,
                "\(what()) contains \(found.description) at character \(found.position) of its value; remove it (it is invisible or reorders text, and would be published as is)",
                at: value.location)
        }
        return value
    }

    /// Reads a list of text values.
    func textList(_ key: some SchemaKey, item: String) throws -> [Located<String>] {
        var values: [Located<String>] = []
        try reader.readSequence("'\(key)'", itemName: item) {
            if let value = checked(try reader.readScalar("an item of '\(key)'"), "an item of '\(key)'") { values.append(value) }
        }
        return values
    }

    /// Reads a list of `Item` objects, one `read` call per item.
    func list<T, Item: SchemaKey>(_ key: some SchemaKey, of item: Item.Type, _ read: () throws -> T?) throws -> [T] {
        var items: [T] = []
        try reader.readSequence("'\(key)'", itemName: Item.spec.itemName) {
            if let item = try read() { items.append(item) }
        }
        return items
    }

    // MARK: Manifest

    func manifest(file: String) throws -> SourceManifest {
        var m = SourceManifest(file: file)
        try readObject(ManifestKey.self) { key in
            switch key {
            case .canonicalUrl: m.canonicalUrl = try text(key)
            case .oid: m.oid = try text(key)
            case .name: m.name = try text(key)
            case .titleVi: m.titleVi = try text(key)
            case .titleEn: m.titleEn = try text(key)
            case .version: m.version = try text(key)
            case .effectiveDate: m.effectiveDate = try text(key)
            case .publisher: m.publisher = try text(key)
            case .legalBasis: m.legalBasis = try textList(key, item: "document")
            case .description: m.description = try text(key)
            case .license: m.license = try text(key)
            case .status: m.status = try text(key)
            case .experimental: m.experimental = try text(key)
            case .ledger: m.ledger = try text(key)
            case .minimumCoverage: m.minimumCoverage = try text(key)
            case .references: m.references = try list(key, of: ReferenceSpecKey.self, referenceSpec)
            case .notices: m.notices = try list(key, of: NoticeSpecKey.self, noticeSpec)
            case .annexes: m.annexes = try list(key, of: AnnexSpecKey.self, annexSpec)
            case .waivers: m.waivers = try list(key, of: WaiverKey.self, waiver)
            case .clarifications: m.clarifications = try list(key, of: ClarificationKey.self, clarification)
            case .recognition: m.recognition = try text(key)
            }
        }
        return m
    }

    func annexSpec() throws -> SourceAnnexSpec? {
        var spec = SourceAnnexSpec(location: try reader.location)
        let info = try readObject(AnnexSpecKey.self) { key in
            switch key {
            case .number: spec.number = try text(key)
            case .file: spec.file = try text(key)
            case .prefix: spec.prefix = try text(key)
            case .kind: spec.kind = try text(key)
            case .serialWidth: spec.serialWidth = try text(key)
            case .expectedCount: spec.expectedCount = try text(key)
            case .titleVi: spec.titleVi = try text(key)
            case .titleEn: spec.titleEn = try text(key)
            case .minimumCoverage: spec.minimumCoverage = try text(key)
            }
        }
        return info == nil ? nil : spec
    }

    func referenceSpec() throws -> SourceReferenceSpec? {
        var spec = SourceReferenceSpec(location: try reader.location)
        let info = try readObject(ReferenceSpecKey.self) { key in
            switch key {
            case .system: spec.system = try text(key)
            case .file: spec.file = try text(key)
            case .codeColumn: spec.codeColumn = try text(key)
            case .displayColumn: spec.displayColumn = try text(key)
            }
        }
        return info == nil ? nil : spec
    }

    func waiver() throws -> SourceWaiver? {
        var waiver = SourceWaiver(location: try reader.location)
        let info = try readObject(WaiverKey.self) { key in
            switch key {
            case .code: waiver.code = try text(key)
            case .rule: waiver.rule = try text(key)
            case .version: waiver.version = try text(key)
            case .justification: waiver.justification = try text(key)
            }
        }
        return info == nil ? nil : waiver
    }

    func clarification() throws -> SourceClarification? {
        var clarification = SourceClarification(location: try reader.location)
        let info = try readObject(ClarificationKey.self) { key in
            switch key {
            case .version: clarification.version = try text(key)
            case .codes: clarification.codes = try textList(key, item: "code")
            case .reason: clarification.reason = try text(key)
            }
        }
        return info == nil ? nil : clarification
    }

    func noticeSpec() throws -> SourceNoticeSpec? {
        var spec = SourceNoticeSpec(location: try reader.location)
        let info = try readObject(NoticeSpecKey.self) { key in
            switch key {
            case .system: spec.system = try text(key)
            case .file: spec.file = try text(key)
            }
        }
        return info == nil ? nil : spec
    }

    // MARK: Annex files

    /// Reads an annex file, handing its parts to `sink` as they are decoded: the entries in
    /// batches of `batchSize`, so that they can be checked while the file is still read.
    func annex(into sink: some AnnexSink, batchSize: Int) throws {
        try readObject(AnnexKey.self) { key in
            switch key {
            case .annex: sink.take(declaredNumber: try text(key))
            case .groups: sink.take(groups: try list(key, of: GroupKey.self, group))
            case .entries:
                var batch: [SourceEntry] = []
                batch.reserveCapacity(batchSize)
                try reader.readSequence("'\(key)'", itemName: EntryKey.spec.itemName) {
                    guard let item = try entry() else { return }
                    batch.append(item)
                    if batch.count == batchSize {
                        sink.take(entries: batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { sink.take(entries: batch) }
            }
        }
    }

    func group() throws -> SourceGroup? {
        var g = SourceGroup(location: try reader.location)
        let info = try readObject(GroupKey.self) { key in
            switch key {
            case .id: g.id = try text(key)
            case .nameVi: g.nameVi = try text(key)
            case .nameEn: g.nameEn = try text(key)
            }
        }
        return info == nil ? nil : g
    }

    func entry() throws -> SourceEntry? {
        var e = SourceEntry(location: try reader.location)
        let info = try readObject(EntryKey.self) { key in
            switch key {
            case .code: e.code = try text(key)
            case .nameVi: e.nameVi = try text(key)
            case .nameEn: e.nameEn = try text(key)
            case .group: e.group = try text(key)
            case .status: e.status = try text(key)
            case .statusReason: e.statusReason = try text(key)
            case .replacedBy: e.replacedBy = try text(key)
            case .nationalCodes: e.nationalCodes = try list(key, of: NationalCodeKey.self, nationalCode)
            case let .attribute(field): e[field] = try text(key)
            case .mappings: e.mappings = try list(key, of: MappingKey.self, mapping)
            case .unmappedReason: e.unmappedReason = try text(key)
            }
        }
        guard let info else { return nil }
        e.location = info.location
        e.insertion = info.insertion
        return e
    }

    func nationalCode() throws -> SourceNationalCode? {
        var n = SourceNationalCode(location: try reader.location)
        let info = try readObject(NationalCodeKey.self) { key in
            switch key {
            case .maTuongDuong: n.maTuongDuong = try text(key)
            case .tt23: n.tt23 = try text(key)
            }
        }
        return info == nil ? nil : n
    }

    func mapping() throws -> SourceMapping? {
        var m = SourceMapping(location: try reader.location)
        let info = try readObject(MappingKey.self) { key in
            switch key {
            case .system: m.system = try text(key)
            case .code: m.code = try text(key)
            case .display: m.display = try text(key)
            case .relationship: m.relationship = try text(key)
            case .comment: m.comment = try text(key)
            }
        }
        return info == nil ? nil : m
    }
}
