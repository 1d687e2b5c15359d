import CatalogCore

/// The upgrade scripts of a release after the first, `upgrade-from-<previous>.<dialect>.sql`:
/// SQL that turns a database loaded with the previous release (its `catalog.sql`, or an
/// upgrade to it) into one equal, table by table, to a fresh load of this release.
///
/// Each script, in one transaction: refuses a database that does not hold the previous version
/// (nothing changes); applies the schema steps between the two SQL formats (``SQLMigration``)
/// and re-runs the current schema, whose `IF NOT EXISTS` statements add what is new; upserts the
/// catalog row, the annexes and groups; upserts the entries that changed (every entry when the
/// SQL format changed, since the new columns must be filled) and replaces their national codes
/// and mappings; deletes the rows of entries, groups and annexes that are gone; replaces the
/// recognition rules. Entries that did not change are not touched.
public enum SQLUpgrade {
    /// The file name of the script upgrading from `previous` in `dialect` (`sqlite`, `postgresql`).
    public static func fileName(from previous: String, dialect: String) -> String {
        "upgrade-from-\(previous).\(dialect).sql"
    }

    /// The scripts (one per dialect, under `folder`) upgrading a database holding `old`, loaded
    /// from SQL format `oldFormat`, to `new`; none when no schema steps lead from `oldFormat` to
    /// the current format (a fresh load is then the way up).
    public static func files(from old: Catalog, oldFormat: String, to new: Catalog, folder: String) -> [OutputFile] {
        let format = SQLEmitter().formatVersion
        guard let steps = SQLMigration.path(from: oldFormat, to: format) else { return [] }
        let previous = old.metadata.version.description
        let output = MemoryOutput()
        let files = SQLEmitter.Dialect.allCases.map { output.open(folder + "/" + fileName(from: previous, dialect: $0.rawValue)) }
        var b = SQLBuffer(to: files)
        let plan = Plan(old: old, new: new, formatChanged: !steps.isEmpty)
        b.perDialect { preamble(old: old, oldFormat: oldFormat, new: new, plan: plan, dialect: $0) + "BEGIN;\n\n" + refusal(old: old, format: oldFormat, dialect: $0) }
        if !steps.isEmpty {
            b.perDialect { "-- Schema: SQL format \(oldFormat) to \(format).\n" + SQLMigration.statements(steps, from: oldFormat, dialect: $0) }
        }
        SQLEmitter.upsertCatalog(new.metadata, into: &b)
        SQLEmitter.upsertAnnexes(new.annexes, into: &b)
        b.delete("mapping", where: "entry_code", in: plan.changed.map(\.code) + plan.removed)
        b.delete("national_code", where: "entry_code", in: plan.changed.map(\.code) + plan.removed)
        SQLEmitter.upsertEntries(plan.changed, of: new, into: &b)
        SQLEmitter.insertChildren(plan.changed, into: &b)
        b.delete("entry", where: "code", in: plan.removed)
        for (annex, group) in plan.removedGroups {
            b.perDialect { "DELETE FROM \($0.table("annex_group")) WHERE annex = \(annex) AND id = " }
            b.text(group)
            b.raw(";\n")
        }
        for annex in plan.removedAnnexes { b.perDialect { "DELETE FROM \($0.table("annex")) WHERE number = \(annex);\n" } }
        SQLRecognition.rows(new.recognition, into: &b)
        b.raw("COMMIT;\n")
        b.close()
        return output.files
    }

    /// What differs between the two catalogs, row by row.
    struct Plan {
        /// The entries of `new` whose rows are written: changed or added (all when the format changed).
        var changed: [Entry]
        /// The codes `old` has and `new` has not.
        var removed: [String]
        var removedGroups: [(Int, String)]
        var removedAnnexes: [Int]

