#!/usr/bin/env python3
"""Consumer check: every resource of the FHIR package of the latest version parses and validates
with the fhir.resources R4B models; the package.json names the right FHIR version; the CodeSystem,
ValueSets and ConceptMaps agree with catalog.json; an invalid resource is rejected (so the check
can fail).

A second, independent check applies the FHIR NPM package rules and FHIR JSON rules that the
models do not: package.json has name, version, license (SPDX), url, canonical, fhirVersions,
dependencies (hl7.fhir.r4.core) and jurisdiction; .index.json (index-version 2) lists exactly the
package's resources with their resourceType, id, url and version; no JSON file holds an empty
array, object or string, or a null; every canonical reference into the package (CodeSystem
valueSet, ValueSet include system, ConceptMap sourceCanonical and group source) resolves to a
resource of the package; every code a ConceptMap maps lies in its sourceCanonical ValueSet's
expansion; status, experimental, jurisdiction and copyright are on every resource; status and
inactive use HL7's concept-property URIs. Broken copies of the package (an empty array, a mapped
code outside the source ValueSet, a stale index entry) must be refused, so the check can fail.

From FHIR format 2.2.0 the package also holds the ConceptMap national code (mã tương đương) →
catalog code, checked against catalog.json's nationalCodes (every national code, its entries, the
equivalence: equivalent for one entry, narrower for several; targets inside the ValueSet of all
codes); the NamingSystem whose uniqueIds are the CodeSystem's URL (preferred) and OID; and the
OperationDefinition of $recognize, whose parameters each carry a type or parts, a cardinality and
a bilingual documentation, and which the R4B models parse.
Usage: fhir_package.py GENERATED_DIR"""
import copy
import json
import pathlib
import re
import sys

from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.conceptmap import ConceptMap
from fhir.resources.R4B.namingsystem import NamingSystem
from fhir.resources.R4B.operationdefinition import OperationDefinition
from fhir.resources.R4B.valueset import ValueSet

MODELS = {"CodeSystem": CodeSystem, "ValueSet": ValueSet, "ConceptMap": ConceptMap,
          "NamingSystem": NamingSystem, "OperationDefinition": OperationDefinition}
# R4 gives these no copyright (and a NamingSystem no url, version or experimental).
NO_COPYRIGHT = {"NamingSystem", "OperationDefinition"}
EQUIVALENCE = {"equivalent": "equivalent", "source-is-narrower-than-target": "wider",
               "source-is-broader-than-target": "narrower", "related-to": "relatedto"}


def fail(message):
    print(f"fhir: {message}", file=sys.stderr)
    return 1


HL7_PROPERTIES = "http://hl7.org/fhir/concept-properties#"
SPDX = {"https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0", "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0"}


