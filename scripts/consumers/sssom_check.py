#!/usr/bin/env python3
"""Consumer check: the SSSOM mapping set of every version in generated/ that publishes one
parses and validates with the sssom package (JSON Schema, prefix-map completeness, strict CURIE
format), declares the metadata SSSOM requires in the file itself (sssom-py would fill in a
missing licence or justification silently), and says what catalog.json says: the same
(code, system, target, relationship) rows, each predicate the one its relationship names. A
copy with an undeclared prefix must be refused, so the check can fail. Columns beyond SSSOM's own
slots (the entry-history columns, sssom format 1.1.0) must be declared as extension slots with a
property and a type_hint.
Usage: sssom_check.py GENERATED_DIR"""
import json
import logging
import pathlib
import sys
import tempfile

import yaml

from sssom.parsers import _get_sssom_schema_object, parse_sssom_table
from sssom.validators import validate

PREDICATE = {"equivalent": "skos:exactMatch", "source-is-narrower-than-target": "skos:broadMatch",
             "source-is-broader-than-target": "skos:narrowMatch", "related-to": "skos:relatedMatch"}
SYSTEM = {"LOINC": "http://loinc.org", "RADLEX": "http://www.radlex.org"}
SYSTEM_PREFIX = {v: k for k, v in SYSTEM.items()}
REQUIRED_METADATA = ("curie_map", "mapping_set_id", "mapping_set_version", "license")
REQUIRED_COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification")


def fail(message):
    print(f"sssom: {message}", file=sys.stderr)
    return 1


def declared(path):
    """Top-level metadata keys and the column header, read from the file as written."""
    keys, header = set(), None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            body = line[1:].lstrip(" ")
            if body and not line.startswith("#   ") and ":" in body:
                keys.add(body.split(":", 1)[0])
        else:
            header = line.split("\t")
            break
    return keys, header


def metadata_block(path):
    """The YAML metadata block the file embeds behind `#`."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:])
    return yaml.safe_load("\n".join(lines)) or {}


class ExtensionWarnings(logging.Filter):
    """Hides sssom-py's "No attr for <slot>" warning for the declared extension slots."""

    def __init__(self, slots):
        super().__init__()
        self.slots = slots

    def filter(self, record):
        message = record.getMessage()
        return not (message.startswith("No attr for ") and message[len("No attr for "):].split(" [")[0] in self.slots)


def tsv_rows(path):
    """The table's rows as dicts, read from the file as written (after the `#` block)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line]


def rows_of(msdf, name):
    rows = set()
    inverse = {v: k for k, v in PREDICATE.items()}
    for r in msdf.df.to_dict("records"):
        prefix, code = r["subject_id"].split(":", 1)
        target_prefix, target = r["object_id"].split(":", 1)
        if prefix != name or r["predicate_id"] not in inverse or target_prefix not in SYSTEM:
            raise ValueError(f"unexpected row {r['subject_id']} {r['predicate_id']} {r['object_id']}")
        rows.add((code, SYSTEM[target_prefix], target, inverse[r["predicate_id"]]))
    return rows


def check(path, catalog):
    keys, header = declared(path)
    missing = [k for k in REQUIRED_METADATA if k not in keys] + [c for c in REQUIRED_COLUMNS if c not in (header or [])]
    if missing:
        return fail(f"{path}: does not declare {', '.join(missing)}")
    extensions = {d.get("slot_name"): d for d in metadata_block(path).get("extension_definitions", [])}
    standard = set(_get_sssom_schema_object().mapping_slots)
    undeclared = [c for c in header if c not in standard and not (c in extensions and extensions[c].get("property") and extensions[c].get("type_hint"))]
    if undeclared:
        return fail(f"{path}: columns {undeclared} are neither SSSOM slots nor extension slots declared with a property and type_hint")
    # sssom-py 0.4 accepts declared extension slots but drops their columns from the rows it
    # builds, warning "No attr for <slot>" for each; expected for the declared ones.
    quiet = ExtensionWarnings(set(extensions))
    logging.getLogger().addFilter(quiet)
    logging.getLogger("sssom.parsers").addFilter(quiet)
    try:
        msdf = parse_sssom_table(str(path))
        validate(msdf, fail_on_error=True)
    finally:
        logging.getLogger().removeFilter(quiet)
        logging.getLogger("sssom.parsers").removeFilter(quiet)
    expected = {(e["code"], m["system"], m["code"], m["relationship"]) for e in catalog["entries"] for m in e["mappings"]}
    rows = rows_of(msdf, catalog["name"])
    if rows != expected or len(msdf.df) != len(expected):
        return fail(f"{path}: {len(msdf.df)} rows disagree with catalog.json's {len(expected)} mappings: {sorted(rows ^ expected)[:5]}")
    # From sssom format 1.2.0 each row carries its mapping's evidence: object_source_version is
    # the release and `other` the evidence row that catalog.json gives the same mapping.
    if "other" in header:
        evidence = {(e["code"], SYSTEM_PREFIX[m["system"]] + ":" + m["code"]): m.get("evidence") for e in catalog["entries"] for m in e["mappings"]}
        for r in tsv_rows(path):
            ev = evidence.get((r["subject_id"].split(":", 1)[1], r["object_id"]))
            if ev is None:
                return fail(f"{path}: {r['subject_id']} {r['object_id']} has no evidence in catalog.json")
            pairs = dict(p.split("=", 1) for p in r["other"].split("|"))
            if pairs.get("evidence_file") != ev["file"] or pairs.get("evidence_line") != str(ev["line"]) or pairs.get("evidence_code") != ev["code"]:
                return fail(f"{path}: {r['subject_id']} {r['object_id']}: other {r['other']!r} differs from catalog.json's evidence")
            if r["object_source_version"] != (ev.get("release") or ""):
                return fail(f"{path}: {r['subject_id']} {r['object_id']}: object_source_version differs from catalog.json's release")
        print(f"sssom: {path} evidence of every row agrees with catalog.json")
    with tempfile.TemporaryDirectory() as tmp:
        broken = pathlib.Path(tmp) / "broken.sssom.tsv"
        text = path.read_text(encoding="utf-8")
        first = next(r["object_id"] for r in msdf.df.to_dict("records"))
        broken.write_text(text.replace("\t" + first + "\t", "\tNOPREFIX:" + first.split(":", 1)[1] + "\t", 1), encoding="utf-8")
        logging.disable(logging.ERROR)
        try:
            validate(parse_sssom_table(str(broken)), fail_on_error=True)
            return fail("a mapping set with an undeclared prefix validates; the check checks nothing")
        except Exception:
            pass
        finally:
            logging.disable(logging.NOTSET)
    print(f"sssom: {path} valid, {len(expected)} mappings agree with catalog.json, licence {msdf.metadata['license']}")
    return 0


def main():
    out = pathlib.Path(sys.argv[1])
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    checked = 0
    for release in index["releases"]:
        folder = out / release["version"]
        catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
        for path in sorted((folder / "sssom").glob("*.sssom.tsv")):
            if check(path, catalog):
                return 1
            checked += 1
    if checked == 0:
        return fail("no SSSOM mapping set found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
