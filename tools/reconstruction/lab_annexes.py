"""Reconstruction of the five laboratory annexes (1-5). Run from the project root:
    .venv/bin/python tools/reconstruction/lab_annexes.py
Choices: the national technique code, an English name, group, specimen and method, and the
LOINC codes (looked up in the reference, never typed) with their relationship:
  eq equivalent, nt source narrower than target, bt source broader than target, rel related-to.
"""
from author import lab, write_annex

SP = "serum-or-plasma"
UNIT = "The national service fixes no unit; LOINC codes mass and substance (SI) concentration separately, and Vietnamese laboratories mostly report SI units."

def both(molar, mass):
    return [("loinc", molar, "bt", UNIT), ("loinc", mass, "bt", UNIT)]

biochemistry = [
    lab("23.0075.1494", "23.75", "Glucose, quantitative [blood]", "chuyen-hoa", SP, both("14749-6", "2345-7")),
    lab("23.0083.1523", "23.83", "Haemoglobin A1c, quantitative [blood]", "chuyen-hoa", "blood", [("loinc", "4548-4", "eq", None)]),
    lab("23.0041.1506", "23.41", "Total cholesterol, quantitative [blood]", "chuyen-hoa", SP, both("14647-2", "2093-3")),
    lab("23.0158.1506", "23.158", "Triglycerides, quantitative [blood]", "chuyen-hoa", SP, both("14927-8", "2571-8")),
    lab("23.0084.1506", "23.84", "HDL cholesterol, quantitative [blood]", "chuyen-hoa", SP, both("14646-4", "2085-9")),
    lab("23.0112.1506", "23.112", "LDL cholesterol, quantitative [blood]", "chuyen-hoa", SP, both("22748-8", "2089-1")),
    lab("23.0003.1494", "23.3", "Uric acid, quantitative [blood]", "chuyen-hoa", SP, both("14933-6", "3084-1")),
    lab("23.0133.1494", "23.133", "Total protein, quantitative [blood]", "chuyen-hoa", SP, [("loinc", "2885-2", "eq", None)]),
    lab("23.0007.1494", "23.7", "Albumin, quantitative [blood]", "chuyen-hoa", SP, [("loinc", "1751-7", "eq", None)]),
    lab("23.0166.1494", "23.166", "Urea, quantitative [blood]", "gan-than", SP,
        [("loinc", "3094-0", "rel", "LOINC confirms urea nitrogen (BUN); the national service measures urea. The two convert into each other (urea mmol/L = BUN mg/dL x 0.357).")]),
    lab("23.0051.1494", "23.51", "Creatinine, quantitative [blood]", "gan-than", SP, both("14682-9", "2160-0")),
    lab("23.0020.1493", "23.20", "Aspartate aminotransferase (AST) activity [blood]", "gan-than", SP, [("loinc", "1920-8", "eq", None)]),
    lab("23.0019.1493", "23.19", "Alanine aminotransferase (ALT) activity [blood]", "gan-than", SP, [("loinc", "1742-6", "eq", None)]),
    lab("23.0077.1518", "23.77", "Gamma-glutamyl transferase (GGT) activity [blood]", "gan-than", SP, [("loinc", "2324-2", "eq", None)]),
    lab("23.0009.1493", "23.9", "Alkaline phosphatase (ALP) activity [blood]", "gan-than", SP, [("loinc", "6768-6", "eq", None)]),
    lab("23.0027.1493", "23.27", "Total bilirubin, quantitative [blood]", "gan-than", SP, both("14631-6", "1975-2")),
    lab("23.0025.1493", "23.25", "Direct bilirubin, quantitative [blood]", "gan-than", SP, both("14629-0", "1968-7")),
    lab("23.0058.1487", "23.58", "Electrolytes (sodium, potassium, chloride) [blood]", "gan-than", SP, [
        ("loinc", "2951-2", "bt", "The national service reports sodium, potassium and chloride; this LOINC term is one of them."),
        ("loinc", "2823-3", "bt", "The national service reports sodium, potassium and chloride; this LOINC term is one of them."),
        ("loinc", "2075-0", "bt", "The national service reports sodium, potassium and chloride; this LOINC term is one of them.")]),
    lab("23.0029.1473", "23.29", "Total calcium, quantitative [blood]", "gan-than", SP, both("2000-8", "17861-6")),
    lab("23.0143.1503", "23.143", "Iron, quantitative [blood]", "gan-than", SP, both("14798-3", "2498-4")),
    lab("23.0010.1494", "23.10", "Amylase activity [blood]", "gan-than", SP, [("loinc", "1798-8", "eq", None)]),
    lab("23.0109.1536", "23.109", "Lipase activity [blood]", "gan-than", SP, [("loinc", "3040-3", "eq", None)]),
    lab("23.0042.1482", "23.42", "Creatine kinase (CK) activity [blood]", "tim-mach-viem", SP, [("loinc", "2157-6", "eq", None)]),
    lab("23.0111.1534", "23.111", "Lactate dehydrogenase (LDH) activity [blood]", "tim-mach-viem", SP, [("loinc", "2532-0", "eq", None)]),
    lab("23.0160.1569", "23.160", "High-sensitivity troponin T, quantitative [blood]", "tim-mach-viem", SP, [("loinc", "67151-1", "eq", None)]),
    lab("23.0161.1569", "23.161", "Troponin I, quantitative [blood]", "tim-mach-viem", SP, [("loinc", "10839-9", "eq", None)]),
    lab("23.0121.1548", "23.121", "NT-proBNP, quantitative [blood]", "tim-mach-viem", SP, [("loinc", "33762-6", "eq", None)]),
    lab("23.0228.1483", "23.228", "C-reactive protein (CRP), quantitative", "tim-mach-viem", SP, [("loinc", "1988-5", "eq", None)]),
    lab("23.0050.1484", "23.50", "High-sensitivity C-reactive protein (hs-CRP), quantitative [blood]", "tim-mach-viem", SP, [("loinc", "30522-7", "eq", None)]),
    lab("23.0130.1549", "23.130", "Procalcitonin, quantitative [blood]", "tim-mach-viem", SP, [("loinc", "33959-8", "eq", None)]),
    lab("23.0162.1570", "23.162", "Thyroid-stimulating hormone (TSH), quantitative [blood]", "noi-tiet", SP, [("loinc", "3016-3", "eq", None)]),
    lab("23.0069.1561", "23.69", "Free thyroxine (FT4), quantitative [blood]", "noi-tiet", SP, [("loinc", "3024-7", "eq", None)]),
    lab("23.0068.1561", "23.68", "Free triiodothyronine (FT3), quantitative [blood]", "noi-tiet", SP, [("loinc", "3051-0", "eq", None)]),
    lab("23.0024.1464", "23.24", "Beta human chorionic gonadotropin (beta-hCG), quantitative [blood]", "noi-tiet", SP, [("loinc", "21198-7", "eq", None)]),
    lab("23.0139.1553", "23.139", "Total prostate-specific antigen (PSA), quantitative [blood]", "dau-an-ung-thu", SP, [("loinc", "2857-1", "eq", None)]),
    lab("23.0018.1457", "23.18", "Alpha-fetoprotein (AFP), quantitative [blood]", "dau-an-ung-thu", SP, [("loinc", "1834-1", "eq", None)]),
    lab("23.0039.1476", "23.39", "Carcinoembryonic antigen (CEA), quantitative [blood]", "dau-an-ung-thu", SP, [("loinc", "2039-6", "eq", None)]),
    lab("23.0032.1468", "23.32", "Cancer antigen 125 (CA 125), quantitative [blood]", "dau-an-ung-thu", SP, [("loinc", "10334-1", "eq", None)]),
    lab("23.0206.1596", "23.206", "Urinalysis (automated analyser)", "nuoc-tieu-khi-mau", "urine", [("loinc", "50564-4", "eq", None)], method="Automated urine analyser"),
    lab("23.0103.1531", "23.103", "Blood gas analysis [blood]", "nuoc-tieu-khi-mau", "blood", [("loinc", "24336-0", "bt", "Blood gases are usually arterial; the national service does not fix the sample, the LOINC panel is for arterial blood.")]),
]

write_annex("01-hoa-sinh.yaml", 1, "Phụ lục 1 — Hóa sinh (Biochemistry). Names as Circular 23/2024/TT-BYT writes them.",
            [("chuyen-hoa", "Chuyển hóa glucid, lipid, protein", "Carbohydrate, lipid and protein metabolism"),
             ("gan-than", "Chức năng gan, thận, tụy và điện giải", "Liver, kidney and pancreas function, electrolytes"),
             ("tim-mach-viem", "Tim mạch và viêm", "Cardiac markers and inflammation"),
             ("noi-tiet", "Nội tiết", "Endocrinology"),
             ("dau-an-ung-thu", "Dấu ấn ung thư", "Tumour markers"),
             ("nuoc-tieu-khi-mau", "Nước tiểu và khí máu", "Urine and blood gases")],
            biochemistry)
