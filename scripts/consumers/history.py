#!/usr/bin/env python3
"""Consumer check: per-entry history (versionFirstReleased, versionLastChanged) in every family.

Recomputes each entry's history independently of the Swift code, from the published releases'
json/catalog.json files (oldest first) and the latest version's: a code is first released in the
first of them that carries it, and changed in a release whose JSON object for it (without the two
history keys, absent keys read as null) differs from the release before's, or that carries it
again after a release without it. Then requires every family of the latest version (catalog.json,
the CSV entry tables, the FHIR CodeSystem, the SSSOM rows, the XLSX annex sheets, the site's entry
pages and the Swift package's columns) to carry exactly those values for every code.
Usage: history.py GENERATED_DIR"""
import csv
import json
import pathlib
import re
import sys

import openpyxl

HISTORY_KEYS = ("versionFirstReleased", "versionLastChanged")


def version_key(text):
    return tuple(int(p) for p in text.split("."))


def comparable(entry):
    """An entry's JSON object without its history; an absent key and a null are the same. A
    mapping's `evidence` (json 1.4.0 on) is derived from the reference, not part of the entry:
    it never changes an entry, as the tool's own comparison has it."""
    out = {k: v for k, v in entry.items() if k not in HISTORY_KEYS and v is not None}
    if "mappings" in out:
        out["mappings"] = [{k: v for k, v in m.items() if k != "evidence"} for m in out["mappings"]]
    return out


def recompute(catalogs):
    """{code: (first, last)} for the codes of the last catalog; `catalogs` oldest first."""
    history, previous = {}, {}
    for catalog in catalogs:
        version = catalog["version"]
        seen = {}
        for e in catalog["entries"]:
            seen[e["code"]] = comparable(e)
            if e["code"] in previous:
                if previous[e["code"]] != seen[e["code"]]:
                    history[e["code"]] = (history[e["code"]][0], version)
            elif e["code"] in history:
                history[e["code"]] = (history[e["code"]][0], version)
            else:
                history[e["code"]] = (version, version)
        previous = seen
    return {code: h for code, h in history.items() if code in previous}


def from_json(folder):
    catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
    return {e["code"]: (e.get("versionFirstReleased"), e.get("versionLastChanged")) for e in catalog["entries"]}


def from_csv_file(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["code"]: (r.get("versionFirstReleased"), r.get("versionLastChanged")) for r in csv.DictReader(f)}


def from_csv(folder):
    return from_csv_file(folder / "csv/entries.csv")


def from_csv_annexes(folder):
    found = {}
    for path in sorted((folder / "csv").glob("annex-*.csv")):
        found.update(from_csv_file(path))
    return found


def from_fhir(folder):
    found = {}
    for path in (folder / "fhir/package").glob("CodeSystem-*.json"):
        resource = json.loads(path.read_text(encoding="utf-8"))
        declared = {p["code"]: p for p in resource.get("property", [])}
        for key in HISTORY_KEYS:
            if declared.get(key, {}).get("type") != "string":
                raise ValueError(f"{path.name}: property {key} is not declared with type string")
        for c in resource["concept"]:
            values = {p["code"]: p.get("valueString") for p in c.get("property", []) if p["code"] in HISTORY_KEYS}
            found[c["code"]] = (values.get(HISTORY_KEYS[0]), values.get(HISTORY_KEYS[1]))
    return found


def from_sssom(folder):
    """Codes with a mapping only (SSSOM rows are mappings); every row of a code must agree."""
    found = {}
    for path in (folder / "sssom").glob("*.sssom.tsv"):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        metadata = path.read_text(encoding="utf-8")
        for slot in ("subject_version_first_released", "subject_version_last_changed"):
            if f"slot_name: {slot}" not in metadata:
                raise ValueError(f"{path.name}: extension slot {slot} is not declared in extension_definitions")
        for r in csv.DictReader(lines, delimiter="\t"):
            code = r["subject_id"].split(":", 1)[1]
            value = (r.get("subject_version_first_released"), r.get("subject_version_last_changed"))
            if found.setdefault(code, value) != value:
                raise ValueError(f"{path.name}: the rows of {code} give different histories")
    return found