def empties(value, path):
    """Paths of empty arrays, objects or strings, and nulls (FHIR JSON allows none of them)."""
    if value is None or value in ("", [], {}):
        yield path
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from empties(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from empties(v, f"{path}[{i}]")


def expansion(value_set, code_systems):
    """The codes of a ValueSet whose includes list concepts or take a whole CodeSystem."""
    codes = set()
    for include in value_set["compose"]["include"]:
        if "filter" in include or "valueSet" in include:
            raise ValueError(f"ValueSet {value_set['id']}: filters and imported value sets are not expanded here")
        system = code_systems.get(include["system"])
        if system is None:
            raise ValueError(f"ValueSet {value_set['id']} includes {include['system']}, which is not in the package")
        if include.get("version", system["version"]) != system["version"]:
            raise ValueError(f"ValueSet {value_set['id']} includes version {include['version']} of {include['system']}")
        listed = {c["code"] for c in include.get("concept", [])}
        known = {c["code"] for c in system["concept"]}
        if not listed <= known:
            raise ValueError(f"ValueSet {value_set['id']} lists codes its CodeSystem lacks: {sorted(listed - known)[:3]}")
        codes |= listed if "concept" in include else known
    return codes


def package_problems(files, catalog):
    """The package rules a loader relies on, checked on {filename: parsed JSON}."""
    problems = []
    manifest = files["package.json"]
    for key in ("name", "version", "license", "url", "canonical", "fhirVersions", "dependencies", "jurisdiction"):
        if key not in manifest:
            problems.append(f"package.json has no {key}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+", manifest.get("name", "")):
        problems.append("package.json name is not lowercase dot-separated namespaces")
    if catalog.get("license") in SPDX and manifest.get("license") != SPDX[catalog["license"]]:
        problems.append(f"package.json license is not {SPDX[catalog['license']]}")
    if "hl7.fhir.r4.core" not in manifest.get("dependencies", {}):
        problems.append("package.json does not depend on hl7.fhir.r4.core")
    if manifest.get("jurisdiction") != "urn:iso:std:iso:3166#VN":
        problems.append("package.json jurisdiction is not urn:iso:std:iso:3166#VN")
    resources = {name: data for name, data in files.items() if name not in ("package.json", ".index.json")}
    index = files.get(".index.json", {})
    if index.get("index-version") != 2:
        problems.append(".index.json is not index-version 2")
    listed = {f["filename"]: f for f in index.get("files", [])}
    if set(listed) != set(resources):
        problems.append(f".index.json lists {sorted(set(listed) ^ set(resources))} wrongly")
    for name, entry in listed.items():
        data = resources.get(name)
        if data and any(entry.get(k) != data.get(k) for k in ("resourceType", "id", "url", "version")):
            problems.append(f".index.json entry {name} differs from the resource")
    for name, data in files.items():
        problems += [f"{name}: empty or null at {p}" for p in empties(data, "$")]
    by_url = {data["url"]: data for data in resources.values() if "url" in data}
    code_systems = {u: r for u, r in by_url.items() if r["resourceType"] == "CodeSystem"}
    canonical = manifest.get("canonical", "")
    for name, data in resources.items():
        kind = data["resourceType"]
        if data.get("status") != catalog["status"] or (kind != "NamingSystem" and data.get("experimental") != catalog["experimental"]):
            problems.append(f"{name}: status/experimental differ from the edition's")
        if [c["code"] for j in data.get("jurisdiction", []) for c in j["coding"]] != ["VN"]:
            problems.append(f"{name}: jurisdiction is not VN")
        if kind not in NO_COPYRIGHT and catalog.get("license") and catalog["license"] not in data.get("copyright", ""):
            problems.append(f"{name}: copyright does not name the catalog's licence")
        if kind != "NamingSystem" and not data["url"].startswith(canonical + "/"):
            problems.append(f"{name}: url is not under the package canonical")
        references = []
        if data["resourceType"] == "CodeSystem":
            references.append(data["valueSet"])
            for prop in data["property"]:
                if prop["code"] in ("status", "inactive", "deprecated", "notSelectable") and prop["uri"] != HL7_PROPERTIES + prop["code"]:
                    problems.append(f"{name}: property {prop['code']} does not use HL7's URI")
            if any(d.get("language") != "en" for c in data["concept"] for d in c.get("designation", [])):
                problems.append(f"{name}: a designation has no language en")
        if data["resourceType"] == "ValueSet":
            references += [i["system"] for i in data["compose"]["include"]]
        if kind == "ConceptMap" and "targetCanonical" in data:
            # national code → catalog code: the target side lies in the package.
            references.append(data["targetCanonical"])
            references += [g["target"] for g in data["group"]]
            target = by_url.get(data["targetCanonical"])
            if target:
                try:
                    allowed = expansion(target, code_systems)
                except ValueError as e:
                    problems.append(str(e))
                    allowed = set()
                outside = sorted({t["code"] for g in data["group"] for e in g["element"] for t in e["target"]} - allowed)
                if outside:
                    problems.append(f"{name}: {len(outside)} target codes lie outside {data['targetCanonical']}, e.g. {outside[:3]}")
        if kind == "ConceptMap" and "sourceCanonical" in data:
            references.append(data["sourceCanonical"])
            references += [g["source"] for g in data["group"]]
            source = by_url.get(data["sourceCanonical"])
            if source:
                try:
                    allowed = expansion(source, code_systems)
                except ValueError as e:
                    problems.append(str(e))
                    allowed = set()
                outside = sorted({e["code"] for g in data["group"] for e in g["element"]} - allowed)
                if outside:
                    problems.append(f"{name}: {len(outside)} mapped codes lie outside {data['sourceCanonical']}, e.g. {outside[:3]}")
        for ref in references:
            if ref not in by_url:
                problems.append(f"{name}: canonical {ref} does not resolve inside the package")
    return problems


def main():
    out = pathlib.Path(sys.argv[1])
    latest = json.loads((out / "index.json").read_text(encoding="utf-8"))["latest"]
    package = out / latest / "fhir/package"
    catalog = json.loads((out / latest / "json/catalog.json").read_text(encoding="utf-8"))
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if manifest.get("fhirVersions") != ["4.0.1"] or manifest.get("version") != catalog["version"]:
        return fail("package.json must name FHIR 4.0.1 and the catalog version")
    files = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in package.glob("*.json")}
    if not (package / ".index.json").is_file():
        return fail("the package has no .index.json")
    problems = package_problems(files, catalog)
    if problems:
        return fail("package rules: " + "; ".join(problems[:10]))
    # The rules must catch a broken package: an empty array, a mapped code outside the source
    # ValueSet, an index entry whose resource changed.
    concept_map = next(n for n, d in files.items() if d.get("resourceType") == "ConceptMap" and "sourceCanonical" in d)
    value_set_all = next(n for n, d in files.items() if d.get("resourceType") == "ValueSet" and d["id"].endswith("-all"))
    broken = [copy.deepcopy(files) for _ in range(3)]
    broken[0][concept_map]["group"] = []
    broken[1][value_set_all]["compose"]["include"][0]["concept"] = [{"code": broken[1][concept_map]["group"][0]["element"][0]["code"]}]
    broken[1][concept_map]["group"][0]["element"].append(copy.deepcopy(broken[1][concept_map]["group"][0]["element"][1]))
    broken[2][concept_map]["version"] = "0.0.1"
    for i, variant in enumerate(broken):
        if not package_problems(variant, catalog):
            return fail(f"the package rules accept broken package {i}; the check checks nothing")
    resources = {}
    for path in sorted(package.glob("*.json")):
        if path.name in ("package.json", ".index.json"):
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
    if len(value_sets) != len(catalog["annexes"]) + 2:
        return fail("expected one ValueSet per annex, one for all active codes and one for all codes")
    mappings = 0
    for cm in (r for r in resources.values() if r["resourceType"] == "ConceptMap" and "sourceCanonical" in r):
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
    problem = national_map_problem(resources, catalog, entries)
    problem = problem or naming_system_problem(resources, catalog) or operation_definition_problem(resources, catalog)
    if problem:
        return fail(problem)
    # The national checks must catch a broken map: a national code pointing at a wrong entry.
    broken = copy.deepcopy(resources)
    national = next(n for n, r in broken.items() if r["resourceType"] == "ConceptMap" and "targetCanonical" in r)
    broken[national]["group"][0]["element"][0]["target"][0]["code"] = "XX.0000"
    if not national_map_problem(broken, catalog, entries):
        return fail("the national map check accepts a wrong target; it checks nothing")
    print(f"fhir: package rules hold (.index.json, package.json, no empty values, canonicals resolve, mapped codes in their source ValueSet); "
          f"{len(resources)} R4B resources valid; {len(concepts)} concepts, {len(value_sets)} value sets, {mappings} mappings agree with catalog.json")
    return 0


