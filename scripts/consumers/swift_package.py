#!/usr/bin/env python3
"""Consumer check: a vendor's package that depends on the generated Swift package (by local
path, as a vendored or release-tarball copy would be) builds with `swift build`, and its program
looks codes up by code, national code and mapped LOINC code, comparing with catalog.json, reads
every attribute of sample entries (imaging enums, specimen, method, TT23, status reason, mapping
relationship and comment) against catalog.json, and answers "active CT entries with contrast and
their LOINC codes" with exactly the rows SQLite gives for the same question on the generated SQL.
`swiftc -typecheck` of the package sources must finish within 2 s and 1 GiB.
Usage: swift_package.py GENERATED_DIR"""
import json
import pathlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

OUT = pathlib.Path(sys.argv[1]).resolve()
LATEST = json.loads((OUT / "index.json").read_text(encoding="utf-8"))["latest"]
PACKAGE = OUT / LATEST / "swift"
CATALOG = json.loads((OUT / LATEST / "json/catalog.json").read_text(encoding="utf-8"))


def swift_string(text):
    return json.dumps(text, ensure_ascii=False)


CT_WITH_CONTRAST_SQL = """
SELECT e.code, coalesce(m.code, '') FROM lienthong_entry e
LEFT JOIN lienthong_mapping m ON m.entry_code = e.code AND m.system = 'http://loinc.org'
WHERE e.status = 'active' AND e.modality = 'CT' AND e.contrast <> 'none'
ORDER BY e.code, m.code"""
CT_WITH_CONTRAST_SWIFT = """
for e in LienThongCatalog.entries(status: .active, modality: .ct) where e.contrast != Contrast.none {
    let loinc = e.mappings.filter { $0.system == .loinc }.map(\\.code).sorted()
    for code in loinc.isEmpty ? [""] : loinc { print("ROW\\t\\(e.code)\\t\\(code)") }
}
"""


def sql_rows():
    """The answer SQLite gives from the generated SQL script."""
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "catalog.db")
        script = (OUT / LATEST / "sql/sqlite/catalog.sql").read_text(encoding="utf-8")
        subprocess.run(["sqlite3", "-bail", db], input=script, text=True, check=True, capture_output=True)
        con = sqlite3.connect(db)
        rows = [tuple(r) for r in con.execute(CT_WITH_CONTRAST_SQL)]
        con.close()
        return sorted(rows)


def swift_optional(value):
    return "nil" if value is None else swift_string(value)


def attribute_checks(e):
    """Swift checks that entry `e` of catalog.json reads back with every attribute."""
    ref = f"LienThongCatalog.entry(code: {swift_string(e['code'])})!"
    enum = lambda name, value: "nil" if value is None else f"{name}(rawValue: {swift_string(value)})"
    checks = [
        (f"{ref}.statusReason == {swift_optional(e.get('statusReason'))}", "statusReason"),
        (f"{ref}.replacedBy == {swift_optional(e.get('replacedBy'))}", "replacedBy"),
        (f"{ref}.unmappedReason == {swift_optional(e.get('unmappedReason'))}", "unmappedReason"),
        (f"{ref}.specimen == {enum('Specimen', e.get('specimen'))}", "specimen"),
        (f"{ref}.method == {swift_optional(e.get('method'))}", "method"),
        (f"{ref}.modality == {enum('Modality', e.get('modality'))}", "modality"),
        (f"{ref}.bodyRegion == {enum('BodyRegion', e.get('bodyRegion'))}", "bodyRegion"),
        (f"{ref}.contrast == {enum('Contrast', e.get('contrast'))}", "contrast"),
        (f"{ref}.laterality == {enum('Laterality', e.get('laterality'))}", "laterality"),
        (f"{ref}.nationalCodes.map(\\.maTuongDuong) == {json.dumps([n['maTuongDuong'] for n in e['nationalCodes']], ensure_ascii=False)}", "national codes"),
        (f"{ref}.nationalCodes.map {{ $0.tt23 ?? \"\" }} == {json.dumps([n.get('tt23', '') for n in e['nationalCodes']], ensure_ascii=False)}", "tt23"),
        (f"{ref}.mappings.map(\\.code) == {json.dumps([m['code'] for m in e['mappings']], ensure_ascii=False)}", "mapping codes"),
        (f"{ref}.mappings.map(\\.relationship.rawValue) == {json.dumps([m['relationship'] for m in e['mappings']], ensure_ascii=False)}", "relationships"),
        (f"{ref}.mappings.map {{ $0.comment ?? \"\" }} == {json.dumps([m.get('comment', '') for m in e['mappings']], ensure_ascii=False)}", "mapping comments"),
    ]
    for key in ("versionFirstReleased", "versionLastChanged"):
        if key in e:
            checks.append((f"{ref}.{key} == {swift_string(e[key])}", key))
    return [f"check({expr}, \"{what} of {e['code']}\")" for expr, what in checks]


