"""Second pass over the laboratory annexes (1-5), on the files as they stand: the corrections
the review of issue 14 asked for, each written out below so that a reviewer reads them as data.
Displays come from the reference tables (author.display), never typed. Run from the project
root; running it again changes nothing:

    python3 tools/reconstruction/revise_laboratory.py
"""
import csv

import annex_yaml
from author import SHARED, display

REL = {"eq": "equivalent", "nt": "source-is-narrower-than-target", "bt": "source-is-broader-than-target", "rel": "related-to"}
UNIT = "The national service fixes no unit; LOINC codes mass and substance (SI) concentration separately, and Vietnamese laboratories mostly report SI units."
CBC = "No CBC panel code with a confirmed name is in the reference; the panel reports this result among others."


def m(code, rel, comment=None):
    out = {"system": "loinc", "code": code, "display": display("loinc", code), "relationship": REL[rel]}
    if comment:
        out["comment"] = comment
    return out


def narrower(method):
    return f"The national technique fixes the method ({method}); the LOINC code names no method, and another entry of the catalog is its equivalent."


# code -> new mappings (None: unmapped, with the reason in REASONS)
MAPPINGS = {
    # Urea, not urea nitrogen.
    "HS0002B": [m("22664-7", "bt", UNIT)],
    # Manual blood count: manual platelet count and centrifuged haematocrit, not automated counts.
    "HH0012Q": [m("718-7", "rel", CBC), m("778-1", "rel", CBC), m("4545-0", "rel", CBC)],
    # Manual reticulocyte count gives a percentage, not an absolute count.
    "HH0017G": [m("4679-7", "eq")],
    "HH0007K": [m("17849-1", "bt", "The analyser reports the reticulocyte percentage and the absolute count."),
                m("60474-4", "bt", "The analyser reports the reticulocyte percentage and the absolute count.")],
    # CD3/CD4/CD8 counts are absolute counts, not percentages.
    "HH00562": [m("24467-3", "bt", "The national service reports several lymphocyte subsets; this is one of them."),
                m("14135-8", "bt", "The national service reports several lymphocyte subsets; this is one of them."),
                m("54218-3", "bt", "The national service reports several lymphocyte subsets; this is one of them.")],
    # One equivalent per target: the other method variants are narrower.
    "HH0035C": [m("5902-2", "nt", narrower("semi-automated coagulometer")), m("6301-6", "rel", None)],
    "HH0036A": [m("5902-2", "nt", narrower("manual tilt-tube")), m("6301-6", "rel", None)],
    "HH00378": [m("14979-9", "nt", narrower("semi-automated coagulometer"))],
    "HH00394": [m("3243-3", "nt", narrower("semi-automated coagulometer"))],
    "HH00538": [m("1007-4", "nt", narrower("gel card on an automated analyser"))],
    "VS00015": [m("5196-1", "nt", "The national technique is a rapid immunochromatographic test, one kind of immunoassay; another entry of the catalog is the equivalent.")],
    "VS00023": [m("13954-3", "nt", "The national technique is a rapid immunochromatographic test, one kind of immunoassay; another entry of the catalog is the equivalent.")],
    "VS0016S": [m("24113-3", "nt", narrower("semi-automated immunoassay"))],
    "VS0027M": [m("6463-4", "nt", narrower("automated identification system"))],
    "DT00161": [m("20447-9", "nt", narrower("automated real-time RT-PCR system"))],
    "DT0035W": [m("38379-4", "nt", narrower("automated PCR system"))],
    "DT00065": [m("21613-5", "nt", narrower("real-time PCR"))],
    "DT0038Q": [m("21613-5", "nt", narrower("real-time PCR on an automated system"))],
    "DT00401": [m("24111-7", "nt", narrower("real-time PCR"))],
    "DT0042Y": [m("24111-7", "nt", narrower("real-time PCR on an automated system"))],
    "DT0044U": [m("49671-1", "nt", narrower("real-time PCR"))],
    # Sequencing, not targeted mutation analysis.
    "DT00137": [m("77627-8", "eq")],
    # HCV genotype by real-time PCR: the reference has the probe-detection code.
    "DT0028U": [m("32286-7", "eq")],
    # Influenza A and B: both RNA codes.
    "DT0062Q": [m("34487-9", "bt", "The national service detects influenza A and B; this code is influenza A."),
                m("40982-1", "bt", "The national service detects influenza A and B; this code is influenza B.")],
}
# The existing comment of an entry's other mapping is kept where the list above says None.
REASONS = {
    "DT0029S": "The reference extracts confirm hepatitis C genotyping only by NAA with probe detection (candidate for a reviewer: 32286-7); this service genotypes by sequencing, a different method.",
    "HH0015K": "The only differential panel in the reference extracts is 24318-8 (Manual Differential panel - Blood); this service counts on an impedance analyser with smear review, so it is left for a reviewer.",
    "HH0009G": "The only differential panel in the reference extracts is 24318-8 (Manual Differential panel - Blood); this service counts on a laser analyser with smear review, so it is left for a reviewer.",
    "HH0016I": "The only differential panel in the reference extracts is 24318-8 (Manual Differential panel - Blood); this service counts on a fully automated system, so it is left for a reviewer.",
    "HH0051C": "The reference extracts confirm only lupus anticoagulant confirmation (platelet neutralization) codes, 3284-7 and 40647-0, not a screening test; candidates for a reviewer.",
    "VS0005Y": "The reference extracts confirm hepatitis C antibody only by immunoblot (5199-5) and as a quantitative level (22327-1, [Units/volume] in Serum); a rapid test is qualitative, so neither fits.",
    "DT0056M": "The reference extracts confirm herpes simplex DNA only as type-specific viral loads (60462-9 HSV-2 in a specimen, 62473-4 HSV-1 in bronchoalveolar lavage); this service detects HSV DNA, so they are candidates for a reviewer, not mappings.",
    "GP0003L": "Immunohistochemistry codes in LOINC are per marker; this service is priced per marker of any kind. The only immunohistochemistry code in the reference extracts is 74223-9, a bone-marrow narrative.",
}

