#!/usr/bin/env python3
"""Consumer check: every resource of the FHIR package of the latest version parses and validates
with the fhir.resources R4B models; the package.json names the right FHIR version; the CodeSystem,
ValueSets and ConceptMaps agree with catalog.json; an invalid resource is rejected (so the check
can fail). Usage: fhir_package.py GENERATED_DIR"""
import json
import pathlib
import sys

from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.conceptmap import ConceptMap
from fhir.resources.R4B.valueset import ValueSet

MODELS = {"CodeSystem": CodeSystem, "ValueSet": ValueSet, "ConceptMap": ConceptMap}
EQUIVALENCE = {"equivalent": "equivalent", "source-is-narrower-than-target": "wider",
               "source-is-broader-than-target": "narrower", "related-to": "relatedto"}


def fail(message):
    print(f"fhir: {message}", file=sys.stderr)
    return 1


def main():
    out = pathlib.Path(sys.argv[1])
    latest = json.loads((out / "index.json").read_text(encoding="utf-8"))["latest"]
    package = out / latest / "fhir/package"
    catalog = json.loads((out / latest / "json/catalog.json").read_text(encoding="utf-8"))
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if manifest.get("fhirVersions") != ["4.0.1"] or manifest.get("version") != catalog["version"]:
        return fail("package.json must name FHIR 4.0.1 and the catalog version")
    resources = {}
    for path in sorted(package.glob("*.json")):
        if path.name == "package.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        model = MODELS[data["resourceType"]]
        model.model_validate(data)
        resources[path.name] = data
    # fhir.resources checks structure and datatypes, not value-set bindings: break a datatype.
    broken = dict(next(r for r in resources.values() if r["resourceType"] == "CodeSystem"), count="many")
    try:
        CodeSystem.model_validate(broken)
        return fail("the R4B model accepts a non-integer count; the check checks nothing")
    except Exception:
        pass

    entries = {e["code"]: e for e in catalog["entries"]}
    code_system = next(r for r in resources.values() if r["resourceType"] == "CodeSystem")
    if code_system["url"] != catalog["canonicalUrl"] or code_system["identifier"][0]["value"] != "urn:oid:" + catalog["oid"]:
        return fail("CodeSystem identity differs from catalog.json")
    concepts = {c["code"]: c for c in code_system["concept"]}
    if set(concepts) != set(entries) or code_system["count"] != len(entries):
        return fail("CodeSystem concepts differ from catalog.json entries")
    for code, c in concepts.items():
        e = entries[code]
        english = [d["value"] for d in c.get("designation", []) if d.get("language") == "en"]
        status = [p["valueCode"] for p in c["property"] if p["code"] == "status"]
        if c["display"] != e["nameVi"] or english != [e["nameEn"]] or status != [e["status"]]:
            return fail(f"concept {code} differs from catalog.json")
    active = {code for code, e in entries.items() if e["status"] == "active"}
    value_sets = [r for r in resources.values() if r["resourceType"] == "ValueSet"]
    for vs in value_sets:
        codes = {c["code"] for include in vs["compose"]["include"] for c in include.get("concept", [])}
        if not codes <= set(concepts):
            return fail(f"ValueSet {vs['id']} names codes the CodeSystem lacks")
        if vs["id"].endswith("-active") and codes != active:
            return fail("the active ValueSet differs from the active entries")
    if len(value_sets) != len(catalog["annexes"]) + 1:
        return fail("expected one ValueSet per annex and one for all active codes")
    mappings = 0
    for cm in (r for r in resources.values() if r["resourceType"] == "ConceptMap"):
        for group in cm.get("group", []):
            for element in group["element"]:
                expected = {(m["code"], EQUIVALENCE[m["relationship"]]) for m in entries[element["code"]]["mappings"] if m["system"] == group["target"]}
                found = {(t["code"], t["equivalence"]) for t in element["target"]}
                if expected != found:
                    return fail(f"ConceptMap element {element['code']} differs from catalog.json")
                mappings += len(found)
    total = sum(len(e["mappings"]) for e in catalog["entries"])
    if mappings != total:
        return fail(f"ConceptMaps hold {mappings} mappings, catalog.json {total}")
    print(f"fhir: {len(resources)} R4B resources valid; {len(concepts)} concepts, {len(value_sets)} value sets, {mappings} mappings agree with catalog.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
