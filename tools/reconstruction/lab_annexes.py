"""Reconstruction of the five laboratory annexes (1-5). Run from the project root:
    .venv/bin/python tools/reconstruction/lab_annexes.py
Choices: the national technique code, an English name, group, specimen and method, and the
LOINC codes (looked up in the reference, never typed) with their relationship:
  eq equivalent, nt source narrower than target, bt source broader than target, rel related-to.
"""
from author import lab, retired, write_annex

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

PL = "plasma"
CBC_NOTE = "No CBC panel code with a confirmed name is in the reference; the panel reports this result among others."
def cbc():
    return [("loinc", "718-7", "rel", CBC_NOTE), ("loinc", "777-3", "rel", CBC_NOTE), ("loinc", "4544-3", "rel", CBC_NOTE)]
PT = [("loinc", "5902-2", "eq", None), ("loinc", "6301-6", "rel", "The national service also reports the prothrombin ratio and the INR; the INR is one of its results.")]
DIFF = "No leukocyte differential panel code with a confirmed name is in the reference extracts."

hematology = [
    lab("22.0119.1368", "22.119", "Peripheral blood cell analysis, manual", "te-bao-mau", "blood", cbc(), method="Manual count and smear"),
    lab("22.0120.1370", "22.120", "Complete blood count (impedance counter)", "te-bao-mau", "blood", cbc(), method="Impedance counter"),
    lab("22.0121.1369", "22.121", "Complete blood count (laser counter)", "te-bao-mau", "blood", cbc(), method="Laser flow cytometry counter"),
    lab("22.0122.1367", "22.122", "Complete blood count, fully automated system with automated smear staining", "te-bao-mau", "blood", cbc(), method="Fully automated haematology system"),
    lab("22.0124.1298", "22.124", "Blood film differential count (impedance counter)", "te-bao-mau", "blood", unmapped=DIFF, method="Impedance counter with smear review"),
    lab("22.0125.1298", "22.125", "Blood film differential count (laser counter)", "te-bao-mau", "blood", unmapped=DIFF, method="Laser flow cytometry counter with smear review"),
    lab("22.0605.1299", "22.605", "Blood film differential count (fully automated system)", "te-bao-mau", "blood", unmapped=DIFF, method="Fully automated haematology system"),
    lab("22.0134.1296", "22.134", "Reticulocyte count, manual", "te-bao-mau", "blood", [("loinc", "14196-0", "rel", "The manual count gives a percentage of erythrocytes; the LOINC term is the absolute count.")], method="Supravital stain, manual count"),
    lab("22.0135.1313", "22.135", "Reticulocyte count (laser counter)", "te-bao-mau", "blood", [("loinc", "14196-0", "bt", "The national service reports the reticulocyte percentage as well as the absolute count.")], method="Laser flow cytometry counter"),
    lab("22.0142.1304", "22.142", "Erythrocyte sedimentation rate, manual", "te-bao-mau", "blood", [("loinc", "30341-2", "nt", "The national technique is manual; the LOINC term names no method.")], method="Manual"),
    lab("22.0143.1303", "22.143", "Erythrocyte sedimentation rate, automated", "te-bao-mau", "blood", [("loinc", "30341-2", "nt", "The national technique is automated; the LOINC term names no method.")], method="Automated analyser"),
    lab("22.0160.1345", "22.160", "Haematocrit by centrifugation", "te-bao-mau", "blood", [("loinc", "4545-0", "eq", None)], method="Microhaematocrit centrifuge"),
    lab("22.0161.1292", "22.161", "Haemoglobin, photometric", "te-bao-mau", "blood", [("loinc", "718-7", "nt", "The national technique is photometric; the LOINC term names no method.")], method="Photometry"),
    lab("22.0163.1412", "22.163", "Platelet count and aggregation on smear, manual", "te-bao-mau", "blood", [("loinc", "778-1", "bt", "The national service also assesses platelet clumping on the smear.")], method="Manual count"),
    lab("22.0102.1341", "22.102", "Erythrocyte osmotic fragility", "te-bao-mau", "blood", [("loinc", "4667-2", "eq", None)]),
    lab("22.0103.1244", "22.103", "Glucose-6-phosphate dehydrogenase (G6PD), quantitative", "te-bao-mau", "blood", [("loinc", "32546-4", "eq", None)]),
    lab("22.0352.1227", "22.352", "Haemoglobin electrophoresis", "te-bao-mau", "blood", [("loinc", "43113-0", "eq", None)], method="Electrophoresis"),
    lab("22.0353.1229", "22.353", "Serum protein electrophoresis", "te-bao-mau", SP, [("loinc", "24351-9", "eq", None)], method="Electrophoresis"),
    lab("22.0116.1514", "22.116", "Ferritin, quantitative", "sat-vitamin", SP, [("loinc", "2276-4", "eq", None)]),
    lab("22.0117.1503", "22.117", "Serum iron, quantitative", "sat-vitamin", SP, both("14798-3", "2498-4")),
    lab("22.0082.1509", "22.82", "Total iron-binding capacity (TIBC)", "sat-vitamin", SP, both("14800-7", "2500-7")),
    lab("22.0084.1502", "22.84", "Unsaturated iron-binding capacity (UIBC)", "sat-vitamin", SP, [("loinc", "35216-1", "eq", None)]),
    lab("22.0087.1567", "22.87", "Transferrin saturation", "sat-vitamin", SP, [
        ("loinc", "14801-5", "bt", "LOINC codes the saturation as a molar and as a mass fraction; the national service fixes neither."),
        ("loinc", "2502-3", "bt", "LOINC codes the saturation as a molar and as a mass fraction; the national service fixes neither.")]),
    lab("22.0089.1567", "22.89", "Transferrin, quantitative", "sat-vitamin", SP, [("loinc", "3034-6", "eq", None)]),
    lab("22.0088.1571", "22.88", "Vitamin B12, quantitative", "sat-vitamin", SP, [("loinc", "2132-9", "eq", None)]),
    lab("22.0079.1515", "22.79", "Folic acid, quantitative", "sat-vitamin", SP, [("loinc", "2284-8", "eq", None)]),
    lab("22.0091.1422", "22.91", "Erythropoietin (EPO), quantitative", "sat-vitamin", SP, [("loinc", "15061-5", "eq", None)]),
    lab("22.0096.1522", "22.96", "Haptoglobin, quantitative", "sat-vitamin", SP, [("loinc", "4542-7", "eq", None)]),
    lab("22.0001.1352", "22.1", "Prothrombin time (PT), automated", "dong-cam-mau", PL, PT, method="Automated coagulometer"),
    lab("22.0002.1352", "22.2", "Prothrombin time (PT), semi-automated", "dong-cam-mau", PL, PT, method="Semi-automated coagulometer"),
    lab("22.0003.1351", "22.3", "Prothrombin time (PT), manual", "dong-cam-mau", PL, PT, method="Manual tilt-tube"),
    lab("22.0005.1354", "22.5", "Activated partial thromboplastin time (aPTT), automated", "dong-cam-mau", PL, [("loinc", "14979-9", "eq", None)], method="Automated coagulometer"),
    lab("22.0006.1354", "22.6", "Activated partial thromboplastin time (aPTT), semi-automated", "dong-cam-mau", PL, [("loinc", "14979-9", "eq", None)], method="Semi-automated coagulometer"),
    lab("22.0008.1353", "22.8", "Thrombin time (TT), automated", "dong-cam-mau", PL, [("loinc", "3243-3", "eq", None)], method="Automated coagulometer"),
    lab("22.0009.1353", "22.9", "Thrombin time (TT), semi-automated", "dong-cam-mau", PL, [("loinc", "3243-3", "eq", None)], method="Semi-automated coagulometer"),
    lab("22.0011.1254", "22.11", "Fibrinogen (factor I), derived method, automated", "dong-cam-mau", PL, [("loinc", "3255-7", "nt", "The national technique derives fibrinogen from the prothrombin time; the LOINC term covers any coagulation assay.")], method="PT-derived, automated"),
    lab("22.0012.1254", "22.12", "Fibrinogen (factor I), derived method, semi-automated", "dong-cam-mau", PL, [("loinc", "3255-7", "nt", "The national technique derives fibrinogen from the prothrombin time; the LOINC term covers any coagulation assay.")], method="PT-derived, semi-automated"),
    lab("22.0013.1242", "22.13", "Fibrinogen (factor I), Clauss method, automated", "dong-cam-mau", PL, [("loinc", "3255-7", "nt", "The national technique fixes the Clauss method; the LOINC term covers any coagulation assay.")], method="Clauss (direct), automated"),
    lab("22.0014.1242", "22.14", "Fibrinogen (factor I), Clauss method, semi-automated", "dong-cam-mau", PL, [("loinc", "3255-7", "nt", "The national technique fixes the Clauss method; the LOINC term covers any coagulation assay.")], method="Clauss (direct), semi-automated"),
    lab("22.0023.1239", "22.23", "D-dimer, quantitative", "dong-cam-mau", PL, [
        ("loinc", "48065-7", "rel", "Doubtful match. Whether results are fibrinogen-equivalent units (FEU) or D-dimer units (DDU) depends on the assay."),
        ("loinc", "48066-5", "rel", "Doubtful match. Whether results are fibrinogen-equivalent units (FEU) or D-dimer units (DDU) depends on the assay.")]),
    lab("22.0025.1235", "22.25", "Antithrombin (AT III), quantitative", "dong-cam-mau", PL, [("loinc", "27811-9", "bt", "The national technique names no method; the LOINC term is the chromogenic activity.")]),
    lab("22.0019.1348", "22.19", "Bleeding time, Duke method", "dong-cam-mau", "unspecified", [("loinc", "11067-6", "nt", "The national technique fixes the Duke method; the LOINC term names none.")], method="Duke"),
    lab("22.0020.1347", "22.20", "Bleeding time, Ivy method", "dong-cam-mau", "unspecified", [("loinc", "11067-6", "nt", "The national technique fixes the Ivy method; the LOINC term names none.")], method="Ivy"),
    lab("22.0029.1260", "22.29", "Intrinsic coagulation factor VIIIc or XI activity", "dong-cam-mau", PL, [("loinc", "3209-4", "bt", "The national service covers factor VIIIc or factor XI; the LOINC term is factor VIII.")]),
    lab("22.0029.1259", "22.29", "Intrinsic coagulation factor IX activity", "dong-cam-mau", PL, [("loinc", "3187-2", "eq", None)]),
    lab("22.0032.1255", "22.32", "Von Willebrand factor activity", "dong-cam-mau", PL, [("loinc", "6014-5", "bt", "The national service names no method; the LOINC term is the ristocetin cofactor activity.")]),
    lab("22.0047.1247", "22.47", "Protein C activity", "dong-cam-mau", PL, [("loinc", "27818-4", "bt", "The national service names no method; the LOINC term is the chromogenic activity.")]),
    lab("22.0046.1248", "22.46", "Total protein S, quantitative", "dong-cam-mau", PL, [("loinc", "27823-4", "eq", None)]),
    lab("22.0049.1336", "22.49", "Lupus anticoagulant screen (LA screen)", "dong-cam-mau", PL, unmapped="No LOINC term for the lupus anticoagulant screen with a confirmed name is in the reference extracts."),
    lab("22.0304.1306", "22.304", "Direct antiglobulin (Coombs) test, tube technique", "mien-dich-huyet-hoc", "blood", [("loinc", "1007-4", "eq", None)], method="Tube agglutination"),
    lab("22.0303.1306", "22.303", "Direct antiglobulin (Coombs) test, gel card on an automated analyser", "mien-dich-huyet-hoc", "blood", [("loinc", "1007-4", "eq", None)], method="Gel card, automated"),
    lab("22.0326.1440", "22.326", "Antinuclear antibodies (ANA), ELISA", "mien-dich-huyet-hoc", "serum", [("loinc", "27200-5", "eq", None)], method="ELISA"),
    lab("22.0328.1440", "22.328", "Antinuclear antibodies (ANA), immunofluorescence", "mien-dich-huyet-hoc", "serum", [("loinc", "14611-8", "rel", "The immunofluorescence service reports titre and pattern; the LOINC term is the pattern.")], method="Indirect immunofluorescence"),
    lab("22.0342.1225", "22.342", "CD3, CD4 and CD8 lymphocyte counts", "mien-dich-huyet-hoc", "blood", [
        ("loinc", "8123-2", "bt", "The national service reports CD3, CD4 and CD8 counts; this LOINC term is one of its results."),
        ("loinc", "54218-3", "bt", "The national service reports CD3, CD4 and CD8 counts; this LOINC term is one of its results.")], method="Flow cytometry"),
    retired(lab("22.0279.1269", "22.279", "ABO blood grouping (tube technique)", "mien-dich-huyet-hoc", "blood",
                unmapped="Retired before publication; the reference extracts name the ABO group code only by component.", method="Tube agglutination"),
            "Không đưa vào danh mục liên thông: cơ sở truyền máu luôn định lại nhóm máu trước khi truyền."),
    retired(lab("22.0291.1280", "22.291", "Rh(D) blood grouping (tube technique)", "mien-dich-huyet-hoc", "blood",
                unmapped="Retired before publication; the reference extracts name the Rh code only by component.", method="Tube agglutination"),
            "Không đưa vào danh mục liên thông: cơ sở truyền máu luôn định lại nhóm máu trước khi truyền."),
    lab("22.0150.1594", "22.150", "Urine cell count (automated analyser)", "mien-dich-huyet-hoc", "urine", [("loinc", "24365-9", "rel", "The automated analyser counts urine particles; the LOINC panel is the microscopic sediment examination.")], method="Automated urine particle analyser"),
]

