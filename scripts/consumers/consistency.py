#!/usr/bin/env python3
"""Consistency audit of the catalog's content (issue 28): the mappings in annexes/ are compared
with each other and with the reference, class by class, so that one rule is applied everywhere.

Checks (each finding is an error, printed like a compiler diagnostic on stderr):
  units       a lab mapping to a [Mass/...] or [Moles/...] code whose sibling (same name with the
              other property) is in the reference: the national service fixes no unit, so both
              codes must be mapped, each `source-is-broader-than-target` (never `equivalent`).
  contrast    what the name says about contrast, the entry's `contrast:` field and the target's
              contrast ("W contrast", "WO contrast", "W and WO") must agree; an X-ray technique in
              the contrast-study group must not say `contrast: none`, and a plain one must.
  views       an X-ray entry's projections, read from its name (the rule in
              docs/guide/content-rules.md: the name counts projections; "[số hóa N phim]" and
              "N tư thế" in the price variants count films/exposures), must agree with the target's
              number of views for the relationship given.
  laterality  the name ("một bên", "hai bên"), the `laterality:` field and the target ("- left",
              "- right", "- bilateral") must agree.
  technique   entries that are the same technique (the name without field strength, detector rows
              or the contrast bracket) with the same contrast have the same targets and relationships.

An exception is written, with its reason, in annexes/consistency-exceptions.yaml (entry, check,
reason); an exception that no longer matches a finding is itself an error, so the file stays true.

Usage: consistency.py [ANNEXES_DIR] [--reference DIR]
  The reference defaults to ../shared/reference beside the checkout when it exists (the full
  extracts, so a missing sibling is found), otherwise to ANNEXES_DIR/reference (the committed subset).
Exit status 0 when clean, 1 with findings.
"""
import argparse
import collections
import csv
import pathlib
import re
import sys
import unicodedata

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
MAPPED = ("equivalent", "source-is-broader-than-target", "source-is-narrower-than-target")


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


# ---------------------------------------------------------------- reference

def reference_names(ref):
    """Every lab display name in the reference tables → set of codes."""
    names = collections.defaultdict(set)
    tables = [("loinc/loinc_2_72_lab_subset_axes.csv", "LOINC_NUM", "LONG_COMMON_NAME"),
              ("loinc/loinc_lab_lhncbc_flowsheet.csv", "LOINC_MERGED", "LONG_COMMON_NAME_LOINC"),
              ("loinc/loinc_nlm_clinicaltables_subset.csv", "code", "name")]
    for path, code, name in tables:
        p = ref / path
        if not p.exists():
            continue
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row.get(name) and row.get(code):
                    names[row[name]].add(row[code])
    return names


# ---------------------------------------------------------------- readings of names and targets

UNIT_SWAP = [("[Mass/volume]", "[Moles/volume]"), ("[Moles/volume]", "[Mass/volume]"),
             ("[Mass/time]", "[Moles/time]"), ("[Moles/time]", "[Mass/time]")]


def name_contrast(name):
    """'none', 'with', 'both' or None (the name says nothing)."""
    n = nfc(name).lower()
    without = re.search(r"không (tiêm |có |dùng )*(thuốc cản quang|chất tương phản|chất cản quang)", n)
    rest = re.sub(r"không (tiêm |có |dùng )*(thuốc cản quang|chất tương phản|chất cản quang)", " ", n)
    with_ = re.search(r"(có|tiêm|bơm|dùng) (tiêm )?(thuốc cản quang|chất tương phản|chất cản quang|tương phản)", rest) \
        or re.search(r"\[có thuốc cản quang", rest)
    if without and with_:
        return "both"
    return "none" if without else ("with" if with_ else None)


def field_contrast(value):
    if value is None:
        return None
    return {"none": "none", "without-and-with-iv": "both"}.get(value, "with")