# Entries whose test LOINC knows only by COMPONENT in the reference extracts (the full code list
# has COMPONENT and nothing else): unmapped, the candidate codes listed for a reviewer.
COMPONENTS = {
    "DT0018Y": ["HIV 1 DNA"], "DT0019W": ["Cytomegalovirus DNA"], "DT00209": ["Cytomegalovirus DNA"],
    "DT00225": ["BK virus DNA", "JC virus DNA"], "DT00233": ["Hepatitis B virus genotype"],
    "DT00057": ["Hepatitis B virus genotype"], "DT00241": ["Hepatitis B virus genotype"],
    "DT00313": ["Human papilloma virus DNA"], "DT00049": ["Human papilloma virus genotype"],
    "DT00321": ["Human papilloma virus genotype"], "DT0047O": ["Helicobacter pylori DNA"],
    "DT0048M": ["Leptospira sp DNA"], "DT0049K": ["Mycoplasma pneumoniae DNA"], "DT0050Y": ["Rickettsia sp DNA"],
    "DT0051W": ["Treponema pallidum DNA"], "DT0052U": ["Ureaplasma urealyticum DNA"], "DT0053S": ["Mycoplasma hominis DNA"],
    "DT0054Q": ["Dengue virus RNA"], "DT0058I": ["Enterovirus 71 RNA"], "DT0059G": ["Enterovirus RNA"],
    "DT0060U": ["Adenovirus DNA"], "DT0065K": ["Rotavirus RNA"], "DT0077C": ["FLT3 gene internal tandem duplication"],
    "DT0086A": ["EGFR gene targeted mutation analysis"], "DT00878": ["KRAS gene targeted mutation analysis"],
    "DT0081K": ["F8 gene intron 22 inversion targeted mutation analysis"], "DT0082I": ["HLA-A", "HLA-B", "HLA-DRB1"],
    "DT0083G": ["HLA-A", "HLA-B", "HLA-DRB1"], "DT00081": ["Karyotype"], "DT0010D": ["Karyotype"], "DT0067G": ["Karyotype"],
}
LISTED = 8


def component_reason(components, by_component):
    parts = []
    for c in components:
        codes = sorted(by_component.get(c, []), key=lambda x: (len(x), x))
        if not codes:
            raise SystemExit(f"no LOINC code has the component '{c}'")
        shown = ", ".join(codes[:LISTED]) + (f" and {len(codes) - LISTED} more" if len(codes) > LISTED else "")
        parts.append(f"'{c}': {shown}")
    return ("No LOINC term whose specimen and property match this test is confirmed by the reference extracts. "
            "Codes known there by COMPONENT only, candidates for a reviewer: " + "; ".join(parts) + ".")


def main():
    by_component = {}
    for r in csv.DictReader(open(SHARED / "loinc/loinc_all_codes_component.csv", encoding="utf-8")):
        by_component.setdefault(r["COMPONENT"], []).append(r["LOINC_NUM"])
    for code, components in COMPONENTS.items():
        REASONS[code] = component_reason(components, by_component)
    for name in annex_yaml.annex_files()[:5]:
        doc = annex_yaml.load(name)
        for e in doc["entries"]:
            code = e.get("code")
            if code in MAPPINGS:
                old = {(x["code"]): x for x in e.get("mappings") or []}
                new = MAPPINGS[code]
                for x in new:
                    if x["relationship"] != "equivalent" and "comment" not in x and x["code"] in old and old[x["code"]].get("comment"):
                        x["comment"] = old[x["code"]]["comment"]
                e["mappings"] = new
                e["unmappedReason"] = None
            if code in REASONS:
                e["mappings"] = []
                e["unmappedReason"] = REASONS[code]
        annex_yaml.save(name, doc)
    missing = (set(MAPPINGS) | set(REASONS)) - {e.get("code") for n in annex_yaml.annex_files()[:5] for e in annex_yaml.load(n)["entries"]}
    if missing:
        raise SystemExit(f"codes not found: {sorted(missing)}")


if __name__ == "__main__":
    main()
