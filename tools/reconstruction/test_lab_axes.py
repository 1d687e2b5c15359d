"""Checks the laboratory mappings against the LOINC 2.72 axes (run by `make test`):

    python3 tools/reconstruction/test_lab_axes.py

For every mapping of a laboratory entry in use whose code the project's 2.72 axes subset
(annexes/reference/loinc/loinc_2_72_lab_subset_axes.csv) holds, the LOINC SYSTEM axis must agree
with the entry's specimen, and a code whose STATUS is not ACTIVE is refused.
"""
import csv
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
AXES = ROOT / "annexes/reference/loinc/loinc_2_72_lab_subset_axes.csv"
# Catalog specimen -> the LOINC SYSTEM values that agree with it.
SYSTEMS = {
    "serum-or-plasma": {"Ser/Plas"}, "serum": {"Ser"}, "plasma": {"Plas", "PPP"},
    "blood": {"Bld", "BldA", "BldV", "BldC", "RBC", "Bld/Tiss"}, "urine": {"Urine", "Urine sed"}, "stool": {"Stool"},
}


def main():
    axes = {r["LOINC_NUM"]: r for r in csv.DictReader(AXES.open(encoding="utf-8"))}
    manifest = yaml.safe_load((ROOT / "annexes/catalog.yaml").read_text(encoding="utf-8"))
    failures, checked = [], 0
    for annex in manifest["annexes"]:
        if annex["kind"] != "laboratory":
            continue
        for e in yaml.safe_load((ROOT / "annexes" / annex["file"]).read_text(encoding="utf-8"))["entries"]:
            if e["status"] == "retired":
                continue
            for m in e.get("mappings") or []:
                row = axes.get(str(m["code"]))
                if not row:
                    continue
                checked += 1
                if row["STATUS"] != "ACTIVE":
                    failures.append(f"{e['code']}: {m['code']} is {row['STATUS']} in LOINC 2.72")
                allowed = SYSTEMS.get(e.get("specimen"))
                if allowed is not None and row["SYSTEM"] not in allowed:
                    failures.append(f"{e['code']}: specimen {e['specimen']} but {m['code']} is in {row['SYSTEM']}")
    for f in failures:
        print("FAIL:", f)
    print(f"laboratory axes: {checked} mappings checked against LOINC 2.72, {len(failures)} failures")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