write_annex("02-huyet-hoc.yaml", 2, "Phụ lục 2 — Huyết học (Hematology). Pre-transfusion grouping and antibody screening are left out: the transfusing hospital always repeats them.",
            [("te-bao-mau", "Tế bào máu", "Blood cells"),
             ("sat-vitamin", "Sắt, vitamin và protein liên quan", "Iron, vitamins and related proteins"),
             ("dong-cam-mau", "Đông máu, cầm máu", "Coagulation and haemostasis"),
             ("mien-dich-huyet-hoc", "Miễn dịch huyết học", "Immunohaematology and immunology")],
            hematology)

RAPID = "Rapid immunochromatographic test"
SEMI = "Semi-automated immunoassay"
AUTO = "Automated immunoassay"
DRAFT = "Không chọn vào bản phát hành đầu tiên (mục của bản nháp, chưa từng công bố)."

microbiology = [
    lab("24.0117.1646", "24.117", "Hepatitis B surface antigen (HBsAg), rapid test", "vi-rut", SP, [("loinc", "5196-1", "eq", None)], method=RAPID),
    lab("24.0119.1649", "24.119", "Hepatitis B surface antigen (HBsAg), automated immunoassay", "vi-rut", SP, [("loinc", "5196-1", "eq", None)], method=AUTO),
    lab("24.0130.1645", "24.130", "Hepatitis B e antigen (HBeAg), rapid test", "vi-rut", SP, [("loinc", "13954-3", "eq", None)], method=RAPID),
    lab("24.0132.1644", "24.132", "Hepatitis B e antigen (HBeAg), automated immunoassay", "vi-rut", SP, [("loinc", "13954-3", "eq", None)], method=AUTO),
    lab("24.0125.1614", "24.125", "Hepatitis B core IgM antibody, semi-automated immunoassay", "vi-rut", SP, [("loinc", "24113-3", "eq", None)], method=SEMI),
    lab("24.0126.1614", "24.126", "Hepatitis B core IgM antibody, automated immunoassay", "vi-rut", SP, [("loinc", "24113-3", "eq", None)], method=AUTO),
    lab("24.0157.1612", "24.157", "Hepatitis A IgM antibody, automated immunoassay", "vi-rut", "serum", [("loinc", "22314-9", "eq", None)], method=AUTO),
    lab("24.0169.1616", "24.169", "HIV antibody, rapid test", "vi-rut", SP, unmapped="No HIV antibody screening code with a confirmed name is in the reference extracts.", method=RAPID),
    lab("24.0144.1621", "24.144", "Hepatitis C antibody, rapid test", "vi-rut", SP, unmapped="The only confirmed hepatitis C antibody code in the reference extracts is by immunoblot, a different method.", method=RAPID),
    lab("24.0183.1637", "24.183", "Dengue virus NS1 antigen, rapid test", "vi-rut", SP, [("loinc", "31798-2", "nt", "The national test detects the NS1 antigen; the LOINC term is any dengue antigen.")], method=RAPID),
    lab("24.0186.1635", "24.186", "Dengue virus NS1 antigen, semi-automated immunoassay", "vi-rut", SP, [("loinc", "31798-2", "nt", "The national test detects the NS1 antigen; the LOINC term is any dengue antigen.")], method=SEMI),
    lab("24.0188.1636", "24.188", "Dengue virus IgM antibody, semi-automated immunoassay", "vi-rut", "serum", [("loinc", "25338-5", "eq", None)], method=SEMI),
    lab("24.0187.1637", "24.187", "Dengue virus IgM and IgG antibodies, rapid test", "vi-rut", SP, [
        ("loinc", "25338-5", "bt", "The rapid test reports IgM and IgG; each LOINC term is one of them."),
        ("loinc", "100964-6", "bt", "The rapid test reports IgM and IgG; each LOINC term is one of them.")], method=RAPID),
    lab("24.0243.1671", "24.243", "Influenza A and B antigens, rapid test", "vi-rut", "respiratory-swab", [
        ("loinc", "43874-7", "bt", "The rapid test detects influenza A and B antigens; each LOINC term is one of them."),
        ("loinc", "31864-2", "bt", "The rapid test detects influenza A and B antigens; each LOINC term is one of them.")], method=RAPID),
    lab("24.0301.1705", "24.301", "Toxoplasma IgG antibody, automated immunoassay", "ky-sinh-trung-nam", SP, [("loinc", "5388-4", "eq", None)], method=AUTO),
    lab("24.0299.1706", "24.299", "Toxoplasma IgM antibody, automated immunoassay", "ky-sinh-trung-nam", "serum", [("loinc", "8040-8", "eq", None)], method=AUTO),
    lab("24.0017.1714", "24.17", "Acid-fast bacilli, direct smear, Ziehl-Neelsen stain", "vi-khuan", "unspecified", [("loinc", "11545-1", "nt", "The national technique fixes the Ziehl-Neelsen stain; the LOINC term covers any acid-fast stain.")], method="Ziehl-Neelsen stain, light microscopy"),
    lab("24.0018.1611", "24.18", "Acid-fast bacilli, direct smear, fluorescent stain", "vi-khuan", "unspecified", [("loinc", "11545-1", "nt", "The national technique fixes a fluorescent (auramine) stain; the LOINC term covers any acid-fast stain.")], method="Fluorescent stain, fluorescence microscopy"),
    lab("24.0003.1715", "24.3", "Bacterial culture and identification, conventional method", "vi-khuan", "unspecified", [("loinc", "6463-4", "eq", None)], method="Conventional culture and biochemical identification"),
    lab("24.0004.1716", "24.4", "Bacterial culture and identification, automated system", "vi-khuan", "unspecified", [("loinc", "6463-4", "eq", None)], method="Automated identification system"),
    lab("24.0005.1716", "24.5", "Bacterial culture, identification and antimicrobial susceptibility, automated system", "vi-khuan", "unspecified", [("loinc", "6463-4", "bt", "The national service also tests antimicrobial susceptibility.")], method="Automated identification and susceptibility system"),
    lab("24.0099.1707", "24.99", "Treponema pallidum RPR, quantitative", "vi-khuan", "serum", [("loinc", "11084-1", "nt", "The national technique fixes the RPR method; the LOINC term covers any reagin antibody titre.")], method="Rapid plasma reagin (RPR) flocculation"),
    lab("24.0322.1724", "24.322", "Fungal culture and identification, conventional method", "ky-sinh-trung-nam", "unspecified", [("loinc", "580-1", "eq", None)], method="Conventional culture"),
    lab("24.0319.1674", "24.319", "Fungi, direct wet mount microscopy", "ky-sinh-trung-nam", "unspecified", [("loinc", "55305-7", "eq", None)], method="Direct wet mount (KOH) microscopy"),
    lab("24.0289.1694", "24.289", "Plasmodium (malaria parasites), stained smear, qualitative", "ky-sinh-trung-nam", "blood", [("loinc", "51587-4", "eq", None)], method="Giemsa-stained blood film, light microscopy"),
    lab("24.0264.1664", "24.264", "Faecal occult blood, rapid test", "ky-sinh-trung-nam", "stool", [("loinc", "29771-3", "eq", None)], method="Rapid immunochemical test"),
    retired(lab("24.0073.1658", "24.73", "Helicobacter pylori antigen, rapid test", "vi-khuan", "stool",
                unmapped="No Helicobacter pylori antigen code with a confirmed name is in the reference extracts.", method=RAPID), DRAFT),
]

