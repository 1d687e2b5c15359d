#!/usr/bin/env python3
"""Consumer check: the XLSX workbook of every version in generated/ that publishes one is read
by two independent readers, openpyxl and LibreOffice Calc (headless, converting every sheet to
CSV), and both see what catalog.json says: every annex sheet, the national-codes sheet and the
mappings sheet hold exactly the published values, every code, national code and TT23 number as
text (so "23.20" is not the number 23.2). openpyxl also checks the layout people rely on: header
row frozen and filtered, column widths set, retired entries struck through, the document dated
the effective date. From xlsx format 1.2.0: the sheet of allowed values lists each annex's group
ids (as catalog.json does) and every enumerated column's values with Vietnamese and English
meanings; every enumerated column of the annex and mappings sheets has a drop-down list (a list
data validation) pointing into it that admits every published value; the coverage table's counts
are numbers equal to catalog.json's. A copy with a TT23 number stored as a number, and a copy
without its drop-down lists, must be refused, so the check can fail.
Usage: xlsx_check.py GENERATED_DIR"""
import csv
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import openpyxl

SYSTEM = {"http://loinc.org": "loinc", "http://www.radlex.org": "radlex"}
LAB = ["specimen", "method"]
IMAGING = ["modality", "bodyRegion", "contrast", "laterality"]
LEADING = ["code", "nameVi", "nameEn", "group", "status", "statusReason", "replacedBy", "maTuongDuong", "tt23"]
TRAILING = ["mappings", "unmappedReason"]
# Computed from the releases; from xlsx format 1.1.0, which ships with catalog.json 1.3.0.
HISTORY = ["versionFirstReleased", "versionLastChanged"]
# From xlsx format 1.2.0: drop-down lists on these columns, values on this sheet.
ALLOWED = "Giá trị cho phép"
ENUMERATED = ["group", "status", "specimen", "scale", "modality", "bodyRegion", "contrast", "laterality", "system", "relationship"]
# From xlsx format 1.2.0 too: the laboratory result scale after the method.
LAB_SCALE = ["specimen", "method", "scale"]


def fail(message):
    print(f"xlsx: {message}", file=sys.stderr)
    return 1


def annex_rows(catalog, annex):
    """The expected rows (keys and values) of an annex sheet, from catalog.json."""
    lab = LAB_SCALE if tuple(int(p) for p in catalog.get("formatVersion", "1.0.0").split(".")) >= (1, 4, 0) else LAB
    keys = LEADING + (lab if annex["kind"] == "laboratory" else IMAGING) + TRAILING
    if any(HISTORY[0] in e for e in catalog["entries"]):
        keys += HISTORY
    rows = []
    for e in catalog["entries"]:
        if e["annex"] != annex["number"]:
            continue
        national = e["nationalCodes"]
        value = {
            "maTuongDuong": "\n".join(n["maTuongDuong"] for n in national),
            "tt23": "" if all("tt23" not in n for n in national) else "\n".join(n.get("tt23", "") for n in national),
            "mappings": "\n".join(f"{SYSTEM[m['system']]} {m['code']} ({m['relationship']})" for m in e["mappings"]),
        }
        rows.append([value[k] if k in value else str(e.get(k, "")) for k in keys])
    return keys, rows


def expected_sheets(catalog):
    """Sheet name -> (header keys, rows of text) for every data sheet."""
    sheets = {}
    for annex in catalog["annexes"]:
        sheets[f"Phụ lục {annex['number']}"] = annex_rows(catalog, annex)
    sheets["Mã tương đương"] = (["code", "maTuongDuong", "tt23"],
                                [[e["code"], n["maTuongDuong"], n.get("tt23", "")] for e in catalog["entries"] for n in e["nationalCodes"]])
    sheets["Ánh xạ"] = (["code", "system", "targetCode", "targetDisplay", "relationship", "comment"],
                        [[e["code"], SYSTEM[m["system"]], m["code"], m["display"], m["relationship"], m.get("comment", "")]
                         for e in catalog["entries"] for m in e["mappings"]])
    # From json 1.4.0 / xlsx 1.2.0 the mappings sheet ends with each mapping's evidence.
    if any("evidence" in m for e in catalog["entries"] for m in e["mappings"]):
        keys, rows = sheets["Ánh xạ"]
        evidences = [m.get("evidence") for e in catalog["entries"] for m in e["mappings"]]
        sheets["Ánh xạ"] = (keys + ["evidence"], [row + [evidence_text(ev)] for row, ev in zip(rows, evidences)])
    return sheets


