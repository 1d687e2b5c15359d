import CatalogCore
import Foundation
@testable import CatalogSuggest

/// The repository's own files the tests read: the reference subset in `annexes/reference`
/// (real rows of the LOINC and RSNA tables) and the reviewed vocabulary.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var subset: String { root.appendingPathComponent("annexes/reference").path }
    static var vocabularyPath: String { root.appendingPathComponent("tools/suggest/vocabulary.tsv").path }

    static let vocabulary: TermVocabulary = {
        let text = (try? String(contentsOfFile: vocabularyPath, encoding: .utf8)) ?? ""
        return TermVocabulary.parse(text).vocabulary
    }()

    static let index: ReferenceIndex? = try? ReferenceIndex.load(folder: subset)

    /// The CSV row at `line` of a subset table, as fields.
    static func row(_ file: String, line: Int) -> [String] {
        let text = (try? String(contentsOfFile: subset + "/" + file, encoding: .utf8)) ?? ""
        guard let table = CSVTable.parse(text), let row = table.rows.first(where: { $0.line == line }) else { return [] }
        return row.fields
    }

    static func lab(_ code: String, vi: String, en: String, specimen: Specimen, method: String? = nil) -> Entry {
        Entry(code: code, annex: 1, group: "g", status: .active, statusReason: nil, replacedBy: nil, nameVi: vi, nameEn: en,
              nationalCodes: [], attributes: .laboratory(specimen: specimen, method: method), mappings: [], unmappedReason: nil)
    }

    static func imaging(_ code: String, vi: String, en: String, _ modality: Modality, _ region: BodyRegion, _ contrast: Contrast, _ laterality: Laterality = .none) -> Entry {
        Entry(code: code, annex: 6, group: "g", status: .active, statusReason: nil, replacedBy: nil, nameVi: vi, nameEn: en,
              nationalCodes: [], attributes: .imaging(modality: modality, bodyRegion: region, contrast: contrast, laterality: laterality), mappings: [], unmappedReason: nil)
    }
}
