"""Second pass over annex 6, on the annex file as it stands (codes, retired entries and hand
edits kept): applies the selection rule (imaging_selection.py), re-reads every name's attributes
with the parser (imaging_terms.py) and re-derives every mapping (imaging_mapping.py). Run from
the project root, then `scripts/extract-reference.py` and `lienthong check`:

    python3 tools/reconstruction/revise_imaging.py

Prints what each step changed. Running it again changes nothing.
"""
import csv
import re
import sys
from collections import Counter

import annex_yaml
from author import SHARED
from imaging_annex import translate
from imaging_mapping import map_entry
from imaging_selection import base_name, comparable, merge_variants, technique_key
from imaging_terms import attributes

FILE = "06-dien-quang.yaml"


def national_names():
    """{(maTuongDuong, tt23 or None): [service names]} from both national lists."""
    names = {}
    for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_tt23_2024.csv", encoding="utf-8")):
        names.setdefault((r["Mã tương đương"], r["Mã kỹ thuật (TT23/2024)"]), []).append(r["Tên dịch vụ kỹ thuật cụ thể"])
    for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_ma_tuong_duong_gia_max.csv", encoding="utf-8")):
        names.setdefault((r["MA_TUONG_DUONG"], None), []).append(r["TEN_DVKT_GIA"])
    return names


def billed_views(entry, names):
    """The numbers of views the entry's national codes are billed with ("[số hóa 2 phim]")."""
    views = set()
    for n in entry["nationalCodes"]:
        for name in names.get((n["maTuongDuong"], n.get("tt23")), []) or names.get((n["maTuongDuong"], None), []):
            m = re.search(r"(\d) (phim|tư thế)\]", name.lower())
            if m:
                views.add(int(m.group(1)))
    return sorted(views)


def join_billed_at_other_price(entries):
    """Step 2: a "[giá …]" code (a technique billed at another detector class's price) joins
    the entry of the technique its name states, unless an entry in use carries it already."""
    in_use = [e for e in entries if e["status"] != "retired"]
    held = {n["maTuongDuong"] for e in in_use for n in e["nationalCodes"]}
    by_name = {comparable(base_name(e["nameVi"], e["modality"])): e for e in in_use}
    joined = 0
    for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_ma_tuong_duong_gia_max.csv", encoding="utf-8")):
        code, name = r["MA_TUONG_DUONG"], " ".join(r["TEN_DVKT_GIA"].split())
        if r["CHUONG_TU_MA"] != "18" or r["HIEULUC"] != "Có" or "[giá" not in name or code in held:
            continue
        target = by_name.get(comparable(name))
        if target:
            target["nationalCodes"].append({"maTuongDuong": code})
            held.add(code)
            joined += 1
    return joined


def english(vi):
    en, unknown = translate(vi)
    if unknown:
        sys.exit(f"{vi}: the phrase table lacks {unknown}")
    return en


def merged_reason(survivor):
    return (f"Không tính là mục riêng: cùng kỹ thuật (TT23 {technique_key(survivor)}) với mục {survivor['code']}, chỉ khác cách tính giá "
            f"(cỡ phim, phim hay số hóa, số phim); mã tương đương của nó nay thuộc mục {survivor['code']}.")


def unique_equivalents(entries):
    """At most one entry in use is equivalent to a target: the others become narrower, saying
    which entry is the equivalent and what they fix besides."""
    claims = {}
    for e in entries:
        for m in e.get("mappings") or []:
            if m["relationship"] == "equivalent":
                claims.setdefault((m["system"], m["code"]), []).append((e, m))
    changed = 0
    for (_, code), owners in claims.items():
        for e, m in owners[1:]:
            m["relationship"] = "source-is-narrower-than-target"
            m["comment"] = (f"Entry {owners[0][0]['code']} is the equivalent of this term; this national technique "
                            f"('{e['nameVi']}') is one of its variants.")
            changed += 1
    return changed


def main():
    doc = annex_yaml.load(FILE)
    entries = doc["entries"]
    before = sum(1 for e in entries if e["status"] != "retired")
    retired = merge_variants(entries, english, merged_reason)
    print(f"selection: {before} entries in use; step 3 (billing variants of one technique merged) retires {retired}; "
          f"{before - retired} remain")
    print(f"selection: step 2 joins {join_billed_at_other_price(entries)} more '[giá …]' codes to the entry of their technique")
    changes = Counter()
    names = national_names()
    for e in entries:
        if e["status"] == "retired":
            continue
        a = attributes(e["nameVi"])
        for key in ("modality", "bodyRegion", "contrast", "laterality"):
            if e[key] != a[key]:
                changes[key] += 1
                e[key] = a[key]
        if e["modality"] == "XR":
            e["variantViews"] = billed_views(e, names)
        mappings, reason = map_entry(e, a)
        e.pop("variantViews", None)
        e["mappings"] = mappings
        e["unmappedReason"] = None if mappings else reason
    changes["equivalent made narrower"] = unique_equivalents([e for e in entries if e["status"] != "retired"])
    for e in entries:
        e.pop("variantViews", None)
    print("attributes and mappings:", dict(changes))
    annex_yaml.save(FILE, doc)
    inuse = [e for e in entries if e["status"] != "retired"]
    mapped = sum(1 for e in inuse if e.get("mappings"))
    print(f"annex 6: {len(inuse)} in use, {mapped} mapped ({100 * mapped / len(inuse):.1f}%)")


if __name__ == "__main__":
    main()
