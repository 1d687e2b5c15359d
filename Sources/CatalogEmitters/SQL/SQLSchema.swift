import CatalogCore

/// The tables every SQL artifact creates. The vocabularies become CHECK constraints, so a
/// database rejects a value the catalog could never contain.
///
/// A column a new format adds goes at the end of its table, where `ALTER TABLE ... ADD COLUMN`
/// puts it, and gets a step in ``SQLMigration``: a database upgraded by a release's upgrade
/// script then has exactly the tables and columns of a fresh load.
enum SQLSchema {
    /// The `entry` table's attribute columns of the first format, one line each
    /// (``EntryFields``).
    static var attributeColumns: String {
        EntryFields.attributes.filter { $0.sqlAddedIn == nil }.map { "  \(columnDefinition($0))," }.joined(separator: "\n")
    }

    /// The attribute columns added by later formats, each line ending in a line break (none:
    /// empty), after the history columns.
    static var laterAttributeColumns: String {
        EntryFields.attributes.filter { $0.sqlAddedIn != nil }.map { "  \(columnDefinition($0)),\n" }.joined()
    }

    /// An attribute's column: a vocabulary checked against its allowed values, text free.
    static func columnDefinition(_ f: EntryField) -> String {
        "\(f.sqlColumn) TEXT" + (f.allowedValues.map { " CHECK (\(f.sqlColumn) IN (\(list($0))))" } ?? "")
    }

    static func list(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// The tables, named as `dialect` names them; PostgreSQL's schema is created first.
    static func ddl(_ dialect: SQLEmitter.Dialect) -> String {
        let t = dialect.table
        let schema = dialect == .postgresql ? "CREATE SCHEMA IF NOT EXISTS lienthong;\n\n" : ""
        return schema + """
        CREATE TABLE IF NOT EXISTS \(t("load_guard")) (
          refusal TEXT CHECK (refusal IS NULL)
        );

        CREATE TABLE IF NOT EXISTS \(t("catalog")) (
          canonical_url TEXT PRIMARY KEY,
          oid TEXT NOT NULL,
          name TEXT NOT NULL,
          version TEXT NOT NULL,
          version_key BIGINT NOT NULL,
          title_vi TEXT NOT NULL,
          title_en TEXT NOT NULL,
          effective_date TEXT NOT NULL,
          publisher TEXT NOT NULL,
          description TEXT NOT NULL,
          sql_format_version TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS \(t("annex")) (
          number INTEGER PRIMARY KEY,
          prefix TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL CHECK (kind IN (\(list(AnnexKind.allowedValues)))),
          title_vi TEXT NOT NULL,
          title_en TEXT NOT NULL,
          expected_count INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS \(t("annex_group")) (
          annex INTEGER NOT NULL REFERENCES \(t("annex")) (number),
          id TEXT NOT NULL,
          name_vi TEXT NOT NULL,
          name_en TEXT NOT NULL,
          PRIMARY KEY (annex, id)
        );

        CREATE TABLE IF NOT EXISTS \(t("entry")) (
          code TEXT PRIMARY KEY,
          annex INTEGER NOT NULL REFERENCES \(t("annex")) (number),
          group_id TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN (\(list(EntryStatus.allowedValues)))),
          status_reason TEXT,
          replaced_by TEXT REFERENCES \(t("entry")) (code) DEFERRABLE INITIALLY DEFERRED,
          name_vi TEXT NOT NULL,
          name_en TEXT NOT NULL,
          name_folded TEXT NOT NULL,
        \(attributeColumns)
          unmapped_reason TEXT,
          version_first_released TEXT,
          version_last_changed TEXT,
        \(laterAttributeColumns)  FOREIGN KEY (annex, group_id) REFERENCES \(t("annex_group")) (annex, id),
          CHECK ((specimen IS NULL) <> (modality IS NULL))
        );

        CREATE TABLE IF NOT EXISTS \(t("national_code")) (
          entry_code TEXT NOT NULL REFERENCES \(t("entry")) (code) DEFERRABLE INITIALLY DEFERRED,
          position INTEGER NOT NULL,
          ma_tuong_duong TEXT NOT NULL,
          tt23 TEXT,
          PRIMARY KEY (entry_code, ma_tuong_duong)
        );

        CREATE TABLE IF NOT EXISTS \(t("mapping")) (
          entry_code TEXT NOT NULL REFERENCES \(t("entry")) (code) DEFERRABLE INITIALLY DEFERRED,
          system TEXT NOT NULL CHECK (system IN (\(list(MappingSystem.allCases.map(\.uri))))),
          code TEXT NOT NULL,
          display TEXT NOT NULL,
          relationship TEXT NOT NULL CHECK (relationship IN (\(list(MappingRelationship.allowedValues)))),
          comment TEXT,
          PRIMARY KEY (entry_code, system, code)
        );

        CREATE INDEX IF NOT EXISTS lienthong_entry_by_annex ON \(t("entry")) (annex);
        CREATE INDEX IF NOT EXISTS lienthong_entry_by_folded_name ON \(t("entry")) (name_folded);
        CREATE INDEX IF NOT EXISTS lienthong_national_code_by_code ON \(t("national_code")) (ma_tuong_duong);
        CREATE INDEX IF NOT EXISTS lienthong_mapping_by_target ON \(t("mapping")) (system, code);

        """
    }
}
