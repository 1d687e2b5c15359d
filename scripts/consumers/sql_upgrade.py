#!/usr/bin/env python3
"""Consumer check: the SQL upgrade scripts. For every published release that ships
`changes/delta/upgrade-from-<previous>.<dialect>.sql`, and for every case the Swift tests left in
CASES (one pair of small catalogs per change class, `old|new|upgrade.<dialect>.sql`):
a real SQLite and a real PostgreSQL loaded with the previous version's catalog.sql and upgraded
equal a fresh load of the new version table by table (columns, rows, views, indexes, functions);
the upgrade applied again is refused, naming the version it needs and what the database holds,
and leaves the database as it was. For the releases, a vendor table with ON DELETE CASCADE keys to
the catalog's entries and mappings keeps every order whose mapping the new release still has; an
upgrade that rebuilds the old tables (from SQL format 1) refuses instead and changes nothing.
Usage: sql_upgrade.py GENERATED_DIR CASES_DIR"""
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from pg_cluster import Cluster, ClusterError  # noqa: E402

OUT = pathlib.Path(sys.argv[1])
CASES = pathlib.Path(sys.argv[2])


def pairs():
    """(label, old script, new script, upgrade script, version the upgrade needs) per dialect."""
    found = []
    index = json.loads((OUT / "index.json").read_text(encoding="utf-8"))
    for release in index["releases"]:
        v = release["version"]
        for upgrade in sorted((OUT / v / "changes/delta").glob("upgrade-from-*.sql")):
            previous, dialect = upgrade.name[len("upgrade-from-"):-len(".sql")].rsplit(".", 1)
            found.append((f"{previous} -> {v}", dialect, OUT / previous / f"sql/{dialect}/catalog.sql", OUT / v / f"sql/{dialect}/catalog.sql", upgrade, previous))
    if not found:
        print("sql_upgrade: no published release ships an upgrade script", file=sys.stderr)
    cases = sorted(p for p in CASES.glob("*") if p.is_dir()) if CASES.is_dir() else []
    if not cases:
        print(f"sql_upgrade: no cases in {CASES} (swift test writes them)", file=sys.stderr)
    for case in cases:
        for dialect in ("sqlite", "postgresql"):
            text = (case / f"upgrade.{dialect}.sql").read_text(encoding="utf-8")
            needs = text.split("upgrade from ", 1)[1].split(" ", 1)[0]
            found.append((f"case {case.name}", dialect, case / f"old.{dialect}.sql", case / f"new.{dialect}.sql", case / f"upgrade.{dialect}.sql", needs))
    return found, bool(found) and bool(cases)


def sqlite_state(db):
    con = sqlite3.connect(db)
    state = {}
    for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"):
        if kind == "index":
            state[(kind, name)] = [r[2] for r in con.execute(f"PRAGMA index_info('{name}')")]
            continue
        columns = [tuple(r[1:]) for r in con.execute(f"PRAGMA table_info('{name}')")]
        rows = sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))
        state[(kind, name)] = (columns, rows, sql if kind == "view" else None)
    con.close()
    return state


def refused(stderr, needs):
    """A refusal names the version the script needs (and what the database holds)."""
    return f"upgrade needs {needs}, database has " in stderr


def vendor_sql(old_text, dialect):
    """A vendor's own table referring to the catalog's entries and mappings with ON DELETE
    CASCADE, filled with one order per mapping; and the names of the two catalog tables."""
    if dialect == "sqlite":
        prefix = "lienthong_" if "lienthong_entry" in old_text else ""
    else:
        prefix = "lienthong." if "lienthong.entry" in old_text else "public."
    entry, mapping = f"{prefix}entry", f"{prefix}mapping"
    return (f"CREATE TABLE vendor_order (id INTEGER PRIMARY KEY, entry_code TEXT NOT NULL REFERENCES {entry} (code) ON DELETE CASCADE, "
            f"system TEXT NOT NULL, code TEXT NOT NULL, FOREIGN KEY (entry_code, system, code) REFERENCES {mapping} (entry_code, system, code) ON DELETE CASCADE);\n"
            f"INSERT INTO vendor_order (id, entry_code, system, code) SELECT row_number() OVER (), entry_code, system, code FROM {mapping};\n"), prefix


