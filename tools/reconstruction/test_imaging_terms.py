"""Tests the attribute parser of annex 6 (imaging_terms.py) on every imaging name of the annex,
and the selection rule on the annex as it stands. Run by `make test`:

    python3 tools/reconstruction/test_imaging_terms.py

1. Every name of the annex (in use or retired) gets a modality, and every entry in use records
   exactly the modality, body region, contrast and laterality the parser reads from its name.
2. The words it found: every multi-word term present in a name is reported as found, and none
   of its words is read again as a single word ("cổ tay" is never the neck, "khớp ức đòn" never
   the sternum, "qua thành ngực" never the chest wall, "không dùng thuốc beta block" never
   "without contrast").
3. Fixed cases, one per class of error the review of issue 14 found.
4. The selection rule: no two entries in use are the same technique (technique number and name
   without billing brackets), and no entry in use is named by a billing bracket.
"""
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import imaging_terms as t  # noqa: E402

ANNEX = HERE.parents[1] / "annexes" / "06-dien-quang.yaml"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    entries = yaml.safe_load(ANNEX.read_text(encoding="utf-8"))["entries"]
    in_use = [e for e in entries if e["status"] != "retired"]
    # 1. every name, against the attributes the annex records
    for e in entries:
        a = t.attributes(e["nameVi"])
        check(a["modality"] is not None, f"{e['code']}: no modality read from '{e['nameVi']}'")
        if e["status"] == "retired":
            continue
        for key in ("modality", "bodyRegion", "contrast", "laterality"):
            check(a[key] == e[key], f"{e['code']}: {key} is '{e[key]}' in the annex but the parser reads '{a[key]}' from '{e['nameVi']}'")
    # 2. the words found: multi-word terms first, never split
    for e in entries:
        lower = e["nameVi"].lower()
        masked, found = t.read_terms(e["nameVi"])
        for vi, token, _ in t.MULTIWORD:
            # A term inside a longer term that is present is read as part of the longer one.
            inside = any(vi != longer and vi in longer and longer in lower for longer, _, _ in t.MULTIWORD)
            if vi in lower and not inside:
                check(token in found, f"{e['code']}: '{vi}' is in '{e['nameVi']}' but the parser did not find it")
        check(not any(vi in masked for vi, _, _ in t.MULTIWORD), f"{e['code']}: a multi-word term was left unread in '{masked}'")
        if "cổ tay" in lower or "cổ chân" in lower:
            check(t.attributes(e["nameVi"])["bodyRegion"] in ("wrist", "ankle", "other"), f"{e['code']}: '{e['nameVi']}' read as {t.attributes(e['nameVi'])['bodyRegion']}")
    # 3. one case per class of error found by the review
    cases = [
        ("Chụp X-quang xương cổ tay thẳng, nghiêng hoặc chếch", {"bodyRegion": "wrist", "laterality": "unilateral"}),
        ("Chụp X-quang xương cổ chân thẳng, nghiêng hoặc chếch", {"bodyRegion": "ankle"}),
        ("Chụp X-quang cột sống cổ thẳng nghiêng", {"bodyRegion": "cervical-spine"}),
        ("Siêu âm hạch vùng cổ", {"bodyRegion": "neck"}),
        ("Chụp X-quang khớp ức đòn thẳng chếch", {"regionNames": {"XR": "Sternoclavicular joint"}}),
        ("Siêu âm tim, màng tim qua thành ngực", {"bodyRegion": "heart", "terms": ["⟨transthoracic⟩"]}),
        ("Siêu âm thành ngực (cơ, phần mềm thành ngực)", {"bodyRegion": "chest", "regionNames": {"US": "Chest wall"}}),
        ("Chụp cắt lớp vi tính động mạch vành, tim không dùng thuốc beta block (từ ≥ 256 dãy)", {"contrast": "iv"}),
        ("Chụp cộng hưởng từ gan với chất tương phản đặc hiệu mô (0.2-1.5T)", {"contrast": "iv"}),
        ("Chụp cộng hưởng từ sọ não (0.2-1.5T) [không có chất tương phản]", {"contrast": "none"}),
        ("Chụp X-quang niệu đồ tĩnh mạch (UIV)", {"modality": "RF", "bodyRegion": "abdomen-pelvis", "contrast": "iv"}),
        ("Chụp cộng hưởng từ khớp có tiêm tương phản tĩnh mạch (0.2-1.5T)", {"bodyRegion": "other", "contrast": "iv"}),
        ("Chụp cộng hưởng từ thông khí phổi (Heli) (0.2-1.5T) [có chất tương phản]", {"contrast": "other"}),
        ("Siêu âm dương vật", {"regionNames": {}}),
        ("Chụp X-quang cột sống thắt lưng De Sèze", {"specials": ["the De Sèze view"]}),
        ("Chụp X-quang cột sống cổ C1-C2", {"specials": ["the C1-C2 (open-mouth) view"]}),
        ("Siêu âm đàn hồi nhu mô tuyến giáp", {"specials": ["elastography"]}),
        ("Siêu âm doppler tuyến vú", {"specials": ["Doppler"]}),
        ("Chụp X-quang khớp vai nghiêng hoặc chếch", {"specials": ["a lateral or oblique projection"]}),
    ]
    for name, expected in cases:
        a = t.attributes(name)
        for key, value in expected.items():
            check(a[key] == value, f"'{name}': {key} is {a[key]!r}, expected {value!r}")
    # 4. the selection rule
    seen = {}
    billing = re.compile(r"\[\s*(≤|>|số hóa|không in phim|giá)")
    for e in in_use:
        check(not billing.search(e["nameVi"]), f"{e['code']}: an entry in use is named by a billing variant: '{e['nameVi']}'")
        key = (e["nationalCodes"][0].get("tt23"), e["nameVi"])
        check(key not in seen, f"{e['code']}: the same technique as {seen.get(key)}")
        seen[key] = e["code"]
    for f in failures:
        print("FAIL:", f)
    print(f"imaging parser: {len(entries)} names, {len(in_use)} in use, {len(cases)} fixed cases, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
