"""Mappings of annex 6 entries to the LOINC/RSNA radiology playbook and the RadLex playbook.

A term is mapped only when a display built from the entry's modality, region, contrast,
laterality and technique exists verbatim in the reference (LOINC: the playbook value set;
RadLex: the 2017 complete playbook, whose decoded parts must agree too: modality, contrast,
laterality, and no modifier, focus, view or technique the entry does not have). Relationships:

- `equivalent` when the national technique fixes nothing the term leaves open;
- `source-is-narrower-than-target` when it also fixes the scanner class, the field strength,
  the projections or a special technique (Doppler, elastography, perfusion, a named view...),
  each named in the comment;
- `source-is-broader-than-target` when it covers several terms (a service billed with one or
  two views);
- `related-to` only for real doubt, said in the comment (a "WO and W" term for a service that
  does not say whether a plain phase precedes contrast).
"""
import csv
import re

from author import DISPLAYS, SHARED
from imaging_terms import read_terms

_LOINC = {}
for _c, _names in DISPLAYS["loinc"].items():
    for _n in _names:
        _LOINC.setdefault(_n, _c)


def loinc(display):
    return _LOINC.get(display)


# RadLex 2017 complete playbook, decoded: rows whose every part is known.
_MODALITY = {"CT": "computed tomography", "MR": "magnetic resonance imaging", "US": "ultrasound", "XR": "projection radiography", "MG": "mammography"}
_PHARMA = {"none": "imaging without IV contrast", "iv": "imaging with IV contrast"}
_EXTRA_SLOTS = ["POPULATION", "MODALITY_MODIFIER", "MODALITY_MODIFIER_2", "MODALITY_MODIFIER_3", "PROCEDURE_MODIFIER",
                "PROCEDURE_MODIFIER_2", "ANATOMIC_FOCUS_2", "REASON_FOR_EXAM", "REASON_FOR_EXAM_2", "REASON_FOR_EXAM_3",
                "TECHNIQUE", "PHARMACEUTICAL_2", "VIEW", "VIEW_2", "VIEW_3", "VIEW_4"]
_RADLEX = {}
for _r in csv.DictReader(open(SHARED / "radlex/radlex_playbook_complete_2017_decoded.csv", encoding="utf-8")):
    name = _r["LONG_NAME"]
    if name and name == " ".join(name.split()) and not any(_r[s] for s in _EXTRA_SLOTS):
        _RADLEX.setdefault(name, []).append(_r)

# LOINC region name -> RadLex long-name region, for CT and MR.
RADLEX_REGION = {
    "Head": "Head", "Brain": "Head", "Chest": "Chest", "Abdomen": "Abdomen", "Pelvis": "Pelvis", "Neck": "Neck",
    "Cervical spine": "Cervical Spine", "Thoracic spine": "Thoracic Spine", "Lumbar spine": "Lumbar Spine",
    "Maxillofacial region": "Maxillofacial", "Orbit": "Orbits", "Temporal bone": "Temporal Bone", "Face": "Face",
    "Lower extremity": "Lower Extremity", "Upper extremity": "Upper Extremity", "Heart": "Heart", "Knee": "Knee",
    "Hip": "Hip", "Shoulder": "Shoulder", "Elbow": "Elbow", "Wrist": "Wrist", "Ankle": "Ankle", "Foot": "Foot", "Hand": "Hand",
    "Prostate": "Prostate", "Scrotum and testicle": "Scrotum", "Abdomen and Pelvis": "Abdomen and Pelvis",
    "Thyroid gland": "Thyroid", "Breast": "Breast", "Pituitary and Sella turcica": "Sella Turcica",
}


def radlex(display, mod, con, lat):
    """The RPID whose long name is `display` and whose decoded parts agree, or None."""
    rows = [r for r in _RADLEX.get(display, []) if r["MODALITY"] == _MODALITY.get(mod)
            and r["PHARMACEUTICAL"] == (_PHARMA.get(con, "?") if mod in ("CT", "MR") else "")
            and r["LATERALITY"] == {"bilateral": "bilateral"}.get(lat, "")]
    return rows[0]["RPID"] if len(rows) == 1 else None


