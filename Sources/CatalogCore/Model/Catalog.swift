/// The validated catalog: typed, complete, in publication order. Emitters read only this.
public struct Catalog: Sendable, Equatable {
    public var metadata: CatalogMetadata
    public var annexes: [Annex]
    /// All entries, ordered by annex number, then by code.
    public var entries: [Entry]
    /// The recognition conditions of Article 2, when the sources state them.
    public var recognition: RecognitionRules?
    /// Each entry's history across the published releases, by code, when the releases were
    /// read (see ``EntryHistory/compute(releases:current:)`` and ``history(of:)``).
    public var history: [String: EntryHistory]

    public init(metadata: CatalogMetadata, annexes: [Annex], entries: [Entry], recognition: RecognitionRules? = nil,
                history: [String: EntryHistory] = [:]) {
        self.metadata = metadata
        self.annexes = annexes
        self.entries = entries
        self.recognition = recognition
        self.history = history
    }

    /// The entries of one annex, in code order.
    public func entries(inAnnex number: Int) -> ArraySlice<Entry> {
        guard let first = entries.firstIndex(where: { $0.annex == number }) else { return [] }
        let end = entries[first...].firstIndex(where: { $0.annex != number }) ?? entries.endIndex
        return entries[first..<end]
    }
}

/// The catalog's identity and edition.
public struct CatalogMetadata: Sendable, Equatable {
    /// Canonical URL of the code system; never changes once published.
    public var canonicalUrl: String
    /// ISO object identifier of the code system; never changes once published.
    public var oid: String
    /// A computer-friendly name (FHIR `name`).
    public var name: String
    public var titleVi: String
    public var titleEn: String
    public var version: SemanticVersion
    /// ISO 8601 date (YYYY-MM-DD) from which the edition applies.
    public var effectiveDate: String
    public var publisher: String
    public var legalBasis: [String]
    public var description: String
    /// URL of the licence the catalog is published under, when the publisher has declared one.
    public var license: String?
    /// Publication status of the edition (draft until the circular is issued).
    public var status: EditionStatus
    /// Whether the edition is meant for testing and evaluation rather than real use.
    public var experimental: Bool
    /// The licence notices of mapped code systems, in ``MappingSystem`` order.
    public var notices: [Notice]

    public init(
        canonicalUrl: String, oid: String, name: String, titleVi: String, titleEn: String,
        version: SemanticVersion, effectiveDate: String, publisher: String, legalBasis: [String],
        description: String, license: String? = nil, status: EditionStatus = .draft, experimental: Bool = false,
        notices: [Notice] = []
    ) {
        self.canonicalUrl = canonicalUrl
        self.oid = oid
        self.name = name
        self.titleVi = titleVi
        self.titleEn = titleEn
        self.version = version
        self.effectiveDate = effectiveDate
        self.publisher = publisher
        self.legalBasis = legalBasis
        self.description = description
        self.license = license
        self.status = status
        self.experimental = experimental
        self.notices = notices
    }
}

/// The notice a code system's licence requires wherever its content is distributed, as the
/// manifest's notice file gives it.
public struct Notice: Sendable, Equatable {
    public var system: MappingSystem
    public var text: String

    public init(system: MappingSystem, text: String) {
        self.system = system
        self.text = text
    }
}

/// One annex of the circular.
public struct Annex: Sendable, Equatable {
    public var number: Int
    public var prefix: String
    public var kind: AnnexKind
    public var serialWidth: Int
    public var expectedCount: Int
    public var titleVi: String
    public var titleEn: String
    public var groups: [Group]

    public init(
        number: Int, prefix: String, kind: AnnexKind, serialWidth: Int, expectedCount: Int,
        titleVi: String, titleEn: String, groups: [Group]
    ) {
        self.number = number
        self.prefix = prefix
        self.kind = kind
        self.serialWidth = serialWidth
        self.expectedCount = expectedCount
        self.titleVi = titleVi
        self.titleEn = titleEn
        self.groups = groups
    }
}

/// A section heading inside an annex.
public struct Group: Sendable, Equatable {
    public var id: String
    public var nameVi: String
    public var nameEn: String

    public init(id: String, nameVi: String, nameEn: String) {
        self.id = id
        self.nameVi = nameVi
        self.nameEn = nameEn
    }
}