write_annex("03-vi-sinh.yaml", 3, "Phụ lục 3 — Vi sinh (Microbiology). Molecular tests are in annex 4.",
            [("vi-khuan", "Vi khuẩn", "Bacteriology"), ("vi-rut", "Vi rút", "Virology"),
             ("ky-sinh-trung-nam", "Ký sinh trùng, vi nấm", "Parasitology and mycology")],
            microbiology)

REPORT = "LOINC codes pathology report documents, not techniques; the reference extracts confirm no code for this one."
pathology = [
    lab("25.0030.1751", "25.30", "Routine histopathology of biopsy specimens (fixation, processing, embedding, sectioning, staining)", "mo-benh-hoc", "tissue",
        [("loinc", "11529-5", "rel", "LOINC codes the surgical pathology study (the report); the national service is the technique that produces it.")], method="Haematoxylin and eosin"),
    lab("25.0090.1757", "25.90", "Intraoperative frozen section", "mo-benh-hoc", "tissue",
        [("loinc", "11529-5", "rel", "LOINC codes the surgical pathology study (the report); the national service is the intraoperative technique.")], method="Frozen section"),
    lab("25.0061.1746", "25.61", "Immunohistochemistry, per marker", "mo-benh-hoc", "tissue", unmapped="Immunohistochemistry codes in LOINC are per marker; this service is priced per marker of any kind.", method="Immunohistochemistry"),
    lab("25.0035.1753", "25.35", "Periodic acid-Schiff (PAS) stain", "mo-benh-hoc", "tissue", unmapped=REPORT, method="Periodic acid-Schiff"),
    lab("25.0059.1749", "25.59", "Giemsa stain on tissue sections for Helicobacter pylori", "mo-benh-hoc", "tissue", unmapped=REPORT, method="Giemsa"),
    lab("25.0007.1758", "25.7", "Fine-needle aspiration cytology, thyroid", "te-bao-hoc", "cells", unmapped=REPORT, method="Fine-needle aspiration"),
    lab("25.0013.1758", "25.13", "Fine-needle aspiration cytology, subcutaneous masses", "te-bao-hoc", "cells", unmapped=REPORT, method="Fine-needle aspiration"),
    lab("25.0015.1758", "25.15", "Fine-needle aspiration cytology, lymph nodes", "te-bao-hoc", "cells", unmapped=REPORT, method="Fine-needle aspiration"),
    lab("25.0014.1758", "25.14", "Fine-needle aspiration cytology, salivary gland", "te-bao-hoc", "cells", unmapped=REPORT, method="Fine-needle aspiration"),
    lab("25.0020.1735", "25.20", "Cytology of peritoneal and pericardial fluid", "te-bao-hoc", "body-fluid", unmapped=REPORT),
    lab("25.0022.1735", "25.22", "Urine cytology", "te-bao-hoc", "urine", unmapped=REPORT),
    lab("25.0023.1735", "25.23", "Sputum cytology", "te-bao-hoc", "sputum", unmapped=REPORT),
    lab("25.0074.1736", "25.74", "Papanicolaou-stained cytology smear", "te-bao-hoc", "cells", unmapped=REPORT, method="Papanicolaou"),
    lab("25.0078.1745", "25.78", "Liquid-based cytology (LiquiPrep)", "te-bao-hoc", "cells", unmapped=REPORT, method="Liquid-based preparation"),
]

