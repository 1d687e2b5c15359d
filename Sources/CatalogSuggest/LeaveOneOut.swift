import CatalogCore

/// The assistant measured on the catalog's own mappings: for each mapped entry in use, its
/// mappings are hidden (removed from the entry before the assistant sees it), candidates are
/// ranked, and the rank of the codes it was mapped to is read. Per annex and code system.
public enum LeaveOneOut {
    /// Hits of one annex and system.
    public struct Row: Sendable, Equatable {
        public var annex: Int?
        public var system: MappingSystem?
        /// Entries with at least one mapping in `system`.
        public var entries = 0
        /// Entries whose best candidate is one of their mapped codes.
        public var top1 = 0
        /// Entries with one of their mapped codes among the first five.
        public var top5 = 0

        public func percent(_ n: Int) -> Double { entries == 0 ? 0 : Double(n) * 100 / Double(entries) }
    }

    /// One entry's result, for listing misses.
    public struct Outcome: Sendable {
        public var code: String
        public var system: MappingSystem
        public var rank: Int?
        public var mapped: [String]
        public var best: String?
    }

    /// Runs the evaluation over every entry in use of `catalog` that has a mapping.
    public static func evaluate(_ catalog: Catalog, suggester: Suggester) -> (rows: [Row], total: Row, outcomes: [Outcome]) {
        var rows: [String: Row] = [:]
        var total = Row(annex: nil, system: nil)
        var outcomes: [Outcome] = []
        let kinds = Dictionary(uniqueKeysWithValues: catalog.annexes.map { ($0.number, $0.kind) })
        for entry in catalog.entries where (entry.status == .active || entry.status == .deprecated) && !entry.mappings.isEmpty {
            let kind = kinds[entry.annex] ?? .laboratory
            var hidden = entry
            hidden.mappings = []
            hidden.unmappedReason = nil
            let answer = suggester.suggest(hidden, top: 5, kind: kind)
            for system in MappingSystem.allCases {
                let targets = Set(entry.mappings.filter { $0.system == system }.map(\.code))
                guard !targets.isEmpty else { continue }
                let ranked = answer.candidates[system] ?? []
                let rank = ranked.firstIndex { targets.contains($0.code) }
                let key = "\(entry.annex)|\(system.rawValue)"
                var row = rows[key] ?? Row(annex: entry.annex, system: system)
                row.entries += 1; total.entries += 1
                if rank == 0 { row.top1 += 1; total.top1 += 1 }
                if rank != nil { row.top5 += 1; total.top5 += 1 }
                rows[key] = row
                outcomes.append(Outcome(code: entry.code, system: system, rank: rank, mapped: targets.sorted(), best: ranked.first?.code))
            }
        }
        let sorted = rows.values.sorted { ($0.annex ?? 0, $0.system?.rawValue ?? "") < ($1.annex ?? 0, $1.system?.rawValue ?? "") }
        return (sorted, total, outcomes)
    }
}
