/// The schema of the catalog sources, described once as data. The decoder takes its key
/// lists from here and the JSON Schema emitter renders it for editors, so the two cannot
/// drift apart.
public enum SourceSchema {
    /// The shape of a field's value.
    public indirect enum Shape: Sendable {
        case text
        /// Text that must be one of the values.
        case oneOf([String])
        case object(ObjectSpec)
        case list(ObjectSpec)
        case textList
    }

    /// One field of an object.
    public struct Field: Sendable {
        public var name: String
        public var shape: Shape
        public var required: Bool
        public var summary: String
        /// A regular expression the text must match, for the JSON Schema.
        public var pattern: String?
    }

    /// An object (mapping) of the schema.
    public struct ObjectSpec: Sendable {
        /// What the object is called in messages, e.g. "an entry".
        public var title: String
        /// The XML element name of one item when the object appears in a list.
        public var itemName: String
        public var fields: [Field]
        public var keys: [String] { fields.map(\.name) }
    }

    static func field(_ name: String, _ shape: Shape, required: Bool = false, pattern: String? = nil, _ summary: String) -> Field {
        Field(name: name, shape: shape, required: required, summary: summary, pattern: pattern)
    }

    public static let annexSpec = ObjectSpec(title: "an annex declaration", itemName: "annex", fields: [
        field("number", .text, required: true, pattern: "^[1-9][0-9]*$", "Annex number in the circular (1-6)."),
        field("file", .text, required: true, "Source file of the annex, relative to the manifest (.yaml, .yml or .xml)."),
        field("prefix", .text, required: true, pattern: "^[A-Z]{2,4}$", "Code prefix of the annex (two to four capital letters)."),
        field("kind", .oneOf(AnnexKind.allowedValues), required: true, "laboratory or imaging: which attributes the entries carry."),
        field("serialWidth", .text, required: true, pattern: "^[1-9]$", "Digits in the serial part of a code (4 gives HS0001…HS9999)."),
        field("expectedCount", .text, required: true, pattern: "^[0-9]+$", "Entries in use (not retired) the circular announces for the annex; a different count is a warning."),
        field("titleVi", .text, required: true, "Vietnamese title of the annex."),
        field("titleEn", .text, required: true, "English title of the annex."),
        field("minimumCoverage", .text, pattern: "^[0-9]+(\\.[0-9]+)?$", "Least share of the annex's entries with a mapping, in percent (default: the catalog's)."),
    ])

    public static let referenceSpec = ObjectSpec(title: "a reference table", itemName: "reference", fields: [
        field("system", .oneOf(MappingSystem.allowedValues), required: true, "Code system the table confirms."),
        field("file", .text, required: true, "CSV extract of a reference table, relative to the manifest."),
        field("codeColumn", .text, required: true, "Column holding the code."),
        field("displayColumn", .text, required: true, "Column holding the name a mapping's display must match."),
    ])