def evidence_text(ev):
    """The workbook's evidence cell for a mapping's catalog.json evidence."""
    if ev is None:
        return ""
    listed = lambda axes: ", ".join(axes) if axes else "—"
    text = f"{ev['file']} line {ev['line']} ({ev.get('release') or 'release not recorded'}): {ev['code']} {ev['name']} — agrees: {listed(ev['agrees'])}; unspecified: {listed(ev['unspecified'])}"
    if ev["disagrees"]:
        text += f"; disagrees: {listed(ev['disagrees'])}"
    return text


def header_keys(header):
    """`Mã (code)` -> `code`."""
    return [h[h.rindex("(") + 1:-1] if h and h.endswith(")") else h for h in header]


def compare(reader, name, keys, rows, got_header, got_rows):
    if header_keys(got_header) != keys:
        return f"{reader}: sheet {name}: header {got_header} does not name the columns {keys}"
    if len(got_rows) != len(rows):
        return f"{reader}: sheet {name}: {len(got_rows)} rows, catalog.json has {len(rows)}"
    for i, (want, got) in enumerate(zip(rows, got_rows)):
        if want != got:
            bad = next(k for k, a, b in zip(keys, want, got) if a != b)
            j = keys.index(bad)
            return f"{reader}: sheet {name} row {i + 2} column {bad}: {got[j]!r}, catalog.json says {want[j]!r}"
    return None


def check_openpyxl(path, catalog):
    """Values, cell types and layout as openpyxl reads them; returns an error text or None."""
    book = openpyxl.load_workbook(path)
    sheets = expected_sheets(catalog)
    missing = [s for s in list(sheets) + ["Ghi chú"] if s not in book.sheetnames]
    if missing:
        return f"openpyxl: sheets {missing} missing (has {book.sheetnames})"
    for name, (keys, rows) in sheets.items():
        ws = book[name]
        if ws.freeze_panes != "A2" or not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
            return f"openpyxl: sheet {name}: header not frozen ({ws.freeze_panes}) or not filtered ({ws.auto_filter.ref})"
        for column in range(1, len(keys) + 1):
            letter = openpyxl.utils.get_column_letter(column)
            if not ws.column_dimensions[letter].width or ws.column_dimensions[letter].width < 5:
                return f"openpyxl: sheet {name}: column {letter} has no width set"
        got = []
        for r, row in enumerate(ws.iter_rows(min_row=1, max_col=len(keys)), start=1):
            for cell in row:
                if cell.value is not None and cell.data_type != "s":
                    return f"openpyxl: {name}!{cell.coordinate} is stored as type {cell.data_type!r}, not text: {cell.value!r}"
            got.append(["" if c.value is None else c.value for c in row])
        error = compare("openpyxl", name, keys, rows, got[0], got[1:])
        if error:
            return error
        if name.startswith("Phụ lục"):
            status = keys.index("status")
            for row in ws.iter_rows(min_row=2, max_col=len(keys)):
                if (row[status].value == "retired") != bool(row[0].font.strike):
                    return f"openpyxl: {name}!{row[0].coordinate}: a {row[status].value} entry {'not ' if row[status].value == 'retired' else ''}struck through"
    notes = [[c.value for c in row] for row in book["Ghi chú"].iter_rows(max_col=2)]
    values = {r[0]: r[1] for r in notes if r[0]}
    for key in ("version", "effectiveDate", "canonicalUrl", "oid"):
        label = next((k for k in values if k.endswith(f"({key})")), None)
        if label is None or values[label] != catalog[key]:
            return f"openpyxl: notes sheet: {key} is {values.get(label)!r}, catalog.json says {catalog[key]!r}"
    created = book.properties.created
    if created != datetime.datetime.fromisoformat(catalog["effectiveDate"]):
        return f"openpyxl: document created {created}, not the effective date {catalog['effectiveDate']}"
    if format_version(book) >= (1, 2, 0):
        return check_helpers(book, catalog)
    return None


