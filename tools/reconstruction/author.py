"""Shared machinery of the reconstruction aids: looks up Vietnamese service names in the
national lists and display names in the LOINC/RadLex reference tables, so that neither is
typed by hand, and writes annex YAML that keeps every code already issued.

The annex files in annexes/ are the sources of truth and are edited by hand afterwards; these
aids document how the first edition was reconstructed (see README.md beside this file).
"""
import csv
import pathlib
import sys
import unicodedata

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "reference"

# National lists: (MA_TUONG_DUONG, TT23 number) -> specific service name
_TT23 = {}
for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_tt23_2024.csv", encoding="utf-8")):
    _TT23.setdefault((r["Mã tương đương"], r["Mã kỹ thuật (TT23/2024)"]), r["Tên dịch vụ kỹ thuật cụ thể"])
_BY_CODE = {}
for (code, tt23), name in _TT23.items():
    _BY_CODE.setdefault(code, []).append((tt23, name))

# Reference displays: system -> code -> [names], in the order of the manifest's tables
_DISPLAY_TABLES = [
    ("loinc", "loinc/loinc_lab_lhncbc_flowsheet.csv", "LOINC_MERGED", "LONG_COMMON_NAME_LOINC"),
    ("loinc", "loinc/loinc_nlm_clinicaltables_subset.csv", "code", "name"),
    ("loinc", "loinc/loinc_microbiology_ch_elm_valueset.csv", "code", "display"),
    ("loinc", "loinc/loinc_radiology_playbook_valueset.csv", "code", "display"),
    ("radlex", "radlex/radlex_playbook_core_dev_2024_jpcore.csv", "RPID", "LONG_NAME"),
    ("radlex", "radlex/radlex_playbook_core_v2_3.csv", "RPID", "LONG_NAME"),
    ("loinc", "loinc/loinc_2_72_lab_subset_axes.csv", "LOINC_NUM", "LONG_COMMON_NAME"),
    ("radlex", "radlex/radlex_playbook_complete_2017_decoded.csv", "RPID", "LONG_NAME"),
]
DISPLAYS = {"loinc": {}, "radlex": {}}
for system, path, code_col, name_col in _DISPLAY_TABLES:
    for r in csv.DictReader(open(SHARED / path, encoding="utf-8")):
        if r[name_col]:
            DISPLAYS[system].setdefault(r[code_col], []).append(r[name_col])


def national(code, tt23=None):
    """(tt23, Vietnamese name) for a national code, picking `tt23` when several exist."""
    rows = _BY_CODE.get(code)
    if not rows:
        sys.exit(f"national code {code} not found in the TT23 list")
    if tt23:
        for t, name in rows:
            if t == tt23:
                return t, name
        sys.exit(f"national code {code} has no TT23 number {tt23}")
    return rows[0]


