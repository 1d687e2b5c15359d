/// The catalog as written in `annexes/`, before validation: every field keeps its position,
/// optional fields are optional, and enumerated values are still the text the author wrote.
public struct SourceCatalog: Sendable {
    public var manifest: SourceManifest
    public var annexes: [SourceAnnex]
    public var ledger: Ledger
    /// The reference data confirming mappings, by system (only systems with a table).
    public var references: [MappingSystem: ReferenceSet]
    /// The text of the licence notice of each system the manifest names one for.
    public var notices: [MappingSystem: String]
    /// The recognition rules source, when the manifest names one.
    public var recognition: SourceRecognition?

    public init(manifest: SourceManifest, annexes: [SourceAnnex], ledger: Ledger, references: [MappingSystem: ReferenceSet] = [:],
                notices: [MappingSystem: String] = [:]) {
        self.manifest = manifest
        self.annexes = annexes
        self.ledger = ledger
        self.references = references
        self.notices = notices
    }
}

/// The catalog manifest (`catalog.yaml` or `catalog.xml`): identity, version and the annex list.
public struct SourceManifest: Sendable {
    public var file: String
    public var canonicalUrl: Located<String>?
    public var oid: Located<String>?
    public var name: Located<String>?
    public var titleVi: Located<String>?
    public var titleEn: Located<String>?
    public var version: Located<String>?
    public var effectiveDate: Located<String>?
    public var publisher: Located<String>?
    public var legalBasis: [Located<String>] = []
    public var description: Located<String>?
    public var license: Located<String>?
    public var status: Located<String>?
    public var experimental: Located<String>?
    public var ledger: Located<String>?
    public var minimumCoverage: Located<String>?
    public var references: [SourceReferenceSpec] = []
    public var notices: [SourceNoticeSpec] = []
    public var annexes: [SourceAnnexSpec] = []
    public var waivers: [SourceWaiver] = []
    public var clarifications: [SourceClarification] = []
    public var recognition: Located<String>?

    public init(file: String) { self.file = file }
}

/// Name corrections the manifest declares editorial for a batch of codes (see ``Clarification``).
public struct SourceClarification: Sendable {
    public var location: SourceLocation
    public var version: Located<String>?
    public var codes: [Located<String>] = []
    public var reason: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// A breaking change the manifest accepts for one code (see ``Waiver``).
public struct SourceWaiver: Sendable {
    public var location: SourceLocation
    public var code: Located<String>?
    public var rule: Located<String>?
    public var version: Located<String>?
    public var justification: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// One annex as the manifest declares it.
public struct SourceAnnexSpec: Sendable {
    public var location: SourceLocation
    public var number: Located<String>?
    public var file: Located<String>?
    public var prefix: Located<String>?
    public var kind: Located<String>?
    public var serialWidth: Located<String>?
    public var expectedCount: Located<String>?
    public var titleVi: Located<String>?
    public var titleEn: Located<String>?
    public var minimumCoverage: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// A reference table the manifest names.
public struct SourceReferenceSpec: Sendable {
    public var location: SourceLocation
    public var system: Located<String>?
    public var file: Located<String>?
    public var codeColumn: Located<String>?
    public var displayColumn: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// A licence notice the manifest names for a mapped code system.
public struct SourceNoticeSpec: Sendable {
    public var location: SourceLocation
    public var system: Located<String>?
    public var file: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// One annex source file.
public struct SourceAnnex: Sendable {
    public var file: String
    public var format: SourceFormat
    public var annex: Located<String>?
    public var groups: [SourceGroup] = []
    public var entries: [SourceEntry] = []

    public init(file: String, format: SourceFormat) {
        self.file = file
        self.format = format
    }
}

/// The two source syntaxes; both share one schema.
public enum SourceFormat: String, Sendable {
    case yaml, xml
}

/// A group (section heading) of an annex.
public struct SourceGroup: Sendable {
    public var location: SourceLocation
    public var id: Located<String>?
    public var nameVi: Located<String>?
    public var nameEn: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// One catalog entry as written.
public struct SourceEntry: Sendable {
    /// Where the entry begins (its mapping or element).
    public var location: SourceLocation
    /// Where a `code` would be inserted by `assign`, and how.
    public var insertion: CodeInsertionPoint?
    public var code: Located<String>?
    public var nameVi: Located<String>?
    public var nameEn: Located<String>?
    public var group: Located<String>?
    public var status: Located<String>?
    public var statusReason: Located<String>?
    public var replacedBy: Located<String>?
    public var nationalCodes: [SourceNationalCode] = []
    /// The attributes as written, by ``EntryField/position``.
    public var attributes: [Located<String>?] = Array(repeating: nil, count: EntryFields.attributes.count)
    public var mappings: [SourceMapping] = []
    public var unmappedReason: Located<String>?

    public init(location: SourceLocation) { self.location = location }

    /// The attribute `field` as written, if it is.
    public subscript(field: EntryField) -> Located<String>? {
        get { attributes[field.position] }
        set { attributes[field.position] = newValue }
    }
}

/// Where `assign` inserts a code into an entry: before the entry's first field, with the
/// syntax the file needs there.
public struct CodeInsertionPoint: Sendable, Hashable {
    /// The spelling of the insertion around the code.
    public enum Style: Sendable, Hashable {
        /// YAML block mapping: `code: X` then a newline and the indentation of the first key.
        case yamlBlock
        /// YAML flow mapping: `code: X, ` before the first key.
        case yamlFlow
        /// XML element content: `<code>X</code>` then a newline and the first child's indentation.
        case xmlElement
    }

    public var location: SourceLocation
    public var style: Style

    public init(location: SourceLocation, style: Style) {
        self.location = location
        self.style = style
    }
}

/// One national technique code of an entry.
public struct SourceNationalCode: Sendable {
    public var location: SourceLocation
    /// `MA_TUONG_DUONG`, `CC.TTTT.GGGG`.
    public var maTuongDuong: Located<String>?
    /// The Circular 23/2024/TT-BYT technique number, `CC.N`.
    public var tt23: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}

/// One mapping to an international code.
public struct SourceMapping: Sendable {
    public var location: SourceLocation
    public var system: Located<String>?
    public var code: Located<String>?
    public var display: Located<String>?
    public var relationship: Located<String>?
    public var comment: Located<String>?

    public init(location: SourceLocation) { self.location = location }
}
