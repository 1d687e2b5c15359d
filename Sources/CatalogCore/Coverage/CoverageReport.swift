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

        mutating func count(_ entry: Entry) {
            entries += 1
            if entry.mappings.isEmpty {
                if entry.unmappedReason != nil { unmappedWithReason += 1 }
            } else {
                mapped += 1
            }
            for m in entry.mappings {
                mappingsByRelationship[m.relationship, default: 0] += 1
                mappingsBySystem[m.system, default: 0] += 1
            }
        }
    }

    public var annexes: [Row]
    public var total: Row

    public init(_ catalog: Catalog) {
        var total = Row(annex: nil)
        annexes = catalog.annexes.map { annex in
            var row = Row(annex: annex.number)
            for entry in catalog.entries(inAnnex: annex.number) where entry.status != .retired {
                row.count(entry)
                total.count(entry)
            }
            return row
        }
        self.total = total
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