def from_xlsx(folder):
    found = {}
    for path in (folder / "xlsx").glob("*.xlsx"):
        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            if not re.match(r"^Phụ lục \d+( \(\d+\))?$", sheet.title):
                continue
            rows = sheet.iter_rows(values_only=True)
            header = [str(h or "") for h in next(rows)]
            column = {h[h.rindex("(") + 1:-1]: i for i, h in enumerate(header) if h.endswith(")")}
            for row in rows:
                found[row[column["code"]]] = tuple(row[column[k]] if k in column else None for k in HISTORY_KEYS)
        book.close()
    return found


def from_site(folder):
    found = {}
    pattern = re.compile(r'data-history="(versionFirstReleased|versionLastChanged)">([^<]*)<')
    for path in (folder / "site/entry").glob("*.html"):
        values = dict(pattern.findall(path.read_text(encoding="utf-8")))
        found[path.stem] = (values.get(HISTORY_KEYS[0]), values.get(HISTORY_KEYS[1]))
    return found


def swift_strings(source, name):
    match = re.search(r"static let " + name + r": \[String\] = \[\n(.*?)\n\s*\]", source, re.S)
    if not match:
        return None
    return [json.loads(line.strip().rstrip(",")) for line in match.group(1).splitlines()]


def from_swift(folder):
    source = (folder / "swift/Sources/LienThongCatalog/Columns.swift").read_text(encoding="utf-8")
    codes = swift_strings(source, "code")
    first, last = (swift_strings(source, k) or [None] * len(codes) for k in HISTORY_KEYS)
    return {code: (f, l) for code, f, l in zip(codes, first, last)}


def disagreements(expected, found, codes=None):
    codes = expected.keys() if codes is None else codes
    wrong = [f"{c}: {found.get(c)} instead of {expected[c]}" for c in sorted(codes) if found.get(c) != expected[c]]
    extra = sorted(set(found) - set(expected))
    return wrong + [f"{c}: not an entry of the catalog" for c in extra]


def main(root):
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    latest = index["latest"]
    published = sorted((r["version"] for r in index["releases"] if r["status"] == "published" and version_key(r["version"]) < version_key(latest)),
                       key=version_key)
    catalogs = [json.loads((root / v / "json/catalog.json").read_text(encoding="utf-8")) for v in published + [latest]]
    expected = recompute(catalogs)
    folder = root / latest
    mapped = {e["code"] for e in catalogs[-1]["entries"] if e["mappings"]}
    families = [
        ("json", from_json(folder), None), ("csv entries.csv", from_csv(folder), None), ("csv annex-N.csv", from_csv_annexes(folder), None),
        ("fhir CodeSystem", from_fhir(folder), None), ("sssom", from_sssom(folder), mapped), ("xlsx", from_xlsx(folder), None),
        ("site", from_site(folder), None), ("swift", from_swift(folder), None),
    ]
    failed = False
    for family, found, codes in families:
        problems = disagreements(expected, found, codes)
        if problems:
            failed = True
            print(f"history: {latest} {family}: {len(problems)} entries disagree with the history recomputed from {', '.join(published) or 'no release'}: "
                  + "; ".join(problems[:5]), file=sys.stderr)
    # The comparison must be able to fail: one value off is found.
    if expected:
        code = sorted(expected)[0]
        if not disagreements(expected, {**from_json(folder), code: (expected[code][0], "0.0.0")}):
            print("history: a wrong value passes; the check checks nothing", file=sys.stderr)
            failed = True
    if failed:
        return 1
    counts = {}
    for first, last in expected.values():
        counts[(first, last)] = counts.get((first, last), 0) + 1
    summary = ", ".join(f"{n} first released {f}, last changed {l}" for (f, l), n in sorted(counts.items(), key=lambda kv: (version_key(kv[0][0]), version_key(kv[0][1]))))
    print(f"history: {latest}: {len(expected)} entries, every family agrees with the history recomputed from {', '.join(published) or 'no release'} ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1])))
