"""Reconstruction of annex 6 (Điện quang, diagnostic imaging). Run from the project root:
    .venv/bin/python tools/reconstruction/imaging_annex.py

Pool: every diagnostic row of chapter 18 in the Circular 23/2024 price list (technique and
billing variant), plus diagnostic rows of the national price list whose code the Circular 23
list lacks. Therapeutic and guided procedures (embolisation, stenting, drainage, biopsy,
ablation...) are left out; price-list artefacts ("[giá ...]", "các vị trí") too.

Attributes are parsed from the Vietnamese name (imaging_terms.py); the English name is composed
from the phrase table below; billing variants of one technique become one entry (the selection
rule, imaging_selection.py); mappings are written only where the reference confirms them
(imaging_mapping.py). `revise_imaging.py` applies the same rule, parser and mappings to the annex
file as it stands, which is how the second edition was made.
"""
import csv
import re
import sys

from author import REL, SHARED, existing_codes, write_annex
from imaging_mapping import map_entry
from imaging_selection import base_name, comparable
from imaging_terms import attributes

THERAPEUTIC = re.compile(r"điều trị|\bnút\b|stent|\bnong\b|dẫn lưu|lấy huyết khối|\bđốt\b|can thiệp|lưới lọc|mở thông|tiêm xơ|sinh thiết|chọc hút|chọc dò|lấy dị vật|thả dù|\bbít\b|gây tắc|đặt ống|đặt catheter|đặt buồng|dưới hướng dẫn|hướng dẫn của|tiêu sợi huyết|cấy hạt|đổ xi măng|tạo hình|máy tạo nhịp|điện sinh lý|vi sóng|cắt đốt|\bđóng\b|lấy sỏi|đặt dẫn|tán sỏi|bơm thuốc|bơm rửa|phá rung|phá đông|đặt cổng|đặt sonde|luồng thông|thông tim|đo áp lực|chọc kim|tại phòng mổ", re.I)

from author import nfc as norm

BILLED_AT_OTHER_PRICE = []


