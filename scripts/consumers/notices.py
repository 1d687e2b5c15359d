#!/usr/bin/env python3
"""Consumer check: the licence notices travel with the content they cover. For each code system
whose codes the latest version's catalog.json maps to (LOINC, RadLex), the notice the manifest
names (read here from its file in the sources, not from the artifacts) must appear unchanged in
every artifact family that carries that content: catalog.json metadata, the FHIR ConceptMap's
`copyright` and package/other/NOTICE, the NOTICE beside the CSV, each SQL dialect and the Swift
package, and the SSSOM metadata. The catalog's own licence (the manifest's `license`) must be in
each of them too, and on the FHIR CodeSystem. A notice for a system that is not mapped is not
required. Usage: notices.py GENERATED_DIR [ANNEXES_DIR]"""
import json
import pathlib
import sys

import yaml

URI = {"loinc": "http://loinc.org", "radlex": "http://www.radlex.org"}


def fail(message):
    print(f"notices: {message}", file=sys.stderr)
    return 1


def sssom_metadata(path):
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return yaml.safe_load("\n".join(lines))


def main(generated, annexes):
    manifest = yaml.safe_load((annexes / "catalog.yaml").read_text(encoding="utf-8"))
    license_url = manifest.get("license")
    notices = {URI[n["system"]]: (annexes / n["file"]).read_text(encoding="utf-8").rstrip() for n in manifest.get("notices", [])}
    latest = json.loads((generated / "index.json").read_text(encoding="utf-8"))["latest"]
    folder = generated / latest
    catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
    used = sorted({m["system"] for e in catalog["entries"] for m in e["mappings"]})
    if not used:
        return fail("the catalog maps nothing; nothing to check")
    missing = [s for s in used if s not in notices]
    if missing:
        return fail(f"the manifest names no notice for {missing}")
    name = catalog["name"]
    fhir = folder / "fhir/package"
    texts = {
        "catalog.json metadata": "\n".join(n["text"] for n in catalog.get("notices", [])) + "\n" + (catalog.get("license") or ""),
        "fhir/package/other/NOTICE": (fhir / "other/NOTICE").read_text(encoding="utf-8"),
        "csv/NOTICE": (folder / "csv/NOTICE").read_text(encoding="utf-8"),
        "sql/sqlite/NOTICE": (folder / "sql/sqlite/NOTICE").read_text(encoding="utf-8"),
        "sql/postgresql/NOTICE": (folder / "sql/postgresql/NOTICE").read_text(encoding="utf-8"),
        "swift/NOTICE": (folder / "swift/NOTICE").read_text(encoding="utf-8"),
    }
    sssom = sssom_metadata(folder / f"sssom/{name}.sssom.tsv")
    texts["sssom metadata"] = str(sssom.get("comment", "")) + "\n" + str(sssom.get("license", ""))
    problems = []
    for system in used:
        for where, text in texts.items():
            if notices[system] not in text:
                problems.append(f"{where} lacks the {system} notice")
        suffix = {v: k for k, v in URI.items()}[system]
        concept_map = json.loads((fhir / f"ConceptMap-{name}-to-{suffix}.json").read_text(encoding="utf-8"))
        if notices[system] not in concept_map.get("copyright", ""):
            problems.append(f"ConceptMap to {system} has no copyright with its notice")
    code_system = json.loads((fhir / f"CodeSystem-{name}.json").read_text(encoding="utf-8"))
    texts[f"CodeSystem-{name}.json copyright"] = code_system.get("copyright", "")
    if license_url:
        problems += [f"{where} does not name the catalog's licence {license_url}" for where, text in texts.items() if license_url not in text]
    if problems:
        return fail("; ".join(problems))
    print(f"notices: {', '.join(used)} notices and the licence {license_url} travel with json, fhir, csv, sql, swift and sssom")
    return 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "annexes")))
