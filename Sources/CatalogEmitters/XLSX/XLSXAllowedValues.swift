import CatalogCore

/// The workbook's sheet of allowed values (`Giá trị cho phép`, format 1.2.0 on): every value an
/// enumerated column may hold (each annex's group ids, status, specimen, modality, body
/// region, contrast, laterality, mapping system and relationship), with what it means in
/// Vietnamese and English. The annex and mappings sheets' drop-down lists point into it.
enum XLSXAllowedValues {
    /// One allowed value: the column (source field) it belongs to, the annex for group ids,
    /// the value as the sources spell it, and its meaning.
    struct Row: Equatable {
        var field: String
        var annex: Int?
        var value: String
        var vi: String
        var en: String
    }

    /// The sheet's columns.
    static let columns = [
        XLSXLayout.column("field", "Cột", 16), XLSXLayout.column("annex", "Phụ lục", 9), XLSXLayout.column("value", "Giá trị", 30),
        XLSXLayout.column("vi", "Nghĩa tiếng Việt", 50), XLSXLayout.column("en", "Nghĩa tiếng Anh", 50),
    ]

    /// The rows: each annex's groups (in the annex's order), then the closed vocabularies.
    static func rows(_ catalog: Catalog) -> [Row] {
        var rows: [Row] = []
        for annex in catalog.annexes {
            rows += annex.groups.map { Row(field: "group", annex: annex.number, value: $0.id, vi: $0.nameVi, en: $0.nameEn) }
        }
        for (field, values) in vocabularies {
            rows += values.map { Row(field: field, annex: nil, value: $0, vi: labels[field]?[$0]?.vi ?? $0, en: labels[field]?[$0]?.en ?? $0) }
        }
        return rows
    }

    /// The enumerated columns and their values, in the sheet's order.
    static let vocabularies: [(String, [String])] = [("status", EntryStatus.allowedValues)]
        + EntryFields.attributes.compactMap { f in f.allowedValues.map { (f.name, $0) } }
        + [("system", MappingSystem.allowedValues), ("relationship", MappingRelationship.allowedValues)]

    /// The formula naming the cells that hold the values of `field` (of `annex`, for groups):
    /// `='Giá trị cho phép'!$C$2:$C$9`; nil when the field has no values (an annex without groups).
    static func source(of field: String, annex: Int?, in rows: [Row]) -> String? {
        let matching = rows.indices.filter { rows[$0].field == field && (field != "group" || rows[$0].annex == annex) }
        guard let first = matching.first, let last = matching.last else { return nil }
        return "='\(XLSXLayout.allowedValuesSheetName)'!$C$\(first + 2):$C$\(last + 2)"
    }

    /// Writes the sheet.
    static func write(_ rows: [Row], on sheet: XLSXWorkbook.Sheet) {
        for (c, column) in columns.enumerated() { sheet.setWidth(column.width, column: c) }
        sheet.writeRow(columns.map(\.header), row: 0, style: .header)
        sheet.freezeAndFilterHeader(rows: rows.count + 1, columns: columns.count)
        for (i, row) in rows.enumerated() {
            sheet.write(row.field, row: i + 1, column: 0)
            if let annex = row.annex { sheet.write(number: Double(annex), row: i + 1, column: 1) } else { sheet.write("", row: i + 1, column: 1) }
            sheet.write(row.value, row: i + 1, column: 2)
            sheet.write(row.vi, row: i + 1, column: 3)
            sheet.write(row.en, row: i + 1, column: 4)
        }
    }

