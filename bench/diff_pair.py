#!/usr/bin/env python3
"""Writes the second release of a diff benchmark: a copy of a synthetic catalog folder (from
`lienthong-bench generate`) as version 1.1.0 with one change in every EVERY-th entry, cycling
through the change classes (English rename, Vietnamese spelling fix, deprecation, retirement,
attribute, national code added, mapping relationship, group move), all valid sources.

Usage: diff_pair.py SOURCE_DIR OUT_DIR [EVERY]   (default EVERY=25: 4,000 changes per 100,000)"""
import os
import shutil
import sys

CLASSES = 8


def change(lines, i, kind, serial):
    """Changes the entry whose lines are `lines` (a list, edited in place)."""
    def find(prefix):
        return next((k for k, line in enumerate(lines) if line.startswith(prefix)), None)
    if kind == 0:
        k = find("    nameEn: ")
        lines[k] = lines[k] + " revised"
    elif kind == 1:
        k = find("    nameVi: ")
        value = lines[k][len("    nameVi: "):]
        lines[k] = "    nameVi: " + (value[0].lower() if value[0].isupper() else value[0].upper()) + value[1:]
    elif kind in (2, 3):
        k = find("    status: active")
        if k is not None:
            status, reason = ("deprecated", "Ngừng sử dụng dần") if kind == 2 else ("retired", "Thu hồi")
            lines[k:k + 1] = [f"    status: {status}", f"    statusReason: {reason}"]
    elif kind == 4:
        k = find("    contrast: none")
        if k is not None:
            lines[k] = "    contrast: iv"
        else:
            k = find("    specimen: ")
            lines[k] = "    specimen: blood" if not lines[k].endswith("blood") else "    specimen: urine"
    elif kind == 5:
        k = find("      - maTuongDuong: ")
        lines.insert(k + 1, f"      - maTuongDuong: 99.{serial // 10000 % 10000:04d}.{serial % 10000:04d}")
    elif kind == 6:
        k = find("        relationship: equivalent")
        if k is not None:
            lines[k:k + 1] = ["        relationship: source-is-broader-than-target", "        comment: Dịch vụ rộng hơn mã đích."]
    elif kind == 7:
        k = find("    group: g")
        lines[k] = "    group: h"


def main():
    source, out = sys.argv[1], sys.argv[2]
    every = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, out)
    with open(os.path.join(out, "catalog.yaml"), encoding="utf-8") as f:
        manifest = f.read()
    with open(os.path.join(out, "catalog.yaml"), "w", encoding="utf-8") as f:
        f.write(manifest.replace("version: 1.0.0", "version: 1.1.0", 1))
    serial = 0
    for name in sorted(os.listdir(out)):
        if not name.endswith(".yaml") or name == "catalog.yaml":
            continue
        path = os.path.join(out, name)
        with open(path, encoding="utf-8") as f:
            text = f.read().split("\n")
        result, entry, index = [], [], 0

        def flush():
            nonlocal index, serial
            if entry:
                if index % every == 0:
                    change(entry, index, (index // every) % CLASSES, serial)
                    serial += 1
                index += 1
                result.extend(entry)
                entry.clear()
        for line in text:
            if line.startswith("  - code: "):
                flush()
                entry.append(line)
            elif entry:
                entry.append(line)
            else:
                result.append(line)
                if line.startswith("  - {id: g,"):
                    result.append("  - {id: h, nameVi: Nhóm hai, nameEn: Group two}")
        flush()
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(result))
    print(serial)


if __name__ == "__main__":
    main()
