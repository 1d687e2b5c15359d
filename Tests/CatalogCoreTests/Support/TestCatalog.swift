import CatalogCore
import Foundation
import Testing
import CatalogSources

/// A small, valid catalog held in memory (a laboratory and an imaging annex), which rule
/// tests change in one place to provoke exactly one diagnostic.
struct TestCatalog {
    var files: [String: String] = [
        "cat/catalog.yaml": """
        canonicalUrl: https://example.org/fhir/CodeSystem/test
        oid: 2.25.1234
        name: TestCatalog
        titleVi: Danh mục thử
        titleEn: Test catalog
        version: 1.0.0
        effectiveDate: "2026-07-01"
        publisher: Bộ Y tế
        legalBasis:
          - Thông tư thử
        description: A catalog for tests.
        references:
          - {system: loinc, file: ref/loinc.csv, codeColumn: code, displayColumn: name}
          - {system: radlex, file: ref/radlex.csv, codeColumn: RPID, displayColumn: LONG_NAME}
        annexes:
          - number: 1
            file: lab.yaml
            prefix: HS
            kind: laboratory
            serialWidth: 4
            expectedCount: 2
            titleVi: Hóa sinh
            titleEn: Biochemistry
          - number: 2
            file: img.yaml
            prefix: DQ
            kind: imaging
            serialWidth: 4
            expectedCount: 2
            titleVi: Điện quang
            titleEn: Diagnostic imaging
        notices:
          - {system: loinc, file: ref/loinc-notice.txt}
          - {system: radlex, file: ref/radlex-notice.txt}

        """,
        "cat/ref/loinc-notice.txt": "This material contains content from LOINC (http://loinc.org).\n",
        "cat/ref/radlex-notice.txt": "RadLex content: copyright RSNA.\n",
        "cat/lab.yaml": """
        annex: 1
        groups:
          - id: chung
            nameVi: Chung
            nameEn: General
        entries:
          - code: HS0001D
            nameVi: Định lượng Glucose [Máu]
            nameEn: Glucose
            group: chung
            status: active
            nationalCodes:
              - maTuongDuong: 23.0075.1494
                tt23: "23.75"
            specimen: serum-or-plasma
            mappings:
              - system: loinc
                code: 2345-7
                display: Glucose [Mass/volume] in Serum or Plasma
                relationship: equivalent
          - code: HS0002B
            nameVi: Định lượng Creatinin (máu)
            nameEn: Creatinine
            group: chung
            status: active
            nationalCodes:
              - maTuongDuong: 23.0051.1494
            specimen: serum-or-plasma
            unmappedReason: Chưa đối chiếu
          - code: HS00039
            nameVi: Định lượng Urê máu [Máu]
            nameEn: Urea
            group: chung
            status: retired
            statusReason: Gộp vào xét nghiệm khác
            replacedBy: HS0002B
            nationalCodes:
              - maTuongDuong: 23.0166.1494
            specimen: serum-or-plasma

        """,
        "cat/img.yaml": """
        annex: 2
        groups:
          - id: ct
            nameVi: Chụp cắt lớp vi tính
            nameEn: Computed tomography
        entries:
          - code: DQ00010
            nameVi: Chụp CLVT sọ não không tiêm thuốc cản quang
            nameEn: CT head without contrast
            group: ct
            status: active
            nationalCodes:
              - maTuongDuong: 18.0149.0040
                tt23: "18.149"
            modality: CT
            bodyRegion: head
            contrast: none
            laterality: none
            mappings:
              - system: radlex
                code: RPID22
                display: CT Head wo IV Contrast
                relationship: equivalent
          - code: DQ0002Z
            nameVi: Siêu âm tuyến giáp
            nameEn: Thyroid ultrasound
            group: ct
            status: active
            nationalCodes:
              - maTuongDuong: 18.0001.0001
            modality: US
            bodyRegion: neck
            contrast: none
            laterality: none
            unmappedReason: Chưa đối chiếu

        """,
        "cat/ref/loinc.csv": "code,name\n2345-7,Glucose [Mass/volume] in Serum or Plasma\n2160-0,Creatinine [Mass/volume] in Serum or Plasma\n2345-7,Glucose SerPl-mCnc\n3091-6,\"Deprecated Urea [Mass/volume] in Serum or Plasma\"\n",
        "cat/ref/radlex.csv": "RPID,LONG_NAME\nRPID22,CT Head wo IV Contrast\n",
        "cat/ledger.tsv": "code\tannex\tissued\tnameVi\nHS0001D\t1\t1.0.0\tĐịnh lượng Glucose [Máu]\nHS0002B\t1\t1.0.0\tĐịnh lượng Creatinin (máu)\nHS00039\t1\t1.0.0\tĐịnh lượng Urê máu [Máu]\nDQ00010\t2\t1.0.0\tChụp CLVT sọ não không tiêm thuốc cản quang\nDQ0002Z\t2\t1.0.0\tSiêu âm tuyến giáp\n",
    ]

    /// Replaces the first occurrence of `old` in `file`; records a test failure if it does not occur.
    func replacing(_ old: String, with new: String, in file: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TestCatalog {
        var copy = self
        let text = files["cat/" + file] ?? ""
        if !text.contains(old) {
            Issue.record("fixture \(file) does not contain \(old)", sourceLocation: sourceLocation)
        }
        copy.files["cat/" + file] = text.replacingFirst(old, with: new)
        return copy
    }

    /// Loads and validates the catalog; returns the catalog (if valid) and every diagnostic.
    ///
    /// Both ways of validating run, and must agree: loading every source record then
    /// validating (what `assign` does), and compiling in one pass with entries checked while
    /// the files are parsed (what `check` and `build` do), here one entry at a time so that
    /// every rule across entries is crossed by a batch boundary.
    func run(requireCodes: Bool = true, published: PublishedCatalog? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (Catalog?, [Diagnostic]) {
        let fs = InMemoryFileSystem(files.mapValues { Array($0.utf8) })
        let loaded = SourceLoader.load(directory: "cat", from: fs)
        let compiled = SourceLoader.compile(directory: "cat", from: fs, requireCodes: requireCodes, published: published, batchSize: 1)
        var result: (Catalog?, [Diagnostic]) = (nil, loaded.diagnostics.sorted())
        if let source = loaded.catalog {
            let validation = Validator.validate(source, requireCodes: requireCodes, published: published)
            result = (loaded.diagnostics.contains { $0.severity == .error } ? nil : validation.catalog, (loaded.diagnostics + validation.diagnostics).sorted())
        }
        #expect(compiled.diagnostics == result.1, "compile and load + validate disagree", sourceLocation: sourceLocation)
        #expect(compiled.catalog == result.0, "compile and load + validate build different catalogs", sourceLocation: sourceLocation)
        return result
    }

    /// The diagnostics as the CLI prints them, one line each (notes not included).
    func diagnostics(requireCodes: Bool = true, published: PublishedCatalog? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        run(requireCodes: requireCodes, published: published, sourceLocation: sourceLocation).1.map(\.description)
    }
}

extension String {
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self }
        return replacingCharacters(in: range, with: new)
    }
}
