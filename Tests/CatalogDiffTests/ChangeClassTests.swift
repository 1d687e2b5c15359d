import CatalogCore
import CatalogDiff
import CatalogEmitters
import Foundation
import Testing

/// One pair of small catalogs per change class and per breaking rule: the golden fixture
/// against a copy changed in one way. Each case checks the class, the rule, the exit policy
/// and every output format; every JSON report validates against the published schema.
@Suite struct ChangeClassTests {
    /// One pair: how the new side differs, and what the diff must say.
    struct Case: Sendable {
        var name: String
        var kind: ChangeKind
        var code: String?
        var rule: RuleID?
        /// Whether `--fail-on breaking` fails (other changes of the case may be breaking too).
        var fails: Bool
        var change: @Sendable (inout CatalogSnapshot) -> Void
    }

    static func entry(_ s: inout CatalogSnapshot, _ code: String, _ edit: (inout Entry) -> Void) {
        let i = s.catalog.entries.firstIndex { $0.code == code }!
        edit(&s.catalog.entries[i])
    }

    static func c(_ name: String, _ kind: ChangeKind, _ code: String?, _ rule: RuleID?, fails: Bool? = nil,
                  _ change: @escaping @Sendable (inout CatalogSnapshot) -> Void) -> Case {
        Case(name: name, kind: kind, code: code, rule: rule, fails: fails ?? (rule != nil), change: change)
    }

    static let newEntry = Entry(code: "HS00055", annex: 1, group: "chuyen-hoa", status: .active, statusReason: nil, replacedBy: nil,
                                nameVi: "Định lượng Insulin [Máu]", nameEn: "Insulin, quantitative [blood]",
                                nationalCodes: [NationalCode(maTuongDuong: "23.0090.1494", tt23: nil)],
                                attributes: .laboratory(specimen: .serumOrPlasma, method: nil), mappings: [], unmappedReason: "Not yet mapped.")