def target_contrast(display):
    d = display.lower()
    if re.search(r"\bwo and w\b|\bw and wo\b|\bw/wo\b|\bwo/w\b|wo & w|w & wo", d):
        return "both"
    if re.search(r"\bwo\b( iv)? contrast|without contrast", d):
        return "none"
    if re.search(r"\bw\b( iv)? contrast|\bw contrast|with contrast|\bcontrast\b", d):
        return "with"
    return None


def contrast_agrees(src, tgt, rel):
    if src is None or tgt is None or src == tgt:
        return True
    if src == "both" and rel == "source-is-broader-than-target":
        return True
    if tgt == "both" and rel == "source-is-narrower-than-target":
        return True
    return False


# The national price list's price groups (the maTuongDuong's last part) are shared by every X-ray
# technique at one price. Those of the contrast studies (read from the list's wording: "[có thuốc
# cản quang]", "[bao gồm cả thuốc]", and the techniques 18.124 and 18.130-18.148 that carry them): 0016-0023,
# 0025, 0027, 0031-0036, 0039. Plain films use 0010-0014 and 0028-0030; mammography 0026, 0038.
CONTRAST_STUDY_PRICE_GROUPS = {f"{n:04d}" for n in [*range(16, 24), 25, 27, *range(31, 37), 39]}

PROJ = r"(thẳng|nghiêng|chếch|tiếp tuyến)"


def name_views(name):
    """The projections the name counts, as a set of possible numbers, or None (not said)."""
    n = re.sub(r"\[[^\]]*\]", " ", nfc(name).lower())
    m = re.search(r"(\d) tư thế", n)
    if m:
        return {int(m.group(1))}
    if "chếch hai bên" in n:
        return {2}
    words = re.findall(PROJ, n)
    if not words:
        return None
    if "/" in n or ("hoặc" in n and len(words) >= 3):
        return {1, 2}
    if "hoặc" in n:
        return {1}
    return {len(words)} if len(words) <= 3 else None


def target_views(display):
    d = display.lower()
    if "1 or 2 views" in d:
        return {1, 2}
    m = re.search(r"\b(\d+) views\b", d)
    if m:
        return {int(m.group(1))}
    if "single view" in d:
        return {1}
    return None


def views_agree(src, tgt, rel):
    if src is None:
        return True
    if rel == "equivalent":
        # A count-only term ("Single view", "2 Views") fixes how many views, not which: a name
        # that fixes its projections is narrower than it. "1 or 2 Views" answers a name that
        # leaves the choice ("thẳng, nghiêng hoặc chếch", "thẳng/nghiêng").
        return tgt == src and len(src) > 1
    if rel == "source-is-broader-than-target":
        return tgt is not None and tgt < src
    if rel == "source-is-narrower-than-target":
        return tgt is None or tgt >= src
    return True


def name_laterality(name):
    n = re.sub(r"chếch hai bên", " ", nfc(name).lower())
    if re.search(r"\b(một|1|mỗi) bên\b", n):
        return "unilateral"
    if re.search(r"\b(hai|2) bên\b", n):
        return "bilateral"
    return None


def target_laterality(display):
    d = display.lower()
    if re.search(r"- bilateral|\bbilateral\b", d):
        return "bilateral"
    if re.search(r"- left\b|\bleft\b", d):
        return "left"
    if re.search(r"- right\b|\bright\b", d):
        return "right"
    return None


def technique_key(name):
    n = nfc(name).lower()
    n = re.sub(r"\((từ )?[0-9.,≥ -]+(t|dãy)\)", " ", n)
    n = re.sub(r"\[[^\]]*(cản quang|tương phản)[^\]]*\]", " ", n)
    n = re.sub(r"\s*-\s*", "-", n)
    return re.sub(r"\s+", " ", n).strip()


# ---------------------------------------------------------------- the audit

