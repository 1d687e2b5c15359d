import CatalogCore

/// Reads a published `json/catalog.json` back into a ``Catalog``, so that a released version
/// can be compared with another (`lienthong diff`) without its sources.
///
/// Everything the artifact carries comes back exactly: emitting the catalog read back gives
/// the same bytes (a test proves it on the real catalog). Two annex settings are not
/// published and are rebuilt: `serialWidth` from the annex's codes (prefix, serial, check
/// character), and `expectedCount` as the annex's entries in use. The bytes are read with a
/// pull parser straight into the catalog's types (a 100,000-entry file is 60 MB).
public enum CatalogJSONReader {
    /// Decodes `bytes` (the content of `path`, named in errors).
    public static func read(_ bytes: [UInt8], path: String) throws -> Catalog {
        do {
            return try bytes.withUnsafeBufferPointer { buffer in
                var s = JSONScanner(buffer)
                let catalog = try document(&s)
                s.whitespace()
                guard s.i == buffer.count else { throw s.fail("text after the document") }
                return catalog
            }
        } catch let failure as JSONScanner.Failure {
            throw ReleaseError.malformed(path, "byte \(failure.offset): \(failure.reason)")
        }
    }

    /// The `formatVersion` of a `catalog.json` (its first key, so only the start is read).
    public static func formatVersion(_ bytes: [UInt8]) -> String? {
        struct Found: Error { var version: String }
        return bytes.withUnsafeBufferPointer { buffer in
            var s = JSONScanner(buffer)
            do {
                try s.object { s, key in
                    guard key == "formatVersion" else { return try s.skip() }
                    throw Found(version: try s.string())
                }
            } catch let found as Found { return found.version } catch {}
            return nil
        }
    }

    /// The fields of a catalog as read, before they are put together.
    private struct Parts {
        var text: [String: String] = [:]
        var legalBasis: [String] = []
        var experimental = false
        var notices: [Notice] = []
        var annexes: [(number: Int, prefix: String, kind: AnnexKind, titleVi: String, titleEn: String, groups: [Group])] = []
        var entries: [Entry] = []
        var recognition: RecognitionRules?
        /// Each entry's history, where the file carries it (format 1.3.0 on).
        var history: [String: EntryHistory] = [:]
    }

    static func document(_ s: inout JSONScanner) throws -> Catalog {
        var parts = Parts()
        try s.object { s, key in
            switch key {
            case "legalBasis": try s.array { s in parts.legalBasis.append(try s.string()) }
            case "annexes": try s.array { s in parts.annexes.append(try annex(&s)) }
            case "entries":
                try s.array { s in
                    let (e, history) = try entry(&s)
                    parts.entries.append(e)
                    if let history { parts.history[e.code] = history }
                }
            case "experimental": parts.experimental = try s.bool()
            case "notices":
                try s.array { s in
                    var system: MappingSystem?, text: String?
                    try s.object { s, key in
                        switch key {
                        case "system": let uri = try s.string(); system = MappingSystem.allCases.first { $0.uri == uri }
                        case "text": text = try s.string()
                        default: try s.skip()
                        }
                    }
                    guard let system, let text else { throw s.fail("a notice lacks a known system or its text") }
                    parts.notices.append(Notice(system: system, text: text))
                }
            case "recognition": parts.recognition = try RecognitionJSONReader.read(&s)
            case "coverage", "formatVersion": try s.skip()
            default:
                if try s.kind() == .string { parts.text[key] = try s.string() } else { try s.skip() }
            }
        }
        func text(_ key: String) throws -> String {
            guard let value = parts.text[key] else { throw s.fail("the catalog has no '\(key)'") }
            return value
        }
        guard let version = SemanticVersion(try text("version")) else { throw s.fail("'version' is not a Semantic Version") }
        let metadata = CatalogMetadata(
            canonicalUrl: try text("canonicalUrl"), oid: try text("oid"), name: try text("name"), titleVi: try text("titleVi"),
            titleEn: try text("titleEn"), version: version, effectiveDate: try text("effectiveDate"), publisher: try text("publisher"),
            legalBasis: parts.legalBasis, description: try text("description"), license: parts.text["license"],
            status: parts.text["status"].flatMap(EditionStatus.init(rawValue:)) ?? .draft, experimental: parts.experimental, notices: parts.notices)
        var widths: [Int: Int] = [:], inUse: [Int: Int] = [:]
        for e in parts.entries {
            if widths[e.annex] == nil { widths[e.annex] = e.code.utf8.count }
            if e.status != .retired { inUse[e.annex, default: 0] += 1 }
        }
        let annexes = parts.annexes.map { a in
            Annex(number: a.number, prefix: a.prefix, kind: a.kind, serialWidth: widths[a.number].map { $0 - a.prefix.utf8.count - 1 } ?? 0,
                  expectedCount: inUse[a.number] ?? 0, titleVi: a.titleVi, titleEn: a.titleEn, groups: a.groups)
        }
        return Catalog(metadata: metadata, annexes: annexes, entries: parts.entries, recognition: parts.recognition, history: parts.history)
    }

