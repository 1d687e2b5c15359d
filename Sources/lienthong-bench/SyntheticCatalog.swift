import CatalogCore
import Foundation

/// A synthetic catalog shaped like the real one: six annexes in the real proportions,
/// Vietnamese names with diacritics, national codes, valid stable codes with their ledger, and
/// mappings drawn from the project's reference subset (copied beside it). A fixed seed makes
/// every run write the same bytes.
struct SyntheticCatalog {
    let entries: Int
    let format: String

    /// The real annexes: number, prefix, kind, share of the 1,114 entries, titles, chapter.
    static let annexes: [(Int, String, String, Int, String, String, String)] = [
        (1, "HS", "laboratory", 40, "Hóa sinh", "Biochemistry", "23"), (2, "HH", "laboratory", 55, "Huyết học", "Hematology", "22"),
        (3, "VS", "laboratory", 26, "Vi sinh", "Microbiology", "24"), (4, "DT", "laboratory", 86, "Di truyền - Sinh học phân tử", "Genetics and molecular biology", "22"),
        (5, "GP", "laboratory", 14, "Giải phẫu bệnh", "Pathology", "25"), (6, "DQ", "imaging", 893, "Điện quang", "Diagnostic imaging", "18"),
    ]
    static let syllables = ["Định", "lượng", "Chụp", "cắt", "lớp", "vi", "tính", "sọ", "não", "không", "tiêm", "thuốc", "cản", "quang", "Siêu", "âm",
                            "tuyến", "giáp", "máu", "Xét", "nghiệm", "tế", "bào", "học", "nước", "tiểu", "cộng", "hưởng", "từ", "ngực", "thẳng", "nghiêng"]
    static let specimens = ["serum-or-plasma", "blood", "urine", "plasma", "serum"]
    static let modalities = ["XR", "CT", "MR", "US"]
    static let regions = ["head", "neck", "chest", "abdomen", "pelvis", "lumbar-spine", "knee"]

    /// A linear congruential generator (Knuth's MMIX constants) with a fixed seed.
    struct Random {
        var state: UInt64 = 20260701
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    func write(to dir: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/reference", withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loincTable = root.appendingPathComponent("annexes/reference/loinc/loinc_lab_lhncbc_flowsheet.csv")
        let radiologyTable = root.appendingPathComponent("annexes/reference/loinc/loinc_radiology_playbook_valueset.csv")
        let loincNotice = root.appendingPathComponent("annexes/reference/LOINC_short_license.txt")
        for table in [loincTable, radiologyTable, loincNotice] {
            let target = dir + "/reference/" + table.lastPathComponent
            try? fm.removeItem(atPath: target)
            try fm.copyItem(atPath: table.path, toPath: target)
        }
        let lab = try Self.references(loincTable, code: "LOINC_MERGED", display: "LONG_COMMON_NAME_LOINC")
        let imaging = try Self.references(radiologyTable, code: "code", display: "display")
        let width = max(4, String(entries).count + 1)
        var random = Random()
        var ledger = Ledger.header + "\n"
        var manifestAnnexes = ""
        var assigned = 0
        var claimed = Set<String>()
        for (i, annex) in Self.annexes.enumerated() {
            let (number, prefix, kind, share, titleVi, titleEn, chapter) = annex
            let count = i == Self.annexes.count - 1 ? entries - assigned : max(1, entries * share / 1114)
            assigned += count
            let codes = CodeFormat(prefix: prefix, serialWidth: width)
            var serial = 0
            var body = ""
            for n in 0..<count {
                repeat { serial += 1 } while codes.code(forSerial: serial) == nil
                let code = codes.code(forSerial: serial)!
                let words = (0..<5).map { _ in Self.syllables[random.next(Self.syllables.count)] }.joined(separator: " ")
                let nameVi = "\(words) \(n + 1)"
                // Annexes sharing a chapter (2 and 4) number their services apart: a national code
                // leads to one entry in use (LT0503).
                let service = n + (number == 4 ? 50_000_000 : 0)
                let national = String(format: "%@.%04d.%04d", chapter, service % 10000, service / 10000 % 10000)
                let references = kind == "laboratory" ? lab : imaging
                let (target, display) = references[random.next(references.count)]
                // One equivalent per target (LT0613); later entries mapped to it are narrower.
                let equivalent = claimed.insert(target).inserted
                body += entry(code: code, nameVi: nameVi, nameEn: "Synthetic service \(prefix) \(n + 1)", national: national, kind: kind,
                              random: &random, target: target, display: display, equivalent: equivalent)
                ledger += "\(code)\t\(number)\t1.0.0\t\(nameVi)\n"
            }
            let name = String(format: "%02d-annex.", number) + (self.format == "xml" ? "xml" : "yaml")
            try annexDocument(number: number, body: body).write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            manifestAnnexes += "  - {number: \(number), file: \(name), prefix: \(prefix), kind: \(kind), serialWidth: \(width), expectedCount: \(count), titleVi: \"\(titleVi)\", titleEn: \"\(titleEn)\"}\n"
        }
        let manifest = """
        canonicalUrl: https://example.org/fhir/CodeSystem/synthetic
        oid: 2.25.1114
        name: SyntheticCatalog
        titleVi: Danh mục tổng hợp để đo hiệu năng
        titleEn: Synthetic catalog for benchmarks
        version: 1.0.0
        effectiveDate: "2026-07-01"
        publisher: lienthong benchmarks
        legalBasis: [none]
        description: Synthetic catalog of \(entries) entries generated with a fixed seed.
        references:
          - {system: loinc, file: reference/\(loincTable.lastPathComponent), codeColumn: LOINC_MERGED, displayColumn: LONG_COMMON_NAME_LOINC}
          - {system: loinc, file: reference/\(radiologyTable.lastPathComponent), codeColumn: code, displayColumn: display}
        notices:
          - {system: loinc, file: reference/\(loincNotice.lastPathComponent)}
        annexes:

        """ + manifestAnnexes
        try manifest.write(toFile: dir + "/catalog.yaml", atomically: true, encoding: .utf8)
        try ledger.write(toFile: dir + "/ledger.tsv", atomically: true, encoding: .utf8)
    }