    /// What each value of the closed vocabularies means, in Vietnamese and English (a test
    /// checks that every allowed value has its meaning here).
    static let labels: [String: [String: (vi: String, en: String)]] = [
        "status": [
            "active": ("Đang dùng", "In use"),
            "deprecated": ("Không khuyến khích dùng, vẫn còn hiệu lực", "Deprecated, still valid"),
            "retired": ("Đã loại bỏ (mã không bao giờ dùng lại)", "Retired (the code is never reused)"),
        ],
        "specimen": [
            "blood": ("Máu toàn phần", "Whole blood"), "serum": ("Huyết thanh", "Serum"), "plasma": ("Huyết tương", "Plasma"),
            "serum-or-plasma": ("Huyết thanh hoặc huyết tương", "Serum or plasma"), "urine": ("Nước tiểu", "Urine"),
            "cerebrospinal-fluid": ("Dịch não tủy", "Cerebrospinal fluid"), "stool": ("Phân", "Stool"), "sputum": ("Đờm", "Sputum"),
            "respiratory-swab": ("Dịch phết đường hô hấp", "Respiratory swab"), "genital-swab": ("Dịch phết đường sinh dục", "Genital swab"),
            "pus": ("Mủ", "Pus"), "body-fluid": ("Dịch cơ thể (màng phổi, màng bụng, khớp…)", "Body fluid (pleural, peritoneal, joint…)"),
            "bone-marrow": ("Tủy xương", "Bone marrow"), "tissue": ("Mô", "Tissue"), "cells": ("Tế bào", "Cells"),
            "amniotic-fluid": ("Dịch ối", "Amniotic fluid"), "semen": ("Tinh dịch", "Semen"), "dry-blood-spot": ("Giọt máu khô", "Dried blood spot"),
            "unspecified": ("Không xác định", "Unspecified"),
        ],
        "scale": [
            "quantitative": ("Định lượng (kết quả là một số đo)", "Quantitative (the result is a measured quantity)"),
            "qualitative": ("Định tính (kết quả là dương tính, âm tính hoặc một phân loại)", "Qualitative (the result is positive, negative or a category)"),
        ],
        "modality": [
            "XR": ("Chụp X-quang (XQ)", "Plain radiography"), "RF": ("Chiếu X-quang tăng sáng, có thuốc cản quang", "Fluoroscopy"),
            "MG": ("Chụp X-quang tuyến vú", "Mammography"), "CT": ("Chụp cắt lớp vi tính (CLVT)", "Computed tomography"),
            "MR": ("Chụp cộng hưởng từ (CHT)", "Magnetic resonance"), "US": ("Siêu âm", "Ultrasound"),
            "XA": ("Chụp mạch máu, kể cả chụp mạch số hóa xóa nền (DSA)", "X-ray angiography, including DSA"),
            "DXA": ("Đo mật độ xương bằng tia X năng lượng kép", "Dual-energy X-ray absorptiometry"),
        ],
        "bodyRegion": [
            "head": ("Đầu", "Head"), "face": ("Mặt", "Face"), "neck": ("Cổ", "Neck"), "chest": ("Ngực", "Chest"), "breast": ("Vú", "Breast"),
            "heart": ("Tim", "Heart"), "abdomen": ("Bụng", "Abdomen"), "pelvis": ("Chậu", "Pelvis"),
            "abdomen-pelvis": ("Bụng và chậu", "Abdomen and pelvis"), "chest-abdomen-pelvis": ("Ngực, bụng và chậu", "Chest, abdomen and pelvis"),
            "spine": ("Cột sống", "Spine"), "cervical-spine": ("Cột sống cổ", "Cervical spine"), "thoracic-spine": ("Cột sống ngực", "Thoracic spine"),
            "lumbar-spine": ("Cột sống thắt lưng", "Lumbar spine"), "sacrum-coccyx": ("Xương cùng cụt", "Sacrum and coccyx"),
            "upper-limb": ("Chi trên", "Upper limb"), "lower-limb": ("Chi dưới", "Lower limb"), "shoulder": ("Vai", "Shoulder"),
            "elbow": ("Khuỷu tay", "Elbow"), "wrist": ("Cổ tay", "Wrist"), "hand": ("Bàn tay", "Hand"), "hip": ("Háng", "Hip"),
            "knee": ("Gối", "Knee"), "ankle": ("Cổ chân", "Ankle"), "foot": ("Bàn chân", "Foot"), "vessels": ("Mạch máu", "Vessels"),
            "whole-body": ("Toàn thân", "Whole body"), "other": ("Vùng khác", "Other region"),
        ],
        "contrast": [
            "none": ("Không dùng thuốc cản quang", "No contrast"), "iv": ("Tiêm tĩnh mạch", "Intravenous"),
            "without-and-with-iv": ("Không tiêm và có tiêm tĩnh mạch", "Without and with intravenous"),
            "intra-arterial": ("Tiêm động mạch", "Intra-arterial"), "oral": ("Uống", "Oral"), "rectal": ("Qua trực tràng", "Rectal"),
            "intra-articular": ("Tiêm nội khớp", "Intra-articular"), "intrathecal": ("Tiêm nội tủy (khoang dưới nhện)", "Intrathecal"),
            "retrograde": ("Bơm ngược dòng", "Retrograde"), "other": ("Đường khác", "Other route"),
        ],
        "laterality": [
            "none": ("Không áp dụng", "Not applicable"), "left": ("Bên trái", "Left"), "right": ("Bên phải", "Right"),
            "bilateral": ("Hai bên", "Bilateral"), "unilateral": ("Một bên, bên trái hoặc phải ghi trong chỉ định", "One side, left or right as the order says"),
        ],
        "system": [
            "loinc": ("LOINC (xét nghiệm và chẩn đoán hình ảnh)", "LOINC (laboratory and imaging)"),
            "radlex": ("RadLex Playbook của RSNA (chỉ chẩn đoán hình ảnh)", "RSNA RadLex Playbook (imaging only)"),
        ],
        "relationship": [
            "equivalent": ("Tương đương", "Equivalent"),
            "source-is-narrower-than-target": ("Mục hẹp hơn mã đích", "The entry is narrower than the target"),
            "source-is-broader-than-target": ("Mục rộng hơn mã đích", "The entry is broader than the target"),
            "related-to": ("Có liên quan", "Related"),
        ],
    ]
}
