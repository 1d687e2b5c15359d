"""Reconstruction of annex 6 (Điện quang, diagnostic imaging). Run from the project root:
    .venv/bin/python tools/reconstruction/imaging_annex.py

Pool: every diagnostic row of chapter 18 in the Circular 23/2024 price list (technique and
billing variant), plus diagnostic rows of the national price list whose code the Circular 23
list lacks. Therapeutic and guided procedures (embolisation, stenting, drainage, biopsy,
ablation...) are left out; price-list artefacts ("[giá ...]", "các vị trí") too.

Attributes are parsed from the Vietnamese name; the English name is composed from the phrase
table below; a LOINC/RSNA playbook code is written only when a display built from modality,
region and contrast exists verbatim in the reference value set.
"""
import csv
import re
import sys

from author import DISPLAYS, SHARED, write_annex

THERAPEUTIC = re.compile(r"điều trị|\bnút\b|stent|\bnong\b|dẫn lưu|lấy huyết khối|\bđốt\b|can thiệp|lưới lọc|mở thông|tiêm xơ|sinh thiết|chọc hút|chọc dò|lấy dị vật|thả dù|\bbít\b|gây tắc|đặt ống|đặt catheter|đặt buồng|dưới hướng dẫn|hướng dẫn của|tiêu sợi huyết|cấy hạt|đổ xi măng|tạo hình|máy tạo nhịp|điện sinh lý|vi sóng|cắt đốt|\bđóng\b|lấy sỏi|đặt dẫn|tán sỏi|bơm thuốc|bơm rửa|phá rung|phá đông|đặt cổng|đặt sonde|luồng thông|thông tim|đo áp lực|chọc kim|tại phòng mổ", re.I)

from author import nfc as norm