    static func vocabulary<V: Vocabulary>(_ s: inout JSONScanner, _ key: String) throws -> V {
        let text = try s.string()
        guard let value = V(rawValue: text) else { throw s.fail("'\(key)' has an unknown value '\(text)'") }
        return value
    }

    /// The value of the attribute `field`: one of its allowed values, or text (null for none).
    static func attribute(_ s: inout JSONScanner, _ field: EntryField) throws -> String? {
        guard let allowed = field.allowedValues else { return try optional(&s) }
        let text = try s.string()
        guard allowed.contains(text) else { throw s.fail("'\(field.name)' has an unknown value '\(text)'") }
        return text
    }

    static func optional(_ s: inout JSONScanner) throws -> String? {
        try s.null() ? nil : try s.string()
    }

    static func annex(_ s: inout JSONScanner) throws -> (number: Int, prefix: String, kind: AnnexKind, titleVi: String, titleEn: String, groups: [Group]) {
        var number: Int?, prefix: String?, kind: AnnexKind?, titleVi: String?, titleEn: String?
        var groups: [Group] = []
        try s.object { s, key in
            switch key {
            case "number": number = try s.int()
            case "prefix": prefix = try s.string()
            case "kind": kind = try vocabulary(&s, key)
            case "titleVi": titleVi = try s.string()
            case "titleEn": titleEn = try s.string()
            case "groups":
                try s.array { s in
                    var id: String?, vi: String?, en: String?
                    try s.object { s, key in
                        switch key {
                        case "id": id = try s.string()
                        case "nameVi": vi = try s.string()
                        case "nameEn": en = try s.string()
                        default: try s.skip()
                        }
                    }
                    guard let id, let vi, let en else { throw s.fail("a group lacks id, nameVi or nameEn") }
                    groups.append(Group(id: id, nameVi: vi, nameEn: en))
                }
            default: try s.skip()
            }
        }
        guard let number, let prefix, let kind, let titleVi, let titleEn else { throw s.fail("an annex lacks number, prefix, kind or titles") }
        return (number, prefix, kind, titleVi, titleEn, groups)
    }