def nfc(text):
    """The text in Unicode NFC with whitespace runs collapsed, as the catalog requires."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def display(system, code):
    names = DISPLAYS[system].get(code)
    if not names:
        sys.exit(f"{system} {code} is not confirmed by the reference tables")
    if names[0].lower().startswith("deprecated"):
        sys.exit(f"{system} {code} is deprecated in the reference")
    return names[0]


REL = {"eq": "equivalent", "nt": "source-is-narrower-than-target", "bt": "source-is-broader-than-target", "rel": "related-to"}


def existing_codes(annex_file):
    """{(maTuongDuong, tt23): code} of the entries already in an annex file."""
    path = ROOT / "annexes" / annex_file
    if not path.exists():
        return {}
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    codes = {}
    for e in sorted(document.get("entries") or [], key=lambda e: e.get("status") != "retired"):
        if "code" in e:
            # An entry in use wins over a retired one with the same first national code.
            n = e["nationalCodes"][0]
            codes[(str(n["maTuongDuong"]), str(n.get("tt23", "")))] = e["code"]
    return codes


def ledger_codes(number):
    """{Vietnamese name at issue: code} of every code the ledger issued to annex `number`."""
    path = ROOT / "annexes" / "ledger.tsv"
    codes = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            code, annex, _, name = line.split("\t")
            if int(annex) == number:
                codes[name] = code
    return codes


def q(text):
    """A YAML scalar: plain when safe, double-quoted otherwise."""
    text = str(text)
    plain_ok = (text and text == text.strip() and ": " not in text and " #" not in text
                and text[0] not in "!&*-?{}[],#|>@`\"'%" and not text.endswith(":")
                and not _looks_typed(text))
    if plain_ok:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _looks_typed(text):
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return True
    return not isinstance(value, str)


def write_annex(annex_file, number, title_comment, groups, entries):
    """Writes an annex file. `entries` are dicts with the annex schema's keys (mappings given
    as (system, code, relationship-abbreviation, comment))."""
    codes = existing_codes(annex_file)
    # A code issued once is never lost: entries missing from the file get theirs back from the ledger.
    issued = ledger_codes(number)
    for e in entries:
        key = (e["maTuongDuong"], e["tt23"])
        if key not in codes and " ".join(e["nameVi"].split()) in issued:
            codes[key] = issued[" ".join(e["nameVi"].split())]
    out = [f"# yaml-language-server: $schema=../generated/schema/annex.schema.json", f"# {title_comment}",
           "# Reconstructed from the national technique lists; see tools/reconstruction/README.md.",
           f"annex: {number}", "groups:"]
    for gid, vi, en in groups:
        out += [f"  - id: {gid}", f"    nameVi: {q(vi)}", f"    nameEn: {q(en)}"]
    out.append("entries:")
    seen = set()
    for e in entries:
        key = (e["maTuongDuong"], e["tt23"])
        if key in seen:
            sys.exit(f"duplicate entry {key}")
        seen.add(key)
        first = "  - "
        if key in codes:
            out.append(f"  - code: {codes[key]}")
            first = "    "
        out.append(f"{first}nameVi: {q(e['nameVi'])}")
        out.append(f"    nameEn: {q(e['nameEn'])}")
        out.append(f"    group: {e['group']}")
        out.append(f"    status: {e.get('status', 'active')}")
        if e.get("statusReason"):
            out.append(f"    statusReason: {q(e['statusReason'])}")
        out.append("    nationalCodes:")
        out.append(f"      - maTuongDuong: {e['maTuongDuong']}")
        out.append(f"        tt23: \"{e['tt23']}\"")
        for extra_code, extra_tt23 in e.get("extraCodes", []):
            out.append(f"      - maTuongDuong: {extra_code}")
            if extra_tt23:
                out.append(f"        tt23: \"{extra_tt23}\"")
        for key2 in ("specimen", "method", "modality", "bodyRegion", "contrast", "laterality"):
            if e.get(key2):
                out.append(f"    {key2}: {q(e[key2])}")
        if e.get("mappings"):
            out.append("    mappings:")
            for system, code, rel, comment in e["mappings"]:
                out += [f"      - system: {system}", f"        code: {code}", f"        display: {q(display(system, code))}",
                        f"        relationship: {REL[rel]}"]
                if comment:
                    out.append(f"        comment: {q(comment)}")
        else:
            out.append(f"    unmappedReason: {q(e['unmapped'])}")
    (ROOT / "annexes" / annex_file).write_text("\n".join(out) + "\n", encoding="utf-8")
    mapped = sum(1 for e in entries if e.get("mappings"))
    print(f"{annex_file}: {len(entries)} entries, {mapped} mapped ({100 * mapped / len(entries):.1f}%), {sum(1 for k in seen if k in codes)} kept their codes")


def retired(entry, reason):
    """The same entry, retired with `reason` (a code once issued stays in the catalog)."""
    return dict(entry, status="retired", statusReason=reason)


def lab(code, tt23, en, group, specimen, mappings=(), unmapped=None, method=None):
    """One laboratory entry; the Vietnamese name comes from the national list."""
    tt, vi = national(code, tt23)
    if not mappings and not unmapped:
        sys.exit(f"{code}: give mappings or a reason")
    return {"maTuongDuong": code, "tt23": tt, "nameVi": nfc(vi), "nameEn": en, "group": group,
            "specimen": specimen, "method": method, "mappings": list(mappings), "unmapped": unmapped}