/// One service of the catalog.
///
/// A value type whose fields live in one shared, copy-on-write box: the catalog is copied,
/// sorted and iterated by every stage and emitter, and copying an entry is then one reference
/// count instead of one per text field.
public struct Entry: Sendable, Equatable {
    /// The fields, as plain values.
    private struct Fields: Equatable {
        var code: String
        var annex: Int
        var group: String
        var status: EntryStatus
        var statusReason: String?
        var replacedBy: String?
        var nameVi: String
        var nameEn: String
        var nationalCodes: [NationalCode]
        var attributes: Attributes
        var mappings: [Mapping]
        var unmappedReason: String?
    }

    /// The shared box. Never changed while shared: every setter first makes it unique (see
    /// ``unique()``), so sharing it across threads is safe.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public var code: String {
        get { box.fields.code }
        set { unique().fields.code = newValue }
    }
    public var annex: Int {
        get { box.fields.annex }
        set { unique().fields.annex = newValue }
    }
    public var group: String {
        get { box.fields.group }
        set { unique().fields.group = newValue }
    }
    public var status: EntryStatus {
        get { box.fields.status }
        set { unique().fields.status = newValue }
    }
    public var statusReason: String? {
        get { box.fields.statusReason }
        set { unique().fields.statusReason = newValue }
    }
    public var replacedBy: String? {
        get { box.fields.replacedBy }
        set { unique().fields.replacedBy = newValue }
    }
    public var nameVi: String {
        get { box.fields.nameVi }
        set { unique().fields.nameVi = newValue }
    }
    public var nameEn: String {
        get { box.fields.nameEn }
        set { unique().fields.nameEn = newValue }
    }
    public var nationalCodes: [NationalCode] {
        get { box.fields.nationalCodes }
        set { unique().fields.nationalCodes = newValue }
    }
    public var attributes: Attributes {
        get { box.fields.attributes }
        set { unique().fields.attributes = newValue }
    }
    public var mappings: [Mapping] {
        get { box.fields.mappings }
        set { unique().fields.mappings = newValue }
    }
    public var unmappedReason: String? {
        get { box.fields.unmappedReason }
        set { unique().fields.unmappedReason = newValue }
    }

    public init(
        code: String, annex: Int, group: String, status: EntryStatus, statusReason: String?,
        replacedBy: String?, nameVi: String, nameEn: String, nationalCodes: [NationalCode],
        attributes: Attributes, mappings: [Mapping], unmappedReason: String?
    ) {
        box = Box(Fields(code: code, annex: annex, group: group, status: status, statusReason: statusReason, replacedBy: replacedBy, nameVi: nameVi, nameEn: nameEn, nationalCodes: nationalCodes, attributes: attributes, mappings: mappings, unmappedReason: unmappedReason))
    }

    /// The box, copied first if another entry shares it.
    private mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    public static func == (a: Entry, b: Entry) -> Bool {
        a.box === b.box || a.box.fields == b.box.fields
    }
}

/// The national technique codes an entry corresponds to.
public struct NationalCode: Sendable, Equatable {
    /// `MA_TUONG_DUONG` (`CC.TTTT.GGGG`).
    public var maTuongDuong: String
    /// Circular 23/2024/TT-BYT technique number (`CC.N`), where known.
    public var tt23: String?

    public init(maTuongDuong: String, tt23: String?) {
        self.maTuongDuong = maTuongDuong
        self.tt23 = tt23
    }
}


/// A mapping to an international code.
public struct Mapping: Sendable, Equatable {
    public var system: MappingSystem
    public var code: String
    public var display: String
    public var relationship: MappingRelationship
    public var comment: String?
    /// The reference row that confirms the mapping, derived by the compiler from the reference
    /// subset (nil where no row was kept, e.g. a catalog read back from a published file that
    /// predates it). Not part of the assertion: two mappings that assert the same are equal
    /// whatever their evidence.
    public var evidence: MappingEvidence?

    public init(system: MappingSystem, code: String, display: String, relationship: MappingRelationship, comment: String?,
                evidence: MappingEvidence? = nil) {
        self.system = system
        self.code = code
        self.display = display
        self.relationship = relationship
        self.comment = comment
        self.evidence = evidence
    }

    /// Equal when the assertions are: system, code, display, relationship and comment.
    public static func == (a: Mapping, b: Mapping) -> Bool {
        a.system == b.system && a.code == b.code && a.display == b.display && a.relationship == b.relationship && a.comment == b.comment
    }
}
