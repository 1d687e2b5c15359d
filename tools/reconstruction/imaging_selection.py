"""The selection rule of annex 6: one entry per diagnostic technique of Circular 23/2024.

A hospital's exchange files carry the national code of the service it billed; the catalog must
turn that code into exactly one entry, and two hospitals that performed the same technique must
land on the same entry. The unit is therefore the technique, as Circular 23/2024 numbers it
(`tt23`): the variants the price lists bill separately for one technique number (film size,
film or digital images, number of films, printed or not, "[giá …]" price classes) are national
codes of that technique's entry, not entries of their own. Techniques with numbers of their own
stay separate entries, also where they differ only by equipment (CT detector rows, MRI field
strength): the circular numbers them as techniques.

A variant is a billing variant when its name differs from the technique's only by a bracket
the price list adds for billing ("[≤ 24x30 cm, 1 tư thế]", "[số hóa 2 phim]", "[không in phim]",
"[giá …]", "[bao gồm cả thuốc]", ", số hóa"). A bracket that states contrast or a detector class
("[có thuốc cản quang]", "[không có thuốc cản quang, 64-128 dãy]") is part of the technique, since
it changes the result: those variants stay entries, even under one technique number. In contrast
radiography (RF) every study uses contrast, so "[có thuốc cản quang]" adds nothing there.

Rule steps, each counted in README.md beside this file:
  1. the pool: diagnostic rows of chapter 18 (therapeutic and guided procedures out);
  2. price-only rows without a technique number of their own ("[không in phim]", "[giá …]"):
     their national codes join the entry of the technique they bill;
  3. billing variants of one technique: merged into one entry (`merge_variants`).
"""
import re
import unicodedata


BILLING = re.compile(r"\s*\[\s*(≤|>|số hóa|không in phim|bao gồm cả thuốc|giá)[^\]]*\]")
RF_CONTRAST = re.compile(r"\s*\[có thuốc cản quang[^\]]*\]")


def base_name(vi, mod=None):
    """A technique's name without the price list's billing brackets."""
    name = re.sub(r",\s*số hóa\]", "]", BILLING.sub("", vi))
    if mod == "RF":
        name = RF_CONTRAST.sub("", name)
    return " ".join(unicodedata.normalize("NFC", name).split())


def technique_key(entry):
    """The Circular 23/2024 technique number of an entry (its first national code's)."""
    return entry["nationalCodes"][0].get("tt23")


def merge_variants(entries, translate, reason):
    """Merges the entries in use that share a technique number and a name without billing
    brackets into the one with the lowest code, which takes that name; the others are retired,
    name it as their replacement and keep their national codes as history, which the survivor
    lists too. `translate` makes the English name; `reason(survivor)` the Vietnamese
    statusReason. Returns the number of entries retired."""
    groups = {}
    for e in entries:
        if e["status"] != "retired":
            groups.setdefault((technique_key(e), base_name(e["nameVi"], e["modality"])), []).append(e)
    retired = 0
    for (_, name), members in groups.items():
        if len(members) < 2:
            # A technique billed under one variant only is still named without the bracket.
            if members[0]["nameVi"] != name:
                members[0]["nameVi"] = name
                members[0]["nameEn"] = translate(name)
            continue
        members.sort(key=lambda e: e["code"])
        survivor = members[0]
        seen = {n["maTuongDuong"] for n in survivor["nationalCodes"]}
        for other in members[1:]:
            for n in other["nationalCodes"]:
                if n["maTuongDuong"] not in seen:
                    survivor["nationalCodes"].append(dict(n))
                    seen.add(n["maTuongDuong"])
            other["status"] = "retired"
            other["statusReason"] = reason(survivor)
            other["replacedBy"] = survivor["code"]
            other.pop("mappings", None)
            other.pop("unmappedReason", None)
            retired += 1
        survivor["nameVi"] = name
        survivor["nameEn"] = translate(survivor["nameVi"])
    return retired



def comparable(vi):
    """A name reduced for comparing a "[giá …]" billing row with the technique it bills: without
    billing brackets, "CLVT" spelled out, spacing around hyphens and "≥" removed, lower case."""
    name = re.sub(r"\[giá[^\]]*\]|\[không in phim\]", "", unicodedata.normalize("NFC", vi))
    name = name.replace("CLVT", "cắt lớp vi tính")
    name = re.sub(r"\s*-\s*", "-", " ".join(name.split())).replace("≥ ", "≥")
    return name.strip().lower()
