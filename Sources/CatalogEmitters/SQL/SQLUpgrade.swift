import CatalogCore

/// The upgrade scripts of a release after the first, `upgrade-from-<previous>.<dialect>.sql`:
/// SQL that turns a database loaded with the previous release (its `catalog.sql`, or an
/// upgrade to it) into one equal, table by table, to a fresh load of this release.
///
/// Each script, in one transaction: refuses a database that does not hold the previous version
/// (nothing changes); applies the schema steps between the two SQL formats (``SQLMigration``);
/// upserts the catalog row, the annexes and groups, and the rows of the entries that changed
/// (every entry's row when the SQL format changed, since new columns must be filled); for the
/// entries whose national codes or mappings changed, deletes the keys that are gone and upserts
/// the rest; deletes the entries that are gone; replaces the recognition rules; and only then
/// deletes the groups and annexes that are gone. Rows are updated in place, never deleted and
/// inserted again, so a vendor's own tables that refer to a kept row (even `ON DELETE CASCADE`)
/// keep their rows.
public enum SQLUpgrade {
    /// The file name of the script upgrading from `previous` in `dialect` (`sqlite`, `postgresql`).
    public static func fileName(from previous: String, dialect: String) -> String {
        "upgrade-from-\(previous).\(dialect).sql"
    }

    /// The scripts (one per dialect, under `folder`) upgrading a database holding `old`, loaded
    /// from SQL format `oldFormat`, to `new`; none when no schema steps lead from `oldFormat` to
    /// the current format (a fresh load is then the way up).
    public static func files(from old: Catalog, oldFormat: String, to new: Catalog, folder: String) -> [OutputFile] {
        let format = SQLEmitter.format
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
        SQLEmitter.upsertEntries(plan.rows, of: new, into: &b)
        b.delete("national_code", by: ["entry_code", "ma_tuong_duong"], plan.goneNationalCodes.map { [.text($0.0), .text($0.1)] })
        b.delete("mapping", by: ["entry_code", "system", "code"], plan.goneMappings.map { [.text($0.0), .text($0.1), .text($0.2)] })
        SQLEmitter.insertChildren(plan.children, upserting: true, into: &b)
        b.delete("mapping", where: "entry_code", in: plan.removed)
        b.delete("national_code", where: "entry_code", in: plan.removed)
        b.delete("entry", where: "code", in: plan.removed)
        // The recognition rules may name an annex that is going: they are replaced first.
        SQLRecognition.rows(new.recognition, into: &b)
        b.delete("annex_group", by: ["annex", "id"], plan.removedGroups.map { [.int(Int64($0.0)), .text($0.1)] })
        b.delete("annex", by: ["number"], plan.removedAnnexes.map { [.int(Int64($0))] })
        b.raw("COMMIT;\n")
        b.close()
        return output.files
    }

    /// What differs between the two catalogs, row by row.
    struct Plan {
        /// The entries of `new` whose `entry` row is upserted: added, changed in any field or in
        /// their history, or (when the SQL format changed) every entry.
        var rows: [Entry]
        /// The entries of `new` whose national codes and mappings are upserted: added, or with
        /// national codes or mappings that differ.
        var children: [Entry]
        /// The child rows of kept entries that are gone, by key.
        var goneNationalCodes: [(String, String)] = []
        var goneMappings: [(String, String, String)] = []
        /// The codes `old` has and `new` has not.
        var removed: [String]
        var removedGroups: [(Int, String)]
        var removedAnnexes: [Int]

