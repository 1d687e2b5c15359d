#!/usr/bin/env python3
"""Writes vocabulary.tsv from terms.txt, giving every row its evidence: a catalog entry whose
Vietnamese or English name uses the term (the project's bilingual names show the reading) and
a reference row whose name uses the expansion's words (the form LOINC or the RSNA playbooks
write). A row with no reference evidence is refused (printed, not written).

Usage: python3 tools/suggest/cite_vocabulary.py [--reference ../shared/reference]
Run from the repository root. The output is reviewed by a person before it is committed."""
import argparse, csv, glob, os, re, sys, unicodedata
import yaml

def words(text):
    s = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", s)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", default="../shared/reference")
    args = ap.parse_args()
    entries = []
    for path in sorted(glob.glob("annexes/0*.yaml")):
        for e in yaml.safe_load(open(path, encoding="utf-8"))["entries"]:
            entries.append((e["code"], e["nameVi"], e["nameEn"]))
    names = []  # (file, line, code, name)
    tables = [("loinc/loinc_radiology_playbook_valueset.csv", "code", "display"),
              ("loinc/loinc_2_72_lab_subset_axes.csv", "LOINC_NUM", "LONG_COMMON_NAME"),
              ("loinc/loinc_lab_lhncbc_flowsheet.csv", "LOINC_MERGED", "LONG_COMMON_NAME_LOINC"),
              ("loinc/loinc_microbiology_ch_elm_valueset.csv", "code", "display"),
              ("loinc/loinc_nlm_clinicaltables_subset.csv", "code", "name"),
              ("radlex/radlex_playbook_core_v2_3.csv", "RPID", "LONG_NAME")]
    for rel, code, name in tables:
        with open(os.path.join(args.reference, rel), encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            for row in reader:
                names.append((rel, reader.line_num, row[code], row[name]))
    out = ["term\texpansion\tkind\tsource"]
    refused = 0
    for line in open("tools/suggest/terms.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        term, expansion, kind = line.rstrip("\n").split("\t")
        tw, ew = words(term), words(expansion)
        def has(ws, phrase):
            return any(ws[i:i + len(phrase)] == phrase for i in range(len(ws)))
        cat = next(((c, vi if has(words(vi), tw) else en) for c, vi, en in entries if has(words(vi), tw) or has(words(en), tw)), None)
        ref = next(((r, l, c, n) for r, l, c, n in names if set(ew) <= set(words(n))), None)
        if ref is None:
            print(f"refused (no reference name has '{expansion}'): {term}", file=sys.stderr)
            refused += 1
            continue
        source = f"reference {ref[0]}:{ref[1]} {ref[2]} '{ref[3]}'"
        source = (f"catalog {cat[0]} '{cat[1]}'; " if cat else "catalog: none yet; ") + source
        out.append("\t".join([term, expansion, kind, source]))
    with open("tools/suggest/vocabulary.tsv", "w", encoding="utf-8") as f:
        f.write("# The mapping assistant's reviewed vocabulary (lienthong suggest). Columns: the term as a name may\n")
        f.write("# write it (matched without diacritics, as a whole-word phrase), the words it adds (LOINC / RSNA playbook\n")
        f.write("# wording), its kind, and its evidence: a catalog entry that uses the term with its bilingual names, and a\n")
        f.write("# reference row that writes the expansion. Generated from terms.txt by cite_vocabulary.py, then reviewed.\n")
        f.write("\n".join(out) + "\n")
    print(f"{len(out) - 1} rows written, {refused} refused", file=sys.stderr)

if __name__ == "__main__":
    main()