class Audit:
    def __init__(self, annexes, ref):
        self.annexes, self.ref = annexes, ref
        self.names = reference_names(ref)
        self.findings = []  # (path, line, code, check, message)

    def report(self, entry, check, message):
        self.findings.append((entry["_path"], entry["_line"], entry["code"], check, message))

    def load(self):
        manifest = yaml.safe_load((self.annexes / "catalog.yaml").read_text(encoding="utf-8"))
        entries = []
        for spec in manifest["annexes"]:
            path = self.annexes / spec["file"]
            text = path.read_text(encoding="utf-8")
            lines = {m.group(1): text.count("\n", 0, m.start()) + 1
                     for m in re.finditer(r"^  - code: (\S+)", text, re.M)}
            for e in yaml.safe_load(text).get("entries", []):
                if e.get("status") != "active":
                    continue
                e["_path"], e["_line"], e["_annex"] = path, lines.get(e["code"], 1), spec["number"]
                entries.append(e)
        return entries

    def units(self, e):
        maps = e.get("mappings") or []
        codes = {m["code"] for m in maps}
        for m in maps:
            if m["system"] != "loinc" or m["relationship"] not in MAPPED:
                continue
            for a, b in UNIT_SWAP:
                if a not in m["display"]:
                    continue
                siblings = self.names.get(m["display"].replace(a, b), set())
                if not siblings:
                    continue
                missing = sorted(siblings - codes)
                if missing:
                    self.report(e, "units", f"'{m['display']}' ({m['code']}) has its {b} sibling {', '.join(missing)} "
                                f"in the reference; the national service fixes no unit: map both, each "
                                f"source-is-broader-than-target")
                elif m["relationship"] == "equivalent":
                    self.report(e, "units", f"{m['code']} is 'equivalent' though its {b} sibling is mapped too: "
                                f"a service that fixes no unit is source-is-broader-than-target to each")

    def contrast(self, e, plain_groups, contrast_groups):
        if not e.get("modality"):
            return
        named, field = name_contrast(e["nameVi"]), field_contrast(e.get("contrast"))
        if named and field and named != field:
            self.report(e, "contrast", f"the name says contrast '{named}' but 'contrast: {e.get('contrast')}'; "
                        f"correct the field")
        if e.get("group") in contrast_groups and e.get("contrast") == "none":
            self.report(e, "contrast", f"group '{e['group']}' is the contrast-study block but 'contrast: none'")
        groups = {n.get("maTuongDuong", "").rsplit(".", 1)[-1] for n in e.get("nationalCodes") or []}
        if e.get("modality") in ("XR", "RF") and e.get("group") in plain_groups and groups & CONTRAST_STUDY_PRICE_GROUPS:
            self.report(e, "contrast", f"price group(s) {', '.join(sorted(groups & CONTRAST_STUDY_PRICE_GROUPS))} are "
                        f"the national list's contrast-study groups: move the technique to the contrast group and set "
                        f"'contrast:' to its route")
        if e.get("group") in plain_groups and e.get("contrast") not in (None, "none"):
            self.report(e, "contrast", f"group '{e['group']}' is plain radiography but 'contrast: {e.get('contrast')}'")
        src = field or named
        for m in e.get("mappings") or []:
            if m["relationship"] not in MAPPED:
                continue
            tgt = target_contrast(m["display"])
            if not contrast_agrees(src, tgt, m["relationship"]):
                self.report(e, "contrast", f"the entry's contrast is '{src}' but {m['code']} '{m['display']}' says "
                            f"'{tgt}' ({m['relationship']}); choose the target with the entry's contrast")

    def views(self, e):
        if e.get("modality") != "XR":
            return
        src = name_views(e["nameVi"])
        for m in e.get("mappings") or []:
            if m["relationship"] not in MAPPED:
                continue
            tgt = target_views(m["display"])
            if not views_agree(src, tgt, m["relationship"]):
                want = "/".join(str(v) for v in sorted(src))
                self.report(e, "views", f"the name counts {want} projection(s) but {m['code']} '{m['display']}' is "
                            f"{m['relationship']}; map the target with that many views (the name counts projections, "
                            f"'[số hóa N phim]' counts films)")

    def laterality(self, e):
        if not e.get("modality"):
            return
        named, field = name_laterality(e["nameVi"]), e.get("laterality")
        if named and field and field != "none" and named != field and not (named == "unilateral" and field in ("left", "right")):
            self.report(e, "laterality", f"the name says '{named}' but 'laterality: {field}'")
        if named and field == "none":
            self.report(e, "laterality", f"the name says '{named}' but 'laterality: none'")
        for m in e.get("mappings") or []:
            if m["relationship"] not in MAPPED:
                continue
            tgt = target_laterality(m["display"])
            if tgt is None or field is None:
                continue
            ok = (field == tgt or (field == "unilateral" and tgt in ("left", "right")
                                   and m["relationship"] == "source-is-broader-than-target"))
            if not ok:
                self.report(e, "laterality", f"'laterality: {field}' but {m['code']} '{m['display']}' is {tgt} "
                            f"({m['relationship']})")

    def techniques(self, entries):
        groups = collections.defaultdict(list)
        for e in entries:
            if e.get("modality"):
                groups[(e["_annex"], technique_key(e["nameVi"]), e.get("contrast"))].append(e)
        for es in groups.values():
            patterns = collections.defaultdict(list)
            for e in es:
                key = tuple(sorted((m["system"], m["code"], m["relationship"]) for m in e.get("mappings") or []))
                patterns[key].append(e["code"])
            if len(patterns) > 1:
                first = es[0]
                for e in es[1:]:
                    mine = tuple(sorted((m["system"], m["code"], m["relationship"]) for m in e.get("mappings") or []))
                    theirs = tuple(sorted((m["system"], m["code"], m["relationship"]) for m in first.get("mappings") or []))
                    if mine != theirs:
                        self.report(e, "technique", f"same technique and contrast as {first['code']} but other targets or "
                                    f"relationships ({', '.join(c for _, c, _ in mine) or 'unmapped'} vs "
                                    f"{', '.join(c for _, c, _ in theirs) or 'unmapped'}); make them the same")

    def run(self):
        entries = self.load()
        contrast_groups = {"x-quang-tang-sang"}
        plain_groups = {"x-quang"}
        for e in entries:
            self.units(e)
            self.contrast(e, plain_groups, contrast_groups)
            self.views(e)
            self.laterality(e)
        self.techniques(entries)
        return self.findings


