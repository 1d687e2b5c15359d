/// The reference data that confirms mappings to one code system: every code the catalog
/// may use with the names its sources give it, read from verbatim extracts of the
/// reference tables (see `annexes/reference/SOURCES.md`).
public struct ReferenceSet: Sendable {
    /// One code as a reference table gives it.
    public struct Concept: Sendable, Equatable {
        public var code: String
        /// The names the reference tables give the code (long common name, display, …).
        public var displays: [String]
        /// Where the code was first read.
        public var location: SourceLocation
        /// Every row that gives the code, in the order the manifest lists the tables: the
        /// evidence of a mapping is derived from them (see ``MappingEvidence``).
        public var rows: [Row] = []
    }

    /// One table of the subset: where it is and which release of which source it copies.
    public struct Table: Sendable, Equatable {
        /// The path inside the reference folder (`loinc/loinc_2_72_lab_subset_axes.csv`).
        public var file: String
        /// The source's release as the folder's SOURCES.md records it (repository and commit
        /// the rows were copied from), nil when SOURCES.md does not list the table.
        public var release: String?
        /// What SOURCES.md says the source is ("RadLex Core Playbook v2.3"), when it says.
        public var title: String?
        /// The header line's column names.
        public var header: [String]

        public init(file: String, release: String?, title: String?, header: [String]) {
            self.file = file
            self.release = release
            self.title = title
            self.header = header
        }
    }

    /// One row of a reference table that gives a code.
    public struct Row: Sendable, Equatable {
        public var table: Table
        /// The 1-based line the row starts on.
        public var line: Int
        /// The name the table's display column gives.
        public var name: String
        public var fields: [String]
        /// Where the row starts, for diagnostics' notes.
        public var location: SourceLocation

        public init(table: Table, line: Int, name: String, fields: [String], location: SourceLocation) {
            self.table = table
            self.line = line
            self.name = name
            self.fields = fields
            self.location = location
        }

        /// The value of a named column, nil when the table has no such column or the cell is empty.
        public func value(_ column: String) -> String? {
            guard let i = table.header.firstIndex(of: column), i < fields.count else { return nil }
            let v = fields[i]
            return v.isEmpty ? nil : v
        }
    }

    public var system: MappingSystem
    public private(set) var concepts: [String: Concept] = [:]

    public init(system: MappingSystem) { self.system = system }

    /// Adds a name for `code` read at `location`, with the whole `row` when the reader keeps it.
    public mutating func add(code: String, display: String, at location: SourceLocation, row: Row? = nil) {
        if var concept = concepts[code] {
            if !display.isEmpty, !concept.displays.contains(display) { concept.displays.append(display) }
            if let row { concept.rows.append(row) }
            concepts[code] = concept
        } else {
            concepts[code] = Concept(code: code, displays: display.isEmpty ? [] : [display], location: location, rows: row.map { [$0] } ?? [])
        }
    }

    /// Whether a reference name marks the concept as deprecated (LOINC and RadLex prefix the
    /// names of deprecated terms with "Deprecated" / "DEPRECATED").
    public static func isDeprecated(_ concept: Concept) -> Bool {
        concept.displays.contains { display in
            // Compared on bytes, ASCII case folded: this runs for every mapping of the catalog.
            let prefix = display.utf8.prefix(marker.count)
            return prefix.count == marker.count && zip(prefix, marker).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    /// "deprecated" in lower-case ASCII.
    private static let marker = Array("deprecated".utf8)
}
