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
    }

    public var system: MappingSystem
    public private(set) var concepts: [String: Concept] = [:]

    public init(system: MappingSystem) { self.system = system }

    /// Adds a name for `code` read at `location`.
    public mutating func add(code: String, display: String, at location: SourceLocation) {
        if var concept = concepts[code] {
            if !display.isEmpty, !concept.displays.contains(display) { concept.displays.append(display) }
            concepts[code] = concept
        } else {
            concepts[code] = Concept(code: code, displays: display.isEmpty ? [] : [display], location: location)
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