def pool():
    rows = {}
    tt = [r for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_tt23_2024.csv", encoding="utf-8")) if r["Mã tương đương"][:2] == "18"]
    codes = {r["Mã tương đương"] for r in tt}
    for r in tt:
        name = norm(r["Tên dịch vụ kỹ thuật cụ thể"])
        if THERAPEUTIC.search(name):
            continue
        rows[(r["Mã tương đương"], r["Mã kỹ thuật (TT23/2024)"])] = name
    for r in csv.DictReader(open(SHARED / "vn/subset_can_lam_sang_ma_tuong_duong_gia_max.csv", encoding="utf-8")):
        if r["CHUONG_TU_MA"] != "18" or r["HIEULUC"] != "Có" or r["MA_TUONG_DUONG"] in codes:
            continue
        name = norm(r["TEN_DVKT_GIA"])
        if THERAPEUTIC.search(name) or THERAPEUTIC.search(r["TEN_DVKT_PHEDUYET"]) or "[giá" in name or "…" in name or "các vị trí" in name:
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

# (pattern, body region, playbook region name per modality or for all)
REGIONS = [
    (r"động mạch vành", "heart", {"*": "Coronary arteries"}),
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
    (r"xương ức|khớp ức đòn", "chest", {"XR": "Sternum"}),
    (r"động mạch phổi|động mạch phế quản|động mạch chủ.{0,3}ngực", "vessels", {}),
    (r"lồng ngực|\bngực\b|phổi|phế quản|màng phổi", "chest", {"*": "Chest"}),
    (r"xương đòn", "shoulder", {"XR": "Clavicle"}),
    (r"xương bả vai", "shoulder", {"XR": "Scapula"}),
    (r"khớp vai", "shoulder", {"*": "Shoulder"}),
    (r"xương cánh tay", "upper-limb", {"XR": "Humerus"}),
    (r"khớp khuỷu", "elbow", {"*": "Elbow"}),
    (r"xương cẳng tay", "upper-limb", {"XR": "Radius and Ulna"}),
    (r"xương cổ tay", "wrist", {"*": "Wrist"}),
    (r"xương bàn ngón tay", "hand", {"*": "Hand"}),
    (r"khớp háng", "hip", {"*": "Hip"}),
    (r"khung chậu", "pelvis", {"XR": "Pelvis"}),
    (r"xương đùi", "lower-limb", {"XR": "Femur"}),
    (r"bánh chè", "knee", {"XR": "Patella"}),
    (r"khớp gối", "knee", {"*": "Knee"}),
    (r"xương cẳng chân", "lower-limb", {"XR": "Tibia and Fibula"}),
    (r"xương cổ chân", "ankle", {"*": "Ankle"}),
    (r"xương gót", "foot", {"XR": "Calcaneus"}),
    (r"ngón chân", "foot", {"*": "Foot"}),
    (r"tiền liệt", "pelvis", {"*": "Prostate"}),
    (r"bìu|tinh hoàn|dương vật", "pelvis", {"US": "Scrotum and testicle", "MR": "Scrotum and testicle"}),
    (r"thai|bánh nhau|tử cung|buồng trứng|phần phụ|vòi trứng", "pelvis", {}),
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
SPECIAL = re.compile(r"dựng hình|tưới máu|perfusion|phổ|khuếch tán|nội soi ảo|đàn hồi|động học|chức năng|vôi hóa|chùm tia|độ phân giải cao|liều thấp|phần mềm nha khoa|tractography|3d|gắng sức|quá tải sắt|bẩm sinh|khối u|huyết động|tầm soát|thông khí|doppler|cản âm|thực quản", re.I)
FLUORO = re.compile(r"thực quản|dạ dày|ruột non|đại tràng|niệu đồ|tử cung vòi trứng|ngược dòng|xuôi dòng|đường rò|ống tuyến sữa|kehr|ống tiêu hóa", re.I)

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
    if "x-quang" in l and ("tuyến vú" in l or "tomosynthesis" in l):
        return "MG"
    if "x-quang" in l and FLUORO.search(l):
        return "RF"
    if "x-quang" in l:
        return "XR"
    return None

def contrast(vi, mod):
    l = vi.lower()
    if mod == "XA":
        return "iv" if "tĩnh mạch" in l else "intra-arterial"
    if "nội khớp" in l or "vào ổ khớp" in l:
        return "intra-articular"
    if re.search(r"không (tiêm|có thuốc|có chất|có tiêm)", l):
        return "none"
    if mod == "RF":
        if "niệu đồ tĩnh mạch" in l:
            return "iv"
        if "ngược dòng" in l:
            return "retrograde"
        if re.search(r"thực quản|dạ dày|ruột non|uống|ống tiêu hóa", l):
            return "oral"
        if "đại tràng" in l:
            return "rectal"
        return "other"
    if re.search(r"có (tiêm|thuốc cản quang|chất tương phản|tiêm tương phản)|tiêm tương phản|cản âm|\[có (thuốc|chất)", l):
        return "iv"
    if mod in ("CT", "MR") and re.search(r"mạch máu|động mạch|tĩnh mạch|tưới máu|perfusion", l) and "không" not in l:
        return "iv"
    return "none"

def laterality(vi, region):
    l = vi.lower()
    if "hai bên" in l:
        return "bilateral"
    if re.search(r"một bên|1 bên|mỗi bên", l) or region in PAIRED:
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


# Procedures whose playbook term the generic rules cannot build: (modality, pattern, display,
# relationship, comment). Each display is still looked up in the reference; absent means unmapped.
OVERRIDES = [
    ("US", r"siêu âm ổ bụng", "US Abdomen", "eq", None),
    ("US", r"tuyến giáp", "US Thyroid gland", "eq", None),
    ("US", r"tuyến vú hai bên", "US Breast - bilateral", "eq", None),
    ("US", r"tiền liệt tuyến qua trực tràng", "US Prostate transrectal", "eq", None),
    ("US", r"qua đường âm đạo", "US Pelvis transvaginal", "eq", None),
    ("US", r"qua đường bụng", "US Pelvis", "nt", "The national technique examines the uterus and ovaries transabdominally; the LOINC term is the pelvis."),
    ("US", r"tinh hoàn", "US Scrotum and Testicle - bilateral", "eq", None),
    ("US", r"qua thóp", "US Head", "nt", "The national technique is the transfontanellar examination of the infant brain."),
    ("US", r"hạch vùng cổ|u tuyến, hạch vùng cổ|cơ phần mềm vùng cổ mặt", "US Neck", "nt", "The national technique targets part of the neck."),
    ("US", r"thành ngực", "US Chest wall", "eq", None),
    ("US", r"màng phổi", "US Chest", "nt", "The national technique examines the pleura."),
    ("US", r"^siêu âm thai|siêu âm thai nhi", "US for pregnancy", "nt", "The national technique fixes the trimester or the structures examined."),
    ("US", r"tim, màng tim qua thành ngực", "US Heart", "nt", "The national technique is transthoracic; the LOINC term names no approach."),
    ("US", r"doppler động mạch cảnh", "US Carotid arteries", "rel", "The national service combines carotid and transcranial Doppler."),
    ("XR", r"blondeau", "XR Sinuses Views", "nt", "The national technique is the occipitomental (Blondeau) projection."),
    ("XR", r"schuller", "XR Mastoid Views", "nt", "The national technique is the Schüller projection."),
    ("XR", r"stenvers|chausse", "XR Petrous part of temporal bone Views", "nt", "The national technique fixes the projection (Stenvers or Chausse III)."),
    ("XR", r"hố yên", "XR Sella turcica Views", "nt", "The national technique fixes the projections."),
    ("XR", r"khớp thái dương hàm", "XR Temporomandibular joint Views", "nt", "The national technique fixes the projections."),
    ("XR", r"xương chính mũi", "XR Nasal bones Views", "nt", "The national technique fixes the projections."),
    ("CT", r"động mạch chủ ngực|động mạch chủ-ngực|động mạch chủ - ngực", "CT Thoracic Aorta W contrast IV", "rel", "Doubtful match. The national service is a CT angiography of the thoracic aorta and fixes the scanner class."),
    ("MR", r"cộng hưởng từ khớp", "MR Joint", "nt", "The national technique also fixes contrast use and the field strength."),
    ("RF", r"thực quản cổ", "RF Esophagus Views W contrast PO", "eq", None),
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
    ("XA", r"động mạch tạng", "RFA Abdominal arteries Views W contrast IA", "rel", "The national technique images visceral arteries (liver, spleen, kidney, uterus, gonads)."),
    ("XA", r"động mạch tủy", "RFA Spinal artery Views W contrast IA", "eq", None),
    ("XA", r"động mạch chủ", "RFA Thoracic and abdominal aorta Views W contrast IA", "eq", None),
    ("CT", r"tưới máu não", "CT perfusion Head W contrast IV", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"tính điểm vôi hóa", "CT Heart and Coronary arteries for calcium scoring WO contrast", "nt", "The national technique also fixes the scanner class (detector rows)."),
    ("CT", r"động mạch vành, tim", "CTA Heart and Coronary arteries W contrast IV", "nt", "The national technique also fixes the scanner class and beta-blocker use."),
    ("CT", r"đại tràng.*nội soi ảo", "CT Colon and Rectum W air contrast PR", "rel", "Doubtful match. The national technique distends the colon with fluid or air, and fixes the scanner class."),
    ("CT", r"phổi liều thấp tầm soát", "CT Chest for screening WO contrast", "nt", "The national technique is low-dose lung screening and fixes the scanner class."),
    ("MR", r"tuyến vú động học", "MR Breast dynamic W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"thai nhi", "MR Fetal", "nt", "The national technique also fixes the field strength and contrast use."),
    ("MR", r"tim sử dụng chất gắng sức", "MR Heart W stress and W contrast IV", "nt", "The national technique is pharmacological stress perfusion imaging."),
    ("CT", r"mạch máu não", "CTA Head vessels WO and W contrast IV", "rel", "Doubtful match. The national service does not say whether a plain phase precedes contrast."),
    ("CT", r"mạch máu chi dưới", "CTA Lower extremity vessels WO and W contrast IV", "rel", "Doubtful match. The national service does not say whether a plain phase precedes contrast."),
    ("CT", r"động mạch phổi", "CTA Chest vessels WO and W contrast IV", "rel", "Doubtful match. The national technique targets the pulmonary arteries and does not say whether a plain phase precedes contrast."),
    ("MR", r"hệ mạch cổ có tiêm", "MRA Neck vessels W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"động mạch chi trên có tiêm", "MRA Upper extremity vessels W contrast IV", "nt", "The national technique also fixes the field strength."),
    ("MR", r"động mạch chi dưới", "MRA Lower extremity vessels", "nt", "The national technique also fixes the field strength and contrast use."),
    ("MR", r"động mạch vành", "MRA Heart", "rel", "The national technique images the coronary arteries; the LOINC term is MR angiography of the heart."),
    ("MG", r"^chụp x-quang tuyến vú$|^chụp x-quang tuyến vú \[", "MG Breast Diagnostic", "rel", "The national service does not say whether the mammogram is diagnostic or screening."),
]


def mapping(vi, mod, region_names, con):
    """The playbook mapping confirmed by the reference, or (None, reason)."""
    l = vi.lower()
    for o_mod, pattern, display, rel, comment in OVERRIDES:
        if o_mod == mod and re.search(pattern, l):
            code = _code(display)
            if code:
                return ("loinc", code, rel, comment), None
            break
    name = region_names.get(mod) or region_names.get("*")
    if mod in ("MG", "RF", "DXA", "XA") or not name:
        return None, "No LOINC/RSNA playbook term for this procedure's modality, region and contrast is confirmed by the reference extracts."
    if SPECIAL.search(l):
        return None, "A special technique (reconstruction, perfusion, spectroscopy, Doppler, dynamic or screening protocol): the reference extracts confirm no playbook term that names it."
    extra = []
    if re.search(r"dãy", l):
        extra.append("the scanner class (detector rows)")
    if re.search(r"\d(\.\d)?t\)|≥ 3t", l):
        extra.append("the field strength")
    if mod in ("CT", "MR"):
        suffix = {"none": "WO contrast", "iv": "W contrast IV"}.get(con)
        if not suffix:
            return None, "The reference extracts confirm no playbook term with this contrast route."
        disp = f"{mod} {name} {suffix}"
        if con == "iv" and not _code(disp) and _code(f"{mod} {name} WO and W contrast IV"):
            disp = f"{mod} {name} WO and W contrast IV"
    elif mod == "US":
        disp = f"US {name}"
    elif mod == "XR":
        n = views(vi)
        candidates = ([f"XR {name} 2 Views"] if n == 2 else [f"XR {name} Single view"] if n == 1 else []) + [f"XR {name} Views"]
        disp = next((c for c in candidates if _code(c)), candidates[-1])
        if disp.endswith(" Views") and not disp.endswith("2 Views"):
            extra.append("the projections (the LOINC term names no number of views)")
    elif mod == "XA":
        disp = f"RFA {name} Views W contrast IA"
    code = _code(disp)
    if not code:
        return None, "No LOINC/RSNA playbook term for this procedure's modality, region and contrast is confirmed by the reference extracts."
    if mod in ("CT", "MR") and con == "iv":
        phase = "does not say whether a plain phase precedes contrast" if "WO and W" in disp else "often includes a plain phase before contrast (LOINC: WO and W)"
        return ("loinc", code, "rel", f"Doubtful match. The national service {phase}" + (", and fixes " + " and ".join(extra) if extra else "") + "."), None
    if extra:
        return ("loinc", code, "nt", "The national technique also fixes " + " and ".join(extra) + "."), None
    return ("loinc", code, "eq", None), None

_BY_DISPLAY = {}
for _code_, _names in DISPLAYS["loinc"].items():
    for _n in _names:
        _BY_DISPLAY.setdefault(_n, _code_)

def _code(display):
    return _BY_DISPLAY.get(display)


GROUPS = [("x-quang", "X-quang", "Radiography"), ("x-quang-tang-sang", "X-quang có chất cản quang, tăng sáng", "Contrast radiography and fluoroscopy"),
          ("x-quang-vu", "X-quang tuyến vú", "Mammography"), ("sieu-am", "Siêu âm", "Ultrasound"), ("cat-lop-vi-tinh", "Chụp cắt lớp vi tính", "Computed tomography"),
          ("cong-huong-tu", "Chụp cộng hưởng từ", "Magnetic resonance imaging"), ("mach-mau", "Chụp mạch máu số hóa xóa nền", "Digital subtraction angiography")]
GROUP_OF = {"XR": "x-quang", "RF": "x-quang-tang-sang", "MG": "x-quang-vu", "US": "sieu-am", "CT": "cat-lop-vi-tinh", "MR": "cong-huong-tu", "XA": "mach-mau"}


def main():
    entries, problems = [], []
    seen_names = set()
    for key, vi in sorted(pool().items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[1])):
        code, tt23 = key[0], key[1]
        mod = modality(vi)
        if not mod:
            problems.append(f"{code} {vi}: no modality")
            continue
        en, unknown = translate(vi)
        if unknown:
            problems.append(f"{code} {vi}: untranslated {unknown}")
            continue
        # Regions are read from the name without its "(gồm: ...)" lists and "[...]" variants.
        subject = re.sub(r"\(.*?\)|\[.*?\]", " ", vi.lower())
        region, names = next((r, n) for pattern, r, n in REGIONS if re.search(pattern, subject))
        con = contrast(vi, mod)
        m, reason = mapping(vi, mod, names, con)
        if vi in seen_names:
            # The same technique under a second national code (e.g. a 3 T variant listed under
            # its own price-list code): one entry carrying both codes.
            entry = next(e for e in entries if e["nameVi"] == vi)
            entry.setdefault("extraCodes", []).append((code, tt23))
            continue
        seen_names.add(vi)
        entries.append({"maTuongDuong": code, "tt23": tt23 or code.split(".")[0] + "." + str(int(code.split(".")[1])), "nameVi": vi, "nameEn": en,
                        "group": GROUP_OF[mod], "modality": mod, "bodyRegion": region, "contrast": con, "laterality": laterality(vi, region),
                        "mappings": [m] if m else [], "unmapped": reason})
    for p in problems:
        print("problem:", p, file=sys.stderr)
    if problems:
        sys.exit(f"{len(problems)} names need the phrase table or rules extended")
    write_annex("06-dien-quang.yaml", 6, "Phụ lục 6 — Điện quang (Diagnostic imaging). Diagnostic techniques of chapter 18; therapeutic and guided procedures are left out.",
                GROUPS, entries)


if __name__ == "__main__":
    main()
