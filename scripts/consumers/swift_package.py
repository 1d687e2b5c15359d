#!/usr/bin/env python3
"""Consumer check: a vendor's package that depends on the generated Swift package (by local
path, as a vendored or release-tarball copy would be) builds with `swift build`, and its program
looks codes up by code, national code and mapped LOINC code, comparing with catalog.json; it also
reports `swiftc -typecheck` time and memory of the package sources. Usage: swift_package.py GENERATED_DIR"""
import json
import pathlib
import resource
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
    lines.append("print(\"swift consumer: \\(failures) failures\")")
    lines.append("if failures > 0 { fatalError(\"lookups disagree with catalog.json\") }")
    return "\n".join(lines) + "\n"


def main():
    sources = sorted(str(p) for p in (PACKAGE / "Sources").rglob("*.swift"))
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run(["swiftc", "-typecheck", *sources], capture_output=True, text=True)
    seconds = time.monotonic() - start
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
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
        print(r.stdout.strip())
        if r.returncode != 0:
            print(r.stderr[-2000:], file=sys.stderr)
            return 1
    print(f"swift: package of {len(CATALOG['entries'])} entries type-checks in {seconds:.2f} s (peak {peak_mib:.0f} MiB); a depending package builds and its lookups agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
