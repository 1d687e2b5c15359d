#!/usr/bin/env python3
"""`--diagnostics-format sarif` as a code-scanning tool reads it: a copy of the golden YAML
catalog with three known problems is checked, and the SARIF 2.1.0 log on standard output must
validate against Tests/Fixtures/sarif/sarif-2.1.0-minimal.schema.json (a hand-written subset of
the OASIS schema: no package reachable here ships the official file) and carry each problem
with its rule, level, file and position, the rules table naming every rule of `lienthong rules`.
Also `build --check --diagnostics-format json` lists changed files as JSON.

Usage: sarif_check.py LIENTHONG_BINARY"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import jsonschema

root = pathlib.Path(__file__).resolve().parents[2]
binary = str(pathlib.Path(sys.argv[1]).resolve())
schema = json.loads((root / "Tests/Fixtures/sarif/sarif-2.1.0-minimal.schema.json").read_text())

with tempfile.TemporaryDirectory() as tmp:
    src = pathlib.Path(tmp) / "annexes"
    shutil.copytree(root / "Tests/Fixtures/golden/yaml", src)
    lab = src / "lab.yaml"
    text = lab.read_text(encoding="utf-8")
    assert "status: active" in text
    lab.write_text(text.replace("status: active", "status: inactive", 1), encoding="utf-8")
    run = subprocess.run([binary, "check", "--annexes", str(src), "--out", str(pathlib.Path(tmp) / "out"),
                          "--diagnostics-format", "sarif"], capture_output=True, text=True, cwd=tmp)
    assert run.returncode == 1, (run.returncode, run.stderr)
    log = json.loads(run.stdout)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    results = log["runs"][0]["results"]
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    listed = subprocess.run([binary, "rules"], capture_output=True, text=True, check=True).stdout.split("\n")
    assert rules == [line.split()[0] for line in listed if line], "the SARIF rules table differs from `lienthong rules`"
    inactive = [r for r in results if r["ruleId"] == "LT0204" and "'inactive'" in r["message"]["text"]]
    assert len(inactive) == 1, results
    r = inactive[0]
    assert r["level"] == "error" and rules[r["ruleIndex"]] == "LT0204"
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("annexes/lab.yaml"), loc
    line = loc["region"]["startLine"]
    assert "status: inactive" in lab.read_text(encoding="utf-8").split("\n")[line - 1], loc

    # build --check --diagnostics-format json on an empty output folder: every file is new.
    run = subprocess.run([binary, "build", "--check", "--annexes", str(root / "Tests/Fixtures/golden/yaml"),
                          "--out", str(pathlib.Path(tmp) / "empty"), "--diagnostics-format", "json"],
                         capture_output=True, text=True, cwd=tmp)
    assert run.returncode == 1, (run.returncode, run.stderr)
    changes = json.loads(run.stdout)
    assert changes["upToDate"] is False and changes["modified"] == [] and changes["removed"] == []
    assert any(p.endswith("/json/catalog.json") for p in changes["added"]), changes
print(f"sarif: {len(results)} results validate against the SARIF 2.1.0 subset schema; build --check JSON lists {len(changes['added'])} added files")
