#!/usr/bin/env python3
"""Consumer check (issue 31): a catalog's SQL scripts load correctly whatever the server's session
defaults. A real PostgreSQL server (a temporary cluster on loopback) gets a database whose defaults
are hostile to the scripts' literals (standard_conforming_strings off, backslash_quote on,
client_encoding LATIN1); catalog.sql must load into it and every entry's English name must read
back exactly as catalog.json has it (names holding a quote and a backslash included). As a
control, the same script without its `SET standard_conforming_strings` line must not load the
names faithfully there (it fails, or a name comes back altered), which shows the setting is what
protects them. SQLite (whose literals never treat a backslash specially) loads the same names.
Prints one line per check; exits 1 on any failure.
Usage: sql_session_settings.py VERSION_FOLDER"""
import json
import os
import pathlib
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from pg_cluster import Cluster, ClusterError  # noqa: E402

FOLDER = pathlib.Path(sys.argv[1])
CATALOG = json.loads((FOLDER / "json/catalog.json").read_text(encoding="utf-8"))
EXPECTED = {e["code"]: e["nameEn"] for e in CATALOG["entries"]}
PG_SCRIPT = (FOLDER / "sql/postgresql/catalog.sql").read_text(encoding="utf-8")
SETTING = "SET standard_conforming_strings = on;\n"
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAILED: ") + what)
    if not ok:
        failures.append(what)


def hostile_database(pg, name):
    pg.create(name)
    for setting in ("standard_conforming_strings = off", "backslash_quote = on", "client_encoding = 'LATIN1'"):
        r = pg.psql("postgres", "-c", f"ALTER DATABASE {name} SET {setting}")
        if r.returncode != 0:
            raise ClusterError(f"ALTER DATABASE {name} SET {setting}: {r.stderr}")


def names(pg, database):
    rows = pg.query(database, "SET client_encoding = 'UTF8'; SELECT code, name_en FROM lienthong.entry ORDER BY code")
    return {code: name for code, name in rows}


check(any("\\" in n and "'" in n for n in EXPECTED.values()), "the catalog holds a name with a backslash and a quote")
check(SETTING in PG_SCRIPT, "catalog.sql pins standard_conforming_strings")
try:
    with Cluster() as pg:
        hostile_database(pg, "hostile")
        off = pg.query("hostile", "SHOW standard_conforming_strings")
        check(off == [("off",)], f"the hostile database defaults to standard_conforming_strings off ({off})")
        r = pg.psql("hostile", "-f", pg.file("catalog.sql", PG_SCRIPT))
        check(r.returncode == 0, f"catalog.sql loads under hostile defaults {r.stderr.strip()[:300]}")
        if r.returncode == 0:
            check(names(pg, "hostile") == EXPECTED, "every English name reads back as catalog.json has it")
        hostile_database(pg, "control")
        r = pg.psql("control", "-f", pg.file("unpinned.sql", PG_SCRIPT.replace(SETTING, "")))
        faithful = r.returncode == 0 and names(pg, "control") == EXPECTED
        check(not faithful, "control: without the setting the names are not loaded faithfully")
except ClusterError as error:
    check(False, str(error))

with tempfile.TemporaryDirectory() as tmp:
    db = sqlite3.connect(os.path.join(tmp, "c.db"))
    db.executescript((FOLDER / "sql/sqlite/catalog.sql").read_text(encoding="utf-8"))
    got = dict(db.execute("SELECT code, name_en FROM lienthong_entry"))
    check(got == EXPECTED, "SQLite: every English name reads back as catalog.json has it")
sys.exit(1 if failures else 0)
