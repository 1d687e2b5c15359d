#!/usr/bin/env python3
"""Validates every catalog source file against the JSON Schemas that `lienthong build`
publishes in generated/schema/, the way a YAML editor (yaml-language-server) would.

YAML is loaded with PyYAML's safe loader, which types values as YAML 1.1 does (numbers,
dates): the schemas must accept what editors see. XML sources are not covered here (the
schemas describe the YAML form). Usage: validate-source-schema.py ANNEXES_DIR SCHEMA_DIR
"""
import json
import pathlib
import sys

import jsonschema
import yaml


def main() -> int:
    annexes, schemas = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    manifest_schema = json.loads((schemas / "manifest.schema.json").read_text(encoding="utf-8"))
    annex_schema = json.loads((schemas / "annex.schema.json").read_text(encoding="utf-8"))
    for schema in (manifest_schema, annex_schema):
        jsonschema.Draft202012Validator.check_schema(schema)
    manifest = yaml.safe_load((annexes / "catalog.yaml").read_text(encoding="utf-8"))
    failures = [f"catalog.yaml: {e.message} at {list(e.absolute_path)}"
                for e in jsonschema.Draft202012Validator(manifest_schema).iter_errors(manifest)]
    checked = 1
    for annex in manifest["annexes"]:
        path = annexes / annex["file"]
        if path.suffix not in (".yaml", ".yml"):
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        failures += [f"{path.name}: {e.message} at {list(e.absolute_path)}"
                     for e in jsonschema.Draft202012Validator(annex_schema).iter_errors(document)]
        checked += 1
    # The recognition rules source, when the manifest names one.
    if str(manifest.get("recognition", "")).endswith((".yaml", ".yml")):
        recognition_schema = json.loads((schemas / "recognition.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(recognition_schema)
        document = yaml.safe_load((annexes / manifest["recognition"]).read_text(encoding="utf-8"))
        failures += [f"{manifest['recognition']}: {e.message} at {list(e.absolute_path)}"
                     for e in jsonschema.Draft202012Validator(recognition_schema).iter_errors(document)]
        checked += 1
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"source schema: {checked} files checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
