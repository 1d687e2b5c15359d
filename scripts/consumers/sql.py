#!/usr/bin/env python3
"""Consumer check: the generated SQL loads into a real SQLite (sqlite3 shell) and a real
PostgreSQL server (started here on loopback in a temporary cluster, then stopped); row counts and
joins agree with catalog.json; loading twice changes nothing; loading an older version over a
newer one is refused and leaves the data as it was. Usage: sql.py GENERATED_DIR"""
import glob
import json
import os
import pathlib
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile

OUT = pathlib.Path(sys.argv[1])
LATEST = json.loads((OUT / "index.json").read_text(encoding="utf-8"))["latest"]
CATALOG = json.loads((OUT / LATEST / "json/catalog.json").read_text(encoding="utf-8"))

QUERIES = {
    "entries": "SELECT count(*) FROM entry",
    "mappings": "SELECT count(*) FROM mapping",
    "national codes": "SELECT count(*) FROM national_code",
    "version": "SELECT version FROM catalog",
    "entries with a LOINC mapping": "SELECT count(DISTINCT e.code) FROM entry e JOIN mapping m ON m.entry_code = e.code WHERE m.system = 'http://loinc.org'",
    "imaging entries by modality CT": "SELECT count(*) FROM entry e JOIN annex a ON a.number = e.annex WHERE a.kind = 'imaging' AND e.modality = 'CT'",
    "entries of chapter 23 codes": "SELECT count(DISTINCT n.entry_code) FROM national_code n WHERE n.ma_tuong_duong LIKE '23.%'",
}


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
    return script.replace(str(key), str(key - 1)).replace(f"'{CATALOG['version']}'", "'older'")


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
        if r.returncode == 0 or "CHECK constraint failed" not in r.stderr:
            print(f"sqlite: loading an older version was not refused: {r.stderr}", file=sys.stderr)
            return False
        con = sqlite3.connect(db)
        results = {name: con.execute(sql).fetchone()[0] for name, sql in QUERIES.items()}
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            print(f"sqlite: foreign key violations {fk[:5]}", file=sys.stderr)
            return False
        return compare("sqlite", results)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_postgresql():
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        print("postgresql: no server installed (scripts/install-deps.sh installs it)", file=sys.stderr)
        return False
    bin_dir = bins[-1]
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    tmp = tempfile.mkdtemp(prefix="lienthong-pg-")
    os.chmod(tmp, 0o755)
    data = os.path.join(tmp, "data")
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    port = str(free_port())
    script_path = os.path.join(tmp, "catalog.sql")
    older_path = os.path.join(tmp, "older.sql")
    script = (OUT / LATEST / "sql/postgresql/catalog.sql").read_text(encoding="utf-8")
    pathlib.Path(script_path).write_text(script, encoding="utf-8")
    pathlib.Path(older_path).write_text(older(script), encoding="utf-8")
    run = lambda args, **kw: subprocess.run(as_postgres + args, text=True, capture_output=True, **kw)
    try:
        r = run([f"{bin_dir}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        if r.returncode != 0:
            print(f"postgresql: initdb failed: {r.stderr}", file=sys.stderr)
            return False
        r = run([f"{bin_dir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(tmp, "server.log"),
                 "-o", f"-p {port} -h 127.0.0.1 -k {tmp}", "start"])
        if r.returncode != 0:
            print(f"postgresql: start failed: {r.stderr}", file=sys.stderr)
            return False
        psql = [f"{bin_dir}/psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
        for attempt in (1, 2):
            r = run(psql + ["-f", script_path])
            if r.returncode != 0:
                print(f"postgresql: load {attempt} failed: {r.stderr}", file=sys.stderr)
                return False
        r = run(psql + ["-f", older_path])
        if r.returncode == 0 or "lienthong_load_guard_refusal_check" not in r.stderr:
            print(f"postgresql: loading an older version was not refused: {r.stderr}", file=sys.stderr)
            return False
        results = {}
        for name, sql in QUERIES.items():
            r = run(psql + ["-At", "-c", sql])
            if r.returncode != 0:
                print(f"postgresql: {name}: {r.stderr}", file=sys.stderr)
                return False
            results[name] = r.stdout.strip()
        return compare("postgresql", results)
    finally:
        run([f"{bin_dir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"])
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ok_sqlite = check_sqlite()
    ok_pg = check_postgresql()
    exp = expected()
    print(f"sql: sqlite {'ok' if ok_sqlite else 'FAILED'}, postgresql {'ok' if ok_pg else 'FAILED'} "
          f"({exp['entries']} entries, {exp['mappings']} mappings, {exp['national codes']} national codes)")
    return 0 if ok_sqlite and ok_pg else 1


if __name__ == "__main__":
    sys.exit(main())
