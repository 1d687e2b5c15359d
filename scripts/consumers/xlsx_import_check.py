#!/usr/bin/env python3
"""Consumer check of `lienthong import` on the full catalog, with workbooks written by other
programs than the exporter: LibreOffice (the exported workbook saved again) and openpyxl (the
edits a staff member makes, an official-style table, and the typical mistakes).

- The exported workbook, and the same saved again by LibreOffice, import as "nothing to change".
- A rename, a retirement, a changed TT23 number with an added national code, a mapping's new
  comment and a removed mapping, and a new row made with openpyxl come back as exactly those lines of
  the YAML source; `lienthong assign` then gives the new entry its code and `check` passes.
- An official-style table (title row merged above the header, STT / Tên kỹ thuật / Mã tương đương,
  a section heading row, the entries in use, one name changed) imports as exactly that rename; so
  does a table laid out as the national list (header on row 6 under merged title rows,
  MA_TUONG_DUONG / TEN_DVKT_PHEDUYET, TT23 typed as numbers), with one warning for its price column.
- TT23 numbers typed as numbers that read back to the entries' values import as no change; an
  ambiguous one (23.20 typed as 23.2) is one LT1005 error.
- Each typical mistake gives exactly one error at the right cell and rule, and changes nothing:
  a missing column, a merged header cell, a number where a TT23 number belongs, a CSV saved in
  Windows-1258.
- The computed history columns: against the releases of GENERATED_DIR, the exported workbook gives
  no warning, and edited history cells change nothing and give one LT1012 warning.
Usage: xlsx_import_check.py LIENTHONG_BINARY ANNEXES_DIR GENERATED_DIR"""
import csv
import difflib
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl


def fail(message):
    print(f"xlsx import: {message}", file=sys.stderr)
    return 1


class Checker:
    def __init__(self, binary, annexes, workbook, tmp):
        self.binary, self.annexes, self.workbook, self.tmp = binary, annexes, workbook, pathlib.Path(tmp)

    def fresh(self):
        sources = self.tmp / "annexes"
        if sources.exists():
            shutil.rmtree(sources)
        shutil.copytree(self.annexes, sources)
        return sources

    def run(self, *args, sources, out=None):
        return subprocess.run([self.binary, *args, "--annexes", str(sources), "--out", str(out or self.tmp / "out")],
                              capture_output=True, text=True, timeout=300)

    def diff(self, sources):
        """Changed lines per annex file (not the manifest): (removed, added)."""
        changes = {}
        for path in sorted(pathlib.Path(self.annexes).glob("*.yaml")):
            if path.name == "catalog.yaml":
                continue
            before = path.read_text(encoding="utf-8").splitlines()
            after = (sources / path.name).read_text(encoding="utf-8").splitlines()
            if before != after:
                lines = list(difflib.unified_diff(before, after, lineterm="", n=0))
                changes[path.name] = ([l[1:] for l in lines if l.startswith("-") and not l.startswith("---")],
                                      [l[1:] for l in lines if l.startswith("+") and not l.startswith("+++")])
        return changes

    def expect_unchanged(self, book, what, *extra):
        sources = self.fresh()
        result = self.run("import", str(book), *extra, sources=sources)
        if result.returncode != 0 or "nothing to change" not in result.stdout or self.diff(sources):
            return f"{what}: expected no change, got exit {result.returncode}: {result.stdout}{result.stderr}"
        return None

    def expect_one_error(self, book, what, rule, position, *extra):
        sources = self.fresh()
        result = self.run("import", str(book), *extra, sources=sources)
        errors = [l for l in result.stderr.splitlines() if ": error: " in l]
        if result.returncode != 1 or len(errors) != 1 or rule not in errors[0] or not errors[0].startswith(position + ": error: ") or self.diff(sources):
            return f"{what}: expected one {rule} error at {position}, got exit {result.returncode}: {result.stderr}"
        print(f"xlsx import: {what}: {errors[0]}")
        return None