        init(old: Catalog, new: Catalog, formatChanged: Bool) {
            var before: [String: Entry] = [:]
            before.reserveCapacity(old.entries.count)
            for e in old.entries { before[e.code] = e }
            changed = formatChanged ? new.entries : new.entries.filter { e in
                guard let was = before[e.code] else { return true }
                return was != e || old.history(of: was) != new.history(of: e)
            }
            let codes = Set(new.entries.map(\.code))
            removed = old.entries.map(\.code).filter { !codes.contains($0) }
            let groups = Set(new.annexes.flatMap { a in a.groups.map { "\(a.number) \($0.id)" } })
            removedGroups = old.annexes.flatMap { a in a.groups.filter { !groups.contains("\(a.number) \($0.id)") }.map { (a.number, $0.id) } }
            let annexes = Set(new.annexes.map(\.number))
            removedAnnexes = old.annexes.map(\.number).filter { !annexes.contains($0) }
        }
    }

    private static func preamble(old: Catalog, oldFormat: String, new: Catalog, plan: Plan, dialect: SQLEmitter.Dialect) -> String {
        let m = new.metadata, from = old.metadata.version.description
        let name = fileName(from: from, dialect: dialect.rawValue)
        var out = "-- lienthong catalog upgrade from \(from) to \(m.version) (\(m.canonicalUrl)), SQL format \(oldFormat) to \(SQLEmitter().formatVersion), \(dialect.rawValue) dialect.\n"
        out += "-- Generated by lienthong from the two releases. DO NOT EDIT. Licence and notices: NOTICE beside this file.\n"
        out += "-- Apply to a database holding \(from) (loaded from that release's sql/\(dialect.rawValue)/catalog.sql, or upgraded to it):\n"
        switch dialect {
        case .sqlite: out += "--   sqlite3 -bail catalog.db < \(name)\nPRAGMA foreign_keys = ON;\n"
        case .postgresql: out += "--   psql -v ON_ERROR_STOP=1 -f \(name)\nSET client_encoding = 'UTF8';\n"
        }
        out += "-- Rewrites \(plan.changed.count) of \(new.entries.count) entries and removes \(plan.removed.count), in one transaction; the result equals a fresh load of \(m.version).\n"
        out += "-- A database at any other version is refused and left as it was.\n\n"
        return out
    }

    /// The statement refusing a database that does not hold `old`: the guard row violates its
    /// CHECK constraint, with a message naming the version needed and the version found.
    private static func refusal(old: Catalog, format: String, dialect: SQLEmitter.Dialect) -> String {
        let t = { SQLMigration.table($0, format: format, dialect: dialect) }
        let url = "'" + old.metadata.canonicalUrl.replacingOccurrences(of: "'", with: "''") + "'"
        let version = old.metadata.version.description
        let found = "(SELECT version FROM \(t("catalog")) WHERE canonical_url = \(url))"
        let message = "'lienthong: upgrade needs \(version), database has ' || coalesce(\(found), 'no catalog')"
        // SQLite's CHECK message cannot carry a value; a JSON path error quotes its path (see SQLEmitter).
        let value = dialect == .sqlite ? "coalesce(json_extract('{}', g.message), g.message)" : "g.message"
        return "-- Refuse a database that does not hold \(version).\n"
            + "INSERT INTO \(t("load_guard")) (refusal)\n  SELECT \(value) FROM (SELECT \(message) AS message) g\n"
            + "  WHERE NOT EXISTS (SELECT 1 FROM \(t("catalog")) WHERE canonical_url = \(url) AND version = '\(version)');\n\n"
    }
}

extension SQLBuffer {
    /// Deletes the rows of the catalog's `table` whose `column` is one of `values`, 500 at a time.
    mutating func delete(_ table: String, where column: String, in values: [String]) {
        var start = 0
        while start < values.count {
            perDialect { "DELETE FROM \($0.table(table)) WHERE \(column) IN (" }
            for (i, value) in values[start..<min(start + 500, values.count)].enumerated() {
                if i > 0 { raw(", ") }
                text(value)
            }
            raw(");\n")
            start += 500
        }
        if !values.isEmpty { raw("\n") }
    }
}