    public static let waiverSpec = ObjectSpec(title: "a waiver", itemName: "waiver", fields: [
        field("code", .text, required: true, pattern: "^[A-Z]{2,4}[0-9]{1,9}[0-9A-Z]$", "Code whose breaking change is accepted."),
        field("rule", .text, required: true, pattern: "^LT09[0-9]{2}$", "Rule waived (LT0904-LT0908, LT0910)."),
        field("version", .text, required: true, pattern: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$", "Catalog version the waiver is granted for; it applies to no other."),
        field("justification", .text, required: true, "Why the change is accepted, for the diff report and the release notes."),
    ])

    public static let clarificationSpec = ObjectSpec(title: "a clarification", itemName: "clarification", fields: [
        field("version", .text, required: true, pattern: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$", "Catalog version whose renames the clarification declares; it applies to no other."),
        field("codes", .textList, required: true, "Codes whose Vietnamese or English name is corrected in that version without a change of meaning."),
        field("reason", .text, required: true, "What was corrected and why the meaning is the same, for reviewers, the diff report and the release notes."),
    ])

    public static let noticeSpec = ObjectSpec(title: "a notice", itemName: "notice", fields: [
        field("system", .oneOf(MappingSystem.allowedValues), required: true, "Code system whose content the notice covers."),
        field("file", .text, required: true, "UTF-8 text file holding the notice its licence requires, relative to the manifest; copied unchanged into every artifact family that carries the system's codes or names."),
    ])

    public static let manifest = ObjectSpec(title: "the catalog manifest", itemName: "catalog", fields: [
        field("canonicalUrl", .text, required: true, pattern: "^https?://", "Canonical URL of the code system. Never changes once published."),
        field("oid", .text, required: true, pattern: "^[0-2](\\.(0|[1-9][0-9]*))+$", "ISO OID of the code system. Never changes once published."),
        field("name", .text, required: true, pattern: "^[A-Z][A-Za-z0-9_]*$", "Computer-friendly name (FHIR name)."),
        field("titleVi", .text, required: true, "Vietnamese title."),
        field("titleEn", .text, required: true, "English title."),
        field("version", .text, required: true, pattern: "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$", "Edition, Semantic Versioning (e.g. 2026.1.0)."),
        field("effectiveDate", .text, required: true, pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "Date from which the edition applies (YYYY-MM-DD)."),
        field("publisher", .text, required: true, "Publishing authority."),
        field("legalBasis", .textList, required: true, "Legal documents the catalog rests on."),
        field("description", .text, required: true, "What the catalog is, including how its content was made."),
        field("license", .text, pattern: "^https?://", "URL of the licence the catalog's own content (codes, names, groups, attributes, mapping assertions) is published under, e.g. https://creativecommons.org/publicdomain/zero/1.0/. Third-party content keeps its own terms (see notices). Until one is declared, SSSOM says https://w3id.org/sssom/license/unspecified."),
        field("status", .oneOf(EditionStatus.allowedValues), "Publication status of this edition: draft (default), active or retired. Draft until the circular is issued and the content is the official one."),
        field("experimental", .oneOf(["true", "false"]), "true when the edition is for testing and evaluation, not for real use (default false)."),
        field("ledger", .text, "Ledger file of issued codes, relative to the manifest (default ledger.tsv)."),
        field("minimumCoverage", .text, pattern: "^[0-9]+(\\.[0-9]+)?$", "Least share of entries with a mapping, in percent; the build fails below it."),
        field("references", .list(referenceSpec), "Reference tables that confirm mapped codes; every mapped system needs one."),
        field("notices", .list(noticeSpec), "Notices the licences of mapped code systems require wherever their content is distributed (LOINC, RadLex)."),
        field("annexes", .list(annexSpec), required: true, "The annexes, in order."),
        field("waivers", .list(waiverSpec), "Breaking changes accepted for a named code, each with its justification (see `lienthong diff`)."),
        field("clarifications", .list(clarificationSpec), "Name corrections that keep the meaning (editorial), declared per version for a batch of codes with a reason: the diff lists them as clarifications, not breaking renames."),
        field("recognition", .text, "Rules source stating the recognition conditions of Article 2 (recognition.yaml or .xml), relative to the manifest."),
    ])

    public static let group = ObjectSpec(title: "a group", itemName: "group", fields: [
        field("id", .text, required: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", "Identifier entries use to name the group (kebab-case)."),
        field("nameVi", .text, required: true, "Vietnamese heading."),
        field("nameEn", .text, required: true, "English heading."),
    ])

    public static let nationalCode = ObjectSpec(title: "a national code", itemName: "nationalCode", fields: [
        field("maTuongDuong", .text, required: true, pattern: "^[0-9]{2}\\.[0-9]{4}\\.[0-9]{4}$", "MA_TUONG_DUONG code, CC.TTTT.GGGG."),
        field("tt23", .text, pattern: "^[0-9]{2}\\.[1-9][0-9]*$", "Technique number in Circular 23/2024/TT-BYT, CC.N."),
    ])

    public static let mapping = ObjectSpec(title: "a mapping", itemName: "mapping", fields: [
        field("system", .oneOf(MappingSystem.allowedValues), required: true, "Target code system."),
        field("code", .text, required: true, "Target code (LOINC NNNNN-N, RadLex RPIDn)."),
        field("display", .text, required: true, "The target's name as the reference gives it."),
        field("relationship", .oneOf(MappingRelationship.allowedValues), required: true, "How the entry relates to the target (FHIR R5 names)."),
        field("comment", .text, "Why the mapping is not an equivalence, or other remarks."),
    ])

    public static let entry = ObjectSpec(title: "an entry", itemName: "entry", fields: [
        field("code", .text, pattern: "^[A-Z]{2,4}[0-9]{1,9}[0-9A-Z]$", "Stable code; absent until `lienthong assign` gives one."),
        field("nameVi", .text, required: true, "Vietnamese name, as the national list writes it."),
        field("nameEn", .text, required: true, "English name."),
        field("group", .text, required: true, "Id of a group of the annex."),
        field("status", .oneOf(EntryStatus.allowedValues), required: true, "active, deprecated or retired."),
        field("statusReason", .text, "Why the entry is deprecated or retired (required then)."),
        field("replacedBy", .text, "Code of the active entry that replaces this one."),
        field("nationalCodes", .list(nationalCode), required: true, "National technique codes the entry corresponds to."),
    ] + EntryFields.attributes.map { a in
        field(a.name, a.allowedValues.map { .oneOf($0) } ?? .text, a.schemaDescription)
    } + [
        field("mappings", .list(mapping), "Mappings to international codes."),
        field("unmappedReason", .text, "Why the entry has no mapping."),
    ])

    public static let annex = ObjectSpec(title: "an annex file", itemName: "annex", fields: [
        field("annex", .text, required: true, pattern: "^[1-9][0-9]*$", "Number of the annex this file holds."),
        field("groups", .list(group), required: true, "Group headings of the annex."),
        field("entries", .list(entry), required: true, "The entries."),
    ])

    // MARK: Recognition rules (Article 2)

    public static let recognitionClause = ObjectSpec(title: "a clause", itemName: "clause", fields: [
        field("id", .text, required: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", "Identifier rules use to cite the clause (kebab-case)."),
        field("citation", .text, required: true, "Where the clause is in the legal text, e.g. Điều 2, khoản 1, điểm a."),
        field("textVi", .text, required: true, "The clause in Vietnamese."),
        field("textEn", .text, required: true, "The clause in English."),
    ])

    public static let qualityLevel = ObjectSpec(title: "a quality level", itemName: "qualityLevel", fields: [
        field("level", .text, required: true, pattern: "^[1-9]$", "Level number under Decision 2429/QĐ-BYT (1 is the lowest)."),
        field("nameVi", .text, required: true, "Vietnamese name."),
        field("nameEn", .text, required: true, "English name."),
    ])

    public static let recognitionRule = ObjectSpec(title: "a recognition rule", itemName: "rule", fields: [
        field("id", .text, required: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", "Identifier of the rule (kebab-case); decisions name it."),
        field("kind", .oneOf(RecognitionRuleKind.allowedValues), required: true, "What the rule states."),
        field("fact", .oneOf(StudyFact.allowedValues), "Imaging: the study fact a requirement needs or a repeat reason names."),
        field("level", .text, pattern: "^[1-9]$", "minimum-level: the lowest quality level whose results are recognised."),
        field("annexes", .textList, "Annex numbers the rule applies to (default: every annex of its kind)."),
        field("modalities", .textList, "Imaging modalities the rule applies to (default: every modality)."),
        field("outcome", .oneOf(RecognitionOutcome.allowedValues), required: true, "The decision when the rule is not met (requirement) or applies (repeat reason)."),
        field("clause", .text, required: true, "Id of the clause the rule comes from."),
        field("textVi", .text, required: true, "The rule in Vietnamese, as a decision states it."),
        field("textEn", .text, required: true, "The rule in English."),
    ])

    public static let recognition = ObjectSpec(title: "the recognition rules", itemName: "recognition", fields: [
        field("clauses", .list(recognitionClause), required: true, "The clauses of Article 2 the rules cite."),
        field("qualityLevels", .list(qualityLevel), required: true, "The laboratory quality levels of Decision 2429/QĐ-BYT, lowest first."),
        field("rules", .list(recognitionRule), required: true, "The conditions."),
    ])
}