def pool():
    rows = {}
    tt = [r for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_tt23_2024.csv", encoding="utf-8")) if r["Mã tương đương"][:2] == "18"]
    codes = {r["Mã tương đương"] for r in tt}
    for r in tt:
        name = norm(r["Tên dịch vụ kỹ thuật cụ thể"])
        if THERAPEUTIC.search(name):
            continue
        rows[(r["Mã tương đương"], r["Mã kỹ thuật (TT23/2024)"])] = name
    tt_names = set(rows.values())
    for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_ma_tuong_duong_gia_max.csv", encoding="utf-8")):
        if r["CHUONG_TU_MA"] != "18" or r["HIEULUC"] != "Có" or r["MA_TUONG_DUONG"] in codes:
            continue
        name = norm(r["TEN_DVKT_GIA"])
        # "…" marks a shortened name, unless the Circular 23 list has the same name.
        if THERAPEUTIC.search(name) or THERAPEUTIC.search(r["TEN_DVKT_PHEDUYET"]) or ("…" in name and name not in tt_names) or "các vị trí" in name:
            continue
        if "[giá" in name:
            # A technique billed at another detector class's price: a national code of the
            # technique its name states (selection rule, step 2), not an entry.
            BILLED_AT_OTHER_PRICE.append((r["MA_TUONG_DUONG"], name))
            continue
        rows.setdefault((r["MA_TUONG_DUONG"], None, name), name)
    return rows

# Vietnamese phrase -> English, applied longest first, case-insensitively.
PHRASES = {
    # modality and technique
    "chụp x-quang số hóa cắt lớp": "Digital breast tomosynthesis X-ray of", "chụp x-quang": "X-ray", "chụp clvt": "CT", "chụp cắt lớp vi tính": "CT",
    "chụp cộng hưởng từ": "MRI", "cộng hưởng từ": "MRI", "siêu âm doppler": "Doppler ultrasound", "siêu âm": "Ultrasound", "doppler": "Doppler",
    "số hóa xóa nền": "digital subtraction angiography", "chụp ct scanner": "CT", "chụp": "imaging of", "(dsa)": "(DSA)", "dưới dsa": "under DSA",
    "chùm tia hình nón": "cone-beam", "(cone-beam ct)": "(cone-beam CT)", "nội soi ảo": "virtual endoscopy", "dựng hình 3d": "3D reconstruction",
    "có dựng hình": "with reconstruction of", "dựng hình": "reconstruction", "ứng dụng phần mềm nha khoa": "dental software", "độ phân giải cao": "high resolution",
    "liều thấp": "low-dose", "tầm soát": "screening", "thường quy": "routine", "khảo sát": "assessment of", "huyết động học": "haemodynamics",
    "tưới máu": "perfusion", "khuếch tán sức căng": "diffusion tensor imaging", "khuếch tán": "diffusion", "phổ": "spectroscopy", "động học": "dynamic",
    "chức năng": "functional", "đàn hồi mô": "elastography", "đàn hồi nhu mô": "elastography of the parenchyma of", "đàn hồi": "elastography",
    "3d/4d": "3D/4D", "tính điểm vôi hóa": "calcium scoring", "sử dụng chất gắng sức": "with pharmacological stress", "đánh giá": "assessment of",
    "các bệnh lý tim bẩm sinh": "congenital heart disease", "bệnh lý cơ tim": "cardiomyopathy", "các khối u tim": "cardiac tumours", "quá tải sắt": "iron overload",
    "các bó sợi thần kinh": "nerve fibre tracts", "(tractography)": "(tractography)", "hay": "or",
    # contrast and preparation
    "không tiêm thuốc cản quang": "without contrast", "có tiêm thuốc cản quang": "with contrast", "không tiêm chất tương phản": "without contrast",
    "có tiêm chất tương phản": "with contrast", "có tiêm tương phản": "with contrast", "tiêm tương phản": "contrast", "không có thuốc cản quang": "without contrast",
    "có thuốc cản quang": "with contrast", "không có chất tương phản": "without contrast", "có chất tương phản": "with contrast", "không tiêm thuốc": "without contrast",
    "có tiêm thuốc tương phản": "with contrast", "với chất tương phản đặc hiệu mô": "with tissue-specific contrast", "tương phản không đặc hiệu": "non-specific contrast",
    "tương phản đặc hiệu": "specific contrast", "nội khớp": "intra-articular", "vào ổ khớp": "into the joint", "tĩnh mạch": "intravenous",
    "có cản âm": "with ultrasound contrast", "có dùng sonde": "with a tube", "không dùng sonde": "without a tube", "dùng dịch hoặc hơi": "with fluid or air",
    "có dùng thuốc beta block": "with beta-blocker", "không chuẩn bị": "plain", "ngược dòng qua nội soi": "retrograde, endoscopic", "ngược dòng": "retrograde",
    "xuôi dòng": "antegrade", "qua kehr": "through a Kehr tube", "có uống thuốc cản quang": "with oral contrast", "uống thuốc cản quang": "oral contrast",
    # detector class and field strength
    "(từ 1-32 dãy)": "(1-32 detector rows)", "(từ 1- 32 dãy)": "(1-32 detector rows)", "(từ 64-128 dãy)": "(64-128 detector rows)", "(từ 64- 128 dãy)": "(64-128 detector rows)",
    "(từ ≥ 256 dãy)": "(256 or more detector rows)", "(0.2-1.5t)": "(0.2-1.5 T)", "(≥ 3t)": "(3 T or more)", "(1.5t)": "(1.5 T)", "64 dãy - 128 dãy": "64-128 detector rows",
    "đến 32 dãy": "up to 32 detector rows",
    # billing variants
    "[≤ 24x30 cm, 1 tư thế]": "[film ≤ 24x30 cm, 1 view]", "[≤ 24x30 cm, 2 tư thế]": "[film ≤ 24x30 cm, 2 views]", "[> 24x30 cm, 1 tư thế]": "[film > 24x30 cm, 1 view]",
    "[> 24x30 cm, 2 tư thế]": "[film > 24x30 cm, 2 views]", "[số hóa 1 phim]": "[digital, 1 image]", "[số hóa 2 phim]": "[digital, 2 images]", "[số hóa 3 phim]": "[digital, 3 images]",
    "[không in phim]": "[no printed film]", "[không có thuốc cản quang]": "[without contrast]", "[có thuốc cản quang]": "[with contrast]", "[không có chất tương phản]": "[without contrast]",
    "[có chất tương phản]": "[with contrast]", "[dưới dsa]": "[under DSA]",
    # views and projections
    "thẳng nghiêng hoặc chếch": "frontal and lateral or oblique", "thẳng, nghiêng hoặc chếch": "frontal, lateral or oblique", "thẳng nghiêng": "frontal and lateral",
    "thẳng, nghiêng": "frontal and lateral", "thẳng hoặc nghiêng": "frontal or lateral", "thẳng hoặc chếch": "frontal or oblique", "nghiêng hoặc chếch": "lateral or oblique",
    "nghiêng hoặc tiếp tuyến": "lateral or tangential", "thẳng chếch hai bên": "frontal and bilateral oblique", "thẳng chếch": "frontal and oblique", "chếch hai bên": "bilateral oblique",
    "chếch một bên": "unilateral oblique", "thẳng hai bên": "frontal, bilateral", "thẳng/nghiêng": "frontal/lateral", "nghiêng 3 tư thế": "lateral, 3 positions",
    "động, gập ưỡn": "dynamic, flexion and extension", "động,": "dynamic,", "gập (jones hoặc coyle)": "flexed (Jones or Coyle)", "tiếp tuyến": "tangential",
    "mỗi bên": "each side", "hai bên": "bilateral", "một bên": "unilateral", "1 bên": "unilateral", "thẳng": "frontal", "nghiêng": "lateral", "chếch": "oblique", "ưỡn": "lordotic",
    "tại giường": "at the bedside", "phim đo sọ": "cephalometric", "phim cắn": "occlusal",
    # anatomy
    "sọ não": "head", "sọ": "skull", "não- mạch não": "brain and cerebral vessels", "não - mạch não": "brain and cerebral vessels", "mạch máu não": "cerebral vessels", "não": "brain",
    "hàm - mặt": "maxillofacial region", "hàm mặt": "maxillofacial region", "hàm dưới": "mandible", "hàm trên": "maxilla", "hàm": "jaw", "mặt thấp hoặc mặt cao": "face, low or high",
    "mặt": "face", "hốc mắt và thần kinh thị giác": "orbits and optic nerves", "hốc mắt": "orbits", "nhãn cầu": "eyeball", "tai - xương đá": "ear and petrous bone",
    "đáy sọ và xương đá": "skull base and petrous bone", "xương chính mũi": "nasal bones", "mỏm trâm": "styloid process", "hố yên": "sella turcica", "tuyến yên": "pituitary gland",
    "khớp thái dương hàm": "temporomandibular joints", "răng toàn cảnh": "dental panoramic", "răng cánh cắn (bite wing)": "dental bitewing", "răng cận chóp (periapical)": "dental periapical",
    "vùng mặt - cổ": "face and neck", "cơ phần mềm vùng cổ mặt": "soft tissues of the face and neck", "hệ mạch cổ": "neck vessels", "hệ động mạch cảnh": "carotid arteries",
    "động mạch cảnh": "carotid arteries", "doppler xuyên sọ": "transcranial Doppler", "các tuyến nước bọt": "salivary glands", "tuyến nước bọt": "salivary glands", "tuyến giáp": "thyroid gland",
    "u tuyến, hạch vùng cổ": "neck glands, masses and lymph nodes", "hạch vùng cổ": "neck lymph nodes", "qua thóp": "through the fontanelle",
    "cột sống cổ c1-c2": "cervical spine C1-C2", "cột sống cổ": "cervical spine", "cột sống ngực": "thoracic spine", "cột sống thắt lưng - cùng": "lumbosacral spine",
    "cột sống thắt lưng l5-s1": "lumbar spine L5-S1", "cột sống thắt lưng de sèze": "lumbar spine (De Sèze)", "cột sống thắt lưng": "lumbar spine", "cột sống cùng cụt": "sacrum and coccyx",
    "bao rễ thần kinh": "nerve root sheaths", "các động mạch tủy": "spinal cord arteries", "dây thần kinh ngoại biên": "peripheral nerves", "(neurography mr)": "(MR neurography)",
    "lồng ngực": "chest", "ngực": "chest", "đỉnh phổi": "lung apices", "phổi": "lungs", "thông khí phổi (heli)": "lung ventilation (helium)", "màng phổi": "pleura",
    "các khối u phổi ngoại vi": "peripheral lung masses", "thành ngực (cơ, phần mềm thành ngực)": "chest wall (muscles and soft tissues)", "cây phế quản": "bronchial tree",
    "tim, màng tim qua thành ngực": "heart and pericardium, transthoracic", "tim, màng tim qua thực quản": "heart and pericardium, transoesophageal", "tim, mạch máu": "heart and vessels",
    "tim, van tim": "heart and heart valves", "động mạch vành, tim": "coronary arteries and heart", "động mạch vành": "coronary arteries", "tim": "heart",
    "xương ức": "sternum", "khớp ức đòn": "sternoclavicular joints", "xương đòn": "clavicle", "xương bả vai": "scapula", "khớp vai": "shoulder joint",
    "xương cánh tay": "humerus", "khớp khuỷu": "elbow joint", "xương cẳng tay": "forearm bones", "xương cổ tay": "wrist bones", "xương bàn ngón tay": "hand and finger bones",
    "khung chậu": "pelvis", "khớp cùng chậu": "sacroiliac joints", "khớp háng": "hip joint", "xương đùi": "femur", "xương bánh chè và khớp đùi bánh chè": "patella and patellofemoral joint",
    "khớp gối": "knee joint", "xương cẳng chân": "lower leg bones", "xương cổ chân": "ankle bones", "xương gót": "calcaneus", "xương bàn, ngón chân": "foot and toe bones",
    "toàn bộ chi dưới": "whole lower limb", "xương chi": "limb bones", "phần mềm chi": "limb soft tissues", "xương và tủy xương": "bones and bone marrow",
    "phần mềm (da, tổ chức dưới da, cơ….)": "soft tissues (skin, subcutaneous tissue, muscles)", "khớp (gối, háng, khuỷu, cổ tay….)": "joints (knee, hip, elbow, wrist)", "khớp": "joint",
    "tầng trên ổ bụng": "upper abdomen", "tầng bụng": "abdomen", "bụng - tiểu khung": "abdomen and pelvis", "bụng-tiểu khung": "abdomen and pelvis", "bụng": "abdomen",
    "ổ bụng (gan mật, tụy, lách, thận, bàng quang)": "abdomen (liver, biliary tract, pancreas, spleen, kidneys, bladder)", "các khối u trong ổ bụng": "abdominal masses",
    "ổ bụng": "abdomen", "tiểu khung": "pelvis", "vùng chậu dò hậu môn": "pelvis for anal fistula", "vùng chậu": "pelvis", "gan lách": "liver and spleen", "gan": "liver",
    "đường mật": "biliary tract", "mật tụy": "biliary and pancreatic ducts", "các tạng": "abdominal organs", "tạng": "organs", "khối u": "tumour", "mạch các tạng": "visceral vessels",
    "thực quản cổ": "cervical oesophagus", "thực quản dạ dày": "oesophagus and stomach", "ống tiêu hóa (dạ dày, ruột non, đại tràng)": "gastrointestinal tract (stomach, small bowel, colon)",
    "ruột non": "small bowel", "khung đại tràng": "colon", "đại tràng": "colon", "trực tràng": "rectum", "động học sàn chậu, tống phân (defecography-mr)": "dynamic pelvic floor and defecography (MR defecography)",
    "hệ tiết niệu": "urinary tract", "mạch thận": "renal vessels", "đường bài xuất": "excretory tract", "bể thận - niệu quản": "renal pelvis and ureter", "niệu quản - bể thận": "ureter and renal pelvis",
    "niệu đạo bàng quang": "urethra and bladder", "bàng quang trên xương mu": "bladder, suprapubic", "niệu đồ tĩnh mạch (uiv)": "intravenous urography (IVU)", "niệu đồ tĩnh mạch": "intravenous urography",
    "(thận, tuyến thượng thận, bàng quang, tiền liệt tuyến)": "(kidneys, adrenal glands, bladder, prostate)", "thận": "kidneys",
    "tuyến tiền liệt": "prostate", "tiền liệt tuyến qua trực tràng": "prostate, transrectal", "tiền liệt tuyến": "prostate", "bìu, dương vật": "scrotum and penis", "dương vật": "penis",
    "tinh hoàn, mào tinh hoàn": "testes and epididymides", "tinh hoàn": "testes", "tử cung - phần phụ": "uterus and adnexa", "tử cung phần phụ": "uterus and adnexa",
    "tử cung, buồng trứng": "uterus and ovaries", "tử cung buồng trứng": "uterus and ovaries", "qua đường bụng": "transabdominal", "qua đường âm đạo": "transvaginal",
    "tử cung vòi trứng": "hysterosalpingography", "động mạch tử cung": "uterine arteries", "tuyến vú": "breast", "mô vú": "breast tissue", "ống tuyến sữa": "galactography (milk ducts)",
    "thai nhi trong 3 tháng đầu": "fetus, first trimester", "thai nhi trong 3 tháng giữa": "fetus, second trimester", "thai nhi trong 3 tháng cuối": "fetus, third trimester",
    "thai nhi (thai, nhau thai, dây rốn, động mạch tử cung)": "fetus (fetus, placenta, umbilical cord, uterine arteries)", "thai (thai, nhau thai, nước ối)": "pregnancy (fetus, placenta, amniotic fluid)",
    "thai nhi": "fetus", "bánh nhau (rau)": "placenta",
    "động mạch chủ - chậu": "aorto-iliac arteries", "động mạch chủ-chậu": "aorto-iliac arteries", "động mạch chủ - ngực": "thoracic aorta", "động mạch chủ-ngực": "thoracic aorta",
    "động mạch chủ ngực": "thoracic aorta", "động mạch chủ": "aorta", "động mạch phổi": "pulmonary arteries", "động mạch phế quản": "bronchial arteries", "động mạch thận": "renal arteries",
    "động mạch chi dưới": "lower limb arteries", "động mạch chi trên": "upper limb arteries", "động mạch chi (trên, dưới)": "limb arteries (upper, lower)", "động mạch chậu": "iliac arteries",
    "động mạch mạc treo": "mesenteric arteries", "động mạch não": "cerebral arteries", "động mạch tạng (gan, lách, thận, tử cung, sinh dục..)": "visceral arteries (liver, spleen, kidney, uterus, gonads)",
    "động mạch, tĩnh mạch chi dưới": "lower limb arteries and veins", "mạch máu chi dưới": "lower limb vessels", "mạch máu chi trên": "upper limb vessels",
    "mạch máu ổ bụng (động mạch chủ, mạc treo tràng trên, thân tạng…)": "abdominal vessels (aorta, superior mesenteric artery, coeliac trunk)",
    "mạch vùng đầu mặt cổ": "head and neck vessels", "tĩnh mạch chậu, chủ dưới": "iliac veins and inferior vena cava", "tĩnh mạch chi": "limb veins", "tĩnh mạch lách - cửa": "splenic and portal veins",
    "cầu nối động mạch tĩnh mạch": "arteriovenous fistula", "bạch mạch": "lymphatic vessels", "đường rò": "fistulography", "nội mạch": "intravascular",
    "blondeau": "Blondeau view", "hirtz": "Hirtz view", "schuller": "Schüller view", "stenvers": "Stenvers view", "chausse iii": "Chausse III view",
    "[số hóa]": "[digital]", ", số hóa]": ", digital]", "[có thuốc cản quang uvi, số hóa]": "[with contrast, digital]", "[bao gồm cả thuốc]": "[contrast agent included]",
    "không dùng thuốc beta block": "without beta-blocker", "(từ 1-32 dãy": "(1-32 detector rows", "siêu âm nội soi": "Endoscopic ultrasound", "nội soi": "endoscopic",
    "vú": "breast", "tưới máu cơ tim": "myocardial perfusion", "có tiêm tương phản không đặc hiệu": "with non-specific contrast",
    "có tiêm tương phản đặc hiệu": "with specific contrast", "vùng": "region", "doppler động mạch cảnh": "Doppler ultrasound of the carotid arteries",
    "chụp các động mạch tủy": "Imaging of the spinal cord arteries", "động mạch tủy": "spinal cord arteries",
    "tử cung-buồng trứng": "uterus and ovaries", ", từ 1-32 dãy]": ", 1-32 detector rows]", ", 64-128 dãy]": ", 64-128 detector rows]",
    ", 256 dãy trở lên]": ", 256 or more detector rows]", "(từ ≥256 dãy)": "(256 or more detector rows)", "đại tràng chậu hông": "sigmoid colon",
    # connectives
    "(gồm:": "(including:", "(bao gồm mạch:": "(including vessels of:", "bao gồm": "including", "và/hoặc": "and/or", "và": "and", "hoặc": "or", "với": "with", "có": "with",
    "không": "without", "các": "", "trong": "in", "gồm": "including", "của": "of", "mạch": "vessels", "khối": "mass", "hạch": "lymph nodes", "lách": "spleen", "tụy": "pancreas",
    "dạ dày - tá tràng": "stomach and duodenum", "gan - mật": "liver and biliary tract", "tử cung - buồng trứng": "uterus and ovaries", "thận, dạ dày - tá tràng": "kidneys, stomach and duodenum",
    "mạch khối u": "tumour vessels", "v.v.": "etc.", "dạ dày": "stomach", "trên": "upper", "dưới": "lower", "toàn thân": "whole body", "đặc hiệu": "specific",
}

ASCII_VIETNAMESE = {"tim", "gan", "thai", "khung", "phim", "hai", "mu", "van", "tinh", "chi", "cho", "con", "cung", "sau", "qua"}

def translate(vi):
    """English for a Vietnamese imaging name, or exits naming what the phrase table lacks."""
    # Spacing inside billing brackets varies in the lists ("[ > 24x30 cm", "[ >24x30 cm"); only
    # the translation sees it canonicalised, the Vietnamese name stays as written.
    text = re.sub(r"\[\s*([<>≤≥])\s*", r"[\1 ", vi)
    text = re.sub(r"\[\s+", "[", text)
    # One pass, longest phrase first at each position, so text already translated is never
    # matched again (short Vietnamese words such as "gan" also occur inside English words).
    alternation = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)), re.I)
    text = alternation.sub(lambda m: "\x00" + PHRASES[m.group(0).lower()] + "\x00", text)
    unknown = [w for w in re.split(r"\x00[^\x00]*\x00", text) if re.search(r"[^\x00-\x7f≥≤…–×’‘]", w) or set(w.lower().split()) & ASCII_VIETNAMESE]
    if unknown:
        return None, unknown
    english = " ".join(text.replace("\x00", " ").split())
    english = re.sub(r"\s+([,)\]])", r"\1", english).replace("( ", "(").replace("[ ", "[")
    english = english.replace("imaging of X-ray", "X-ray").replace("imaging of CT", "CT").replace("imaging of MRI", "MRI")
    return english[0].upper() + english[1:], []