def check_sqlite(label, old, new, upgrade, needs):
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a.db"), os.path.join(tmp, "b.db")
        run = lambda db, path: subprocess.run(["sqlite3", "-bail", db], input=path.read_text(encoding="utf-8"), text=True, capture_output=True)
        for db, path in ((a, old), (a, upgrade), (b, new)):
            r = run(db, path)
            if r.returncode != 0:
                return [f"sqlite {label}: {path.name} failed on {os.path.basename(db)}: {r.stderr.strip()}"]
        problems = []
        if sqlite_state(a) != sqlite_state(b):
            sa, sb = sqlite_state(a), sqlite_state(b)
            differ = sorted(str(k) for k in set(sa) | set(sb) if sa.get(k) != sb.get(k))
            problems.append(f"sqlite {label}: upgraded database differs from a fresh load in {differ[:5]}")
        before = sqlite_state(a)
        r = run(a, upgrade)
        if r.returncode == 0 or not refused(r.stderr, needs) or sqlite_state(a) != before:
            problems.append(f"sqlite {label}: applying the upgrade twice was not refused cleanly: {r.stderr.strip()}")
        if not label.startswith("case "):
            problems += vendor_sqlite(label, old, new, upgrade, tmp)
        return problems


def vendor_sqlite(label, old, new, upgrade, tmp):
    """A vendor table with ON DELETE CASCADE keys to the catalog keeps every order whose mapping
    the new release still has; an upgrade that rebuilds the tables refuses instead, unchanged."""
    db = os.path.join(tmp, "vendor.db")
    old_text = old.read_text(encoding="utf-8")
    vendor, prefix = vendor_sql(old_text, "sqlite")
    r = subprocess.run(["sqlite3", "-bail", db], input=old_text + "PRAGMA foreign_keys = ON;\n" + vendor, text=True, capture_output=True)
    if r.returncode != 0:
        return [f"sqlite {label}: vendor table: {r.stderr.strip()}"]
    con = sqlite3.connect(db)
    orders = con.execute("SELECT entry_code, system, code FROM vendor_order").fetchall()
    con.close()
    before = sqlite_state(db)
    r = subprocess.run(["sqlite3", "-bail", db], input=upgrade.read_text(encoding="utf-8"), text=True, capture_output=True)
    if prefix == "":
        if r.returncode == 0 or "has a foreign key to" not in r.stderr or "vendor_order" not in r.stderr or sqlite_state(db) != before:
            return [f"sqlite {label}: a vendor table referring to the old tables was not refused cleanly: {r.stderr.strip()}"]
        return []
    if r.returncode != 0:
        return [f"sqlite {label}: upgrade with a vendor table failed: {r.stderr.strip()}"]
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(new.read_text(encoding="utf-8"))
    kept = set(fresh.execute(f"SELECT entry_code, system, code FROM lienthong_mapping").fetchall())
    con = sqlite3.connect(db)
    after = sorted(con.execute("SELECT entry_code, system, code FROM vendor_order").fetchall())
    con.close()
    expected = sorted(o for o in orders if o in kept)
    if after != expected or not after:
        return [f"sqlite {label}: vendor orders {len(orders)} -> {len(after)}, expected {len(expected)} (those whose mapping remains)"]
    return []


PG_STATE = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'lienthong' ORDER BY 1, ordinal_position",
    "views": "SELECT table_name, md5(view_definition) FROM information_schema.views WHERE table_schema = 'lienthong' ORDER BY 1",
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'lienthong' ORDER BY 1",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'lienthong'::regnamespace ORDER BY 1, 2",
    "functions": "SELECT proname, md5(prosrc) FROM pg_proc WHERE pronamespace = 'lienthong'::regnamespace ORDER BY 1",
}


