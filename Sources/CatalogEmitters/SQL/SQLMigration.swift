/// The schema steps between SQL formats, for the upgrade scripts (``SQLUpgrade``): each step
/// turns the tables of format `from` into those of format `to` in place, keeping the rows.
///
/// Only what `CREATE ... IF NOT EXISTS` cannot do is written here (new columns of existing
/// tables); new tables, indexes and the views come from re-running the current schema after
/// the steps. A format whose change no step expresses (a major version) has no upgrade path:
/// its release notes tell vendors to load the release's `catalog.sql` into a fresh database.
struct SQLMigration: Sendable {
    var from: String
    var to: String
    /// The statements, per dialect.
    var statements: @Sendable (SQLEmitter.Dialect) -> String

    /// Every step, in format order.
    static let steps: [SQLMigration] = [
        SQLMigration(from: "2.1.0", to: "2.2.0") { d in
            // Format 2.2.0: each entry's history (first released, last changed).
            ["version_first_released", "version_last_changed"]
                .map { "ALTER TABLE \(d.table("entry")) ADD COLUMN \($0) TEXT;\n" }.joined()
        },
    ]

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
}
