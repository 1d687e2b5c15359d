"""The attribute parser of the imaging annex: reads modality, body region, contrast, laterality,
number of views and special techniques from a Vietnamese imaging service name.

Multi-word Vietnamese terms are read before single words: `read_terms` first replaces each
multi-word term (longest first) by a token such as `⟨wrist⟩`, and only then do the rules look for
single words. So "xương cổ tay" (wrist bones) is never read as "cổ" (neck), "khớp ức đòn"
(sternoclavicular joint) never as the sternum, "siêu âm tim … qua thành ngực" (transthoracic
echocardiography) never as the chest wall, and "không dùng thuốc beta block" (without a
beta-blocker) never as "without contrast".

`python3 tools/reconstruction/test_imaging_terms.py` checks the parser on every imaging name of
annex 6 against the attributes the annex records and the words the parser found.
"""
import re

# Multi-word terms, read before any single word: (Vietnamese, token, English meaning).
MULTIWORD = [
    ("xương cổ tay", "⟨wrist⟩", "wrist"), ("cổ tay", "⟨wrist⟩", "wrist"),
    ("xương cổ chân", "⟨ankle⟩", "ankle"), ("cổ chân", "⟨ankle⟩", "ankle"),
    ("khớp ức đòn", "⟨sternoclavicular⟩", "sternoclavicular joint"),
    ("cổ tử cung", "⟨cervix⟩", "uterine cervix"),
    ("qua thành ngực", "⟨transthoracic⟩", "transthoracic approach"),
    ("qua thực quản", "⟨transoesophageal⟩", "transoesophageal approach"),
    ("qua đường âm đạo", "⟨transvaginal⟩", "transvaginal approach"),
    ("qua đường bụng", "⟨transabdominal⟩", "transabdominal approach"),
    ("qua trực tràng", "⟨transrectal⟩", "transrectal approach"),
    ("không dùng thuốc beta block", "⟨without-beta-blocker⟩", "without a beta-blocker"),
    ("có dùng thuốc beta block", "⟨with-beta-blocker⟩", "with a beta-blocker"),
    ("với chất tương phản đặc hiệu mô", "⟨tissue-specific-contrast⟩", "with a tissue-specific contrast agent"),
    ("thành ngực", "⟨chest-wall⟩", "chest wall"),
    ("siêu âm nội soi", "⟨endoscopic-ultrasound⟩", "endoscopic ultrasound"),
    ("niệu đồ tĩnh mạch", "⟨iv-urography⟩", "intravenous urography"),
    ("tương phản tĩnh mạch", "⟨iv-contrast⟩", "intravenous contrast"),
    ("thông khí phổi (heli)", "⟨helium-ventilation⟩", "lung ventilation with inhaled helium"),
]
_MULTI = re.compile("|".join(re.escape(v) for v, _, _ in sorted(MULTIWORD, key=lambda t: len(t[0]), reverse=True)))
_TOKEN = {v: t for v, t, _ in MULTIWORD}


def read_terms(vi):
    """(the lower-case name with every multi-word term replaced by its token, the tokens found)."""
    found = []

    def sub(m):
        found.append(_TOKEN[m.group(0)])
        return _TOKEN[m.group(0)]
    return _MULTI.sub(sub, vi.lower()), found


