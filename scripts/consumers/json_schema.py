#!/usr/bin/env python3
"""Consumer check: the published catalog.json of every version in generated/ validates against
the catalog.schema.json published next to it (jsonschema, draft 2020-12, with format checks), and
a deliberately broken copy does not (so the check can fail). From json format 1.4.0 every mapping
carries its `evidence`, and each evidence row is checked against the reference subset
(annexes/reference beside GENERATED_DIR): the file exists and its line holds the code and the
name. Usage: json_schema.py GENERATED_DIR"""
import csv
import copy
import json
import pathlib
import sys

import jsonschema


def main():
    out = pathlib.Path(sys.argv[1])
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    checked = 0
    for release in index["releases"]:
        folder = out / release["version"] / "json"
        schema = json.loads((folder / "catalog.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        catalog = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(catalog))
        for error in errors[:20]:
            print(f"{folder}/catalog.json: {error.message} at {list(error.absolute_path)}", file=sys.stderr)
        if errors:
            return 1
        broken = copy.deepcopy(catalog)
        broken["entries"][0]["status"] = "unknown-status"
        if validator.is_valid(broken):
            print("the schema accepts an invalid status; it checks nothing", file=sys.stderr)
            return 1
        if tuple(int(x) for x in catalog["formatVersion"].split(".")) >= (1, 4, 0):
            problem = check_evidence(catalog, out.parent / "annexes" / "reference")
            if problem:
                print(f"{folder}/catalog.json: {problem}", file=sys.stderr)
                return 1
            broken = copy.deepcopy(catalog)
            mapped = next(e for e in broken["entries"] if e["mappings"])
            del mapped["mappings"][0]["evidence"]["file"]
            if validator.is_valid(broken):
                print("the schema accepts evidence without a file; it checks nothing", file=sys.stderr)
                return 1
        checked += len(catalog["entries"])
    print(f"json schema: {len(index['releases'])} version(s), {checked} entries valid")
    return 0


def check_evidence(catalog, reference):
    """Every mapping has evidence naming a row of the reference subset that gives its code and name."""
    rows = {}
    count = 0
    for entry in catalog["entries"]:
        for m in entry["mappings"]:
            e = m.get("evidence")
            if e is None:
                return f"{entry['code']}: mapping {m['code']} has no evidence"
            if e["code"] != m["code"]:
                return f"{entry['code']}: evidence of {m['code']} names code {e['code']}"
            path = reference / e["file"]
            if path not in rows:
                if not path.is_file():
                    return f"{entry['code']}: evidence file {e['file']} is not in {reference}"
                with path.open(encoding="utf-8", newline="") as f:
                    reader = csv.reader(f)
                    rows[path] = {reader.line_num: row for row in reader}
            row = rows[path].get(e["line"])
            if row is None or e["code"] not in row or e["name"] not in row:
                return f"{entry['code']}: {e['file']} line {e['line']} does not give {e['code']} '{e['name']}'"
            count += 1
    print(f"json schema: {count} mappings' evidence found in {reference}")
    return None


if __name__ == "__main__":
    sys.exit(main())
