import CatalogCore
import Foundation

/// The reference codes the assistant proposes, read once from a reference folder laid out as
/// `../shared/reference` and the project's subset `annexes/reference` are (`loinc/…csv`,
/// `radlex/…csv`), with an inverted index from comparable words to codes.
public struct ReferenceIndex: Sendable {
    /// One table the index reads, and the columns it takes.
    struct Table {
        var file: String
        var system: MappingSystem
        var domain: ReferenceConcept.Domain?
        var code: String
        var name: String
        /// LOINC axis columns (component, property, system, scale, method, status), when the table has them.
        var axes: (component: String, property: String, system: String, scale: String, method: String, status: String)?
        var component: String?
    }

    /// The tables, in the order their rows win when a code is in several.
    static let tables: [Table] = [
        Table(file: "loinc/loinc_radiology_playbook_valueset.csv", system: .loinc, domain: .imaging, code: "code", name: "display"),
        Table(file: "loinc/loinc_2_72_lab_subset_axes.csv", system: .loinc, domain: .laboratory, code: "LOINC_NUM", name: "LONG_COMMON_NAME",
              axes: ("COMPONENT", "PROPERTY", "SYSTEM", "SCALE_TYP", "METHOD_TYP", "STATUS")),
        Table(file: "loinc/loinc_lab_lhncbc_flowsheet.csv", system: .loinc, domain: .laboratory, code: "LOINC_MERGED", name: "LONG_COMMON_NAME_LOINC"),
        Table(file: "loinc/loinc_microbiology_ch_elm_valueset.csv", system: .loinc, domain: .laboratory, code: "code", name: "display"),
        Table(file: "loinc/loinc_nlm_clinicaltables_subset.csv", system: .loinc, domain: .laboratory, code: "code", name: "name", component: "component"),
        Table(file: "radlex/radlex_playbook_core_dev_2024_jpcore.csv", system: .radlex, domain: .imaging, code: "RPID", name: "LONG_NAME"),
        Table(file: "radlex/radlex_playbook_core_v2_3.csv", system: .radlex, domain: .imaging, code: "RPID", name: "LONG_NAME"),
        Table(file: "radlex/radlex_playbook_complete_2017_decoded.csv", system: .radlex, domain: .imaging, code: "RPID", name: "LONG_NAME"),
    ]

    /// Largest table read, in bytes: a bigger file is refused, not read.
    public static let maxTableSize = 64 << 20

    public private(set) var concepts: [ReferenceConcept] = []
    /// The folder read and the tables found in it.
    public private(set) var folder: String = ""
    public private(set) var tablesRead: [String] = []
    private var postings: [String: [Int32]] = [:]
    /// Each word's weight (inverse document frequency) per domain, computed once.
    private var weights: [ReferenceConcept.Domain: [String: Double]] = [:]
    private var unseenWeight: [ReferenceConcept.Domain: Double] = [:]

