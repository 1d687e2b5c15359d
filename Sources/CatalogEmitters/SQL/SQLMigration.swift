import CatalogCore

/// The schema steps between the SQL formats releases have shipped, for the upgrade scripts
/// (``SQLUpgrade``): each step turns the tables of format `from` into those of format `to`,
/// keeping the rows.
///
/// An `alter` step writes only what `CREATE ... IF NOT EXISTS` cannot do (new columns of
/// existing tables); new tables, indexes and the views come from re-running the current schema
/// after the steps. A `rebuild` step (a format that moved or reordered tables) creates the
/// current schema, copies the old tables' rows into it and drops the old tables; the steps
/// after it are then already done. A format no step leads from has no upgrade path: the
/// release notes tell vendors to load the release's `catalog.sql` into a fresh database.
struct SQLMigration: Sendable {
    /// How a step changes the tables.
    enum Change: Sendable {
        /// Statements run on the old tables, per dialect.
        case alter(@Sendable (SQLEmitter.Dialect) -> String)
        /// The old tables (named as the old format names them) and their columns, copied into
        /// the current tables; `filled` gives a value for each current NOT NULL column the old
        /// table lacks (the data part of the script then writes every row).
        case rebuild(tables: [(name: String, columns: [String])], filled: [String: [String: String]])
    }

    var from: String
    var to: String
    var change: Change

    /// The tables a rebuild step copies, nil for an alter step.
    var rebuiltTables: (tables: [(name: String, columns: [String])], filled: [String: [String: String]])? {
        if case let .rebuild(tables, filled) = change { (tables, filled) } else { nil }
    }

    /// Every step, in format order.
    static let steps: [SQLMigration] = [
        // Format 2 (2026.2.0): the tables moved into the `lienthong` schema (PostgreSQL) or took
        // the `lienthong_` prefix (SQLite); `entry` gained `name_folded` after `name_en`.
        SQLMigration(from: "1.0.0", to: "2.1.0", change: .rebuild(tables: [
            ("catalog", ["canonical_url", "oid", "name", "version", "version_key", "title_vi", "title_en", "effective_date", "publisher", "description", "sql_format_version"]),
            ("annex", ["number", "prefix", "kind", "title_vi", "title_en", "expected_count"]),
            ("annex_group", ["annex", "id", "name_vi", "name_en"]),
            ("entry", ["code", "annex", "group_id", "status", "status_reason", "replaced_by", "name_vi", "name_en", "specimen", "method",
                       "modality", "body_region", "contrast", "laterality", "unmapped_reason"]),
            ("national_code", ["entry_code", "position", "ma_tuong_duong", "tt23"]),
            ("mapping", ["entry_code", "system", "code", "display", "relationship", "comment"]),
        ], filled: ["entry": ["name_folded": "''"]])),
        // Format 2.2.0 (2026.3.0): each entry's history (first released, last changed).
        SQLMigration(from: "2.1.0", to: "2.2.0", change: .alter { d in
            ["version_first_released", "version_last_changed"].map { "ALTER TABLE \(d.table("entry")) ADD COLUMN \($0) TEXT;\n" }.joined()
        }),
        // Format 2.3.0 (2026.4.0): more study facts in `recognition_rule.fact`'s CHECK, and the
        // not-enough-information decision in the views. The rule tables hold only the rules,
        // which the data part rewrites: PostgreSQL replaces the constraint, SQLite (which cannot
        // alter a CHECK) drops the three rule tables for the schema to create again.
        // Format 2.3.0 also added the attribute column `scale` (``EntryFields``).
        SQLMigration(from: "2.2.0", to: "2.3.0", change: .alter { d in
            let rules: String = switch d {
            case .postgresql:
                "ALTER TABLE \(d.table("recognition_rule")) DROP CONSTRAINT IF EXISTS recognition_rule_fact_check;\n"
                    + "ALTER TABLE \(d.table("recognition_rule")) ADD CONSTRAINT recognition_rule_fact_check CHECK (fact IN (\(SQLSchema.list(StudyFact.allowedValues))));\n"
            case .sqlite:
                ["recognition_rule_modality", "recognition_rule_annex", "recognition_rule"].map { "DROP TABLE IF EXISTS \(d.table($0));\n" }.joined()
            }
            return rules + addedAttributes("2.3.0", d)
        }),
    ]