def program():
    entries = CATALOG["entries"]
    sample = [entries[0], entries[len(entries) // 2], entries[-1]]
    mapped = next(e for e in entries if any(m["system"] == "http://loinc.org" for m in e["mappings"]))
    loinc = next(m["code"] for m in mapped["mappings"] if m["system"] == "http://loinc.org")
    national = sample[1]["nationalCodes"][0]["maTuongDuong"]
    with_loinc = sorted(e["code"] for e in entries if any(m["system"] == "http://loinc.org" and m["code"] == loinc for m in e["mappings"]))
    with_national = sorted(e["code"] for e in entries if any(n["maTuongDuong"] == national for n in e["nationalCodes"]))
    lines = ["import LienThongCatalog", "var failures = 0",
             "func check(_ ok: Bool, _ what: String) { if !ok { print(\"FAIL: \\(what)\"); failures += 1 } }",
             f"check(LienThongCatalog.version == {swift_string(CATALOG['version'])}, \"version\")",
             f"check(LienThongCatalog.entries.count == {len(entries)}, \"entry count\")"]
    for e in sample:
        lines.append(f"check(LienThongCatalog.entry(code: {swift_string(e['code'])})?.nameVi == {swift_string(e['nameVi'])}, \"name of {e['code']}\")")
        lines.append(f"check(LienThongCatalog.entry(code: {swift_string(e['code'])})?.status.rawValue == {swift_string(e['status'])}, \"status of {e['code']}\")")
    lines.append(f"check(LienThongCatalog.entries(nationalCode: {swift_string(national)}).map(\\.code).sorted() == {json.dumps(with_national)}, \"national code lookup\")")
    lines.append(f"check(LienThongCatalog.entries(mappedTo: .loinc, code: {swift_string(loinc)}).map(\\.code).sorted() == {json.dumps(with_loinc)}, \"LOINC lookup\")")
    lines.append("check(LienThongCatalog.entry(code: \"NOPE\") == nil, \"unknown code\")")
    # Every attribute, on entries that have each kind of value.
    chosen = {}
    for e in entries:
        for key in ("statusReason", "replacedBy", "method", "modality", "specimen", "unmappedReason"):
            if e.get(key) is not None:
                chosen.setdefault(key, e)
        if any(n.get("tt23") for n in e["nationalCodes"]):
            chosen.setdefault("tt23", e)
        if any(m.get("comment") for m in e["mappings"]):
            chosen.setdefault("comment", e)
    for e in {e["code"]: e for e in chosen.values()}.values():
        lines += attribute_checks(e)
    lines.append(CT_WITH_CONTRAST_SWIFT)
    lines += recognition_checks()
    lines.append("print(\"swift consumer: \\(failures) failures\")")
    lines.append("if failures > 0 { fatalError(\"lookups disagree with catalog.json\") }")
    return "\n".join(lines) + "\n"


# The decision table of Article 2, shared with the CLI test and the SQL check.
CASES = json.loads((pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/recognition-cases.json").read_text(encoding="utf-8"))["cases"]


def recognition_checks():
    """Swift checks that recognizeLaboratoryResult / recognizeImagingResult give every case of
    the decision table its decision, flag exactly its rules and carry the doctor's final say."""
    opt_int = lambda v: "nil" if v is None else str(v)
    opt_set = lambda v: "nil" if v is None else "Set(" + json.dumps(v) + ")"
    lines = ["let flaggedStatuses: Set<String> = [\"not-met\", \"unknown\", \"applies\"]",
             "func checkDecision(_ d: RecognitionDecision?, _ decision: String, _ flagged: [String], _ what: String) {",
             "    guard let d else { check(false, \"no decision: \\(what)\"); return }",
             "    check(d.outcome.rawValue == decision, \"decision of \\(what): \\(d.outcome.rawValue)\")",
             "    check(d.reasons.filter { flaggedStatuses.contains($0.status) }.map(\\.rule.id).sorted() == flagged.sorted(), \"flagged rules of \\(what)\")",
             "    check(d.doctorsFinalSay.rule.kind == \"doctor-decides\" && d.doctorsFinalSay.status == \"always\", \"doctor's final say of \\(what)\")",
             "}"]
    for c in CASES:
        expect = f"{swift_string(c['decision'])}, {json.dumps(c['flagged'])}, {swift_string(c['name'])}"
        if "laboratory" in c:
            lab = c["laboratory"]
            call = (f"LienThongCatalog.recognizeLaboratoryResult(code: {swift_string(c['code'])}, performingLevel: {opt_int(lab.get('performingLevel'))}, "
                    f"receivingLevel: {opt_int(lab.get('receivingLevel'))}, performingScope: {opt_set(lab.get('performingScope'))}, "
                    f"receivingScope: {opt_set(lab.get('receivingScope'))})")
        else:
            facts = ", ".join(f"{swift_string(k)}: {'true' if v else 'false'}" for k, v in sorted(c["study"].items())) or ":"
            call = f"LienThongCatalog.recognizeImagingResult(code: {swift_string(c['code'])}, facts: [{facts}])"
        lines.append(f"checkDecision({call}, {expect})")
    lines.append(f"print(\"swift consumer: {len(CASES)} recognition cases checked\")")
    return lines


def main():
    sources = sorted(str(p) for p in (PACKAGE / "Sources").rglob("*.swift"))
    # CPU time (user + system) rather than wall time, so that a machine busy with other work
    # does not fail the 2 s limit; the wall time is reported beside it.
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(["swiftc", "-typecheck", *sources], capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mib = after.ru_maxrss / 1024
    if r.returncode != 0:
        print(f"swift: typecheck failed: {r.stderr[:2000]}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        consumer = pathlib.Path(tmp) / "Consumer"
        (consumer / "Sources/Consumer").mkdir(parents=True)
        (consumer / "Package.swift").write_text(f"""// swift-tools-version:5.9
import PackageDescription
let package = Package(
    name: "Consumer",
    dependencies: [.package(name: "LienThongCatalog", path: {json.dumps(str(PACKAGE))})],
    targets: [.executableTarget(name: "Consumer", dependencies: [.product(name: "LienThongCatalog", package: "LienThongCatalog")])]
)
""", encoding="utf-8")
        (consumer / "Sources/Consumer/main.swift").write_text(program(), encoding="utf-8")
        r = subprocess.run(["swift", "build", "--package-path", str(consumer)], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"swift: consumer build failed: {r.stdout[-3000:]}{r.stderr[-2000:]}", file=sys.stderr)
            return 1
        r = subprocess.run(["swift", "run", "--skip-build", "--package-path", str(consumer), "Consumer"], capture_output=True, text=True)
        print("\n".join(line for line in r.stdout.splitlines() if not line.startswith("ROW\t")))
        if r.returncode != 0:
            print(r.stderr[-2000:], file=sys.stderr)
            return 1
        from_swift = sorted(tuple(line.split("\t")[1:]) for line in r.stdout.splitlines() if line.startswith("ROW\t"))
        from_sql = sql_rows()
        if not from_sql or from_swift != from_sql:
            print(f"swift: active CT entries with contrast and their LOINC codes: Swift gives {len(from_swift)} rows, SQL {len(from_sql)}; "
                  f"first differences {sorted(set(from_swift) ^ set(from_sql))[:5]}", file=sys.stderr)
            return 1
    if seconds > 2 or peak_mib > 1024:
        print(f"swift: type-checking took {seconds:.2f} s of CPU and {peak_mib:.0f} MiB; the limit is 2 s and 1 GiB", file=sys.stderr)
        return 1
    print(f"swift: package of {len(CATALOG['entries'])} entries type-checks in {seconds:.2f} s of CPU ({wall:.2f} s wall, peak {peak_mib:.0f} MiB); a depending package builds, "
          f"its lookups and attributes agree with catalog.json, and it answers 'active CT entries with contrast and their LOINC codes' "
          f"with the {len(from_sql)} rows SQL gives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
