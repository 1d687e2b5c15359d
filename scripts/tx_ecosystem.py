#!/usr/bin/env python3
"""Replay runner for the HL7 terminology-ecosystem test suite against a running `lienthong serve`.

The official runner (`java -jar validator_cli.jar -txtests`) needs the HL7 validator jar, which this
project cannot install; this script follows the suite's own comparison rules (tests/readme.md and the
markers the expected files use) over a local copy of the suite. Nothing of the suite is committed here.

Obtain the suite (CC0/Apache-licensed, see its LICENSE.txt) with:

    git clone --depth 1 https://github.com/HL7/fhir-tx-ecosystem-ig /tmp/fhir-tx-ecosystem-ig

then, with a server running (`lienthong serve --tx-fixtures /tmp/fhir-tx-ecosystem-ig/tests ...`):

    python3 scripts/tx_ecosystem.py /tmp/fhir-tx-ecosystem-ig/tests --server http://127.0.0.1:8080 \
        [--suite simple-cases] [--modes flat] [--filter NAME] [--json report.json] [--require-pass SUITE ...]

How a test is run (as the Java runner does):
- `metadata` → GET metadata; `term-caps` → GET metadata?mode=terminology. Both are compared in
  pattern mode: the expected file is the minimum the answer must contain (extra properties and array
  items are allowed).
- `expand` → POST ValueSet/$expand, `validate-code` → POST ValueSet/$validate-code,
  `cs-validate-code` → POST CodeSystem/$validate-code, `lookup` → POST CodeSystem/$lookup,
  `translate` → POST ConceptMap/$translate; the body is the test's request Parameters, plus the
  test's `profile` Parameters (default: parameters-default.json), plus every setup resource of the
  suite as a `tx-resource` parameter. `Accept-Language` and a mode's `header` are sent as headers.
- Other operations (`compare`, `batch-validate`) are reported as not run.
- A suite or test with a `mode` runs only when that mode is given (`--modes`); `response:MODE`
  replaces `response` when MODE is given (e.g. `--modes flat` for a server without hierarchical
  expansions). Tests with a `version` other than 4.0 (this is an R4 server) are skipped.

Comparison rules (strict mode, every test but metadata):
- property order never matters; array order never matters (each expected item must match a distinct
  actual item, each actual item must be matched);
- an actual property absent from the expected object fails; a property the expected object lists in
  `$optional-properties$` may be present or absent and is not compared; an expected property absent from the answer fails unless its value is
  `$optional$` (an object with `"$optional$": true` or a condition such as `"!tx.fhir.org"`, optional
  unless that mode is on, or an array of only such objects);
- an expected array item with `"$optional$": true` may be absent;
- `$count-arrays$` names arrays compared by length only;
- string markers: `$id$`, `$uuid$`, `$instant$`, `$date$`, `$version$`, `$semver$`, `$token$`,
  `$url$`, `$string$` match the type's pattern; `$choice:a|b$` one of; `$fragments:a|b$` contains
  every fragment; `$external:n:text$` is a server-specific message: with no externals file only its
  presence (a string) is tested, as the Java runner does;
- `http-code` (e.g. `4xx`, `422`) is the expected status; otherwise 200.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PATTERNS = {
    "$id$": r"[A-Za-z0-9\-\.]{1,64}",
    "$uuid$": r"(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    "$instant$": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
    "$date$": r"\d{4}(-\d{2}(-\d{2})?)?(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?",
    "$version$": r"\d+\.\d+(\.\d+)?(-[A-Za-z0-9.\-]+)?",
    "$semver$": r"\d+\.\d+\.\d+(-[A-Za-z0-9.\-]+)?(\+[A-Za-z0-9.\-]+)?",
    "$token$": r"\S(.*\S)?",
    "$url$": r"(https?|urn):\S+",
    "$string$": r"(?s).+",
}

OPERATIONS = {
    "expand": "ValueSet/$expand",
    "validate-code": "ValueSet/$validate-code",
    "cs-validate-code": "CodeSystem/$validate-code",
    "lookup": "CodeSystem/$lookup",
    "translate": "ConceptMap/$translate",
}


MODES: set[str] = set()


def is_optional(value) -> bool:
    """An expected value that may be absent from the answer: `"$optional$": true`, or a condition
    (`"!MODE"`: optional unless MODE is on; any other text, e.g. `"warning:version"`: optional)."""
    if isinstance(value, dict):
        flag = value.get("$optional$")
        if isinstance(flag, str):
            return not (flag.startswith("!") and flag[1:] in MODES)
        return flag is True
    if isinstance(value, list):
        return all(is_optional(v) for v in value)
    return False


def compare_string(path: str, expected: str, actual) -> str | None:
    if not isinstance(actual, str):
        return f"{path}: expected a string, got {json.dumps(actual)[:80]}"
    if expected.startswith("$") and expected.endswith("$") and len(expected) > 2:
        if expected in PATTERNS:
            return None if re.fullmatch(PATTERNS[expected], actual) else f"{path}: '{actual[:80]}' is not a {expected}"
        if expected.startswith("$choice:"):
            options = expected[len("$choice:"):-1].split("|")
            return None if actual in options else f"{path}: '{actual[:80]}' is not one of {options}"
        if expected.startswith("$fragments:"):
            missing = [f for f in expected[len("$fragments:"):-1].split("|") if f and f not in actual]
            return None if not missing else f"{path}: '{actual[:120]}' lacks {missing}"
        if expected.startswith("$external:"):
            return None
    return None if expected == actual else f"{path}: expected '{expected[:120]}', got '{actual[:120]}'"


def compare(path: str, expected, actual, pattern: bool) -> str | None:
    """None when `actual` matches `expected` under the suite's rules, else the first difference."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected an object, got {json.dumps(actual)[:80]}"
        optional = set(expected.get("$optional-properties$", []))
        count_only = set(expected.get("$count-arrays$", []))
        for name, value in actual.items():
            if name not in expected and name not in optional and not pattern and name != "fhir_comments":
                return f"{path}: unexpected property '{name}'"
        for name, value in expected.items():
            if name.startswith("$") and name.endswith("$") or name in optional:
                continue
            if name not in actual:
                if is_optional(value):
                    continue
                return f"{path}: missing property '{name}'"
            if name in count_only and isinstance(value, list):
                if not isinstance(actual[name], list) or len(actual[name]) != len(value):
                    return f"{path}.{name}: expected {len(value)} items, got {len(actual[name]) if isinstance(actual[name], list) else 'not an array'}"
                continue
            problem = compare(f"{path}.{name}", value, actual[name], pattern)
            if problem:
                return problem
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"{path}: expected an array, got {json.dumps(actual)[:80]}"
        return compare_arrays(path, expected, actual, pattern)
    if isinstance(expected, str):
        return compare_string(path, expected, actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return None if expected is actual else f"{path}: expected {expected}, got {actual}"
    if isinstance(expected, (int, float)):
        return None if isinstance(actual, (int, float)) and expected == actual else f"{path}: expected {expected}, got {actual}"
    return None if expected == actual else f"{path}: expected {expected}, got {actual}"


def compare_arrays(path: str, expected: list, actual: list, pattern: bool) -> str | None:
    """Unordered: a matching of expected items to distinct actual items (backtracking; arrays are small)."""
    matches = [[j for j, a in enumerate(actual) if compare(f"{path}[{i}]", e, a, pattern) is None] for i, e in enumerate(expected)]
    used: dict[int, int] = {}

    def assign(i: int) -> bool:
        if i == len(expected):
            return True
        for j in matches[i]:
            if j not in used.values():
                used[i] = j
                if assign(i + 1):
                    return True
                del used[i]
        if is_optional(expected[i]):
            return assign(i + 1)
        return False

    if len(expected) * max(1, len(actual)) > 250_000:
        return f"{path}: arrays too large to compare"
    if not assign(0):
        for i, e in enumerate(expected):
            if not matches[i] and not is_optional(e):
                # explain with the closest candidate: the same index, or the first item
                same_name = [a for a in actual if isinstance(e, dict) and isinstance(a, dict) and "name" in e and a.get("name") == e.get("name")]
                candidate = same_name[0] if same_name else actual[i] if i < len(actual) else (actual[0] if actual else None)
                why = compare(f"{path}[{i}]", e, candidate, pattern) if candidate is not None else f"{path}[{i}]: missing"
                return f"{path}[{i}]: no matching item ({why})"
        return f"{path}: items do not match one to one"
    if not pattern:
        matched = set(used.values())
        extra = [a for j, a in enumerate(actual) if j not in matched]
        if extra:
            return f"{path}: {len(extra)} unexpected item(s), first {json.dumps(extra[0], ensure_ascii=False)[:160]}"
    return None


def status_matches(expected: str | None, status: int) -> bool:
    if expected is None:
        return status == 200
    expected = str(expected)
    if expected.endswith("xx"):
        return str(status).startswith(expected[0])
    return str(status) == expected


def http(server: str, method: str, path: str, body: bytes | None, headers: dict[str, str], timeout: float):
    request = urllib.request.Request(server.rstrip("/") + "/" + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run_test(root: Path, suite: dict, test: dict, args, default_profile: dict) -> tuple[str, str]:
    """('pass'|'fail'|'skip', reason)."""
    modes = set(args.modes)
    if test.get("mode") and test["mode"] not in modes:
        return "skip", f"mode {test['mode']}"
    if test.get("version") and not str(test["version"]).startswith("4"):
        return "skip", f"for FHIR {test['version']}"
    response_file = test["response"]
    for mode in args.modes:
        if f"response:{mode}" in test and (root / test[f"response:{mode}"]).is_file():
            response_file = test[f"response:{mode}"]
    expected = json.loads((root / response_file).read_text(encoding="utf-8-sig"))
    operation = test["operation"]
    headers = {"Accept": "application/fhir+json"}
    if test.get("Accept-Language"):
        headers["Accept-Language"] = test["Accept-Language"]
    if isinstance(test.get("header"), dict) and test["header"].get("mode") in modes:
        headers[test["header"]["name"]] = test["header"]["value"]
    if operation in ("metadata", "term-caps"):
        path = "metadata" if operation == "metadata" else "metadata?mode=terminology"
        status, raw = http(args.server, "GET", path, None, headers, args.timeout)
        pattern = True
    elif operation in OPERATIONS:
        request = json.loads((root / test["request"]).read_text(encoding="utf-8-sig"))
        params = list(request.get("parameter", []))
        profile = json.loads((root / test["profile"]).read_text(encoding="utf-8-sig")) if test.get("profile") else default_profile
        names = {p.get("name") for p in params}
        params += [p for p in profile.get("parameter", []) if p.get("name") not in names]
        if not args.no_tx_resource:
            for file in suite.get("setup", []):
                params.append({"name": "tx-resource", "resource": json.loads((root / file).read_text(encoding="utf-8-sig"))})
        body = json.dumps({"resourceType": "Parameters", "parameter": params}, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/fhir+json"
        status, raw = http(args.server, "POST", OPERATIONS[operation], body, headers, args.timeout)
        pattern = False
    else:
        return "skip", f"operation {operation} not run by this runner"
    if not status_matches(test.get("http-code"), status):
        return "fail", f"HTTP {status}, expected {test.get('http-code', 200)}: {raw[:200].decode('utf-8', 'replace')}"
    try:
        actual = json.loads(raw)
    except ValueError:
        return "fail", f"HTTP {status}: the body is not JSON"
    problem = compare("$", expected, actual, pattern)
    return ("fail", problem) if problem else ("pass", "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("suite_folder", help="the suite's tests/ folder (a local copy of HL7/fhir-tx-ecosystem-ig/tests)")
    parser.add_argument("--server", default="http://127.0.0.1:8080")
    parser.add_argument("--suite", action="append", default=[], help="run only these suites (repeatable)")
    parser.add_argument("--filter", default="", help="run only tests whose name contains this")
    parser.add_argument("--modes", default="flat", help="comma-separated modes turned on (default: flat)")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--no-tx-resource", action="store_true", help="do not send the setup resources as tx-resource")
    parser.add_argument("--json", help="write the per-suite results here")
    parser.add_argument("--require-pass", action="append", default=[], help="exit 1 unless every run test of this suite passes")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    args.modes = [m for m in args.modes.split(",") if m]
    MODES.update(args.modes)
    root = Path(args.suite_folder)
    cases = root / "test-cases.json"
    if not cases.is_file():
        print(f"{cases}: not found. Obtain the suite with:\n"
              "  git clone --depth 1 https://github.com/HL7/fhir-tx-ecosystem-ig /tmp/fhir-tx-ecosystem-ig\n"
              "and pass /tmp/fhir-tx-ecosystem-ig/tests", file=sys.stderr)
        return 2
    suites = json.loads(cases.read_text(encoding="utf-8-sig"))["suites"]
    default_profile = json.loads((root / "parameters-default.json").read_text(encoding="utf-8-sig")) if (root / "parameters-default.json").is_file() else {}
    results = {}
    started = time.monotonic()
    for suite in suites:
        if args.suite and suite["name"] not in args.suite:
            continue
        if suite.get("mode") and suite["mode"] not in ("general",) and suite["mode"] not in args.modes:
            continue
        counts = {"pass": 0, "fail": 0, "skip": 0}
        failures = []
        for test in suite["tests"]:
            if args.filter and args.filter not in test["name"]:
                continue
            try:
                outcome, reason = run_test(root, suite, test, args, default_profile)
            except (OSError, ValueError) as error:
                outcome, reason = "fail", f"{type(error).__name__}: {error}"
            counts[outcome] += 1
            if outcome == "fail":
                failures.append({"test": test["name"], "reason": reason})
            if args.verbose and outcome != "pass":
                print(f"  {suite['name']}/{test['name']}: {outcome.upper()} {reason}")
        run = counts["pass"] + counts["fail"]
        results[suite["name"]] = {**counts, "failures": failures}
        print(f"{suite['name']:<26} {counts['pass']:>4}/{run:<4} passed  ({counts['skip']} skipped)")
    total_pass = sum(r["pass"] for r in results.values())
    total_run = sum(r["pass"] + r["fail"] for r in results.values())
    print(f"{'total':<26} {total_pass:>4}/{total_run:<4} passed in {time.monotonic() - started:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    status = 0
    for name in args.require_pass:
        r = results.get(name)
        if r is None or r["fail"] or not r["pass"]:
            print(f"{name}: required to pass whole, {r and r['fail']} failed", file=sys.stderr)
            for f in (r or {}).get("failures", [])[:10]:
                print(f"  {f['test']}: {f['reason']}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
