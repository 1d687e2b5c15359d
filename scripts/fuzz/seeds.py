#!/usr/bin/env python3
"""Writes the fuzzers' seed inputs into .build/fuzz/seeds/<target>/ from the real sources:
each YAML annex cut to its first entries, the manifest, and the XML golden fixtures (the
same catalog written in XML). Small seeds keep each execution fast; the fuzzers grow them."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = root / ".build" / "fuzz" / "seeds"


def first_entries(text: str, count: int) -> str:
    """The file up to (not including) its entry number `count` + 1."""
    starts = [m.start() for m in re.finditer(r"(?m)^  - (code|nameVi):", text)]
    return text if len(starts) <= count else text[: starts[count]]


def write(target: str, name: str, data: bytes) -> None:
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


for path in sorted((root / "annexes").glob("*.yaml")):
    text = path.read_text(encoding="utf-8")
    seed = (first_entries(text, 3) if path.name != "catalog.yaml" else text).encode()
    write("yaml", path.name, seed)
    if path.name.startswith("01"):
        write("compile", "lab.yaml", b"\x00" + seed)
for path in sorted((root / "Tests" / "Fixtures" / "golden" / "xml").glob("*.xml")):
    data = path.read_bytes()
    cut = data.find(b"</entry>", data.find(b"</entry>", data.find(b"</entry>") + 1) + 1)
    if cut > 0 and b"<entries>" in data:
        data = data[: cut + len(b"</entry>")] + b"\n  </entries>\n</annex>\n"
    write("xml", path.name, data)
    if path.name == "lab.xml":
        write("compile", "lab.xml", b"\x01" + data)
print(f"seeds written to {out}", file=sys.stderr)

# DICOM: a minimal Part 10 file (preamble, meta header with the transfer syntax, Modality and
# one sequence with one item); the saved corpus (Tests/Fuzz/corpus/dicom) holds the rest.
def element(group: int, number: int, vr: str, value: bytes) -> bytes:
    if len(value) % 2:
        value += b"\0" if vr == "UI" else b" "
    return group.to_bytes(2, "little") + number.to_bytes(2, "little") + vr.encode() + len(value).to_bytes(2, "little") + value


sequence = (b"\x08\x00\x40\x11SQ\0\0" + b"\xff" * 4 + b"\xfe\xff\x00\xe0" + b"\xff" * 4 + element(8, 0x1150, "UI", b"1.2.3")
            + b"\xfe\xff\x0d\xe0" + b"\0" * 4 + b"\xfe\xff\xdd\xe0" + b"\0" * 4)
write("dicom", "minimal.dcm", b"\0" * 128 + b"DICM" + element(2, 0x10, "UI", b"1.2.840.10008.1.2.1") + element(8, 0x60, "CS", b"CT") + sequence)

# Recognition rules: the project's source (YAML, first byte even) and the golden XML copy.
write("recognition", "recognition.yaml", b"\x00" + (root / "annexes" / "recognition.yaml").read_bytes())
write("recognition", "recognition.xml", b"\x01" + (root / "Tests" / "Fixtures" / "golden" / "xml" / "recognition.xml").read_bytes())

import hashlib
import io
import json
import tarfile
import zipfile

# Workbooks: the golden catalog's workbook as it is (a zip, first byte even), and in parts
# mode (first byte odd: workbook, shared strings, first sheet, relations, second sheet, split
# at NUL) cut from the generated workbook, with a hand-written shared-string table.
write("xlsx", "golden.xlsx", b"\x00" + (root / "Tests" / "Fixtures" / "golden" / "expected" / "xlsx" / "GoldenCatalog.xlsx").read_bytes())
books = sorted((root / "generated").glob("*/xlsx/*.xlsx"))
if books:
    with zipfile.ZipFile(books[-1]) as book:
        workbook = book.read("xl/workbook.xml")
        rels = book.read("xl/_rels/workbook.xml.rels")
        sheet = book.read("xl/worksheets/sheet2.xml")
    rows = [m.end() for m in re.finditer(rb"</row>", sheet)]
    if len(rows) > 4:
        sheet = sheet[: rows[3]] + b"</sheetData></worksheet>"
    strings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>Mã</t></si><si><r><t>Tên </t></r><r><t>dịch vụ</t></r></si><si><t xml:space="preserve">Định lượng Glucose _x000D_ [Máu]</t><rPh><t>x</t></rPh></si></sst>'.encode()
    shared = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>HS0001D</t></is></c><c r="B2" t="s"><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
    write("xlsx", "parts.bin", b"\x01" + b"\x00".join([workbook, strings, sheet, rels, shared]))
    write("xlsx", "parts-deflated.bin", b"\x03" + b"\x00".join([workbook, strings, shared, rels]))


def fixed(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mtime, info.uid, info.gid, info.uname, info.gname = 1782864000, 0, 0, "", ""
    return info


# Release archives: small ones shaped like a release (its top folder, json/, release.json),
# as .tar.gz, plain tar and zip; made here, not cut from the real ones (over the length limit).
members = {
    "LienThongCanLamSang-9.9.9/json/catalog.json": b'{"resourceType": "CodeSystem", "concept": []}\n',
    "LienThongCanLamSang-9.9.9/csv/entries.csv": "code,nameVi\nHS0001D,Định lượng Glucose [Máu]\n".encode(),
    "LienThongCanLamSang-9.9.9/release.json": b'{"formatVersion": "1.0.0"}\n',
}
for name, mode in [("release.tar.gz", "w:gz"), ("release.tar", "w"), ("release.tar.bz2", "w:bz2")]:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.PAX_FORMAT) as tar:
        for path, data in members.items():
            info = fixed(tarfile.TarInfo(path))
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        link = fixed(tarfile.TarInfo("LienThongCanLamSang-9.9.9/csv/elsewhere"))
        link.type, link.linkname = tarfile.SYMTYPE, "/etc"
        tar.addfile(link)
    data = buffer.getvalue()
    if mode == "w:gz":
        data = data[:4] + b"\0\0\0\0" + data[8:]  # no timestamp in the gzip header
    write("archive", name, data)
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
    for path, data in members.items():
        z.writestr(zipfile.ZipInfo(path, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
write("archive", "release.zip", buffer.getvalue())
for archive in sorted((root / "generated").glob("*/dist/package.tgz"))[-1:]:
    write("archive", "package-head.tgz", archive.read_bytes()[:12000])

# release.json and index.json: the real ones cut to a few records, and a release.json that
# describes the fuzzer's scratch version folder exactly (so verification runs to the end).
releases = sorted((root / "generated").glob("*/release.json"))
if releases:
    manifest = json.loads(releases[-1].read_text(encoding="utf-8"))
    manifest["files"] = manifest["files"][:6]
    write("release-json", "release.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    body = b"{}\n"
    manifest["files"] = [{"path": "json/catalog.json", "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}]
    manifest["archives"] = []
    write("release-json", "scratch-release.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode())
index = root / "generated" / "index.json"
if index.exists():
    document = json.loads(index.read_text(encoding="utf-8"))
    for release in document["releases"]:
        for artifact in release.get("artifacts", []):
            artifact["files"] = artifact["files"][:2]
    document["releases"] = document["releases"][:2]
    write("release-json", "index.json", json.dumps(document, indent=2, ensure_ascii=False).encode())