    static let cases: [Case] = [
        // One entry
        c("added", .added, "HS00055", nil) { $0.catalog.entries.append(newEntry) },
        c("removed", .removed, "HS0002B", .codeRemoved) { $0.catalog.entries.removeAll { $0.code == "HS0002B" } },
        c("deprecated", .deprecated, "HS0001D", nil) { entry(&$0, "HS0001D") { $0.status = .deprecated; $0.statusReason = "Sắp thay thế" } },
        c("retired", .retired, "HS0002B", nil) { entry(&$0, "HS0002B") { $0.status = .retired; $0.statusReason = "Bỏ"; $0.replacedBy = "HS00047" } },
        c("brought back", .broughtBack, "DQ0002Z", .retiredCodeBroughtBack) { entry(&$0, "DQ0002Z") { $0.status = .active; $0.replacedBy = nil } },
        c("reactivated", .reactivated, "HS00039", nil) { entry(&$0, "HS00039") { $0.status = .active; $0.replacedBy = nil; $0.statusReason = nil } },
        c("renamed vi, spelling", .renamedVi, "HS00047", nil) { entry(&$0, "HS00047") { $0.nameVi = "Định lượng Creatinine (máu)" } },
        c("renamed vi, diacritics only", .renamedVi, "HS00039", nil) { entry(&$0, "HS00039") { $0.nameVi = "Định lượng Ure máu [Máu]" } },
        c("renamed vi, meaning", .renamedVi, "HS0001D", .meaningChanged) { entry(&$0, "HS0001D") { $0.nameVi = "Định lượng Insulin [Máu]" } },
        c("renamed en, spelling", .renamedEn, "HS0001D", nil) { entry(&$0, "HS0001D") { $0.nameEn = "Glucose, quantitative (blood)" } },
        c("clarified vi, declared", .clarifiedVi, "HS0001D", nil) { s in
            entry(&s, "HS0001D") { $0.nameVi = "Định lượng đường huyết (Glucose) [Máu]" }
            s.clarifications = [Clarification(version: s.catalog.metadata.version, codes: ["HS0001D"], reason: "Thêm tên thường gọi.", location: .start(of: "catalog.yaml"))]
        },
        c("clarified en, declared", .clarifiedEn, "DQ00010", nil) { s in
            entry(&s, "DQ00010") { $0.nameEn = "CT of the head without contrast (1-64 detector rows)" }
            s.clarifications = [Clarification(version: s.catalog.metadata.version, codes: ["DQ00010"], reason: "Detector rows corrected to the technique list.", location: .start(of: "catalog.yaml"))]
        },
        c("renamed en, other number", .renamedEn, "DQ00010", .meaningChanged) {
            entry(&$0, "DQ00010") { $0.nameEn = "CT of the head without contrast (1-64 detector rows)" }
        },
        c("rename with retargeted mapping", .renamedVi, "HS0002B", .meaningChanged) {
            entry(&$0, "HS0002B") { e in
                e.nameVi = "Điện giải đồ (Na, K, Cl) [máu]"
                e.mappings[0].code = "2951-2"
            }
        },
        c("rename with changed national code", .renamedVi, "HS00047", .meaningChanged) {
            entry(&$0, "HS00047") { e in
                e.nameVi = "Định lượng Creatinine (máu)"
                e.nationalCodes.append(NationalCode(maTuongDuong: "23.0052.1494", tt23: nil))
            }
        },
        c("moved group", .movedGroup, "HS0001D", nil) { entry(&$0, "HS0001D") { $0.group = "dien-giai" } },
        c("moved annex", .movedAnnex, "HS00047", .codeAnnexChanged) { entry(&$0, "HS00047") { $0.annex = 2 } },
        c("national code added", .nationalCodeAdded, "HS0001D", nil) {
            entry(&$0, "HS0001D") { $0.nationalCodes.append(NationalCode(maTuongDuong: "23.0076.1494", tt23: nil)) }
        },
        c("national code removed", .nationalCodeRemoved, "HS0002B", nil) { entry(&$0, "HS0002B") { $0.nationalCodes.removeLast() } },
        c("attribute changed, laboratory", .attributeChanged, "HS0002B", nil) {
            entry(&$0, "HS0002B") { $0.attributes = .laboratory(specimen: .serumOrPlasma, method: "Điện cực chọn lọc ion") }
        },
        c("attribute changed, imaging", .attributeChanged, "DQ00010", nil) {
            entry(&$0, "DQ00010") { $0.attributes = .imaging(modality: .ct, bodyRegion: .head, contrast: .iv, laterality: .none) }
        },
        c("mapping added", .mappingAdded, "HS00039", nil) {
            entry(&$0, "HS00039") { $0.mappings = [Mapping(system: .loinc, code: "3094-0", display: "Urea nitrogen [Mass/volume] in Serum or Plasma", relationship: .equivalent, comment: nil)] }
        },
        c("mapping removed", .mappingRemoved, "HS00047", nil) { entry(&$0, "HS00047") { $0.mappings = [] } },
        c("equivalent mapping retargeted", .mappingRetargeted, "HS0001D", .equivalentMappingRetargeted) {
            entry(&$0, "HS0001D") { $0.mappings[0].code = "2339-0" }
        },
        c("narrower mapping retargeted", .mappingRetargeted, "DQ00010", nil) { entry(&$0, "DQ00010") { $0.mappings[1].code = "RPID23" } },
        c("mapping relationship changed", .mappingRelationshipChanged, "HS0001D", nil) {
            entry(&$0, "HS0001D") { $0.mappings[0].relationship = .sourceIsBroaderThanTarget }
        },
        c("detail changed", .detailChanged, "HS0001D", nil) { entry(&$0, "HS0001D") { $0.mappings[0].comment = "Đo bằng phương pháp enzym." } },
        c("replacement unknown", .replacementChanged, "HS00039", .replacementUnusable) { entry(&$0, "HS00039") { $0.replacedBy = "HS0009X" } },
        c("replacement retired", .replacementChanged, "HS00039", .replacementUnusable) {
            entry(&$0, "HS00047") { $0.status = .retired; $0.statusReason = "Bỏ" }
        },
        // The whole catalog
        c("canonical URL", .canonicalUrlChanged, nil, .canonicalUrlChanged) { $0.catalog.metadata.canonicalUrl = "https://example.org/fhir/CodeSystem/other" },
        c("OID", .oidChanged, nil, .oidChanged) { $0.catalog.metadata.oid = "2.25.43" },
        c("version lower", .versionChanged, nil, .versionNotIncreasing) { $0.catalog.metadata.version = SemanticVersion("1.1.0")! },
        c("version kept with changes", .versionChanged, nil, .versionNotIncreasing) {
            $0.catalog.metadata.version = SemanticVersion("1.2.0")!
            entry(&$0, "HS0001D") { $0.group = "dien-giai" }
        },
        c("version raised", .versionChanged, nil, nil) { _ in },
        c("effective date", .effectiveDateChanged, nil, nil) { $0.catalog.metadata.effectiveDate = "2027-01-01" },
        c("annex added", .annexAdded, nil, nil) {
            $0.catalog.annexes.append(Annex(number: 3, prefix: "VS", kind: .laboratory, serialWidth: 4, expectedCount: 0, titleVi: "Vi sinh", titleEn: "Microbiology", groups: []))
        },
        c("annex removed", .annexRemoved, nil, nil, fails: true) {
            $0.catalog.annexes.removeAll { $0.number == 2 }
            $0.catalog.entries.removeAll { $0.annex == 2 }
        },
        c("format version", .formatVersionChanged, nil, nil) { $0.formatVersions["csv"] = "2.0.0" },
        c("shape with bump", .shapeChanged, nil, nil) {
            $0.formatVersions["csv"] = "2.0.0"
            $0.shapes["csv"] = ($0.shapes["csv"] ?? []) + ["csv/history.csv: code,versionFirstReleased"]
        },
        c("shape without bump", .shapeChanged, nil, .shapeChangedWithoutFormatBump) {
            $0.shapes["csv"] = ($0.shapes["csv"] ?? []) + ["csv/history.csv: code,versionFirstReleased"]
        },
    ]

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture as version 1.2.0 (old) and the same sources as 1.3.0 (new, before the case's change).
    static func pair() throws -> (CatalogSnapshot, CatalogSnapshot) {
        let old = try SnapshotLoader.sources(root.appendingPathComponent("Tests/Fixtures/golden/yaml").path, label: "old")
        var new = old
        new.label = "new"
        new.catalog.metadata.version = SemanticVersion("1.3.0")!
        return (old, new)
    }

    @Test func everyClassAndRuleHasACase() {
        #expect(Set(ChangeKind.allCases).subtracting(Self.cases.map(\.kind)).isEmpty)
        // LT0911-LT0913 are the manifest's own rules (waivers, clarifications), tested with the sources and the gate.
        let rules = RuleID.allCases.filter { $0.rawValue.hasPrefix("LT09") && ![.waiverInvalid, .clarificationInvalid, .clarificationUnused].contains($0) }
        #expect(Set(rules).subtracting(Self.cases.compactMap(\.rule)).isEmpty)
    }

    @Test func eachPairIsClassifiedAndReportedInEveryFormat() throws {
        let (old, base) = try Self.pair()
        #expect(CatalogComparer.compare(old, old).changes.isEmpty)
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: reports) }
        for (n, testCase) in Self.cases.enumerated() {
            var new = base
            testCase.change(&new)
            let report = CatalogComparer.compare(old, new)
            let label = Comment(rawValue: testCase.name)
            let match = report.changes.first { $0.kind == testCase.kind && (testCase.code == nil || $0.code == testCase.code) }
            try #require(match != nil, label)
            #expect(match?.rule == testCase.rule, label)
            #expect(FailOn.breaking.fails(report) == testCase.fails, label)
            #expect(FailOn.any.fails(report), label)
            #expect(!FailOn.none.fails(report), label)
            if let rule = testCase.rule { #expect(match?.fix?.isEmpty == false, label); _ = rule }

            let text = DiffFormat.text.render(report)
            #expect(text.contains("[\(testCase.rule.map { $0.rawValue + " " } ?? "")\(testCase.kind.rawValue)]"), label)
            let markdown = DiffFormat.markdown.render(report)
            #expect(markdown.contains("| `\(testCase.kind.rawValue)` |"), label)
            let github = DiffFormat.github.render(report)
            if let rule = testCase.rule {
                #expect(markdown.contains("| `\(rule.rawValue)` |"), label)
                #expect(github.contains("::error "), label)
                #expect(github.contains("title=\(rule.rawValue) \(testCase.kind.rawValue)::"), label)
                if let code = testCase.code, let location = new.sources?.entries[code]?.entry ?? old.sources?.entries[code]?.entry {
                    #expect(github.contains("file=\(location.file)"), label)
                }
            } else {
                #expect(!github.contains("::error ") || testCase.fails, label)
            }
            let json = DiffFormat.json.render(report)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], label)
            let changes = object["changes"] as? [[String: Any]] ?? []
            #expect(changes.contains { $0["class"] as? String == testCase.kind.rawValue && $0["rule"] as? String == testCase.rule?.rawValue }, label)
            try Data(json.utf8).write(to: reports.appendingPathComponent("case-\(n).json"))
        }
        try JSONSchemaCheck.validate(folder: reports)
    }

    @Test func aWaiverAcceptsTheNamedChangeAndShowsItsJustification() throws {
        var (old, new) = try Self.pair()
        _ = old
        Self.entry(&new, "HS0001D") { $0.nameVi = "Định lượng Insulin [Máu]" }
        let place = SourceLocation(file: "catalog.yaml", line: 40, column: 5)
        new.waivers = [Waiver(code: "HS0001D", rule: .meaningChanged, version: SemanticVersion("1.3.0")!, justification: "Lỗi nhập liệu ở bản 1.2.0: tên đúng là Insulin", location: place)]
        let report = CatalogComparer.compare(old, new)
        #expect(report.breaking.isEmpty)
        #expect(report.waived.count == 1)
        #expect(!FailOn.breaking.fails(report))
        #expect(DiffFormat.text.render(report).contains("waived at catalog.yaml:40:5: Lỗi nhập liệu"))
        #expect(DiffFormat.github.render(report).contains("::warning "))
        #expect(DiffFormat.markdown.render(report).contains("### Waived"))
        // A waiver for another version, rule or code does not apply.
        new.waivers[0].version = SemanticVersion("1.2.0")!
        #expect(FailOn.breaking.fails(CatalogComparer.compare(old, new)))
    }
}

/// Validates every JSON report in a folder against `schema/diff.schema.json` with the Python
/// `jsonschema` package (the project's `.venv`, else the system's python3).
enum JSONSchemaCheck {
    static func validate(folder: URL) throws {
        let schema = folder.appendingPathComponent("diff.schema.json")
        try Data(DiffReportSchema.render(baseURL: "https://example.org").bytes).write(to: schema)
        let venv = ChangeClassTests.root.appendingPathComponent(".venv/bin/python").path
        let process = Process()
        let venvExists = FileManager.default.isExecutableFile(atPath: venv)
        process.executableURL = URL(fileURLWithPath: venvExists ? venv : "/usr/bin/env")
        process.arguments = (venvExists ? [] : ["python3"]) + ["-c", """
        import json, pathlib, sys, jsonschema
        folder = pathlib.Path(sys.argv[1])
        schema = json.loads((folder / "diff.schema.json").read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        reports = sorted(p for p in folder.glob("*.json") if p.name != "diff.schema.json")
        assert reports, "no reports"
        for p in reports:
            errors = list(validator.iter_errors(json.loads(p.read_text())))
            assert not errors, f"{p.name}: {errors[0].message}"
        print(len(reports))
        """, folder.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "jsonschema: \(message)")
    }
}
