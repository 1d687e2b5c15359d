#!/usr/bin/env python3
"""Consumer check: every artifact family says the same thing. From catalog.json, the CSV tables,
the SQL (loaded into SQLite) and the FHIR package of the latest version, derive the set of
(code, status, system, target code, relationship) rows, plus (code, status) for unmapped entries,
and require them identical. SSSOM, which carries no status, is compared with catalog.json's
mappings by sssom_check.py, through sssom-py's own parser. Usage: agreement.py GENERATED_DIR"""
import csv
import json
import pathlib
import sqlite3
import subprocess
import sys
import tempfile

FROM_FHIR = {"equivalent": "equivalent", "wider": "source-is-narrower-than-target",
             "narrower": "source-is-broader-than-target", "relatedto": "related-to"}


def from_json(folder):
    catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
    rows = set()
    for e in catalog["entries"]:
        rows.add((e["code"], e["status"], None, None, None))
        for m in e["mappings"]:
            rows.add((e["code"], e["status"], m["system"], m["code"], m["relationship"]))
    return rows


def from_csv(folder):
    with open(folder / "csv/entries.csv", newline="", encoding="utf-8") as f:
        status = {r["code"]: r["status"] for r in csv.DictReader(f)}
    rows = {(code, s, None, None, None) for code, s in status.items()}
    with open(folder / "csv/mappings.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.add((r["code"], status[r["code"]], r["system"], r["targetCode"], r["relationship"]))
    return rows


def from_sql(folder):
    with tempfile.TemporaryDirectory() as tmp:
        db = pathlib.Path(tmp) / "c.db"
        subprocess.run(["sqlite3", "-bail", str(db)], input=(folder / "sql/sqlite/catalog.sql").read_text(encoding="utf-8"),
                       text=True, check=True, capture_output=True)
        con = sqlite3.connect(db)
        rows = {(c, s, None, None, None) for c, s in con.execute("SELECT code, status FROM lienthong_entry")}
        rows |= set(con.execute("SELECT e.code, e.status, m.system, m.code, m.relationship FROM lienthong_entry e JOIN lienthong_mapping m ON m.entry_code = e.code"))
        con.close()
        return rows


def from_fhir(folder):
    package = folder / "fhir/package"
    status = {}
    rows = set()
    for path in package.glob("CodeSystem-*.json"):
        for c in json.loads(path.read_text(encoding="utf-8"))["concept"]:
            status[c["code"]] = next(p["valueCode"] for p in c["property"] if p["code"] == "status")
    rows = {(code, s, None, None, None) for code, s in status.items()}
    for path in package.glob("ConceptMap-*.json"):
        resource = json.loads(path.read_text(encoding="utf-8"))
        # The national-code map (fhir 2.2.0 on) goes from the national list to the catalog,
        # not from the catalog to LOINC/RadLex: it is checked by fhir_package.py.
        if resource["id"].endswith("-from-national"):
            continue
        for group in resource.get("group", []):
            for element in group["element"]:
                for t in element["target"]:
                    rows.add((element["code"], status[element["code"]], group["target"], t["code"], FROM_FHIR[t["equivalence"]]))
    return rows


def main():
    out = pathlib.Path(sys.argv[1])
    folder = out / json.loads((out / "index.json").read_text(encoding="utf-8"))["latest"]
    reference = from_json(folder)
    failed = False
    for name, derive in (("csv", from_csv), ("sql", from_sql), ("fhir", from_fhir)):
        rows = derive(folder)
        if rows != reference:
            failed = True
            print(f"agreement: {name} differs from json: {sorted(rows ^ reference, key=str)[:5]}", file=sys.stderr)
    print(f"agreement: json, csv, sql and fhir give the same {len(reference)} (code, status, mapping) rows" if not failed else "agreement: FAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
