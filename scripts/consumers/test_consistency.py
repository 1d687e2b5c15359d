#!/usr/bin/env python3
"""Tests the consistency audit (consistency.py): on a copy of annexes/, one seeded error per check
must be found on the entry it was seeded in, and the real annexes must be clean. Run by `make test`.

Usage: test_consistency.py [ANNEXES_DIR]
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import consistency as c  # noqa: E402

ROOT = HERE.parent.parent


def entry_block(text, code):
    m = re.search(r"^  - code: %s\n" % re.escape(code), text, re.M)
    n = re.search(r"^  - code: |\Z", text[m.end():], re.M)
    return m.start(), m.end() + n.start()


def mutate(path, code, old, new):
    text = path.read_text(encoding="utf-8")
    a, b = entry_block(text, code)
    block = text[a:b]
    assert old in block, f"{code}: '{old}' not in its block"
    path.write_text(text[:a] + block.replace(old, new, 1) + text[b:], encoding="utf-8")


# (annex file, entry, text, replacement, check expected)
SEEDS = [
    # free T4 back to the mass code alone, equivalent
    ("01-hoa-sinh.yaml", "HS0036S", "relationship: source-is-broader-than-target", "relationship: equivalent", "units"),
    # a name that says "[có thuốc cản quang]" on an entry that says no contrast
    ("06-dien-quang.yaml", "DQ0368C", "contrast: iv", "contrast: none", "contrast"),
    # a two-projection technique mapped as a single view
    ("06-dien-quang.yaml", "DQ01711", "XR Humerus 2 Views", "XR Humerus Single view", "views"),
    # a bilateral technique said to be unilateral
    ("06-dien-quang.yaml", "DQ0196K", "laterality: bilateral", "laterality: unilateral", "laterality"),
    # one field strength of a technique mapped otherwise than its sibling
    ("06-dien-quang.yaml", "DQ04588", "relationship: source-is-broader-than-target", "relationship: related-to", "technique"),
]


def main():
    annexes = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "annexes"
    shared = ROOT.parent / "shared" / "reference"
    ref = shared if shared.is_dir() else annexes / "reference"
    failures = []
    clean = c.Audit(annexes, ref).run()
    waived = {(x["entry"], x["check"]) for x in c.load_exceptions(annexes)[1]}
    left = [f for f in clean if (f[2], f[3]) not in waived]
    if left:
        failures.append(f"the annexes are not clean: {left[:3]}")
    for file, code, old, new, check in SEEDS:
        with tempfile.TemporaryDirectory() as tmp:
            copy = pathlib.Path(tmp) / "annexes"
            shutil.copytree(annexes, copy)
            mutate(copy / file, code, old, new)
            found = [f for f in c.Audit(copy, ref).run() if f[2] == code and f[3] == check]
            if not found:
                failures.append(f"{code}: the seeded {check} error was not found")
    # the command line: a stale exception is an error, exit 1
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp) / "annexes"
        shutil.copytree(annexes, copy)
        with (copy / "consistency-exceptions.yaml").open("a", encoding="utf-8") as f:
            f.write("  - entry: DQ00010\n    check: views\n    reason: a seeded exception that matches no finding at all\n")
        run = subprocess.run([sys.executable, str(HERE / "consistency.py"), str(copy), "--reference", str(ref)],
                             capture_output=True, text=True)
        if run.returncode != 1 or "stale-exception" not in run.stderr:
            failures.append(f"a stale exception: exit {run.returncode}, {run.stderr[-300:]}")
    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    print(f"consistency audit: {len(SEEDS)} seeded errors, 1 stale exception, {len(failures)} failures", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