def main():
    binary, annexes, generated = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    index = json.loads((generated / "index.json").read_text(encoding="utf-8"))
    version = index["latest"] if isinstance(index.get("latest"), str) else index["releases"][-1]["version"]
    folder = generated / version
    catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
    workbook = next((folder / "xlsx").glob("*.xlsx"))
    with tempfile.TemporaryDirectory() as tmp:
        c = Checker(binary, annexes, workbook, tmp)
        tmp = pathlib.Path(tmp)
        # 1. Round trips.
        error = c.expect_unchanged(workbook, "the exported workbook")
        if error:
            return fail(error)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        resaved = tmp / "lo"
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "xlsx", "--outdir", str(resaved), str(workbook)],
                       check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp)})
        error = c.expect_unchanged(next(resaved.glob("*.xlsx")), "the workbook saved again by LibreOffice")
        if error:
            return fail(error)
        # 2. A staff member's edits with openpyxl: rename, retire, new row in annex 1.
        book = openpyxl.load_workbook(workbook)
        ws = book["Phụ lục 1"]
        head = {ws.cell(1, col).value.rsplit("(", 1)[1].rstrip(")"): col for col in range(1, ws.max_column + 1)}
        rows = {ws.cell(r, head["code"]).value: r for r in range(2, ws.max_row + 1)}
        active = [e for e in catalog["entries"] if e["annex"] == 1 and e["status"] == "active"]
        rename, retire = active[0], active[1]
        recode = next(e for e in active[2:] if len(e["nationalCodes"]) == 1 and e["nationalCodes"][0].get("tt23"))
        ws.cell(rows[rename["code"]], head["nameVi"]).value = rename["nameVi"] + " (sửa)"
        ws.cell(rows[retire["code"]], head["status"]).value = "retired"
        ws.cell(rows[retire["code"]], head["statusReason"]).value = "Rút khỏi danh mục theo góp ý"
        ws.cell(rows[recode["code"]], head["maTuongDuong"]).value = recode["nationalCodes"][0]["maTuongDuong"] + "\n23.0998.1998"
        ws.cell(rows[recode["code"]], head["tt23"]).value = "23.9999\n"
        # The rename's entry loses its second mapping and its first gets a new comment (mappings sheet,
        # and the summary cell of the annex sheet kept in step).
        maps = book["Ánh xạ"]
        mrows = [r for r in range(2, maps.max_row + 1) if maps.cell(r, 1).value == rename["code"]]
        maps.cell(mrows[0], 6).value = "Bình luận mới. New comment."
        maps.delete_rows(mrows[1])
        summary = ws.cell(rows[rename["code"]], head["mappings"])
        summary.value = summary.value.split("\n")[0]
        new = ws.max_row + 1
        for key, value in {"nameVi": "Định lượng Thử nghiệm [Máu]", "nameEn": "Test analyte, quantitative [blood]", "group": rename["group"],
                           "status": "active", "maTuongDuong": "23.0999.1999", "tt23": "23.20", "specimen": "serum-or-plasma",
                           "unmappedReason": "Chưa có mã LOINC tương ứng."}.items():
            ws.cell(new, head[key]).value = value
            ws.cell(new, head[key]).number_format = "@"
        edited = tmp / "edited.xlsx"
        book.save(edited)
        sources = c.fresh()
        # The new row is unmapped, which lowers coverage: the manifest's floors (exactly today's
        # levels) are not what this check is about, so this copy drops them.
        manifest = sources / "catalog.yaml"
        manifest.write_text(re.sub(r"(?m)^(\s*)minimumCoverage: .*$", r"\1minimumCoverage: 0", manifest.read_text(encoding="utf-8")), encoding="utf-8")
        result = c.run("import", str(edited), sources=sources)
        if result.returncode != 0:
            return fail(f"the edited workbook: exit {result.returncode}: {result.stderr}")
        changes = c.diff(sources)
        (removed, added), = changes.values()
        second = rename["mappings"][1]
        want_removed = [f"    nameVi: {rename['nameVi']}", "    status: active", f'        tt23: "{recode["nationalCodes"][0]["tt23"]}"',
                        f"        comment: {rename['mappings'][0]['comment']}", f"      - system: loinc", f"        code: {second['code']}",
                        f"        display: {second['display']}", f"        relationship: {second['relationship']}", f"        comment: {second['comment']}"]
        want_added = [f"    nameVi: {rename['nameVi']} (sửa)", "    status: retired", "    statusReason: Rút khỏi danh mục theo góp ý",
                      '        tt23: "23.9999"', "      - maTuongDuong: 23.0998.1998", "        comment: Bình luận mới. New comment.",
                      "  - nameVi: Định lượng Thử nghiệm [Máu]", "    nameEn: Test analyte, quantitative [blood]", f"    group: {rename['group']}",
                      "    status: active", "    nationalCodes:", "      - maTuongDuong: 23.0999.1999", '        tt23: "23.20"',
                      "    specimen: serum-or-plasma", "    unmappedReason: Chưa có mã LOINC tương ứng."]
        if sorted(removed) != sorted(want_removed) or sorted(added) != sorted(want_added):
            return fail(f"the edited workbook: the sources changed by -{removed} +{added}, expected -{want_removed} +{want_added}")
        assign = c.run("assign", sources=sources)
        check = c.run("check", sources=sources)
        if assign.returncode != 0 or check.returncode != 0:
            return fail(f"after import, assign/check fail: {assign.stdout}{assign.stderr}{check.stderr}")
        print(f"xlsx import: rename, retire, national codes changed and new row (openpyxl) came back as exactly {len(removed)} removed and {len(added)} added lines; assign and check pass")
        # 3. An official-style table of annex 2 (which has retired entries, absent from such a
        # table): title row merged above the header, a section heading row, one name changed.
        target = next(e for e in catalog["entries"] if e["annex"] == 2 and e["status"] == "active")
        official = openpyxl.Workbook()
        ws = official.active
        ws.title = "Bảng 2"
        ws["A1"] = "PHỤ LỤC 2. DANH MỤC XÉT NGHIỆM HUYẾT HỌC"
        ws.merge_cells("A1:D1")
        ws.append(["STT", "Tên kỹ thuật", "Mã tương đương", "Số TT23"])
        ws.append(["I", "Huyết học", None, None])
        for n, e in enumerate((e for e in catalog["entries"] if e["annex"] == 2 and e["status"] != "retired"), start=1):
            name = e["nameVi"] + (" (bản chính thức)" if e["code"] == target["code"] else "")
            ws.append([n, name, e["nationalCodes"][0]["maTuongDuong"], e["nationalCodes"][0].get("tt23")])
        for row in ws.iter_rows(min_row=3, min_col=3, max_col=4):
            for cell in row:
                cell.number_format = "@"
        table = tmp / "official.xlsx"
        official.save(table)
        sources = c.fresh()
        result = c.run("import", str(table), "--annex", "2", sources=sources)
        changes = c.diff(sources)
        if result.returncode != 0 or list(changes.values()) != [([f"    nameVi: {target['nameVi']}"], [f"    nameVi: {target['nameVi']} (bản chính thức)"])]:
            return fail(f"the official-style table: exit {result.returncode} {result.stderr}, changes {changes}")
        print("xlsx import: an official-style table (STT, Tên kỹ thuật, Mã tương đương; retired entries absent) came back as exactly its one rename")
        # 3b. A table laid out as the national list (issue 26): five title rows merged across the
        # page, the header on row 6 with the list's own headings (MA_TUONG_DUONG, TEN_DVKT_PHEDUYET,
        # a heading broken over two lines, a price column import does not know), section rows, TT23
        # numbers typed as numbers where they read back; it imports as its one rename, with one
        # warning naming the unknown column.
        national = openpyxl.Workbook()
        ws = national.active
        ws.title = "Sheet"
        for r, title in enumerate(["BỘ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHỤ LỤC 2", "DANH MỤC DỊCH VỤ KỸ THUẬT", "(Kèm theo Thông tư số …)"], start=1):
            ws.cell(r, 1).value = title
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        for col, heading in enumerate(["STT", "MA_TUONG_DUONG", "TEN_DVKT_PHEDUYET", "Mã kỹ thuật\n(TT23/2024)", "DON_GIA"], start=1):
            ws.cell(6, col).value = heading
        ws.cell(7, 1).value = "I. HUYẾT HỌC"
        ws.merge_cells(start_row=7, start_column=1, end_row=7, end_column=5)
        row = 8
        numbers = 0
        for n, e in enumerate((e for e in catalog["entries"] if e["annex"] == 2 and e["status"] != "retired"), start=1):
            tt23 = e["nationalCodes"][0].get("tt23")
            ws.cell(row, 1).value = n
            ws.cell(row, 2).value = e["nationalCodes"][0]["maTuongDuong"]
            ws.cell(row, 3).value = e["nameVi"] + (" (bản chính thức)" if e["code"] == target["code"] else "")
            if tt23 and len(e["nationalCodes"]) == 1 and not tt23.endswith("0"):
                ws.cell(row, 4).value = float(tt23)
                numbers += 1
            else:
                ws.cell(row, 4).value = tt23
                ws.cell(row, 4).number_format = "@"
            ws.cell(row, 5).value = 27000
            ws.cell(row, 2).number_format = "@"
            row += 1
        table = tmp / "national.xlsx"
        national.save(table)
        sources = c.fresh()
        result = c.run("import", str(table), "--annex", "2", sources=sources)
        changes = c.diff(sources)
        warnings = [l for l in result.stderr.splitlines() if ": warning: " in l]
        if (result.returncode != 0 or list(changes.values()) != [([f"    nameVi: {target['nameVi']}"], [f"    nameVi: {target['nameVi']} (bản chính thức)"])]
                or len(warnings) != 1 or not warnings[0].startswith("national.xlsx:Sheet!E6: warning: import does not know the column 'DON_GIA' (E)")):
            return fail(f"the national-list table: exit {result.returncode} {result.stderr}, changes {changes}")
        print(f"xlsx import: a national-list table (header on row 6 under merged titles, MA_TUONG_DUONG / TEN_DVKT_PHEDUYET, a section row, {numbers} TT23 numbers typed as numbers) came back as exactly its one rename; {warnings[0]}")
        # 4. Typical mistakes: one diagnostic each, nothing written.
        book = openpyxl.load_workbook(workbook)
        book["Phụ lục 1"].delete_cols(2)
        book.save(tmp / "missing-column.xlsx")
        errors = [c.expect_one_error(tmp / "missing-column.xlsx", "a missing column", "LT1003", "missing-column.xlsx:Phụ lục 1!A1", "--annex", "1")]
        book = openpyxl.load_workbook(workbook)
        book["Phụ lục 1"].merge_cells("B1:C1")
        book.save(tmp / "merged-header.xlsx")
        errors.append(c.expect_one_error(tmp / "merged-header.xlsx", "a merged header cell", "LT1004", "merged-header.xlsx:Phụ lục 1!B1", "--annex", "1"))
        book = openpyxl.load_workbook(workbook)
        ws = book["Phụ lục 1"]
        head = {ws.cell(1, col).value.rsplit("(", 1)[1].rstrip(")"): col for col in range(1, ws.max_column + 1)}
        # TT23 numbers typed as numbers: those that read back to the entry's value (23.75) are
        # accepted; one whose trailing zero is lost (23.20 typed as 23.2) is ambiguous: one error.
        tt23_rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, head["tt23"]).value and "\n" not in ws.cell(r, head["tt23"]).value]
        ambiguous = [r for r in tt23_rows if ws.cell(r, head["tt23"]).value.endswith("0")]
        for r in tt23_rows:
            if r not in ambiguous:
                ws.cell(r, head["tt23"]).value = float(ws.cell(r, head["tt23"]).value)
        book.save(tmp / "numbers.xlsx")
        error = c.expect_unchanged(tmp / "numbers.xlsx", "TT23 numbers typed as numbers that read back", "--annex", "1")
        if error:
            return fail(error)
        print(f"xlsx import: {len(tt23_rows) - len(ambiguous)} TT23 cells typed as numbers that read back to the entries' values: accepted, nothing to change")
        row = ambiguous[0]
        ws.cell(row, head["tt23"]).value = float(ws.cell(row, head["tt23"]).value)
        book.save(tmp / "number.xlsx")
        cell = f"{openpyxl.utils.get_column_letter(head['tt23'])}{row}"
        errors.append(c.expect_one_error(tmp / "number.xlsx", "an ambiguous number where a TT23 number belongs", "LT1005", f"number.xlsx:Phụ lục 1!{cell}", "--annex", "1"))
        text = io.StringIO()
        writer = csv.writer(text)
        for row in openpyxl.load_workbook(workbook)["Phụ lục 1"].iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
        (tmp / "annex-1.csv").write_bytes(text.getvalue().encode("cp1258", errors="replace"))
        errors.append(c.expect_one_error(tmp / "annex-1.csv", "a Windows-1258 CSV", "LT1002", "annex-1.csv", "--annex", "1"))
        errors = [e for e in errors if e]
        if errors:
            return fail("; ".join(errors))
        # 5. The history columns are computed from the releases in the output folder: the
        # exported workbook imports without a word against it, and edits there are ignored with
        # one warning (LT1012) at the first edited cell.
        book = openpyxl.load_workbook(workbook)
        ws = book["Phụ lục 1"]
        head = {ws.cell(1, col).value.rsplit("(", 1)[1].rstrip(")"): col for col in range(1, ws.max_column + 1)}
        ws.cell(2, head["versionFirstReleased"]).value = "2025.1.0"
        ws.cell(3, head["versionLastChanged"]).value = "2027.1.0"
        book.save(tmp / "history.xlsx")
        for path, warnings in ((workbook, []), (tmp / "history.xlsx", [f"history.xlsx:Phụ lục 1!{openpyxl.utils.get_column_letter(head['versionFirstReleased'])}2"])):
            sources = c.fresh()
            result = c.run("import", str(path), sources=sources, out=generated)
            got = [l for l in result.stderr.splitlines() if ": warning: " in l or ": error: " in l]
            if (result.returncode != 0 or "nothing to change" not in result.stdout or c.diff(sources) or len(got) != len(warnings)
                    or any(not (g.startswith(w + ": warning: ") and "(and 1 other cell)" in g and g.endswith("[LT1012]")) for g, w in zip(got, warnings))):
                return fail(f"{path.name} against {generated}: expected no change and warnings at {warnings}, got exit {result.returncode}: {result.stdout}{result.stderr}")
        print(f"xlsx import: history columns ignored; an edit there: {got[0]}")
    print("xlsx import: round trips (exporter, LibreOffice) change nothing; edits, official table and mistakes behave")
    return 0


if __name__ == "__main__":
    sys.exit(main())
