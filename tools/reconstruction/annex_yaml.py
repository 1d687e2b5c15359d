"""Reads an annex file into plain Python data and writes it back in the layout the annex files
use (the layout `author.py` wrote), so that a revision script can edit entries as data and
leave every line it did not change byte for byte as it was.

    doc = load("06-dien-quang.yaml")      # {"header": [...comment lines], "annex": 6, "groups": [...], "entries": [...]}
    ...edit doc["entries"]...
    save("06-dien-quang.yaml", doc)

`python3 tools/reconstruction/annex_yaml.py --check` proves the round trip on every annex file.
"""
import pathlib
import sys

import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from author import ROOT, q  # noqa: E402

ANNEXES = ROOT / "annexes"
# Key order of an entry, of a national code and of a mapping, as the annex files write them.
ENTRY_KEYS = ["code", "nameVi", "nameEn", "group", "status", "statusReason", "replacedBy", "nationalCodes",
              "specimen", "method", "modality", "bodyRegion", "contrast", "laterality", "mappings", "unmappedReason"]
MAPPING_KEYS = ["system", "code", "display", "relationship", "comment"]


def annex_files():
    """The annex files the manifest names, in its order."""
    manifest = yaml.safe_load((ANNEXES / "catalog.yaml").read_text(encoding="utf-8"))
    return [a["file"] for a in manifest["annexes"]]


def load(name):
    text = (ANNEXES / name).read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    data = yaml.safe_load(text)
    data["header"] = header
    return data


def dump(doc):
    """The annex file's text for `doc`."""
    out = list(doc["header"]) + [f"annex: {doc['annex']}", "groups:"]
    for g in doc["groups"]:
        out += [f"  - id: {g['id']}", f"    nameVi: {q(g['nameVi'])}", f"    nameEn: {q(g['nameEn'])}"]
    out.append("entries:")
    for e in doc["entries"]:
        unknown = set(e) - set(ENTRY_KEYS)
        if unknown:
            sys.exit(f"{e.get('code')}: unknown keys {sorted(unknown)}")
        first = True
        for key in ENTRY_KEYS:
            if key not in e or e[key] is None:
                continue
            lead = "  - " if first else "    "
            first = False
            value = e[key]
            if key == "nationalCodes":
                out.append(f"{lead}nationalCodes:")
                for n in value:
                    out.append(f"      - maTuongDuong: {n['maTuongDuong']}")
                    if n.get("tt23"):
                        out.append(f"        tt23: \"{n['tt23']}\"")
            elif key == "mappings":
                if not value:
                    continue
                out.append(f"{lead}mappings:")
                for m in value:
                    mlead = "      - "
                    for mk in MAPPING_KEYS:
                        if m.get(mk) is None:
                            continue
                        out.append(f"{mlead}{mk}: {q(m[mk])}")
                        mlead = "        "
            else:
                out.append(f"{lead}{key}: {q(value)}")
    return "\n".join(out) + "\n"


def save(name, doc):
    (ANNEXES / name).write_text(dump(doc), encoding="utf-8")


if __name__ == "__main__":
    bad = 0
    for name in annex_files():
        text = (ANNEXES / name).read_text(encoding="utf-8")
        if dump(load(name)) != text:
            bad += 1
            print(f"{name}: the round trip changes the file", file=sys.stderr)
    sys.exit(1 if bad else 0)