write_annex("05-giai-phau-benh.yaml", 5, "Phụ lục 5 — Giải phẫu bệnh (Pathology). LOINC has no technique codes for most of these; entries say why they are unmapped.",
            [("mo-benh-hoc", "Mô bệnh học", "Histopathology"), ("te-bao-hoc", "Tế bào học", "Cytopathology")],
            pathology)

NOREF = "No LOINC term for this test with a confirmed name is in the reference extracts."
CYTO = "No cytogenetic (karyotype or FISH) LOINC term with a confirmed name is in the reference extracts."
SOMATIC = "No LOINC term for this somatic mutation test with a confirmed name is in the reference extracts."
RT = "Real-time PCR"
SEQ = "Sanger sequencing"
def g(code, tt23, en, group, specimen, maps=(), unmapped=None, method=None):
    return lab(code, tt23, en, group, specimen, maps, unmapped, method)
NAA = lambda loinc, rel="eq", comment=None: [("loinc", loinc, rel, comment)]
VL = "The national service reports the viral load; LOINC codes the count and its logarithm separately."

genetics = [
    # Molecular microbiology: viral loads
    g("24.0136.1651", "24.136", "Hepatitis B virus DNA viral load, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", SP, NAA("48398-2", "bt", VL), method=RT),
    g("24.0137.1650", "24.137", "Hepatitis B virus DNA viral load, automated system", "sinh-hoc-phan-tu-vi-sinh", SP, NAA("48398-2", "bt", VL), method="Automated real-time PCR system"),
    g("24.0151.1654", "24.151", "Hepatitis C virus RNA viral load, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", SP, [("loinc", "11011-4", "bt", VL), ("loinc", "38180-6", "bt", VL)], method="Real-time RT-PCR"),
    g("24.0152.1653", "24.152", "Hepatitis C virus RNA viral load, automated system", "sinh-hoc-phan-tu-vi-sinh", SP, [("loinc", "11011-4", "bt", VL), ("loinc", "38180-6", "bt", VL)], method="Automated real-time RT-PCR system"),
    g("24.0179.1719", "24.179", "HIV-1 RNA viral load, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", SP, NAA("20447-9"), method="Real-time RT-PCR"),
    g("24.0180.1662", "24.180", "HIV-1 RNA viral load, automated system", "sinh-hoc-phan-tu-vi-sinh", SP, NAA("20447-9"), method="Automated real-time RT-PCR system"),
    g("24.0178.1719", "24.178", "HIV DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "blood", unmapped=NOREF, method=RT),
    g("24.0198.1633", "24.198", "Cytomegalovirus (CMV) DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    g("24.0199.1630", "24.199", "Cytomegalovirus (CMV) DNA viral load, automated system", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method="Automated real-time PCR system"),
    g("24.0223.1719", "24.223", "Epstein-Barr virus (EBV) DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("53774-6", "rel", "The national service may be qualitative or quantitative; the LOINC term is the viral load."), method=RT),
    g("24.0233.1625", "24.233", "BK/JC polyomavirus DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    # Molecular microbiology: genotyping and resistance
    g("24.0139.1666", "24.139", "Hepatitis B virus genotyping, PCR", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method="PCR"),
    g("24.0140.1718", "24.140", "Hepatitis B virus genotyping, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=RT),
    g("24.0141.1721", "24.141", "Hepatitis B virus genotyping by gene sequencing", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=SEQ),
    g("24.0142.1726", "24.142", "Hepatitis B virus drug resistance, real-time PCR (per drug)", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=RT),
    g("24.0143.1721", "24.143", "Hepatitis B virus drug resistance by gene sequencing", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=SEQ),
    g("24.0153.1718", "24.153", "Hepatitis C virus genotyping, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=RT),
    g("24.0154.1721", "24.154", "Hepatitis C virus genotyping by gene sequencing", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=SEQ),
    g("24.0181.1721", "24.181", "HIV drug resistance by gene sequencing", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method=SEQ),
    g("24.0239.1667", "24.239", "Human papillomavirus (HPV) DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "genital-swab", unmapped=NOREF, method=RT),
    g("24.0240.1718", "24.240", "Human papillomavirus genotyping, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "genital-swab", unmapped=NOREF, method=RT),
    g("24.0241.1666", "24.241", "Human papillomavirus genotyping, automated PCR system", "sinh-hoc-phan-tu-vi-sinh", "genital-swab", unmapped=NOREF, method="Automated PCR system"),
    # Molecular microbiology: detection
    g("24.0028.1682", "24.28", "Mycobacterium tuberculosis identification and rifampicin resistance (Xpert)", "sinh-hoc-phan-tu-vi-sinh", "unspecified",
      NAA("38379-4", "bt", "The national service also detects rifampicin resistance."), method="Cartridge-based real-time PCR (Xpert MTB/RIF)"),
    g("24.0031.1686", "24.31", "Mycobacterium tuberculosis complex DNA, automated PCR system", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("38379-4"), method="Automated PCR system"),
    g("24.0032.1687", "24.32", "Mycobacterium tuberculosis complex DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("38379-4"), method=RT),
    g("24.0038.1651", "24.38", "Non-tuberculous mycobacteria identification, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    g("24.0064.1713", "24.64", "Chlamydia trachomatis DNA, PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("21613-5"), method="PCR"),
    g("24.0065.1719", "24.65", "Chlamydia trachomatis DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("21613-5"), method=RT),
    g("24.0066.1719", "24.66", "Chlamydia trachomatis DNA, real-time PCR on an automated system", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("21613-5"), method="Automated real-time PCR system"),
    g("24.0051.1713", "24.51", "Neisseria gonorrhoeae DNA, PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("24111-7"), method="PCR"),
    g("24.0052.1719", "24.52", "Neisseria gonorrhoeae DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("24111-7"), method=RT),
    g("24.0053.1719", "24.53", "Neisseria gonorrhoeae DNA, real-time PCR on an automated system", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("24111-7"), method="Automated real-time PCR system"),
    g("24.0058.1686", "24.58", "Neisseria meningitidis DNA, PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("49671-1"), method="PCR"),
    g("24.0059.1719", "24.59", "Neisseria meningitidis DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("49671-1"), method=RT),
    g("24.0047.1719", "24.47", "Vibrio cholerae DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "stool", NAA("97314-9"), method=RT),
    g("24.0071.1719", "24.71", "Clostridioides difficile, PCR", "sinh-hoc-phan-tu-vi-sinh", "stool", unmapped=NOREF, method="PCR"),
    g("24.0078.1719", "24.78", "Helicobacter pylori DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    g("24.0081.1719", "24.81", "Leptospira DNA, PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method="PCR"),
    g("24.0084.1719", "24.84", "Mycoplasma pneumoniae DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "respiratory-swab", unmapped=NOREF, method=RT),
    g("24.0092.1719", "24.92", "Rickettsia DNA, PCR", "sinh-hoc-phan-tu-vi-sinh", "blood", unmapped=NOREF, method="PCR"),
    g("24.0102.1719", "24.102", "Treponema pallidum DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    g("24.0107.1719", "24.107", "Ureaplasma urealyticum DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "genital-swab", unmapped=NOREF, method=RT),
    g("24.0089.1719", "24.89", "Mycoplasma hominis DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "genital-swab", unmapped=NOREF, method=RT),
    g("24.0191.1719", "24.191", "Dengue virus RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method="Real-time RT-PCR"),
    g("24.0192.1686", "24.192", "Dengue virus serotyping, PCR", "sinh-hoc-phan-tu-vi-sinh", SP, unmapped=NOREF, method="RT-PCR"),
    g("24.0213.1719", "24.213", "Herpes simplex virus (HSV) DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    g("24.0215.1719", "24.215", "Varicella-zoster virus (VZV) DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("100982-8", "rel", "The national service may be qualitative or quantitative; the LOINC term is the viral load."), method=RT),
    g("24.0227.1719", "24.227", "Enterovirus 71 (EV71) RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method="Real-time RT-PCR"),
    g("24.0230.1719", "24.230", "Enterovirus RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method="Real-time RT-PCR"),
    g("24.0232.1719", "24.232", "Adenovirus DNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method=RT),
    g("24.0235.1719", "24.235", "Coronavirus RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "respiratory-swab",
      NAA("94500-6", "bt", "The national service detects coronaviruses; the LOINC term is SARS-CoV-2, for which it is used."), method="Real-time RT-PCR"),
    g("24.0244.1670", "24.244", "Influenza A and B virus RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "respiratory-swab",
      NAA("40982-1", "bt", "The national service detects influenza A and B; this LOINC term is influenza B."), method="Real-time RT-PCR"),
    g("24.0253.1719", "24.253", "Respiratory syncytial virus (RSV) RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "respiratory-swab", NAA("40988-8"), method="Real-time RT-PCR"),
    g("24.0261.1719", "24.261", "Rubella virus RNA, real-time PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", NAA("54091-4"), method="Real-time RT-PCR"),
    g("24.0251.1719", "24.251", "Rotavirus RNA, PCR", "sinh-hoc-phan-tu-vi-sinh", "stool", unmapped=NOREF, method="RT-PCR"),
    g("24.0012.1719", "24.12", "Bacterial identification, PCR", "sinh-hoc-phan-tu-vi-sinh", "unspecified", unmapped=NOREF, method="PCR"),
    # Cytogenetics
    g("22.0382.1220", "22.382", "Karyotype, peripheral blood", "di-truyen-te-bao", "blood", unmapped=CYTO, method="G-banded chromosome analysis of cultured lymphocytes"),
    g("22.0381.1220", "22.381", "Karyotype, bone marrow", "di-truyen-te-bao", "bone-marrow", unmapped=CYTO, method="G-banded chromosome analysis"),
    g("22.0385.1221", "22.385", "Karyotype from amniotic fluid cells", "di-truyen-te-bao", "amniotic-fluid", unmapped=CYTO, method="G-banded chromosome analysis of cultured amniocytes"),
    g("22.0388.1373", "22.388", "Philadelphia chromosome (BCR/ABL) by FISH", "di-truyen-te-bao", "bone-marrow", unmapped="The only confirmed BCR-ABL1 code in the reference extracts is a quantitative transcript ratio, not a FISH result.", method="Fluorescence in situ hybridisation"),
    g("22.0387.1373", "22.387", "Sex chromosomes X and Y by FISH", "di-truyen-te-bao", "blood", unmapped=CYTO, method="Fluorescence in situ hybridisation"),
    g("22.0391.1373", "22.391", "Translocation t(4;11) by FISH", "di-truyen-te-bao", "bone-marrow", unmapped=CYTO, method="Fluorescence in situ hybridisation"),
    g("22.0394.1373", "22.394", "Translocation t(15;17) by FISH", "di-truyen-te-bao", "bone-marrow", unmapped=CYTO, method="Fluorescence in situ hybridisation"),
    # Molecular genetics: haematological malignancies
    g("22.0419.1374", "22.419", "BCR/ABL P210 transcript (Philadelphia translocation), PCR", "di-truyen-phan-tu", "blood",
      NAA("46434-7", "rel", "The national service detects the P210 transcript; the LOINC term is its quantitative ratio."), method="RT-PCR"),
    g("22.0420.1374", "22.420", "BCR/ABL P190 transcript (Philadelphia translocation), PCR", "di-truyen-phan-tu", "blood",
      NAA("46434-7", "rel", "The national service detects the P190 transcript; the LOINC term is the (P210) quantitative ratio."), method="RT-PCR"),
    g("22.0421.1243", "22.421", "Quantification of haematological malignancy genes, real-time PCR", "di-truyen-phan-tu", "blood",
      NAA("46434-7", "bt", "The national service quantifies several fusion transcripts; BCR-ABL1 is one of them."), method=RT),
    g("22.0425.1374", "22.425", "JAK2 V617F mutation in myeloproliferative neoplasms, allele-specific PCR", "di-truyen-phan-tu", "blood", unmapped=SOMATIC, method="Allele-specific PCR"),
    g("22.0434.1374", "22.434", "PML/RARA fusion gene, RT-PCR", "di-truyen-phan-tu", "bone-marrow", unmapped=SOMATIC, method="RT-PCR"),
    g("22.0432.1374", "22.432", "AML1/ETO (RUNX1/RUNX1T1) fusion gene, RT-PCR", "di-truyen-phan-tu", "bone-marrow", unmapped=SOMATIC, method="RT-PCR"),
    g("22.0439.1374", "22.439", "FLT3-ITD mutation, PCR", "di-truyen-phan-tu", "bone-marrow", unmapped=SOMATIC, method="PCR"),
    g("22.0438.1374", "22.438", "NPM1 type A mutation, allele-specific PCR", "di-truyen-phan-tu", "bone-marrow", unmapped=SOMATIC, method="Allele-specific PCR"),
    # Molecular genetics: inherited disease
    g("22.0446.1419", "22.446", "Thalassaemia mutation panel (21 alpha- or 22 beta-thalassaemia mutations)", "di-truyen-phan-tu", "blood",
      NAA("21689-5", "rel", "The panel covers alpha-globin (HBA1/HBA2) or beta-globin (HBB) mutations; the LOINC term is HBB mutations found."), method="Multiplex PCR with reverse hybridisation"),
    g("22.0643.1334", "22.643", "Thalassaemia gene mutation detection, PCR", "di-truyen-phan-tu", "blood",
      NAA("21689-5", "rel", "The national service covers alpha- and beta-thalassaemia; the LOINC term is HBB mutations found."), method="PCR"),
    g("22.0406.1291", "22.406", "Beta-thalassaemia diagnosis by gene sequencing", "di-truyen-phan-tu", "blood", NAA("21689-5"), method="Sanger sequencing of HBB"),
    g("22.0644.1420", "22.644", "Haemophilia gene mutation detection, PCR", "di-truyen-phan-tu", "blood", unmapped=NOREF, method="PCR"),
    g("22.0430.1333", "22.430", "Factor VIII gene intron 22 inversion (haemophilia A), long-range PCR", "di-truyen-phan-tu", "blood", unmapped=NOREF, method="Long-range PCR"),
    g("22.0634.1283", "22.634", "HLA typing for one locus (A, B, C, DR or DQ), PCR-SSP", "di-truyen-phan-tu", "blood", unmapped=NOREF, method="PCR-SSP"),
    g("22.0633.1284", "22.633", "High-resolution HLA typing for one locus, PCR-SSO", "di-truyen-phan-tu", "blood", unmapped=NOREF, method="PCR-SSO"),
    g("22.0641.1291", "22.641", "Gene sequencing, first generation (per fragment under 1 kb)", "di-truyen-phan-tu", "unspecified", unmapped=NOREF, method=SEQ),
    g("22.0647.1290", "22.647", "Gene sequencing, next generation", "di-truyen-phan-tu", "unspecified", unmapped=NOREF, method="Next-generation sequencing"),
    # Molecular pathology (solid tumours)
    g("25.0093.1739", "25.93", "EGFR gene mutation test", "di-truyen-phan-tu", "tissue", unmapped=SOMATIC),
    g("25.0094.1740", "25.94", "KRAS gene mutation test", "di-truyen-phan-tu", "tissue", unmapped=SOMATIC),
    g("25.0095.1738", "25.95", "BRAF gene mutation test", "di-truyen-phan-tu", "tissue", unmapped=SOMATIC),
    g("25.0096.1740", "25.96", "NRAS gene mutation test", "di-truyen-phan-tu", "tissue", unmapped=SOMATIC),
    g("25.0092.1738", "25.92", "HER2 gene test", "di-truyen-phan-tu", "tissue", unmapped=SOMATIC),
    g("25.0084.1743", "25.84", "Chromogenic in situ hybridisation (CISH)", "di-truyen-phan-tu", "tissue", unmapped=CYTO, method="CISH"),
]

write_annex("04-di-truyen-sinh-hoc-phan-tu.yaml", 4,
            "Phụ lục 4 — Di truyền - Sinh học phân tử (Genetics and molecular biology). From chapters 22, 24 and 25; there is no chapter of its own.",
            [("sinh-hoc-phan-tu-vi-sinh", "Sinh học phân tử vi sinh", "Molecular microbiology"),
             ("di-truyen-te-bao", "Di truyền tế bào", "Cytogenetics"),
             ("di-truyen-phan-tu", "Di truyền phân tử", "Molecular genetics")],
            genetics)

# The corrections of the second revision (issue 14) live in one place, revise_laboratory.py, and
# are applied to the first edition here too.
import revise_laboratory  # noqa: E402

revise_laboratory.main()