def national_map_problem(resources, catalog, entries):
    """The ConceptMap national code → catalog code against catalog.json, or None."""
    maps = [r for r in resources.values() if r["resourceType"] == "ConceptMap" and "targetCanonical" in r]
    expected = {}
    for e in catalog["entries"]:
        for n in e.get("nationalCodes", []):
            expected.setdefault(n["maTuongDuong"], [])
            if e["code"] not in expected[n["maTuongDuong"]]:
                expected[n["maTuongDuong"]].append(e["code"])
    if not expected:
        return None if not maps else "a national ConceptMap exists but catalog.json has no national code"
    if len(maps) != 1:
        return f"expected one national ConceptMap, found {len(maps)}"
    cm = maps[0]
    base = catalog["canonicalUrl"].split("/CodeSystem/")[0]
    if len(cm["group"]) != 1:
        return "the national ConceptMap must have one group"
    group = cm["group"][0]
    if group["source"] != base + "/CodeSystem/ma-tuong-duong" or group["target"] != catalog["canonicalUrl"]:
        return "the national ConceptMap's group source/target are not the national system and the catalog"
    if group.get("targetVersion") != catalog["version"]:
        return "the national ConceptMap's targetVersion is not the catalog version"
    found = {}
    for element in group["element"]:
        targets = element["target"]
        want = "equivalent" if len(targets) == 1 else "narrower"
        if any(t["equivalence"] != want for t in targets):
            return f"national code {element['code']}: equivalence is not {want}"
        if any(t["display"] != entries[t["code"]]["nameVi"] for t in targets if t["code"] in entries):
            return f"national code {element['code']}: a target display differs from catalog.json"
        found[element["code"]] = [t["code"] for t in targets]
    if found != expected:
        return f"the national ConceptMap differs from catalog.json's nationalCodes ({len(found)} vs {len(expected)} codes)"
    return None


def naming_system_problem(resources, catalog):
    """The NamingSystem: kind codesystem, uniqueIds the canonical URL (preferred) and the OID."""
    found = [r for r in resources.values() if r["resourceType"] == "NamingSystem"]
    if len(found) != 1:
        return f"expected one NamingSystem, found {len(found)}"
    ns = found[0]
    ids = {(u["type"], u["value"], u.get("preferred")) for u in ns["uniqueId"]}
    if ns["kind"] != "codesystem" or ids != {("uri", catalog["canonicalUrl"], True), ("oid", catalog["oid"], False)}:
        return "the NamingSystem does not name the catalog's URL (preferred) and OID"
    return None


def operation_definition_problem(resources, catalog):
    """The OperationDefinition of $recognize: code, system level, every parameter documented."""
    found = [r for r in resources.values() if r["resourceType"] == "OperationDefinition"]
    if len(found) != 1 or found[0]["code"] != "recognize" or not found[0]["system"]:
        return "expected one system-level OperationDefinition with code recognize"

    def bad(parameters):
        for p in parameters:
            documented = " — " in p.get("documentation", "")
            typed = ("type" in p) != ("part" in p)
            if not documented or not typed or p["use"] not in ("in", "out") or p["max"] not in ("1", "*") or p["min"] not in (0, 1):
                return p["name"]
            inner = bad(p.get("part", []))
            if inner:
                return p["name"] + "." + inner
        return None
    parameters = found[0]["parameter"]
    if bad(parameters):
        return f"OperationDefinition parameter {bad(parameters)} lacks a type, cardinality or bilingual documentation"
    names = {(p["name"], p["use"]) for p in parameters}
    if not {("code", "in"), ("decision", "out"), ("doctorsFinalSay", "out")} <= names:
        return "the OperationDefinition lacks code, decision or doctorsFinalSay"
    return None


if __name__ == "__main__":
    sys.exit(main())