def radlex_display(rpid):
    return DISPLAYS["radlex"].get(rpid, [None])[0]


# Procedures whose playbook term the generic rules cannot build: (modality, pattern on the
# tokenised name, LOINC display, relationship, comment).
OVERRIDES = [
    ("US", r"siêu âm ổ bụng", "US Abdomen", "eq", None),
    ("US", r"tuyến vú hai bên", "US Breast - bilateral", "eq", None),
    ("US", r"tiền liệt tuyến ⟨transrectal⟩", "US Prostate transrectal", "eq", None),
    ("US", r"doppler.*⟨transvaginal⟩", "US Pelvis transvaginal", "nt", "The national technique adds Doppler to the transvaginal examination of the uterus and ovaries."),
    ("US", r"⟨transvaginal⟩", "US Pelvis transvaginal", "eq", None),
    ("US", r"⟨transabdominal⟩", "US Pelvis", "nt", "The national technique examines the uterus and ovaries transabdominally; the LOINC term is the pelvis."),
    ("US", r"doppler tinh hoàn", "US Scrotum and Testicle - bilateral", "nt", "The national technique adds Doppler to the examination of the testes and epididymides."),
    ("US", r"tinh hoàn", "US Scrotum and Testicle - bilateral", "eq", None),
    ("US", r"qua thóp", "US Head", "nt", "The national technique is the transfontanellar examination of the infant brain."),
    ("US", r"hạch vùng cổ|u tuyến, hạch vùng cổ|cơ phần mềm vùng cổ mặt", "US Neck", "nt", "The national technique targets part of the neck."),
    ("US", r"⟨chest-wall⟩", "US Chest wall", "eq", None),
    ("US", r"màng phổi", "US Chest", "nt", "The national technique examines the pleura."),
    ("US", r"^siêu âm thai|siêu âm thai nhi", "US for pregnancy", "nt", "The national technique fixes the trimester or the structures examined."),
    ("US", r"tim.*⟨transthoracic⟩", "US Heart", "nt", "The national technique is transthoracic echocardiography; the LOINC term names no approach."),
    ("US", r"tim.*⟨transoesophageal⟩", "US Heart", "nt", "The national technique is transoesophageal echocardiography; the LOINC term names no approach."),
    ("US", r"doppler động mạch cảnh", "US.doppler Head vessels and Neck vessels", "bt", "The LOINC term covers head and neck vessels; the national service the carotid and transcranial arteries."),
    ("XR", r"blondeau", "XR Sinuses Views", "nt", "The national technique is the occipitomental (Blondeau) projection."),
    ("XR", r"schuller", "XR Mastoid Views", "nt", "The national technique is the Schüller projection."),
    ("XR", r"stenvers|chausse", "XR Petrous part of temporal bone Views", "nt", "The national technique fixes the projection (Stenvers or Chausse III)."),
    ("XR", r"hố yên", "XR Sella turcica Views", "nt", "The national technique fixes the projections."),
    ("XR", r"khớp thái dương hàm", "XR Temporomandibular joint Views", "nt", "The national technique fixes the projections."),
    ("XR", r"xương chính mũi", "XR Nasal bones Views", "nt", "The national technique fixes the projections."),
    ("CT", r"động mạch chủ ngực|động mạch chủ-ngực|động mạch chủ - ngực", "CT Thoracic Aorta W contrast IV", "nt", "The national technique is a CT angiography of the thoracic aorta and also fixes the scanner class (detector rows)."),
    ("CT", r"vào ổ khớp", "CT Joint Arthrogram", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("MR", r"khớp.*nội khớp", "MR Joint Arthrogram", "nt", "The national technique also fixes the field strength."),
    ("MR", r"cộng hưởng từ khớp", "MR Joint", "nt", "The national technique also fixes contrast use and the field strength."),
    ("RF", r"thực quản cổ", "RF Esophagus Views W contrast PO", "nt", "The national technique is the lateral view of the cervical oesophagus."),
    ("RF", r"ruột non", "RF Small bowel Views W contrast PO", "eq", None),
    ("RF", r"đại tràng", "RF Colon Views W contrast PR", "eq", None),
    ("RF", r"tử cung vòi trứng", "RF Uterus and Fallopian tubes Views W contrast IU", "eq", None),
    ("RF", r"niệu đạo bàng quang ngược dòng", "RF Urinary bladder and Urethra Views W contrast retrograde via urethra", "eq", None),
    ("RF", r"kehr", "RF Biliary ducts and Gallbladder Views W contrast via T-tube", "eq", None),
    ("XA", r"động mạch chậu", "RFA Pelvis arteries Views W contrast IA", "nt", "The national technique images the iliac arteries."),
    ("XA", r"động mạch mạc treo", "RFA Mesenteric artery Views W contrast IA", "eq", None),
    ("XA", r"động mạch phổi", "RFA Pulmonary artery - bilateral Views W contrast IA", "eq", None),
    ("XA", r"tĩnh mạch chi", "RFA Peripheral veins Views W contrast IV", "eq", None),
    ("XA", r"tĩnh mạch lách - cửa", "RFA Splenic vein and Portal vein Views W contrast IA", "eq", None),
    ("XA", r"^chụp tĩnh mạch số hóa", "RFA Vein Views W contrast IV", "eq", None),
    ("XA", r"động mạch chi", "RFA Peripheral arteries Views W contrast IA", "eq", None),
    ("XA", r"mạch vùng đầu mặt cổ", "RFA Head artery and Neck artery Views W contrast IA", "eq", None),
    ("XA", r"động mạch não", "RFA Head artery and Neck artery Views W contrast IA", "bt", "The LOINC term covers head and neck arteries; the national technique the cerebral arteries."),
    ("XA", r"động mạch tạng", "RFA Abdominal arteries Views W contrast IA", "bt", "The LOINC term covers the abdominal arteries; the national technique selected visceral arteries (liver, spleen, kidney, uterus, gonads)."),
    ("XA", r"động mạch tủy", "RFA Spinal artery Views W contrast IA", "eq", None),
    ("XA", r"^chụp động mạch vành$", "RFA Coronary arteries Views W contrast IA", "eq", None),
    ("XA", r"động mạch phế quản", "RFA Bronchial artery Views W contrast IA", "eq", None),
    ("XA", r"động mạch chủ", "RFA Thoracic and abdominal aorta Views W contrast IA", "eq", None),
    ("CT", r"tưới máu não", "CT perfusion Head W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("MR", r"tưới máu não", "MR perfusion Brain W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("CT", r"tính điểm vôi hóa", "CT Heart and Coronary arteries for calcium scoring WO contrast", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"động mạch vành, tim", "CTA Heart and Coronary arteries W contrast IV", "nt", "The national technique also fixes the scanner class and beta-blocker use."),
    ("CT", r"đại tràng.*nội soi ảo.*\[có thuốc", "CT Colon and Rectum W contrast IV and W air contrast PR", "rel", "The national technique distends the colon with fluid or air (the LOINC term names air), and also fixes the scanner class (detector rows)."),
    ("CT", r"đại tràng.*nội soi ảo", "CT Colon and Rectum WO contrast IV and W air contrast PR", "rel", "The national technique distends the colon with fluid or air (the LOINC term names air), and also fixes the scanner class (detector rows)."),
    ("CT", r"phổi liều thấp tầm soát", "CT Chest for screening WO contrast", "nt", "The national technique is low-dose lung screening and fixes the scanner class."),
    ("MR", r"tuyến vú động học", "MR Breast dynamic W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"thai nhi", "MR Fetal", "nt", "The national technique also fixes the field strength and contrast use."),
    ("MR", r"tim sử dụng chất gắng sức", "MR Heart W stress and W contrast IV", "nt", "The national technique is pharmacological stress perfusion imaging."),
    ("CT", r"mạch máu não", "CTA Head vessels W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"mạch máu chi dưới", "CTA Lower extremity vessels W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"động mạch phổi", "CTA Pulmonary arteries W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("MR", r"hệ mạch cổ có tiêm", "MRA Neck vessels W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"động mạch chi trên có tiêm", "MRA Upper extremity vessels W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"động mạch chi dưới", "MRA Lower extremity vessels", "nt", "The national technique also fixes the field strength and contrast use."),
    ("MR", r"động mạch vành", "MRA Heart", "rel", "The national technique images the coronary arteries; the LOINC term is MR angiography of the heart."),
    ("MG", r"^chụp x-quang tuyến vú$|^chụp x-quang tuyến vú \[", "MG Breast Diagnostic", "rel", "The national service does not say whether the mammogram is diagnostic or screening."),
    # Second pass: terms the review found in the reference for entries the first pass left unmapped.
    ("US", r"nhãn cầu", "US Eye", "eq", None),
    ("US", r"^siêu âm hốc mắt", "US Eye", "bt", "The national technique examines the orbit; the LOINC term the eye."),
    ("US", r"tuyến nước bọt", "US Salivary gland", "eq", None),
    ("US", r"hệ tiết niệu", "US Kidney - bilateral and Urinary bladder", "bt", "The national technique also examines the adrenal glands and the prostate."),
    ("US", r"doppler tử cung phần phụ", "US.doppler Pelvis vessels", "nt", "The national technique is a Doppler study of the uterus and adnexa."),
    ("US", r"tử cung phần phụ", "US Pelvis", "nt", "The national technique examines the uterus and adnexa; the LOINC term is the pelvis."),
    ("US", r"ống tiêu hóa", "US Gastrointestinal tract", "eq", None),
    ("US", r"doppler mạch máu ổ bụng", "US.doppler Abdominal vessels", "eq", None),
    ("US", r"doppler động mạch thận", "US.doppler Renal artery", "eq", None),
    ("US", r"doppler thai nhi", "US for pregnancy", "nt", "The national technique is a Doppler study of the fetus, placenta, umbilical cord and uterine arteries."),
    ("US", r"doppler động mạch tử cung", "US.doppler Pelvis vessels", "nt", "The national technique is a Doppler study of the uterine arteries."),
    ("US", r"doppler động mạch, tĩnh mạch chi dưới", "US.doppler Lower extremity vessels", "eq", None),
    ("US", r"doppler tĩnh mạch chậu, chủ dưới", "US.doppler Iliac vessels", "rel", "The national technique examines the iliac veins and the inferior vena cava; the LOINC term the iliac vessels."),
    ("US", r"^siêu âm khớp", "US Extremity musculoskeletal tissue", "nt", "The national technique examines joints (knee, hip, elbow, wrist)."),
    ("US", r"3d/4d trực tràng", "US Rectum", "nt", "The national technique also fixes 3D/4D acquisition."),
    ("MR", r"bìu, dương vật có tiêm", "MR Scrotum and testicle W contrast IV", "rel", "The national technique images the scrotum and the penis and also fixes the field strength; the LOINC term images the scrotum and testes."),
    ("MR", r"bìu, dương vật", "MR Scrotum and testicle WO contrast", "rel", "The national technique images the scrotum and the penis and also fixes the field strength; the LOINC term images the scrotum and testes."),
    ("CT", r"ruột non.*không dùng sonde", "CT Abdomen WO contrast", "nt", "The national technique images the small bowel (entero-scan), and also fixes the scanner class (detector rows)."),
    ("MR", r"ruột non \(enteroclysis\)", "MR Abdomen W contrast IV", "nt", "The national technique images the small bowel by enteroclysis, and also fixes the field strength."),
    ("MR", r"sàn chậu, tống phân", "MR Pelvis WO contrast", "nt", "The national technique is a dynamic study of the pelvic floor during defecation, and also fixes the field strength."),
    ("XR", r"răng toàn cảnh", "XR tomography Mandible Panoramic", "eq", None),
    ("RF", r"thực quản dạ dày", "RF Esophagus Views W contrast PO", "bt", "The national technique also examines the stomach."),
    ("RF", r"mật tụy ngược dòng qua nội soi", "RF Guidance for endoscopy of Biliary ducts and Pancreatic duct-- W contrast retrograde", "eq", None),
    ("RF", r"đường rò", "RF Fistula Diagnostic W contrast intra fistula", "eq", None),
    ("RF", r"ống tuyến sữa", "MG Breast duct Views W contrast intra duct", "eq", None),
    ("RF", r"⟨iv-urography⟩", "RF Kidney and Ureter and Urinary bladder Views W contrast IV", "eq", None),
    ("RF", r"bể thận - niệu quản xuôi dòng", "RF Kidney and Ureter and Urinary bladder Views W contrast antegrade", "nt", "The national technique images the renal pelvis and ureter."),
    ("RF", r"niệu quản - bể thận ngược dòng", "RF Kidney and Ureter and Urinary bladder Views W contrast retrograde", "nt", "The national technique images the ureter and renal pelvis."),
    ("XR", r"bàng quang trên xương mu", "RF Urinary bladder Views W contrast via suprapubic tube", "rel", "Doubtful match. The national technique is suprapubic cystography; the LOINC term fills the bladder through a suprapubic tube."),
    ("CT", r"hệ động mạch cảnh có tiêm", "CTA Carotid artery W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"ruột non.*có dùng sonde", "CT Small bowel W positive contrast via enteroclysis tube", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"động mạch chủ.{0,3}chậu", "CTA Abdominal vessels and Pelvis vessels W contrast IV", "nt", "The national technique images the aorta and the iliac arteries, and also fixes the scanner class (detector rows)."),
    ("CT", r"khớp thường quy không tiêm", "CT Extremity WO contrast", "nt", "The national technique images a joint, and also fixes the scanner class (detector rows)."),
    ("CT", r"khớp thường quy có tiêm", "CT Extremity W contrast IV", "nt", "The national technique images a joint, and also fixes the scanner class (detector rows)."),
    ("CT", r"xương chi không tiêm", "CT Extremity WO contrast", "nt", "The national technique images the bones of a limb, and also fixes the scanner class (detector rows)."),
    ("CT", r"xương chi có tiêm", "CT Extremity W contrast IV", "nt", "The national technique images the bones of a limb, and also fixes the scanner class (detector rows)."),
    ("CT", r"mạch máu chi trên", "CTA Upper extremity vessels W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"tầm soát toàn thân.*\[có thuốc", "CT Whole body W contrast IV", "nt", "The national technique is a screening protocol and also fixes the scanner class (detector rows)."),
    ("CT", r"tầm soát toàn thân", "CT Whole body", "nt", "The national technique is a screening protocol without contrast and also fixes the scanner class (detector rows)."),
    ("MR", r"não.\s*mạch não không tiêm", ("MR Brain WO contrast", "MRA Head vessels WO contrast"), "bt", "The national technique images both the brain and its vessels, and also fixes the field strength."),
    ("MR", r"não.\s*mạch não có tiêm", ("MR Brain W contrast IV", "MRA Head vessels W contrast IV"), "bt", "The national technique images both the brain and its vessels, and also fixes the field strength."),
    ("MR", r"hệ mạch cổ không tiêm", "MRA Neck vessels WO contrast", "nt", "The national technique also fixes the field strength."),
    ("MR", r"bánh nhau", "MR Pelvis W contrast IV", "nt", "The national technique assesses the placenta, and also fixes the field strength."),
    ("MR", r"xương và tủy xương có tiêm", "MR Bone marrow W contrast IV", "bt", "The national technique names the bones and the bone marrow, and also fixes the field strength."),
    ("MR", r"xương và tủy xương", "MR Bone marrow WO contrast", "bt", "The national technique names the bones and the bone marrow, and also fixes the field strength."),
    ("MR", r"phần mềm chi", "MR Extremity", "nt", "The national technique images the soft tissues of a limb, and also fixes contrast use and the field strength."),
    ("MR", r"động mạch chủ.{0,3}ngực", "MRA Thoracic Aorta W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"động mạch chi trên", "MRA Upper extremity vessels WO contrast", "nt", "The national technique also fixes the field strength."),
    ("MR", r"cộng hưởng từ tĩnh mạch", "MRA Veins", "nt", "The national technique also fixes contrast use and the field strength."),
]

# RadLex procedures for entries the region rules cannot name: (modality, pattern on the
# tokenised name, RadLex long name, relationship, comment).
RADLEX_OVERRIDES = [
    ("US", r"^siêu âm dương vật", "US Penis Soft Tissue", "eq", None),
    ("US", r"doppler dương vật", "US Penis Doppler", "eq", None),
    ("XR", r"^chụp x-quang tuyến nước bọt", "XR Salivary Gland", "eq", None),
]


def radlex_code(display, mod):
    """The RPID of a RadLex long name of modality `mod` in the complete playbook, when exactly
    one row has it."""
    rows = [r for r in _RADLEX.get(display, []) if r["MODALITY"] == _MODALITY.get(mod)]
    return rows[0]["RPID"] if len(rows) == 1 else None


# Unmapped entries whose reason names the near terms the reference has, for a reviewer.
UNMAPPED_REASONS = [
    ("MG", r"tomosynthesis", "The RadLex playbook has breast tomosynthesis only for the left breast (RPID6274), the right (RPID6275) or both (RPID6273), each diagnostic; the national service examines one breast without naming the side or whether it is diagnostic, so none is confirmed."),
    ("MR", r"thông khí phổi", "The national technique images lung ventilation with inhaled helium; the playbooks in the reference extracts have no term for it."),
]

NO_TERM = "No LOINC/RSNA playbook or RadLex playbook term for this procedure's modality, region and contrast is in the reference extracts."


def _extras(vi, mod, specials, skip=()):
    l = vi.lower()
    extra = []
    if "dãy" in l:
        extra.append("the scanner class (detector rows)")
    if re.search(r"\d(\.\d)?t\)|≥ 3t", l):
        extra.append("the field strength")
    extra += [s for s in specials if s not in skip]
    return extra


def _relationship(extra, base_comment=None):
    if extra:
        return "nt", "The national technique also fixes " + ", ".join(extra) + "."
    return "eq", base_comment


def map_entry(entry, attrs):
    """(mappings as dicts, unmappedReason) for an imaging entry whose attributes the parser read."""
    vi = entry["nameVi"]
    mod, con, lat = entry["modality"], entry["contrast"], entry["laterality"]
    names = attrs["regionNames"]
    specials = attrs["specials"]
    l, _ = read_terms(vi)
    out = []
    override = None
    for o_mod, pattern, displays, rel, comment in OVERRIDES:
        if o_mod == mod and re.search(pattern, l):
            override = (rel, comment)
            for display in (displays if isinstance(displays, tuple) else (displays,)):
                code = loinc(display)
                if not code:
                    raise SystemExit(f"override display '{display}' is not in the LOINC reference")
                out.append(_m("loinc", code, display, rel, comment))
            break
    name = names.get(mod) or names.get("*")
    if not out and name and mod in ("CT", "MR", "US", "XR"):
        out += _generic(vi, mod, con, lat, name, specials, entry.get("variantViews"))
    for o_mod, pattern, display, rel, comment in RADLEX_OVERRIDES:
        if o_mod == mod and re.search(pattern, l) and radlex_code(display, mod):
            out.append(_m("radlex", radlex_code(display, mod), display, rel, comment))
    # RadLex, where the playbook has the same procedure (not where an override found the region
    # and the relationship differs from the region's own).
    if override and override[0] != "eq":
        name = None if override[0] != "nt" else name
    if name and mod in ("CT", "MR", "US") and not (mod == "US" and specials):
        rad_name = RADLEX_REGION.get(name)
        if rad_name:
            if mod == "US":
                display = f"US {rad_name}" + (" Bilateral" if lat == "bilateral" else "")
            else:
                display = f"{mod} {rad_name} " + {"none": "wo IV Contrast", "iv": "w IV Contrast"}.get(con, "?")
            rpid = radlex(display, mod, con, lat)
            if rpid and radlex_display(rpid):
                extra = _extras(vi, mod, specials)
                rel, comment = _relationship(extra)
                if override and override[0] == "nt":
                    rel, comment = "nt", " ".join(c for c in (override[1], comment) if c)
                out.append(_m("radlex", rpid, radlex_display(rpid), rel, comment))
    if out:
        return out, None
    for r_mod, pattern, reason in UNMAPPED_REASONS:
        if r_mod == mod and re.search(pattern, l):
            return [], reason
    if mod in ("CT", "MR", "US", "XR") and not name:
        return [], "The playbooks in the reference extracts have no term for this region as the national technique names it (" + ("vessels" if entry["bodyRegion"] == "vessels" else entry["bodyRegion"]) + ")."
    return [], NO_TERM


def _generic(vi, mod, con, lat, name, specials, variant_views):
    extra = _extras(vi, mod, specials)
    if mod in ("CT", "MR"):
        suffix = {"none": "WO contrast", "iv": "W contrast IV"}.get(con)
        if not suffix:
            return []
        # A special technique the playbook names (perfusion) is tried first.
        if "perfusion imaging" in specials:
            disp = f"{mod} perfusion {name} {suffix}"
            if loinc(disp):
                rel, comment = _relationship(_extras(vi, mod, specials, skip=("perfusion imaging",)))
                return [_m("loinc", loinc(disp), disp, rel, comment)]
        disp = f"{mod} {name} {suffix}"
        if loinc(disp):
            rel, comment = _relationship(extra)
            return [_m("loinc", loinc(disp), disp, rel, comment)]
        both = f"{mod} {name} WO and W contrast IV"
        if con == "iv" and loinc(both):
            return [_m("loinc", loinc(both), both, "rel", "Doubtful match. The national service does not say whether a plain phase precedes contrast" + (", and also fixes " + ", ".join(extra) if extra else "") + ".")]
        return []
    if mod == "US":
        if "Doppler" in specials:
            disp = f"US.doppler {name}"
            if loinc(disp):
                rel, comment = _relationship(_extras(vi, mod, specials, skip=("Doppler",)))
                return [_m("loinc", loinc(disp), disp, rel, comment)]
        disp = f"US {name}" + (" - bilateral" if lat == "bilateral" and loinc(f"US {name} - bilateral") else "")
        if loinc(disp):
            rel, comment = _relationship(extra)
            return [_m("loinc", loinc(disp), disp, rel, comment)]
        return []
    # XR: the number of views the service bills decides the term.
    views = sorted(variant_views or ([attrs_views] if (attrs_views := _views(vi)) else []))
    if views == [1, 2] and loinc(f"XR {name} 1 or 2 Views"):
        disp = f"XR {name} 1 or 2 Views"
        rel, comment = _relationship(extra)
        return [_m("loinc", loinc(disp), disp, rel, comment)]
    if len(views) > 1:
        # Billed with several view counts: broader than each view-count term the reference has
        # (related to it, when the national technique also fixes something the term leaves open).
        found = []
        for n in views:
            disp = f"XR {name} 2 Views" if n == 2 else f"XR {name} Single view" if n == 1 else f"XR {name} {n} Views"
            if loinc(disp):
                found.append(_m("loinc", loinc(disp), disp, "rel" if extra else "bt", f"The national technique is billed with {' or '.join(map(str, views))} images; this term is the {n}-view study" + (", and the national technique also fixes " + ", ".join(extra) if extra else "") + "."))
        if found:
            return found
        disp = f"XR {name} Views"
        if loinc(disp):
            return [_m("loinc", loinc(disp), disp, "nt", "The national technique also fixes the projections" + (", " + ", ".join(extra) if extra else "") + ".")]
        return []
    n = views[0] if views else None
    candidates = ([f"XR {name} 2 Views"] if n == 2 else [f"XR {name} Single view"] if n == 1 else []) + [f"XR {name} Views"]
    if lat == "bilateral":
        # A bilateral term first; else the term that names no side (the national technique then
        # also fixes both sides).
        candidates = [c.replace(f"XR {name} ", f"XR {name} - bilateral ") for c in candidates] + candidates
        if not any(loinc(c) for c in candidates[:len(candidates) // 2]):
            extra = extra + ["both sides"]
    disp = next((c for c in candidates if loinc(c)), None)
    if not disp:
        return []
    if disp.endswith(" Views") and not re.search(r"\d Views$", disp):
        extra = extra + ["the projections (the LOINC term names no number of views)"]
    rel, comment = _relationship(extra)
    return [_m("loinc", loinc(disp), disp, rel, comment)]


def _views(vi):
    from imaging_terms import views
    return views(vi)


def _m(system, code, display, rel, comment):
    m = {"system": system, "code": code, "display": display,
         "relationship": {"eq": "equivalent", "nt": "source-is-narrower-than-target", "bt": "source-is-broader-than-target", "rel": "related-to"}[rel]}
    if comment:
        m["comment"] = comment
    return m
