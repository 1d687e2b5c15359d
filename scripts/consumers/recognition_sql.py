#!/usr/bin/env python3
"""Consumer check: the recognition views of the generated SQL answer the laboratory cases of the
decision table (Tests/Fixtures/recognition-cases.json, the same table the CLI test runs) in a real
SQLite and a real PostgreSQL (started here on loopback in a temporary cluster, then stopped): each
case loads two laboratories into `laboratory` (and their ISO 15189 scopes) and reads
`lab_recognition` (the decision) and `lab_recognition_reason` (the rules not met); both must be
the table's. Cases with an unknown level are skipped there (the laboratory table holds known
levels only); in PostgreSQL every laboratory case, unknown levels included, is also asked of the
function `recognize_laboratory_result`.
Usage: recognition_sql.py GENERATED_DIR CASES_JSON"""
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
ALL_LAB_CASES = [c for c in json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))["cases"] if "laboratory" in c]
CASES = [c for c in ALL_LAB_CASES if "performingLevel" in c["laboratory"] and "receivingLevel" in c["laboratory"]]
LATEST = json.loads((OUT / "index.json").read_text(encoding="utf-8"))["latest"]
FLAGGED = ("not-met", "unknown", "applies")


def case_statements(c, t):
    """The statements loading the case's two laboratories, and the two questions."""
    lab = c["laboratory"]
    stmts = [f"DELETE FROM {t}laboratory_iso15189_scope", f"DELETE FROM {t}laboratory"]
    for lab_id, level, scope in (("A", lab["performingLevel"], lab.get("performingScope")), ("B", lab["receivingLevel"], lab.get("receivingScope"))):
        stmts.append(f"INSERT INTO {t}laboratory (id, level, iso15189_accredited) VALUES ('{lab_id}', {level}, {1 if scope is not None else 0})")
        for code in scope or []:
            stmts.append(f"INSERT INTO {t}laboratory_iso15189_scope (laboratory_id, entry_code) VALUES ('{lab_id}', '{code}')")
    decision = f"SELECT decision, doctors_final_say_en FROM {t}lab_recognition WHERE code = '{c['code']}' AND performing_lab = 'A' AND receiving_lab = 'B'"
    reasons = f"SELECT rule_id, status FROM {t}lab_recognition_reason WHERE code = '{c['code']}' AND performing_lab = 'A' AND receiving_lab = 'B' ORDER BY position"
    return stmts, decision, reasons


def judge(db, c, decision_rows, reason_rows):
    problems = []
    if len(decision_rows) != 1:
        return [f"{db}: {c['name']}: {len(decision_rows)} decision rows"]
    decision, doctor = decision_rows[0]
    flagged = sorted(rule for rule, status in reason_rows if status in FLAGGED)
    if decision != c["decision"]:
        problems.append(f"{db}: {c['name']}: decision {decision}, the table says {c['decision']}")
    if flagged != sorted(c["flagged"]):
        problems.append(f"{db}: {c['name']}: flagged {flagged}, the table says {sorted(c['flagged'])}")
    if not doctor or "doctor" not in doctor:
        problems.append(f"{db}: {c['name']}: no doctor's final say")
    return problems


def check_sqlite():
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "catalog.db")
        script = (OUT / LATEST / "sql/sqlite/catalog.sql").read_text(encoding="utf-8")
        r = subprocess.run(["sqlite3", "-bail", db], input=script, text=True, capture_output=True)
        if r.returncode != 0:
            return [f"sqlite: load failed: {r.stderr}"]
        con = sqlite3.connect(db)
        problems = []
        for c in CASES:
            stmts, decision, reasons = case_statements(c, "lienthong_")
            for s in stmts:
                con.execute(s)
            con.commit()
            problems += judge("sqlite", c, con.execute(decision).fetchall(), con.execute(reasons).fetchall())
        con.close()
        return problems


def check_postgresql():
    try:
        with Cluster() as pg:
            r = pg.psql("postgres", "-f", pg.file("catalog.sql", (OUT / LATEST / "sql/postgresql/catalog.sql").read_text(encoding="utf-8")))
            if r.returncode != 0:
                return [f"postgresql: load failed: {r.stderr}"]
            problems = []
            for c in CASES:
                stmts, decision, reasons = case_statements(c, "lienthong.")
                # One psql run per case: the laboratories, then the two questions, separated by a marker row.
                sql = ";\n".join(stmts) + ";\n" + decision + ";\nSELECT '--', '--';\n" + reasons + ";\n"
                r = pg.psql("postgres", "-At", "-F", "\t", input=sql)
                if r.returncode != 0:
                    problems.append(f"postgresql: {c['name']}: {r.stderr}")
                    continue
                rows = [tuple(line.split("\t")) for line in r.stdout.splitlines()]
                cut = rows.index(("--", "--"))
                problems += judge("postgresql", c, rows[:cut], rows[cut + 1:])
            for c in ALL_LAB_CASES:
                lab = c["laboratory"]
                level = lambda key: "NULL" if lab.get(key) is None else str(lab[key])
                scope = lambda key: "NULL" if lab.get(key) is None else "ARRAY[" + ", ".join(f"'{x}'" for x in lab[key]) + "]::text[]"
                sql = (f"SELECT decision, rule_id, status FROM lienthong.recognize_laboratory_result('{c['code']}', {level('performingLevel')}, "
                       f"{level('receivingLevel')}, {scope('performingScope')}, {scope('receivingScope')});\n")
                r = pg.psql("postgres", "-At", "-F", "\t", input=sql)
                if r.returncode != 0:
                    problems.append(f"postgresql function: {c['name']}: {r.stderr}")
                    continue
                rows = [tuple(line.split("\t")) for line in r.stdout.splitlines()]
                decisions = {row[0] for row in rows}
                doctor = [row for row in rows if row[2] == "always"]
                problems += judge("postgresql function", c, [(rows[0][0] if len(decisions) == 1 else "?", "doctor" if doctor else "")],
                                  [(row[1], row[2]) for row in rows])
            return problems
    except ClusterError as e:
        return [str(e)]


def main():
    if len(CASES) < 5:
        print(f"recognition sql: only {len(CASES)} laboratory cases in the table", file=sys.stderr)
        return 1
    problems = check_sqlite() + check_postgresql()
    for p in problems:
        print(p, file=sys.stderr)
    print(f"recognition sql: {len(CASES)} laboratory cases through the views in sqlite and postgresql, "
          f"{len(ALL_LAB_CASES)} through the postgresql function: {'ok' if not problems else 'FAILED'}")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