def pg_state(pg, db):
    state = {name: pg.query(db, sql) for name, sql in PG_STATE.items()}
    for (table,) in pg.query(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'lienthong' AND table_type = 'BASE TABLE' ORDER BY 1"):
        state[table] = sorted(pg.query(db, f"SELECT t::text FROM lienthong.{table} t"))
    return state


def check_postgresql(pg, n, label, old, new, upgrade, needs):
    a, b = f"a{n}", f"b{n}"
    pg.create(a)
    pg.create(b)
    for db, path in ((a, old), (a, upgrade), (b, new)):
        r = pg.psql(db, "-f", pg.file(f"{db}-{path.name}", path.read_text(encoding="utf-8")))
        if r.returncode != 0:
            return [f"postgresql {label}: {path.name} failed on {db}: {r.stderr.strip()}"]
    problems = []
    sa, sb = pg_state(pg, a), pg_state(pg, b)
    if sa != sb:
        # Constraint names of a column added later may differ only by name; report what differs.
        differ = sorted(k for k in set(sa) | set(sb) if sa.get(k) != sb.get(k))
        problems.append(f"postgresql {label}: upgraded database differs from a fresh load in {differ[:5]}")
    r = pg.psql(a, "-f", pg.file(f"again-{n}.sql", upgrade.read_text(encoding="utf-8")))
    if r.returncode == 0 or not refused(r.stderr, needs) or pg_state(pg, a) != sa:
        problems.append(f"postgresql {label}: applying the upgrade twice was not refused cleanly: {r.stderr.strip()}")
    if not label.startswith("case "):
        problems += vendor_postgresql(pg, n, label, old, upgrade, b)
    return problems


def vendor_postgresql(pg, n, label, old, upgrade, fresh):
    """As vendor_sqlite, in PostgreSQL (which refuses to drop a table another table refers to)."""
    db = f"v{n}"
    pg.create(db)
    old_text = old.read_text(encoding="utf-8")
    vendor, prefix = vendor_sql(old_text, "postgresql")
    r = pg.psql(db, "-f", pg.file(f"{db}-old.sql", old_text + vendor))
    if r.returncode != 0:
        return [f"postgresql {label}: vendor table: {r.stderr.strip()}"]
    orders = pg.query(db, "SELECT entry_code, system, code FROM vendor_order")
    r = pg.psql(db, "-f", pg.file(f"{db}-upgrade.sql", upgrade.read_text(encoding="utf-8")))
    after = sorted(pg.query(db, "SELECT entry_code, system, code FROM vendor_order"))
    if prefix == "public.":
        if r.returncode == 0 or "vendor_order" not in r.stderr or after != sorted(orders):
            return [f"postgresql {label}: a vendor table referring to the old tables was not refused cleanly: {r.stderr.strip()}"]
        return []
    if r.returncode != 0:
        return [f"postgresql {label}: upgrade with a vendor table failed: {r.stderr.strip()}"]
    kept = set(pg.query(fresh, "SELECT entry_code, system, code FROM lienthong.mapping"))
    expected = sorted(o for o in orders if o in kept)
    if after != expected or not after:
        return [f"postgresql {label}: vendor orders {len(orders)} -> {len(after)}, expected {len(expected)} (those whose mapping remains)"]
    return []


def main():
    found, complete = pairs()
    problems = []
    for label, dialect, old, new, upgrade, needs in found:
        if dialect == "sqlite":
            problems += check_sqlite(label, old, new, upgrade, needs)
    try:
        with Cluster() as pg:
            for n, (label, dialect, old, new, upgrade, needs) in enumerate(found):
                if dialect == "postgresql":
                    problems += check_postgresql(pg, n, label, old, new, upgrade, needs)
    except ClusterError as e:
        problems.append(str(e))
    for p in problems:
        print(p, file=sys.stderr)
    releases = sorted({label for label, *_ in found if not label.startswith("case ")})
    cases = len({label for label, *_ in found if label.startswith("case ")})
    print(f"sql_upgrade: {'ok' if not problems and complete else 'FAILED'}: releases {', '.join(releases) or 'none'}, {cases} cases, sqlite and postgresql")
    return 0 if not problems and complete else 1


if __name__ == "__main__":
    sys.exit(main())
