import CatalogCore

/// The keys of one object of ``SourceSchema``, as an enumeration in the schema's field order,
/// so the decoder switches over cases instead of comparing strings. Each is pinned to its
/// schema object: its table is only made after checking that the cases
/// name the schema's fields in order, so a drift stops the first run of any test.
protocol SchemaKey: RawRepresentable<Int>, CaseIterable, Sendable {
    /// The schema object.
    static var spec: SourceSchema.ObjectSpec { get }
    /// Its keys, prepared for the readers.
    static var keys: SchemaKeys { get }
}

extension SchemaKey {
    /// The key table, once the cases are known to match the schema's fields.
    static func table() -> SchemaKeys {
        precondition(allCases.map { String(describing: $0) } == spec.keys, "\(Self.self) does not list the keys of \(spec.title) in order")
        return SchemaKeys(spec)
    }
}

enum ManifestKey: Int, SchemaKey {
    case canonicalUrl, oid, name, titleVi, titleEn, version, effectiveDate, publisher, legalBasis, description,
         license, status, experimental, ledger, minimumCoverage, references, notices, annexes, waivers, clarifications, recognition
    static let spec = SourceSchema.manifest
    static let keys = table()
}

enum AnnexSpecKey: Int, SchemaKey {
    case number, file, prefix, kind, serialWidth, expectedCount, titleVi, titleEn, minimumCoverage
    static let spec = SourceSchema.annexSpec
    static let keys = table()
}

enum ReferenceSpecKey: Int, SchemaKey {
    case system, file, codeColumn, displayColumn
    static let spec = SourceSchema.referenceSpec
    static let keys = table()
}

enum WaiverKey: Int, SchemaKey {
    case code, rule, version, justification
    static let spec = SourceSchema.waiverSpec
    static let keys = table()
}

enum ClarificationKey: Int, SchemaKey {
    case version, codes, reason
    static let spec = SourceSchema.clarificationSpec
    static let keys = table()
}

enum NoticeSpecKey: Int, SchemaKey {
    case system, file
    static let spec = SourceSchema.noticeSpec
    static let keys = table()
}

enum AnnexKey: Int, SchemaKey {
    case annex, groups, entries
    static let spec = SourceSchema.annex
    static let keys = table()
}

enum GroupKey: Int, SchemaKey {
    case id, nameVi, nameEn
    static let spec = SourceSchema.group
    static let keys = table()
}

enum EntryKey: Int, SchemaKey {
    case code, nameVi, nameEn, group, status, statusReason, replacedBy, nationalCodes, specimen, method, modality,
         bodyRegion, contrast, laterality, mappings, unmappedReason
    static let spec = SourceSchema.entry
    static let keys = table()
}

enum NationalCodeKey: Int, SchemaKey {
    case maTuongDuong, tt23
    static let spec = SourceSchema.nationalCode
    static let keys = table()
}

enum MappingKey: Int, SchemaKey {
    case system, code, display, relationship, comment
    static let spec = SourceSchema.mapping
    static let keys = table()
}

enum RecognitionKey: Int, SchemaKey {
    case clauses, qualityLevels, rules
    static let spec = SourceSchema.recognition
    static let keys = table()
}

enum RecognitionClauseKey: Int, SchemaKey {
    case id, citation, textVi, textEn
    static let spec = SourceSchema.recognitionClause
    static let keys = table()
}

enum QualityLevelKey: Int, SchemaKey {
    case level, nameVi, nameEn
    static let spec = SourceSchema.qualityLevel
    static let keys = table()
}

enum RecognitionRuleKey: Int, SchemaKey {
    case id, kind, fact, level, annexes, modalities, outcome, clause, textVi, textEn
    static let spec = SourceSchema.recognitionRule
    static let keys = table()
}
