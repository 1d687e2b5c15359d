#!/usr/bin/env python3
"""Consumer check: the generated SQL loads into a real SQLite (sqlite3 shell) and a real
PostgreSQL server (started here on loopback in a temporary cluster, then stopped); row counts and
joins agree with catalog.json; loading twice changes nothing; loading an older version over a
newer one is refused with an error naming both versions and leaves the data as it was. The tables
live in the `lienthong` schema (PostgreSQL) or carry the `lienthong_` prefix (SQLite). A search
without diacritics on the folded-name column (`name_folded LIKE '%chup clvt%'`) returns the same
rows as the accented search on the Vietnamese name, in both databases, and every folded name is
what an independent folding (NFD, marks removed, đ → d, lower case) gives; every entry's
version_first_released and version_last_changed are catalog.json's.
Usage: sql.py GENERATED_DIR"""
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from pg_cluster import Cluster, ClusterError  # noqa: E402

OUT = pathlib.Path(sys.argv[1])
LATEST = json.loads((OUT / "index.json").read_text(encoding="utf-8"))["latest"]
CATALOG = json.loads((OUT / LATEST / "json/catalog.json").read_text(encoding="utf-8"))

# Table names as templates: {t}entry is lienthong_entry in SQLite, lienthong.entry in PostgreSQL.
QUERIES = {
    "entries": "SELECT count(*) FROM {t}entry",
    "mappings": "SELECT count(*) FROM {t}mapping",
    "national codes": "SELECT count(*) FROM {t}national_code",
    "version": "SELECT version FROM {t}catalog",
    "entries with a LOINC mapping": "SELECT count(DISTINCT e.code) FROM {t}entry e JOIN {t}mapping m ON m.entry_code = e.code WHERE m.system = 'http://loinc.org'",
    "imaging entries by modality CT": "SELECT count(*) FROM {t}entry e JOIN {t}annex a ON a.number = e.annex WHERE a.kind = 'imaging' AND e.modality = 'CT'",
    "entries of chapter 23 codes": "SELECT count(DISTINCT n.entry_code) FROM {t}national_code n WHERE n.ma_tuong_duong LIKE '23.%'",
}
PREFIX = {"sqlite": "lienthong_", "postgresql": "lienthong."}
# (accented, as typed without diacritics): the two searches must find the same entries.
SEARCHES = [("Chụp CLVT", "chup clvt"), ("Siêu âm", "sieu am"), ("hưởng từ", "huong tu"), ("Xét nghiệm", "xet nghiem")]
FOLDED_NAMES = "SELECT code, name_folded FROM {t}entry ORDER BY code"
HISTORY = "SELECT code, version_first_released, version_last_changed FROM {t}entry ORDER BY code"


def fold(text):
    """Independent of the compiler's: lower case, NFD, combining marks dropped, đ -> d, spaces collapsed."""
    text = unicodedata.normalize("NFD", " ".join(text.lower().split()))
    return "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d")


def search_problems(db, query):
    """Runs the searches with `query(sql) -> set of codes`; returns what is wrong."""
    problems = []
    for accented, plain in SEARCHES:
        with_marks = query(f"SELECT code FROM {{t}}entry WHERE name_vi LIKE '%{accented}%'")
        without = query(f"SELECT code FROM {{t}}entry WHERE name_folded LIKE '%{plain}%'")
        expected = {e["code"] for e in CATALOG["entries"] if plain in fold(e["nameVi"])}
        if not expected or with_marks != expected or without != expected:
            problems.append(f"{db}: '{plain}' finds {len(without)} entries, '{accented}' {len(with_marks)}, catalog.json {len(expected)}")
    return problems


def folded_problems(db, rows):
    names = {e["code"]: fold(e["nameVi"]) for e in CATALOG["entries"]}
    wrong = [(code, value) for code, value in rows if names.get(code) != value]
    return [f"{db}: name_folded of {code} is {value!r}, expected {names.get(code)!r}" for code, value in wrong[:3]]


def history_problems(db, rows):
    """Each entry's first-released and last-changed versions are catalog.json's."""
    want = {e["code"]: (e["versionFirstReleased"], e["versionLastChanged"]) for e in CATALOG["entries"]}
    got = {code: (first, last) for code, first, last in rows}
    wrong = [code for code in want if got.get(code) != want[code]]
    return [f"{db}: history of {code} is {got.get(code)}, catalog.json says {want[code]}" for code in wrong[:3]] + (
        [] if len(got) == len(want) else [f"{db}: {len(got)} entries with history, catalog.json has {len(want)}"])


