/// How much of the catalog is mapped to international codes, per annex and in all.
///
/// The denominator is the entries in use (active or deprecated; retired entries are out of
/// use and not expected to be mapped). An entry counts as mapped when it has at least one
/// mapping; mappings are also counted by relationship and by system.
public struct CoverageReport: Sendable, Equatable {
    /// The figures for one annex, or for the whole catalog (`annex` nil).
    public struct Row: Sendable, Equatable {
        public var annex: Int?
        public var entries = 0
        public var mapped = 0
        public var unmappedWithReason = 0
        public var mappingsByRelationship: [MappingRelationship: Int] = [:]
        public var mappingsBySystem: [MappingSystem: Int] = [:]

        /// Mapped share in tenths of a percent, rounded down (e.g. 923 for 92.3 %).
        public var permille: Int { entries == 0 ? 1000 : mapped * 1000 / entries }

        /// The share as text with one decimal, e.g. "92.3".
        public var percentText: String { "\(permille / 10).\(permille % 10)" }
    }

    public var annexes: [Row]
    public var total: Row

    public init(_ catalog: Catalog) {
        var total = Tally()
        annexes = catalog.annexes.map { annex in
            var tally = Tally()
            let entries = catalog.entries(inAnnex: annex.number)
            for i in entries.indices where entries[i].status != .retired { tally.count(entries[i]) }
            total.add(tally)
            return tally.row(annex: annex.number)
        }
        self.total = total.row(annex: nil)
    }

    /// The counts behind a row, with the mappings counted in arrays by vocabulary position
    /// (a catalog of 100,000 entries is counted without hashing a key per mapping).
    private struct Tally {
        static let relationships = MappingRelationship.allCases
        static let systems = MappingSystem.allCases

        var entries = 0
        var mapped = 0
        var unmappedWithReason = 0
        var byRelationship = [Int](repeating: 0, count: relationships.count)
        var bySystem = [Int](repeating: 0, count: systems.count)

        mutating func count(_ entry: Entry) {
            entries += 1
            if entry.mappings.isEmpty {
                if entry.unmappedReason != nil { unmappedWithReason += 1 }
            } else {
                mapped += 1
            }
            for m in entry.mappings {
                byRelationship[Self.relationships.firstIndex(of: m.relationship)!] += 1
                bySystem[Self.systems.firstIndex(of: m.system)!] += 1
            }
        }

        mutating func add(_ other: Tally) {
            entries += other.entries
            mapped += other.mapped
            unmappedWithReason += other.unmappedWithReason
            for i in byRelationship.indices { byRelationship[i] += other.byRelationship[i] }
            for i in bySystem.indices { bySystem[i] += other.bySystem[i] }
        }

        /// The row; its dictionaries name only the relationships and systems that occur.
        func row(annex: Int?) -> Row {
            var row = Row(annex: annex, entries: entries, mapped: mapped, unmappedWithReason: unmappedWithReason)
            for (i, n) in byRelationship.enumerated() where n > 0 { row.mappingsByRelationship[Self.relationships[i]] = n }
            for (i, n) in bySystem.enumerated() where n > 0 { row.mappingsBySystem[Self.systems[i]] = n }
            return row
        }
    }

    /// Parses a percentage such as "90" or "87.5" into tenths of a percent.
    public static func permille(from text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var tenths = 0
        if parts.count == 2 {
            guard parts[1].count == 1, let d = Int(parts[1]) else { return nil }
            tenths = d
        }
        let value = whole * 10 + tenths
        return value <= 1000 ? value : nil
    }
}
