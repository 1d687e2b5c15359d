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

/// An entry's keys: the fixed ones around every attribute of ``EntryFields``, in the
/// schema's order, so a new attribute needs no new case here.
enum EntryKey: SchemaKey, CustomStringConvertible {
    case code, nameVi, nameEn, group, status, statusReason, replacedBy, nationalCodes
    case attribute(EntryField)
    case mappings, unmappedReason
    static let spec = SourceSchema.entry
    static let keys = table()

    private static let leading: [EntryKey] = [.code, .nameVi, .nameEn, .group, .status, .statusReason, .replacedBy, .nationalCodes]
    private static let trailing: [EntryKey] = [.mappings, .unmappedReason]
    static let allCases: [EntryKey] = leading + EntryFields.attributes.map(EntryKey.attribute) + trailing

    init?(rawValue: Int) {
        guard Self.allCases.indices.contains(rawValue) else { return nil }
        self = Self.allCases[rawValue]
    }

    var rawValue: Int {
        let attributes = EntryFields.attributes.count
        switch self {
        case .code: return 0
        case .nameVi: return 1
        case .nameEn: return 2
        case .group: return 3
        case .status: return 4
        case .statusReason: return 5
        case .replacedBy: return 6
        case .nationalCodes: return 7
        case let .attribute(field): return 8 + field.position
        case .mappings: return 8 + attributes
        case .unmappedReason: return 9 + attributes
        }
    }

    var description: String {
        switch self {
        case .code: "code"
        case .nameVi: "nameVi"
        case .nameEn: "nameEn"
        case .group: "group"
        case .status: "status"
        case .statusReason: "statusReason"
        case .replacedBy: "replacedBy"
        case .nationalCodes: "nationalCodes"
        case let .attribute(field): field.name
        case .mappings: "mappings"
        case .unmappedReason: "unmappedReason"
        }
    }
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
