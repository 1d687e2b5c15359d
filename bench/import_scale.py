#!/usr/bin/env python3
"""`lienthong import` at scale (issue 26): the catalog's own workbook (`lienthong export`) with N new
entry rows appended to the `Phụ lục 1` sheet (and, for every tenth, a mapping row on `Ánh xạ` naming
it by its national code), imported into a copy of the sources. Prints wall time and peak RSS per N,
so that the growth can be read (linear: the time per row stays flat). A benchmark, not a timed test.

Usage: bench/import_scale.py [--bin .build/release/lienthong] [--rows 50000,100000,200000]"""
import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cell(column, row, text):
    return f'<c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def append_rows(source, target, count):
    """The exported workbook with `count` new laboratory rows and their mapping rows."""
    book = zipfile.ZipFile(source)
    names = re.findall(r'<sheet name="([^"]*)"', book.read("xl/workbook.xml").decode())
    annex = f"xl/worksheets/sheet{names.index('Phụ lục 1') + 1}.xml"
    mappings = f"xl/worksheets/sheet{names.index('Ánh xạ') + 1}.xml"
    out = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)
    for item in book.infolist():
        data = book.read(item.filename)
        if item.filename in (annex, mappings):
            xml = data.decode()
            r = max(int(n) for n in re.findall(r'<row r="(\d+)"', xml))
            parts = []
            for i in range(count):
                national = f"23.{9000 + i // 10000:04d}.{i % 10000:04d}"
                if item.filename == annex:
                    r += 1
                    parts.append(f'<row r="{r}">' + cell("B", r, f"Xét nghiệm thử {i} [Máu]") + cell("C", r, f"Test {i}, quantitative [blood]")
                                 + cell("D", r, "chuyen-hoa") + cell("E", r, "active") + cell("H", r, national) + cell("J", r, "serum-or-plasma") + "</row>")
                elif i % 10 == 0:
                    r += 1
                    parts.append(f'<row r="{r}">' + cell("A", r, national) + cell("B", r, "loinc") + cell("C", r, "2345-7")
                                 + cell("D", r, "Glucose [Mass/volume] in Serum or Plasma") + cell("E", r, "related-to") + "</row>")
            data = xml.replace("</sheetData>", "".join(parts) + "</sheetData>").encode()
        out.writestr(item, data)
    out.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/lienthong"))
    ap.add_argument("--rows", default="50000,100000,200000")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    with tempfile.TemporaryDirectory() as tmp:
        exported = os.path.join(tmp, "book.xlsx")
        subprocess.run([binary, "export", "--annexes", os.path.join(ROOT, "annexes"), "--out", os.path.join(ROOT, "generated"),
                        "--output", exported], check=True, capture_output=True)
        print("| new rows | workbook MiB | import wall s | µs per row | peak RSS MiB | exit |")
        print("|---|---|---|---|---|---|")
        for count in [int(n) for n in args.rows.split(",")]:
            work = os.path.join(tmp, f"w{count}")
            shutil.copytree(os.path.join(ROOT, "annexes"), os.path.join(work, "annexes"))
            shutil.copytree(os.path.join(ROOT, "tools"), os.path.join(work, "tools"))
            book = os.path.join(work, "big.xlsx")
            append_rows(exported, book, count)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.monotonic()
            run = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "import", book, "--into", "annexes", "--out", os.path.join(ROOT, "generated"),
                                  "--max-file-size", str(1 << 30)], cwd=work, capture_output=True, text=True)
            wall = time.monotonic() - start
            peak_kib = int(run.stderr.strip().splitlines()[-1]) if run.stderr.strip() else before
            if run.returncode != 0:
                print(run.stderr[-2000:], file=sys.stderr)
            print(f"| {count:,} | {os.path.getsize(book) / 2**20:.1f} | {wall:.1f} | {wall / count * 1e6:.0f} | {peak_kib / 1024:.0f} | {run.returncode} |", flush=True)
            shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