def expected():
    entries = CATALOG["entries"]
    kinds = {a["number"]: a["kind"] for a in CATALOG["annexes"]}
    return {
        "entries": len(entries),
        "mappings": sum(len(e["mappings"]) for e in entries),
        "national codes": sum(len(e["nationalCodes"]) for e in entries),
        "version": CATALOG["version"],
        "entries with a LOINC mapping": sum(1 for e in entries if any(m["system"] == "http://loinc.org" for m in e["mappings"])),
        "imaging entries by modality CT": sum(1 for e in entries if kinds[e["annex"]] == "imaging" and e.get("modality") == "CT"),
        "entries of chapter 23 codes": sum(1 for e in entries if any(n["maTuongDuong"].startswith("23.") for n in e["nationalCodes"])),
    }


def older(script):
    """The same script claiming to be the previous patch version (same data)."""
    major, minor, patch = (int(x.split("-")[0]) for x in CATALOG["version"].split("."))
    key = major * 10**12 + minor * 10**6 + patch
    return script.replace(str(key), str(key - 1)).replace(f"'{CATALOG['version']}'", "'older'").replace(f"newer than {CATALOG['version']}'", "newer than older'")


def compare(db, results):
    failures = [f"{db}: {name} is {results[name]!r}, catalog.json says {value!r}" for name, value in expected().items() if str(results[name]) != str(value)]
    for f in failures:
        print(f, file=sys.stderr)
    return not failures


def check_sqlite():
    script = (OUT / LATEST / "sql/sqlite/catalog.sql").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "catalog.db")
        load = lambda text: subprocess.run(["sqlite3", "-bail", db], input=text, text=True, capture_output=True)
        for attempt in (1, 2):
            r = load(script)
            if r.returncode != 0:
                print(f"sqlite: load {attempt} failed: {r.stderr}", file=sys.stderr)
                return False
        r = load(older(script))
        if r.returncode == 0 or f"database has {CATALOG['version']}, newer than older" not in r.stderr:
            print(f"sqlite: loading an older version was not refused naming both versions: {r.stderr}", file=sys.stderr)
            return False
        con = sqlite3.connect(db)
        t = PREFIX["sqlite"]
        results = {name: con.execute(sql.format(t=t)).fetchone()[0] for name, sql in QUERIES.items()}
        problems = search_problems("sqlite", lambda sql: {row[0] for row in con.execute(sql.format(t=t))})
        problems += folded_problems("sqlite", con.execute(FOLDED_NAMES.format(t=t)).fetchall())
        problems += history_problems("sqlite", con.execute(HISTORY.format(t=t)).fetchall())
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return False
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            print(f"sqlite: foreign key violations {fk[:5]}", file=sys.stderr)
            return False
        return compare("sqlite", results)


def check_postgresql():
    script = (OUT / LATEST / "sql/postgresql/catalog.sql").read_text(encoding="utf-8")
    try:
        with Cluster() as pg:
            script_path, older_path = pg.file("catalog.sql", script), pg.file("older.sql", older(script))
            for attempt in (1, 2):
                r = pg.psql("postgres", "-f", script_path)
                if r.returncode != 0:
                    print(f"postgresql: load {attempt} failed: {r.stderr}", file=sys.stderr)
                    return False
            r = pg.psql("postgres", "-f", older_path)
            if r.returncode == 0 or "load_guard_refusal_check" not in r.stderr or f"database has {CATALOG['version']}, newer than older" not in r.stderr:
                print(f"postgresql: loading an older version was not refused naming both versions: {r.stderr}", file=sys.stderr)
                return False
            t = PREFIX["postgresql"]
            query = lambda sql: pg.query("postgres", sql.format(t=t))
            results = {name: query(sql)[0][0] for name, sql in QUERIES.items()}
            problems = search_problems("postgresql", lambda sql: {row[0] for row in query(sql)})
            problems += folded_problems("postgresql", query(FOLDED_NAMES))
            problems += history_problems("postgresql", query(HISTORY))
            if problems:
                print("\n".join(problems), file=sys.stderr)
                return False
            return compare("postgresql", results)
    except ClusterError as e:
        print(e, file=sys.stderr)
        return False


def main():
    ok_sqlite = check_sqlite()
    ok_pg = check_postgresql()
    exp = expected()
    print(f"sql: sqlite {'ok' if ok_sqlite else 'FAILED'}, postgresql {'ok' if ok_pg else 'FAILED'} "
          f"({exp['entries']} entries, {exp['mappings']} mappings, {exp['national codes']} national codes)")
    return 0 if ok_sqlite and ok_pg else 1


if __name__ == "__main__":
    sys.exit(main())