def format_version(book):
    """The workbook's xlsx format version, from the notes sheet (`lienthong xlsx 1.2.0`)."""
    for label, value in book["Ghi chú"].iter_rows(max_col=2, values_only=True):
        if label and label.endswith("(format)"):
            return tuple(int(p) for p in value.split()[-1].split("."))
    return (0, 0, 0)


def list_values(book, formula):
    """The values a list validation's formula (`'Giá trị cho phép'!$C$2:$C$4`) names."""
    sheet, cells = formula.lstrip("=").rsplit("!", 1)
    ws = book[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def check_helpers(book, catalog):
    """Format 1.2.0 on: allowed values, drop-down lists, numbers; returns an error text or None."""
    if ALLOWED not in book.sheetnames:
        return f"openpyxl: no sheet {ALLOWED!r}"
    values = [r for r in book[ALLOWED].iter_rows(min_row=2, values_only=True)]
    for field, annex, value, vi, en in values:
        if not (field and value and vi and en):
            return f"openpyxl: {ALLOWED}: a row without its field, value or meanings: {(field, annex, value, vi, en)}"
    for annex in catalog["annexes"]:
        listed = [v for f, a, v, _, _ in values if f == "group" and a == annex["number"]]
        if listed != [g["id"] for g in annex["groups"]]:
            return f"openpyxl: {ALLOWED}: groups of annex {annex['number']} are {listed}, catalog.json has {[g['id'] for g in annex['groups']]}"
        if not isinstance(next(a for f, a, _, _, _ in values if f == "group" and a == annex["number"]), int):
            return f"openpyxl: {ALLOWED}: the annex number is not a number"
    for name, (keys, rows) in expected_sheets(catalog).items():
        ws = book[name]
        for key in keys:
            if key not in ENUMERATED:
                continue
            letter = openpyxl.utils.get_column_letter(keys.index(key) + 1)
            found = [v for v in ws.data_validations.dataValidation
                     if v.type == "list" and any(str(r) == f"{letter}2:{letter}1048576" for r in v.sqref.ranges)]
            if len(found) != 1:
                return f"openpyxl: sheet {name} column {key} ({letter}): {len(found)} drop-down lists over {letter}2:{letter}1048576, want 1"
            allowed = list_values(book, found[0].formula1)
            if found[0].errorStyle not in (None, "stop") or not allowed:
                return f"openpyxl: sheet {name} column {key}: the list {found[0].formula1} is empty or does not stop other values"
            used = {row[keys.index(key)] for row in rows} - {""}
            if not used <= set(allowed):
                return f"openpyxl: sheet {name} column {key}: values {sorted(used - set(allowed))} are not in its list {found[0].formula1}"
    rows = list(book["Ghi chú"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Phụ lục (annex)")
    for annex, row in zip(catalog["annexes"], rows[start + 1:]):
        if not all(isinstance(v, (int, float)) for v in row[1:9]):
            return f"openpyxl: notes sheet: coverage row {row[0]!r} holds {row[1:9]}, not numbers"
        in_use = sum(1 for e in catalog["entries"] if e["annex"] == annex["number"] and e["status"] != "retired")
        mapped = sum(1 for e in catalog["entries"] if e["annex"] == annex["number"] and e["status"] != "retired" and e["mappings"])
        if (row[1], row[2]) != (in_use, mapped):
            return f"openpyxl: notes sheet: annex {annex['number']} has {row[1]} entries, {row[2]} mapped; catalog.json says {in_use}, {mapped}"
    return None


def check_libreoffice(path, catalog, tmp):
    """Every sheet converted to CSV by LibreOffice Calc agrees with catalog.json."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "LibreOffice (soffice) is not installed; run scripts/install-deps.sh"
    out = pathlib.Path(tmp) / "csv"
    profile = pathlib.Path(tmp) / "profile"
    # Filter options: comma, double quote, UTF-8 (76), from row 1, ..., -1 = every sheet to its own file.
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": tmp})
    for name, (keys, rows) in expected_sheets(catalog).items():
        csv_path = out / f"{path.stem}-{name}.csv"
        if not csv_path.exists():
            return f"LibreOffice: no CSV for sheet {name} (got {sorted(p.name for p in out.iterdir())})"
        with csv_path.open(encoding="utf-8", newline="") as f:
            got = [row + [""] * (len(keys) - len(row)) for row in csv.reader(f)]
        error = compare("LibreOffice", name, keys, rows, got[0], got[1:])
        if error:
            return error
    if format_version(openpyxl.load_workbook(path)) >= (1, 2, 0):
        if not (out / f"{path.stem}-{ALLOWED}.csv").exists():
            return f"LibreOffice: no CSV for sheet {ALLOWED}"
        # LibreOffice keeps the drop-down lists: saved again as XLSX, every column still has its
        # list from row 2 (LibreOffice trims a list's range to the rows the sheet uses).
        again = pathlib.Path(tmp) / "again"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "xlsx", "--outdir", str(again), str(path)],
                       check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": tmp})
        original, saved = openpyxl.load_workbook(path), openpyxl.load_workbook(again / path.name)
        for name in expected_sheets(catalog):
            want = sorted(str(v.sqref).split(":")[0] for v in original[name].data_validations.dataValidation if v.type == "list")
            got = sorted(str(v.sqref).split(":")[0] for v in saved[name].data_validations.dataValidation if v.type == "list")
            if want != got:
                return f"LibreOffice: sheet {name} saved again has drop-down lists on {got}, the workbook on {want}"
    return None


def check(path, catalog):
    error = check_openpyxl(path, catalog)
    if error:
        return fail(f"{path}: {error}")
    with tempfile.TemporaryDirectory() as tmp:
        error = check_libreoffice(path, catalog, tmp)
        if error:
            return fail(f"{path}: {error}")
        # The check can fail: a TT23 number stored as a number is refused.
        broken = pathlib.Path(tmp) / "broken.xlsx"
        book = openpyxl.load_workbook(path)
        ws = book["Mã tương đương"]
        row = next(r for r in ws.iter_rows(min_row=2) if r[2].value)
        row[2].value = float(row[2].value)
        book.save(broken)
        if check_openpyxl(broken, catalog) is None:
            return fail("a workbook with a TT23 number stored as a number passes; the check checks nothing")
        helpers = format_version(openpyxl.load_workbook(path)) >= (1, 2, 0)
        if helpers:
            # ... and so is a workbook whose annex sheet lost its drop-down lists.
            book = openpyxl.load_workbook(path)
            book["Phụ lục 1"].data_validations.dataValidation = []
            book.save(broken)
            if check_openpyxl(broken, catalog) is None:
                return fail("a workbook without drop-down lists passes; the check checks nothing")
    entries = len(catalog["entries"])
    extra = "; drop-down lists on every enumerated column, allowed values with their meanings, counts as numbers" if helpers else ""
    print(f"xlsx: {path}: openpyxl and LibreOffice read {entries} entries, every code and TT23 number as text, equal to catalog.json{extra}")
    return 0


def main():
    out = pathlib.Path(sys.argv[1])
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    checked = 0
    for release in index["releases"]:
        folder = out / release["version"]
        catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
        for path in sorted((folder / "xlsx").glob("*.xlsx")):
            if check(path, catalog):
                return 1
            checked += 1
    if checked == 0:
        return fail("no XLSX workbook found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