GROUPS = [("x-quang", "X-quang", "Radiography"), ("x-quang-tang-sang", "X-quang có chất cản quang, tăng sáng", "Contrast radiography and fluoroscopy"),
          ("x-quang-vu", "X-quang tuyến vú", "Mammography"), ("sieu-am", "Siêu âm", "Ultrasound"), ("cat-lop-vi-tinh", "Chụp cắt lớp vi tính", "Computed tomography"),
          ("cong-huong-tu", "Chụp cộng hưởng từ", "Magnetic resonance imaging"), ("mach-mau", "Chụp mạch máu số hóa xóa nền", "Digital subtraction angiography")]
GROUP_OF = {"XR": "x-quang", "RF": "x-quang-tang-sang", "MG": "x-quang-vu", "US": "sieu-am", "CT": "cat-lop-vi-tinh", "MR": "cong-huong-tu", "XA": "mach-mau"}


def main():
    entries, problems = [], []
    by_name = {}
    for key, vi in sorted(pool().items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[1])):
        code, tt23 = key[0], key[1]
        a = attributes(vi)
        if not a["modality"]:
            problems.append(f"{code} {vi}: no modality")
            continue
        if vi in by_name:
            # The same technique under its own price-list code: the Circular 23 list gives the
            # MRI "≥ 3T" techniques their 1.5 T twin's code, the price list a code of their own.
            # The entry takes its own code (one entry per national code), keeping its TT23 number.
            by_name[vi]["maTuongDuong"] = code
            continue
        entry = {"maTuongDuong": code, "tt23": tt23 or code.split(".")[0] + "." + str(int(code.split(".")[1])), "nameVi": vi,
                 "group": GROUP_OF[a["modality"]], "modality": a["modality"], "bodyRegion": a["bodyRegion"],
                 "contrast": a["contrast"], "laterality": a["laterality"]}
        by_name[vi] = entry
        entries.append(entry)
    # The selection rule, step 3 (imaging_selection.py): billing variants of one technique are
    # national codes of the technique's entry, which is named without the billing bracket.
    techniques = {}
    for e in entries:
        techniques.setdefault((e["tt23"], base_name(e["nameVi"], e["modality"])), []).append(e)
    # The technique's entry keeps the lowest code its variants already have (codes are stable).
    issued = existing_codes("06-dien-quang.yaml")
    selected = []
    for variants in techniques.values():
        variants.sort(key=lambda v: issued.get((v["maTuongDuong"], v["tt23"]), "~"))
        first = variants[0]
        first["views"] = {_billed_views(v["nameVi"]) for v in variants}
        held = {first["maTuongDuong"]}
        for other in variants[1:]:
            for code, tt23 in [(other["maTuongDuong"], other["tt23"])] + other.get("extraCodes", []):
                if code not in held:
                    first.setdefault("extraCodes", []).append((code, tt23))
                    held.add(code)
        selected.append(first)
    selected.sort(key=lambda e: (e["maTuongDuong"], e["tt23"]))
    # Step 2: "[giá …]" codes join the entry of the technique their name states.
    by_comparable = {comparable(base_name(e["nameVi"], e["modality"])): e for e in selected}
    joined = 0
    for code, name in BILLED_AT_OTHER_PRICE:
        target = by_comparable.get(comparable(name))
        if target and code not in {target["maTuongDuong"]} | {c for c, _ in target.get("extraCodes", [])}:
            target.setdefault("extraCodes", []).append((code, None))
            joined += 1
    print(f"selection: step 2 joins {joined} of {len(BILLED_AT_OTHER_PRICE)} '[giá …]' codes to the entry of their technique")
    print(f"selection: {len(entries)} entries from the pool; step 3 merges {len(entries) - len(selected)} billing variants; {len(selected)} remain")
    for e in selected:
        e["nameVi"] = base_name(e["nameVi"], e["modality"])
        en, unknown = translate(e["nameVi"])
        if unknown:
            problems.append(f"{e['maTuongDuong']} {e['nameVi']}: untranslated {unknown}")
            continue
        e["nameEn"] = en
        e["variantViews"] = sorted(v for v in e.pop("views") if v)
        mappings, reason = map_entry(e, attributes(e["nameVi"]))
        e.pop("variantViews")
        e["mappings"] = [(m["system"], m["code"], ABBREVIATION[m["relationship"]], m.get("comment")) for m in mappings]
        e["unmapped"] = reason
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems:
        sys.exit(f"{len(problems)} names need the phrase table or rules extended")
    write_annex("06-dien-quang.yaml", 6, "Phụ lục 6 — Điện quang (Diagnostic imaging). Diagnostic techniques of chapter 18; therapeutic and guided procedures are left out.",
                GROUPS, selected)


ABBREVIATION = {v: k for k, v in REL.items()}


def _billed_views(vi):
    m = re.search(r"(\d) (phim|tư thế)\]", vi.lower())
    return int(m.group(1)) if m else None


if __name__ == "__main__":
    main()