    /// Every synthetic mapping is `related-to`: the attributes are drawn at random, not from
    /// the target, so no relationship closer than that is true (and the evidence rule, LT0614,
    /// rightly skips it instead of warning on every entry).
    static func comment(_ variant: Bool) -> String {
        variant ? "Synthetic; attributes drawn at random." : "Synthetic variant; attributes drawn at random."
    }

    private func entry(code: String, nameVi: String, nameEn: String, national: String, kind: String, random: inout Random, target: String, display: String, equivalent: Bool) -> String {
        if format == "xml" {
            let attributes = kind == "laboratory"
                ? "<specimen>\(Self.specimens[random.next(Self.specimens.count)])</specimen>"
                : "<modality>\(Self.modalities[random.next(Self.modalities.count)])</modality><bodyRegion>\(Self.regions[random.next(Self.regions.count)])</bodyRegion><contrast>none</contrast><laterality>none</laterality>"
            return """
                <entry>
                  <code>\(code)</code>
                  <nameVi>\(nameVi)</nameVi>
                  <nameEn>\(nameEn)</nameEn>
                  <group>g</group>
                  <status>active</status>
                  <nationalCodes><nationalCode maTuongDuong="\(national)"/></nationalCodes>
                  \(attributes)
                  <mappings><mapping system="loinc" code="\(target)" relationship="related-to"><display>\(xmlEscape(display))</display><comment>\(Self.comment(equivalent))</comment></mapping></mappings>
                </entry>

            """
        }
        let attributes = kind == "laboratory"
            ? "    specimen: \(Self.specimens[random.next(Self.specimens.count)])\n"
            : "    modality: \(Self.modalities[random.next(Self.modalities.count)])\n    bodyRegion: \(Self.regions[random.next(Self.regions.count)])\n    contrast: none\n    laterality: none\n"
        return """
          - code: \(code)
            nameVi: \(nameVi)
            nameEn: \(nameEn)
            group: g
            status: active
            nationalCodes:
              - maTuongDuong: \(national)
        \(attributes)    mappings:
              - system: loinc
                code: \(target)
                display: "\(display.replacingOccurrences(of: "\"", with: "\\\""))"
                relationship: related-to
                comment: \(Self.comment(equivalent))

        """
    }

    private func annexDocument(number: Int, body: String) -> String {
        if format == "xml" {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<annex annex=\"\(number)\">\n  <groups><group id=\"g\" nameVi=\"Nhóm\" nameEn=\"Group\"/></groups>\n  <entries>\n\(body)  </entries>\n</annex>\n"
        }
        return "annex: \(number)\ngroups:\n  - {id: g, nameVi: Nhóm, nameEn: Group}\nentries:\n" + body
    }

    private func xmlEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// (code, display) rows of a reference table, skipping deprecated names.
    static func references(_ url: URL, code: String, display: String) throws -> [(String, String)] {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let table = CSVTable.parse(text), let c = table.column(code), let d = table.column(display) else { return [] }
        return table.rows.filter { !$0.fields[d].isEmpty && !$0.fields[d].lowercased().hasPrefix("deprecated") }.map { ($0.fields[c], $0.fields[d]) }
    }
}