def load_exceptions(annexes):
    path = annexes / "consistency-exceptions.yaml"
    if not path.exists():
        return path, []
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = doc.get("exceptions") or []
    for item in items:
        if not (item.get("entry") and item.get("check") and len(str(item.get("reason", "")).strip()) >= 20):
            raise SystemExit(f"{path}: each exception needs entry, check and a reason of at least 20 characters: {item}")
    return path, items


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annexes", nargs="?", default=str(ROOT / "annexes"))
    parser.add_argument("--reference")
    args = parser.parse_args()
    annexes = pathlib.Path(args.annexes)
    if args.reference:
        ref = pathlib.Path(args.reference)
    else:
        shared = ROOT.parent / "shared" / "reference"
        ref = shared if shared.is_dir() else annexes / "reference"
    findings = Audit(annexes, ref).run()
    exc_path, exceptions = load_exceptions(annexes)
    waived = {(x["entry"], x["check"]) for x in exceptions}
    used = set()
    errors = 0
    for path, line, code, check, message in findings:
        if (code, check) in waived:
            used.add((code, check))
            continue
        errors += 1
        print(f"{path}:{line}:5: error: {code}: {message} [consistency/{check}]", file=sys.stderr)
    for x in exceptions:
        if (x["entry"], x["check"]) not in used:
            errors += 1
            print(f"{exc_path}:1:1: error: the exception for {x['entry']} ({x['check']}) matches no finding; "
                  f"remove it [consistency/stale-exception]", file=sys.stderr)
    print(f"consistency: {len(findings)} finding(s), {len(used)} waived with a reason, {errors} error(s); "
          f"reference {ref}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