    /// Why a folder could not be read.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads every known table present in `folder`. Throws when none is there or one is not
    /// UTF-8 CSV with its columns.
    public static func load(folder: String) throws -> ReferenceIndex {
        var index = ReferenceIndex()
        index.folder = folder
        var byKey: [String: Int] = [:]
        for table in tables {
            let path = (folder as NSString).appendingPathComponent(table.file)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes?[.size] as? Int, size > maxTableSize {
                throw LoadError(description: "\(path): \(size) bytes, larger than the \(maxTableSize)-byte limit for a reference table")
            }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8), let csv = CSVTable.parse(text) else {
                throw LoadError(description: "\(path): not a UTF-8 CSV table")
            }
            guard let codeColumn = csv.column(table.code), let nameColumn = csv.column(table.name) else {
                throw LoadError(description: "\(path): the header has no '\(table.code)' or '\(table.name)' column")
            }
            index.tablesRead.append(table.file)
            let axisColumns = table.axes.map { a in [a.component, a.property, a.system, a.scale, a.method, a.status].map { csv.column($0) } }
            let componentColumn = table.component.flatMap { csv.column($0) }
            for row in csv.rows where row.fields.count == csv.header.count {
                let code = row.fields[codeColumn].trimmingCharacters(in: .whitespaces)
                let name = row.fields[nameColumn].trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty, !name.isEmpty, !name.lowercased().hasPrefix("deprecated") else { continue }
                // Guidance for a procedure (biopsy, drainage…) is not a diagnostic study: the
                // imaging annex leaves guided procedures out.
                if table.domain == .imaging, name.range(of: "guidance", options: .caseInsensitive) != nil { continue }
                let key = table.system.rawValue + "|" + code
                if byKey[key] != nil { continue }
                var lab: LabAxes?
                if let columns = axisColumns, columns.allSatisfy({ $0 != nil }) {
                    let v = columns.map { row.fields[$0!] }
                    if !v[5].isEmpty, v[5] != "ACTIVE" { continue }
                    lab = LabAxes(component: v[0], property: v[1].nilIfEmpty, system: v[2].nilIfEmpty, scale: v[3].nilIfEmpty, method: v[4].nilIfEmpty, fromAxisColumns: true)
                }
                let domain = table.domain ?? .laboratory
                var concept = ReferenceConcept(system: table.system, code: code, display: name, domain: domain, file: table.file, line: row.line, lab: nil, imaging: nil, tokens: [])
                switch domain {
                case .laboratory:
                    let fromName = NameParsing.labAxes(fromName: name)
                    var axes = lab ?? fromName
                    if lab == nil, let c = componentColumn, !row.fields[c].isEmpty, row.fields[c] != name { axes.component = row.fields[c] }
                    axes.derive()
                    concept.lab = axes
                    // The component as the name writes it ("Lipase", where the axis column says
                    // "Triacylglycerol lipase"): specimen, property and method are compared as axes.
                    concept.tokens = Set(SuggestText.tokens(fromName.component))
                case .imaging:
                    let parts = NameParsing.imagingParts(fromName: name)
                    concept.imaging = parts
                    var tokens = Set(SuggestText.tokens(parts.region))
                    switch parts.modalityText.lowercased() {
                    case "cta", "mra", "rfa", "xa": tokens.insert("angio")
                    case "us.doppler": tokens.insert("doppler")
                    case "portable xr": tokens.insert("portable")
                    default: break
                    }
                    concept.tokens = tokens
                }
                byKey[key] = index.concepts.count
                index.concepts.append(concept)
            }
        }
        if index.tablesRead.isEmpty {
            throw LoadError(description: "\(folder): no reference table found (expected e.g. loinc/loinc_radiology_playbook_valueset.csv, radlex/radlex_playbook_core_v2_3.csv)")
        }
        index.buildPostings()
        return index
    }

    /// The inverted index and the document frequencies per domain.
    private mutating func buildPostings() {
        var documentFrequency: [ReferenceConcept.Domain: [String: Int]] = [:]
        var domainSize: [ReferenceConcept.Domain: Int] = [:]
        for (i, concept) in concepts.enumerated() {
            domainSize[concept.domain, default: 0] += 1
            for token in concept.tokens {
                postings[token, default: []].append(Int32(i))
                documentFrequency[concept.domain, default: [:]][token, default: 0] += 1
            }
        }
        for (domain, frequencies) in documentFrequency {
            let n = Double(domainSize[domain] ?? 0)
            weights[domain] = frequencies.mapValues { log(1 + (n + 1) / (Double($0) + 1)) }
            unseenWeight[domain] = log(1 + (n + 1))
        }
    }

    /// The codes of `domain` that share at least one word with `tokens`.
    public func candidates(sharing tokens: Set<String>, in domain: ReferenceConcept.Domain) -> [Int] {
        var seen = Set<Int32>()
        for token in tokens { for i in postings[token] ?? [] { seen.insert(i) } }
        return seen.map(Int.init).filter { concepts[$0].domain == domain }.sorted()
    }

    /// How rare a word is among the names of `domain` (inverse document frequency).
    public func weight(of token: String, in domain: ReferenceConcept.Domain) -> Double {
        weights[domain]?[token] ?? unseenWeight[domain] ?? 1
    }

    /// Whether any name of `domain` holds the word.
    public func knows(_ token: String, in domain: ReferenceConcept.Domain) -> Bool {
        weights[domain]?[token] != nil
    }

    /// The concept of `system` with `code`, if the folder has it.
    public func concept(_ system: MappingSystem, _ code: String) -> ReferenceConcept? {
        concepts.first { $0.system == system && $0.code == code }
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
