#!/usr/bin/env python3
"""Consumer check: the published catalog.json of every version in generated/ validates against
the catalog.schema.json published next to it (jsonschema, draft 2020-12, with format checks), and
a deliberately broken copy does not (so the check can fail). Usage: json_schema.py GENERATED_DIR"""
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
        checked += len(catalog["entries"])
    print(f"json schema: {len(index['releases'])} version(s), {checked} entries valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
