#!/usr/bin/env python3
"""Writes each laboratory entry's `scale` where its Vietnamese name states it.

The national names say whether a test measures a quantity ("Định lượng …", "Đo hoạt độ …",
"… đếm số lượng …") or reports a qualitative finding ("Định tính …"). This script copies that
statement into the field `scale` (quantitative | qualitative), after `specimen` (and `method`
when there is one), for every entry of annexes 1–5 whose name states exactly one of the two.
Names stating neither or both ("định tính và định lượng") are left without `scale`. The
compiler checks the same reading (rule LT0306, `ResultScale.stated(byName:)`), so an edit that
contradicts the name is refused. Idempotent: an entry that already has `scale` is left alone.

    python3 tools/reconstruction/derive_scale.py annexes
"""
import re
import sys
import unicodedata
from pathlib import Path


def fold(text: str) -> str:
    """The project's search key: NFC, lower case, spaces collapsed, diacritics removed, đ as d."""
    text = " ".join(unicodedata.normalize("NFC", text).lower().split())
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not 0x300 <= ord(c) <= 0x36F)
    return stripped.replace("đ", "d")


def stated(name: str):
    key = " " + fold(name) + " "
    quantitative = any(k in key for k in (" dinh luong", " do hoat do ", " dem so luong "))
    qualitative = " dinh tinh" in key
    if quantitative == qualitative:
        return None
    return "quantitative" if quantitative else "qualitative"


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def derive(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    added = 0
    # Entry by entry: an entry starts at "  - ", the entries' indentation.
    blocks = re.split(r"(?m)^(?=  - )", text)
    result = []
    for block in blocks:
        name = re.search(r"(?m)^\s+(?:- )?nameVi: (.*)$", block)
        if not name or not re.search(r"(?m)^    specimen: ", block) or re.search(r"(?m)^    scale: ", block):
            result.append(block)
            continue
        scale = stated(unquote(name.group(1)))
        if scale is None:
            result.append(block)
            continue
        anchor = re.search(r"(?m)^    method: .*$", block) or re.search(r"(?m)^    specimen: .*$", block)
        block = block[: anchor.end()] + f"\n    scale: {scale}" + block[anchor.end():]
        added += 1
        result.append(block)
    path.write_text("".join(result), encoding="utf-8")
    return added


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "annexes")
    for path in sorted(folder.glob("0[1-5]-*.yaml")):
        print(f"{path}: scale written on {derive(path)} entries")


if __name__ == "__main__":
    main()