        init(old: Catalog, new: Catalog, formatChanged: Bool) {
            var before: [String: Entry] = [:]
            before.reserveCapacity(old.entries.count)
            for e in old.entries { before[e.code] = e }
            rows = formatChanged ? new.entries : new.entries.filter { e in
                guard let was = before[e.code] else { return true }
                return was != e || old.history(of: was) != new.history(of: e)
            }
            children = new.entries.filter { e in
                guard let was = before[e.code] else { return true }
                return was.nationalCodes != e.nationalCodes || was.mappings != e.mappings
            }
            for e in children {
                guard let was = before[e.code] else { continue }
                let national = Set(e.nationalCodes.map(\.maTuongDuong))
                goneNationalCodes += was.nationalCodes.filter { !national.contains($0.maTuongDuong) }.map { (e.code, $0.maTuongDuong) }
                let mappings = Set(e.mappings.map { $0.system.uri + " " + $0.code })
                goneMappings += was.mappings.filter { !mappings.contains($0.system.uri + " " + $0.code) }.map { (e.code, $0.system.uri, $0.code) }
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
        var out = "-- lienthong catalog upgrade from \(from) to \(m.version) (\(m.canonicalUrl)), SQL format \(oldFormat) to \(SQLEmitter.format), \(dialect.rawValue) dialect.\n"
        out += "-- Generated by lienthong from the two releases. DO NOT EDIT. Licence and notices: NOTICE beside this file.\n"
        out += "-- Apply to a database holding \(from) (loaded from that release's sql/\(dialect.rawValue)/catalog.sql, or upgraded to it):\n"
        switch dialect {
        case .sqlite: out += "--   sqlite3 -bail catalog.db < \(name)      (-bail is required)\nPRAGMA foreign_keys = ON;\n"
        case .postgresql: out += "--   psql -v ON_ERROR_STOP=1 -f \(name)\n" + SQLEmitter.postgresSessionSettings
        }
        out += "-- Rewrites \(plan.rows.count) of \(new.entries.count) entries and removes \(plan.removed.count), in one transaction; the result equals a fresh load of \(m.version).\n"
        out += "-- A database at any other version is refused and left as it was"
        out += dialect == .sqlite ? " (with -bail: the shell otherwise goes on after an error).\n\n" : ".\n\n"
        return out
    }

    /// The statements refusing a database that does not hold `old` (loaded from SQL format
    /// `format`): the guard row violates its CHECK constraint, with a message naming the version
    /// needed and what the database holds (a version, the tables of another SQL format, or no
    /// catalog). The two tables the refusal reads are created first if missing, so that a
    /// database of another kind gets the message instead of a missing-table error; the refusal
    /// then undoes them with everything else.
    private static func refusal(old: Catalog, format: String, dialect d: SQLEmitter.Dialect) -> String {
        let t = { SQLMigration.table($0, format: format, dialect: d) }
        let url = "'" + old.metadata.canonicalUrl.replacingOccurrences(of: "'", with: "''") + "'"
        let version = old.metadata.version.description
        let other = format.hasPrefix("1.") ? d.table("catalog") : SQLMigration.table("catalog", format: "1.0.0", dialect: d)
        let otherExists = d == .sqlite
            ? "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '\(other)')"
            : "to_regclass('\(other)') IS NOT NULL"
        let found = "coalesce((SELECT version FROM \(t("catalog")) WHERE canonical_url = \(url)), CASE WHEN \(otherExists) THEN 'the tables of another SQL format' ELSE 'no catalog' END)"
        let message = "'lienthong: upgrade needs \(version), database has ' || \(found)"
        // SQLite's CHECK message cannot carry a value; a JSON path error quotes its path (see SQLEmitter).
        let value = d == .sqlite ? "coalesce(json_extract('{}', g.message), g.message)" : "g.message"
        var out = "-- Refuse a database that does not hold \(version).\n"
        if d == .postgresql, !format.hasPrefix("1.") { out += "CREATE SCHEMA IF NOT EXISTS lienthong;\n" }
        out += "CREATE TABLE IF NOT EXISTS \(t("load_guard")) (refusal TEXT CHECK (refusal IS NULL));\n"
        out += "CREATE TABLE IF NOT EXISTS \(t("catalog")) (canonical_url TEXT PRIMARY KEY, version TEXT NOT NULL);\n"
        out += "INSERT INTO \(t("load_guard")) (refusal)\n  SELECT \(value) FROM (SELECT \(message) AS message) g\n"
        out += "  WHERE NOT EXISTS (SELECT 1 FROM \(t("catalog")) WHERE canonical_url = \(url) AND version = '\(version)');\n\n"
        return out + SQLMigration.foreignReferenceRefusal(from: format, dialect: d)
    }
}

extension SQLBuffer {
    /// Deletes the rows of the catalog's `table` named by their key `columns`, one statement
    /// per row of `keys` (each the key's values, in `columns` order).
    mutating func delete(_ table: String, by columns: [String], _ keys: [[SQLValue]]) {
        for key in keys {
            perDialect { "DELETE FROM \($0.table(table)) WHERE " }
            for (i, (column, value)) in zip(columns, key).enumerated() {
                raw((i > 0 ? " AND " : "") + column + " = ")
                self.value(value)
            }
            raw(";\n")
        }
    }

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