    /// The `ALTER TABLE … ADD COLUMN` of each attribute the format `version` added
    /// (``EntryField/sqlAddedIn``).
    static func addedAttributes(_ version: String, _ d: SQLEmitter.Dialect) -> String {
        EntryFields.attributes.filter { $0.sqlAddedIn == version }
            .map { "ALTER TABLE \(d.table("entry")) ADD COLUMN \(SQLSchema.columnDefinition($0));\n" }.joined()
    }

    /// The steps from format `old` to format `new`, in order: empty when they are equal, nil
    /// when no chain of steps leads from one to the other.
    static func path(from old: String, to new: String) -> [SQLMigration]? {
        var path: [SQLMigration] = []
        var at = old
        while at != new {
            guard let step = steps.first(where: { $0.from == at }), path.count < steps.count else { return nil }
            path.append(step)
            at = step.to
        }
        return path
    }

    /// The name format `format` gives the catalog's table `name` in `dialect`: format 1 had
    /// unprefixed tables (in PostgreSQL's `public` schema) and a `lienthong_load_guard`.
    static func table(_ name: String, format: String, dialect: SQLEmitter.Dialect) -> String {
        guard format.hasPrefix("1.") else { return dialect.table(name) }
        let bare = name == "load_guard" ? "lienthong_load_guard" : name
        return dialect == .postgresql ? "public." + bare : bare
    }

    /// The old tables a path from `format` rebuilds (none when it only alters).
    static func rebuilt(from format: String) -> [String] {
        path(from: format, to: SQLEmitter.format)?.lazy.compactMap(\.rebuiltTables).first?.tables.map(\.name) ?? []
    }

    /// In SQLite, the statement refusing a rebuild while a table outside the catalog has a
    /// foreign key to one of the old tables: dropping the old table would first delete its rows,
    /// running the vendor's `ON DELETE` action (cascading their rows away, or blanking them).
    /// PostgreSQL refuses such a drop by itself, naming the constraint.
    static func foreignReferenceRefusal(from format: String, dialect: SQLEmitter.Dialect) -> String {
        let tables = rebuilt(from: format)
        guard dialect == .sqlite, !tables.isEmpty else { return "" }
        let names = tables.map { "'\(table($0, format: format, dialect: dialect))'" }.joined(separator: ", ")
        let message = "'lienthong: table ' || m.name || ' has a foreign key to ' || f.\"table\" || ', which this upgrade replaces by lienthong_' || f.\"table\" || '; drop that foreign key, upgrade, then point it at lienthong_' || f.\"table\""
        return "-- Refuse while a table of yours refers to an old table (dropping it would run your ON DELETE action).\n"
            + "INSERT INTO lienthong_load_guard (refusal)\n  SELECT coalesce(json_extract('{}', g.message), g.message) FROM (\n"
            + "    SELECT \(message) AS message FROM sqlite_master m, pragma_foreign_key_list(m.name) f\n"
            + "    WHERE m.type = 'table' AND m.name NOT IN (\(names)) AND f.\"table\" IN (\(names)) LIMIT 1) g;\n\n"
    }

    /// The statements of `steps` (a path from `format`) in `dialect`, ending with the current
    /// schema and views. A rebuild creates the current schema itself, so the steps before it
    /// (none today: format 1 is the oldest) have nothing left to do.
    static func statements(_ steps: [SQLMigration], from format: String, dialect d: SQLEmitter.Dialect) -> String {
        let current = SQLSchema.ddl(d) + "\n" + SQLRecognition.ddl(d) + "\n"
        guard let rebuild = steps.lastIndex(where: { $0.rebuiltTables != nil }), let (tables, filled) = steps[rebuild].rebuiltTables else {
            return steps.map { step in if case let .alter(statements) = step.change { statements(d) } else { "" } }.joined() + "\n" + current
        }
        let old = steps[rebuild].from
        var out = current
        out += "-- The rows of the format \(old) tables, copied into the current ones (rewritten below), then the old tables dropped.\n"
        for (name, columns) in tables {
            let extra = filled[name, default: [:]].sorted { $0.key < $1.key }
            out += "INSERT INTO \(d.table(name)) (\((columns + extra.map(\.key)).joined(separator: ", ")))\n"
            out += "  SELECT \((columns + extra.map(\.value)).joined(separator: ", ")) FROM \(table(name, format: old, dialect: d));\n"
        }
        for (name, _) in tables.reversed() { out += "DROP TABLE \(table(name, format: old, dialect: d));\n" }
        if table("load_guard", format: old, dialect: d) != d.table("load_guard") { out += "DROP TABLE \(table("load_guard", format: old, dialect: d));\n" }
        return out + "\n"
    }
}