    /// One entry, and its history where the file carries it.
    static func entry(_ s: inout JSONScanner) throws -> (Entry, EntryHistory?) {
        var code: String?, annex: Int?, group: String?, status: EntryStatus?, nameVi: String?, nameEn: String?
        var statusReason: String?, replacedBy: String?, unmappedReason: String?
        var attributeValues: [String: String] = [:]
        var national: [NationalCode] = [], mappings: [Mapping] = []
        var firstReleased: SemanticVersion?, lastChanged: SemanticVersion?
        try s.object { s, key in
            switch key {
            case "code": code = try s.string()
            case "versionFirstReleased", "versionLastChanged":
                let text = try s.string()
                guard let v = SemanticVersion(text) else { throw s.fail("'\(key)' is not a Semantic Version: '\(text)'") }
                if key == "versionFirstReleased" { firstReleased = v } else { lastChanged = v }
            case "annex": annex = try s.int()
            case "group": group = try s.string()
            case "status": status = try vocabulary(&s, key)
            case "statusReason": statusReason = try optional(&s)
            case "replacedBy": replacedBy = try optional(&s)
            case "nameVi": nameVi = try s.string()
            case "nameEn": nameEn = try s.string()
            case "unmappedReason": unmappedReason = try optional(&s)
            case "nationalCodes":
                try s.array { s in
                    var ma: String?, tt23: String?
                    try s.object { s, key in
                        switch key {
                        case "maTuongDuong": ma = try s.string()
                        case "tt23": tt23 = try optional(&s)
                        default: try s.skip()
                        }
                    }
                    guard let ma else { throw s.fail("a national code lacks maTuongDuong") }
                    national.append(NationalCode(maTuongDuong: ma, tt23: tt23))
                }
            case "mappings":
                try s.array { s in mappings.append(try mapping(&s)) }
            default:
                guard let field = EntryFields.attribute(named: key) else { try s.skip(); return }
                attributeValues[key] = try attribute(&s, field)
            }
        }
        guard let code, let annex, let group, let status, let nameVi, let nameEn else {
            throw s.fail("an entry lacks code, annex, group, status or names")
        }
        // The kind is the one whose attributes the entry gives (imaging when any is there).
        let kind: AnnexKind = EntryFields.attributes(of: .imaging).contains { attributeValues[$0.name] != nil } ? .imaging : .laboratory
        let missing = EntryFields.attributes(of: kind).filter { $0.required && attributeValues[$0.name] == nil }.map(\.name)
        guard missing.isEmpty, let attributes = Attributes(kind: kind, values: attributeValues) else {
            throw s.fail("\(code): a \(kind.rawValue) entry lacks \(missing.joined(separator: ", "))")
        }
        guard (firstReleased == nil) == (lastChanged == nil) else { throw s.fail("\(code): an entry gives one of versionFirstReleased and versionLastChanged without the other") }
        let entry = Entry(code: code, annex: annex, group: group, status: status, statusReason: statusReason, replacedBy: replacedBy,
                          nameVi: nameVi, nameEn: nameEn, nationalCodes: national, attributes: attributes, mappings: mappings,
                          unmappedReason: unmappedReason)
        return (entry, firstReleased.map { EntryHistory(firstReleased: $0, lastChanged: lastChanged!) })
    }

    static func mapping(_ s: inout JSONScanner) throws -> Mapping {
        var system: MappingSystem?, code: String?, display: String?, relationship: MappingRelationship?, comment: String?
        var evidence: MappingEvidence?
        try s.object { s, key in
            switch key {
            case "system":
                let uri = try s.string()
                guard let known = MappingSystem.allCases.first(where: { $0.uri == uri }) else { throw s.fail("unknown mapping system '\(uri)'") }
                system = known
            case "code": code = try s.string()
            case "display": display = try s.string()
            case "relationship": relationship = try vocabulary(&s, key)
            case "comment": comment = try optional(&s)
            case "evidence": evidence = try Self.evidence(&s)
            default: try s.skip()
            }
        }
        guard let system, let code, let display, let relationship else { throw s.fail("a mapping lacks system, code, display or relationship") }
        var mapping = Mapping(system: system, code: code, display: display, relationship: relationship, comment: comment)
        mapping.evidence = evidence
        return mapping
    }

    /// A mapping's evidence (json format 1.4.0 on): the confirming row and each axis compared;
    /// the lists of agreeing, unspecified and disagreeing axes are derived from the axes.
    static func evidence(_ s: inout JSONScanner) throws -> MappingEvidence {
        var file: String?, line: Int?, release: String?, source: String?, code: String?, name: String?
        var axes: [AxisEvidence] = []
        try s.object { s, key in
            switch key {
            case "file": file = try s.string()
            case "line": line = try s.int()
            case "release": release = try optional(&s)
            case "source": source = try optional(&s)
            case "code": code = try s.string()
            case "name": name = try s.string()
            case "axes":
                try s.array { s in
                    var axis: String?, entry: String?, reference: String?, agreement: AxisEvidence.Agreement?
                    try s.object { s, key in
                        switch key {
                        case "axis": axis = try s.string()
                        case "entry": entry = try optional(&s)
                        case "reference": reference = try optional(&s)
                        case "agreement":
                            let text = try s.string()
                            guard let value = AxisEvidence.Agreement(rawValue: text) else { throw s.fail("'agreement' has an unknown value '\(text)'") }
                            agreement = value
                        default: try s.skip()
                        }
                    }
                    guard let axis, let agreement else { throw s.fail("an evidence axis lacks axis or agreement") }
                    axes.append(AxisEvidence(axis: axis, entry: entry, reference: reference, agreement: agreement))
                }
            default: try s.skip()
            }
        }
        guard let file, let line, let code, let name else { throw s.fail("a mapping's evidence lacks file, line, code or name") }
        return MappingEvidence(file: file, line: line, release: release, sourceTitle: source, code: code, name: name, axes: axes)
    }
}
