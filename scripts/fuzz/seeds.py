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