# (pattern on the tokenised name, body region, playbook region name per modality or for all)
REGIONS = [
    (r"⟨wrist⟩", "wrist", {"*": "Wrist"}),
    (r"⟨ankle⟩", "ankle", {"*": "Ankle"}),
    (r"⟨sternoclavicular⟩", "chest", {"XR": "Sternoclavicular joint"}),
    (r"⟨iv-urography⟩", "abdomen-pelvis", {}),
    (r"động mạch vành|mạch vành", "heart", {"*": "Coronary arteries"}),
    (r"\btim\b|cơ tim", "heart", {"*": "Heart"}),
    (r"tuyến vú|mô vú|tuyến sữa", "breast", {"*": "Breast"}),
    (r"cột sống cổ", "cervical-spine", {"*": "Cervical spine"}),
    (r"cột sống ngực", "thoracic-spine", {"*": "Thoracic spine"}),
    (r"cột sống thắt lưng", "lumbar-spine", {"*": "Lumbar spine"}),
    (r"cùng cụt", "sacrum-coccyx", {"*": "Sacrum and Coccyx"}),
    (r"khớp cùng chậu", "pelvis", {"*": "Sacroiliac Joint"}),
    (r"hốc mắt|nhãn cầu", "head", {"*": "Orbit"}),
    (r"xương đá|đáy sọ", "head", {"CT": "Temporal bone", "MR": "Skull base"}),
    (r"tuyến yên|hố yên", "head", {"MR": "Pituitary and Sella turcica"}),
    (r"mạch máu não|động mạch não|não.\s*mạch não", "head", {}),
    (r"sọ não|\bnão\b|qua thóp", "head", {"CT": "Head", "MR": "Brain", "US": "Head"}),
    (r"blondeau|hirtz|schuller|stenvers|chausse|răng|xương chính mũi|mỏm trâm|khớp thái dương hàm", "face", {}),
    (r"mặt - cổ", "face", {"MR": "Face and Neck"}),
    (r"hàm|mặt", "face", {"XR": "Facial bones", "CT": "Maxillofacial region", "MR": "Face"}),
    (r"\bsọ\b", "head", {"XR": "Skull"}),
    (r"tuyến giáp", "neck", {"US": "Thyroid gland"}),
    (r"tuyến nước bọt", "neck", {}),
    (r"động mạch cảnh|hệ mạch cổ", "neck", {}),
    (r"vùng cổ|\bcổ\b", "neck", {"*": "Neck"}),
    (r"xương ức", "chest", {"XR": "Sternum"}),
    (r"động mạch phổi|động mạch phế quản|động mạch chủ.{0,3}ngực", "vessels", {}),
    (r"⟨chest-wall⟩", "chest", {"US": "Chest wall"}),
    (r"lồng ngực|\bngực\b|phổi|phế quản|màng phổi", "chest", {"*": "Chest"}),
    (r"xương đòn", "shoulder", {"XR": "Clavicle"}),
    (r"xương bả vai", "shoulder", {"XR": "Scapula"}),
    (r"khớp vai", "shoulder", {"*": "Shoulder"}),
    (r"xương cánh tay", "upper-limb", {"XR": "Humerus"}),
    (r"khớp khuỷu", "elbow", {"*": "Elbow"}),
    (r"xương cẳng tay", "upper-limb", {"XR": "Radius and Ulna"}),
    (r"xương bàn ngón tay", "hand", {"*": "Hand"}),
    (r"khớp háng", "hip", {"*": "Hip"}),
    (r"khung chậu", "pelvis", {"XR": "Pelvis"}),
    (r"xương đùi", "lower-limb", {"XR": "Femur"}),
    (r"bánh chè", "knee", {"XR": "Patella"}),
    (r"khớp gối", "knee", {"*": "Knee"}),
    (r"xương cẳng chân", "lower-limb", {"XR": "Tibia and Fibula"}),
    (r"xương gót", "foot", {"XR": "Calcaneus"}),
    (r"ngón chân", "foot", {"*": "Foot"}),
    (r"tiền liệt", "pelvis", {"*": "Prostate"}),
    (r"bìu|tinh hoàn", "pelvis", {"US": "Scrotum and testicle", "MR": "Scrotum and testicle"}),
    (r"dương vật", "pelvis", {}),
    (r"thai|bánh nhau|tử cung|buồng trứng|phần phụ|vòi trứng|⟨cervix⟩", "pelvis", {}),
    (r"động mạch|tĩnh mạch|mạch máu|bạch mạch|cầu nối|nội mạch", "vessels", {}),
    (r"bụng.{0,3}tiểu khung", "abdomen-pelvis", {"*": "Abdomen and Pelvis"}),
    (r"tiểu khung|vùng chậu", "pelvis", {"*": "Pelvis"}),
    (r"thực quản|dạ dày|ruột non|đại tràng|trực tràng|tiêu hóa", "abdomen", {}),
    (r"tầng trên ổ bụng|ổ bụng|tầng bụng|\bbụng\b|\bgan\b|mật|tụy|lách|các tạng", "abdomen", {"*": "Abdomen"}),
    (r"hệ tiết niệu", "abdomen-pelvis", {"CT": "Abdomen and Pelvis"}),
    (r"thận|niệu|bàng quang", "abdomen-pelvis", {}),
    (r"chi dưới", "lower-limb", {"*": "Lower extremity"}),
    (r"chi trên", "upper-limb", {"*": "Upper extremity"}),
    (r"toàn thân", "whole-body", {}),
    (r"tủy xương", "whole-body", {}),
    (r".", "other", {}),
]
PAIRED = {"upper-limb", "lower-limb", "shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "foot", "breast"}
# Special techniques and named views: (pattern on the tokenised name, English, for comments).
# An entry naming one is never 'equivalent' to a plain regional term.
SPECIAL_TERMS = [
    (r"dựng hình|3d", "3D reconstruction"), (r"tưới máu|perfusion", "perfusion imaging"), (r"\bphổ\b", "spectroscopy"),
    (r"khuếch tán", "diffusion imaging"), (r"nội soi ảo", "virtual endoscopy"), (r"đàn hồi", "elastography"),
    (r"động học|\bđộng,", "dynamic imaging"), (r"chức năng", "functional imaging"), (r"vôi hóa", "calcium scoring"),
    (r"chùm tia", "cone-beam CT"), (r"độ phân giải cao", "high-resolution technique"), (r"liều thấp", "low-dose technique"),
    (r"phần mềm nha khoa", "dental software"), (r"tractography", "tractography"), (r"gắng sức", "stress imaging"),
    (r"quá tải sắt", "iron-overload quantification"), (r"bẩm sinh", "congenital heart disease protocol"),
    (r"khối u", "tumour protocol"), (r"huyết động", "haemodynamic assessment"), (r"tầm soát", "screening protocol"),
    (r"thông khí", "ventilation imaging"), (r"doppler", "Doppler"), (r"cản âm", "ultrasound contrast"),
    (r"⟨transoesophageal⟩", "transoesophageal approach"), (r"⟨endoscopic-ultrasound⟩", "endoscopic ultrasound"),
    (r"de sèze", "the De Sèze view"), (r"c1-c2", "the C1-C2 (open-mouth) view"), (r"l5-s1", "the L5-S1 view"),
    (r"gập ưỡn", "flexion and extension views"), (r"chếch hai bên|chếch một bên", "oblique views"),
    (r"jones|coyle", "the Jones or Coyle view"), (r"tiếp tuyến", "tangential views"), (r"\bưỡn\b", "the lordotic view"),
    (r"blondeau", "the Blondeau view"), (r"hirtz", "the Hirtz view"), (r"schuller", "the Schüller view"),
    (r"stenvers", "the Stenvers view"), (r"chausse", "the Chausse III view"), (r"cephalometric|phim đo sọ", "cephalometry"),
    (r"tại giường", "a bedside examination"), (r"khảo sát mạch", "a vascular survey"), (r"bệnh lý cơ tim", "a cardiomyopathy protocol"),
]
# Contrast studies by name. Sialography ("tuyến nước bọt"), suprapubic cystography ("bàng quang trên
# xương mu") and radiculography ("bao rễ thần kinh") do not say "cản quang", but the national list
# places them in the contrast-study block (18.136, 18.144, 18.148) with contrast-study price groups
# (0039, 0022, 0027); see docs/guide/content-rules.md, rule 3.
FLUORO = re.compile(r"thực quản|dạ dày|ruột non|đại tràng|niệu đồ|tử cung vòi trứng|ngược dòng|xuôi dòng|đường rò|ống tuyến sữa|kehr|ống tiêu hóa"
                    r"|tuyến nước bọt|bàng quang trên xương mu|bao rễ thần kinh")


def modality(vi):
    l = vi.lower()
    if "số hóa xóa nền" in l or "dsa" in l or l.startswith("chụp động mạch vành"):
        return "XA"
    if "cộng hưởng từ" in l:
        return "MR"
    if "clvt" in l or "cắt lớp vi tính" in l or "ct scanner" in l:
        return "CT"
    if l.startswith("siêu âm") or l.startswith("doppler"):
        return "US"
    # Galactography (X-ray of the milk ducts) is a mammographic study (LOINC "MG Breast duct").
    if "x-quang" in l and ("tuyến vú" in l or "tuyến sữa" in l or "tomosynthesis" in l):
        return "MG"
    if "x-quang" in l and FLUORO.search(l):
        return "RF"
    if "x-quang" in l:
        return "XR"
    return None


def region(vi, mod):
    """(body region, playbook region names) from the name without its "(gồm: ...)" lists and
    "[...]" billing variants, tokenised."""
    subject, _ = read_terms(re.sub(r"\(.*?\)|\[.*?\]", " ", vi))
    return next((r, n) for pattern, r, n in REGIONS if re.search(pattern, subject))


def contrast(vi, mod):
    l, _ = read_terms(vi)
    if mod == "XA":
        return "iv" if "tĩnh mạch" in l else "intra-arterial"
    if "nội khớp" in l or "vào ổ khớp" in l:
        return "intra-articular"
    if re.search(r"không (tiêm|có thuốc|có chất|có tiêm)", l):
        return "none"
    if mod == "RF":
        if "⟨iv-urography⟩" in l:
            return "iv"
        if "ngược dòng" in l or "tuyến nước bọt" in l:
            return "retrograde"
        if "bao rễ thần kinh" in l:
            return "intrathecal"
        if re.search(r"thực quản|dạ dày|ruột non|uống|ống tiêu hóa", l):
            return "oral"
        if "đại tràng" in l:
            return "rectal"
        return "other"
    if "⟨helium-ventilation⟩" in l:
        return "other"
    # Contrast given through a tube (entero-scan "có dùng sonde"), or into the milk ducts, is
    # neither intravenous nor oral (content rule 3).
    if "sonde" in l and re.search(r"có thuốc cản quang|\[có (thuốc|chất)", l):
        return "other"
    if "ống tuyến sữa" in l:
        return "other"
    if re.search(r"có (tiêm|thuốc cản quang|chất tương phản|tiêm tương phản)|tiêm tương phản|cản âm|\[có (thuốc|chất)|⟨tissue-specific-contrast⟩|⟨iv-contrast⟩", l):
        return "iv"
    # Angiography, perfusion and vessel surveys on CT and MR are contrast studies unless the name
    # says otherwise (the explicit "không tiêm/không có" forms were read above).
    if mod in ("CT", "MR") and re.search(r"mạch máu|động mạch|tĩnh mạch|tưới máu|perfusion|khảo sát mạch", l):
        return "iv"
    return "none"


def laterality(vi, body_region):
    # "chếch hai bên" names two oblique views, not two sides (content rule 5).
    l = vi.lower().replace("chếch hai bên", "chếch")
    # Breast MRI images both breasts in one study; its name gives no side.
    if body_region == "breast" and "cộng hưởng từ" in l:
        return "none"
    if "hai bên" in l:
        return "bilateral"
    if re.search(r"một bên|1 bên|mỗi bên", l) or body_region in PAIRED:
        return "unilateral"
    return "none"


def views(vi):
    """Number of views: the billing variant ("[số hóa 1 phim]", "[..., 2 tư thế]") decides;
    otherwise the projections named, unless they are alternatives ("hoặc")."""
    l = vi.lower()
    billed = re.search(r"(\d) (phim|tư thế)\]", l)
    if billed:
        return int(billed.group(1))
    if "hoặc" in l:
        return None
    if re.search(r"thẳng nghiêng|thẳng, nghiêng|thẳng chếch", l):
        return 2
    return None


def specials(vi):
    """English names of the special techniques and named views the name states. A radiograph
    named only by lateral or oblique projections fixes its projection too."""
    l, _ = read_terms(vi)
    found = [english for pattern, english in SPECIAL_TERMS if re.search(pattern, l)]
    if "x-quang" in l and "thẳng" not in l and re.search(r"\bnghiêng\b|\bchếch\b", l) and not found:
        found.append("a lateral or oblique projection")
    return found


def attributes(vi):
    """Every attribute the parser reads from a name, with the terms it found."""
    mod = modality(vi)
    body, names = region(vi, mod)
    _, terms = read_terms(vi)
    return {"modality": mod, "bodyRegion": body, "contrast": contrast(vi, mod), "laterality": laterality(vi, body),
            "regionNames": names, "views": views(vi), "specials": specials(vi), "terms": terms}
