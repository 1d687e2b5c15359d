#!/usr/bin/env python3
"""The peer a ministry would otherwise script: PyYAML with the C loader reads every annex file,
then json and csv dumps are written. Usage: peer.py CATALOG_DIR OUT_DIR"""
import csv
import json
import pathlib
import sys

import yaml

source, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
manifest = yaml.load((source / "catalog.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
entries = []
for annex in manifest["annexes"]:
    document = yaml.load((source / annex["file"]).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    entries.extend(document["entries"])
(out / "catalog.json").write_text(json.dumps({"entries": entries}, ensure_ascii=False, indent=2), encoding="utf-8")
with open(out / "entries.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f)
    writer.writerow(["code", "nameVi", "nameEn", "status"])
    for e in entries:
        writer.writerow([e["code"], e["nameVi"], e["nameEn"], e["status"]])
print(len(entries))
