import CatalogCore

/// The bodies of the libFuzzer targets (`scripts/fuzz`), kept in the library so that the
/// fuzzers and the test that replays their saved corpus (`Tests/Fuzz/corpus`) run the same
/// code. Each takes arbitrary bytes and must return without crashing, hanging or growing
/// without bound; every diagnostic it produces is well-formed (a position inside the file).
public enum FuzzTargets {
    /// The YAML reader, both ways it is fed: from a buffer in place and streamed through the
    /// read callback; as an annex file and as a manifest.
    public static func yaml(_ bytes: [UInt8]) {
        let parsed = SourceParser.parseAnnex(bytes, file: "fuzz.yaml")
        let streamed = SourceParser.streamAnnex(MemorySourceFile(bytes), file: "fuzz.yaml", into: DiscardingSink(), batchSize: 7)
        let manifest = SourceParser.parseManifest(bytes, file: "fuzz.yaml")
        checkPositions(parsed.diagnostics + streamed.diagnostics + manifest.diagnostics)
    }

    /// The XML reader, as an annex file and as a manifest.
    public static func xml(_ bytes: [UInt8]) {
        let parsed = SourceParser.parseAnnex(bytes, file: "fuzz.xml")
        let manifest = SourceParser.parseManifest(bytes, file: "fuzz.xml")
        checkPositions(parsed.diagnostics + manifest.diagnostics)
    }

    /// The whole source-to-catalog stage: a small valid manifest, ledger and references, with
    /// the input as its laboratory annex (YAML when the first byte is even, XML otherwise,
    /// that byte dropped), compiled as `check` and `build` do and loaded as `assign` does.
    public static func compile(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let annex = first & 1 == 0 ? "lab.yaml" : "lab.xml"
        var files = compileFixture
        files["cat/catalog.yaml"] = compileFixture["cat/catalog.yaml"]!.replacing(Array("lab.yaml".utf8), with: Array(annex.utf8))
        files["cat/" + annex] = Array(bytes.dropFirst())
        let fs = InMemoryFileSystem(files)
        let compiled = SourceLoader.compile(directory: "cat", from: fs, batchSize: 3)
        let loaded = SourceLoader.load(directory: "cat", from: fs)
        if let source = loaded.catalog { _ = Validator.validate(source) }
        checkPositions(compiled.diagnostics + loaded.diagnostics)
    }

    /// The recognition rules source (`annexes/recognition.yaml`), as `check` and `recognize`
    /// read it: YAML when the first byte is even, XML otherwise (that byte dropped), decoded,
    /// then validated against the annexes of the real manifest (five laboratory, one imaging);
    /// rules that pass are asked which study facts apply to every imaging modality.
    public static func recognition(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let file = first & 1 == 0 ? "recognition.yaml" : "recognition.xml"
        let parsed = SourceParser.parseRecognition(Array(bytes.dropFirst()), file: file)
        var diagnostics = parsed.diagnostics
        if let source = parsed.value {
            let checked = RecognitionCheck.check(source, annexes: recognitionAnnexes)
            diagnostics += checked.diagnostics
            if let rules = checked.rules {
                let engine = RecognitionEngine(rules: rules)
                for modality in Modality.allCases { _ = engine.applicableFacts(annex: 6, modality: modality) }
            }
        }
        checkPositions(diagnostics)
    }

    /// The annexes the real manifest declares, which the fuzzed rules may name.
    static let recognitionAnnexes: [RecognitionCheck.AnnexInfo] = (1...5).map { RecognitionCheck.AnnexInfo(number: $0, kind: .laboratory) }
        + [RecognitionCheck.AnnexInfo(number: 6, kind: .imaging)]

    /// Every diagnostic points at a line and column of at least 1.
    static func checkPositions(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            precondition(d.location.line >= 1 && d.location.column >= 1, "diagnostic without a position: \(d)")
        }
    }

    /// A sink that drops what it is given.
    struct DiscardingSink: AnnexSink {
        func take(declaredNumber: Located<String>?) {}
        func take(groups: [SourceGroup]) {}
        func take(entries: [SourceEntry]) {}
    }

    /// The catalog around the fuzzed annex.
    static let compileFixture: [String: [UInt8]] = [
        "cat/catalog.yaml": Array("""
            canonicalUrl: https://example.org/fhir/CodeSystem/fuzz
            oid: 2.25.1234
            name: FuzzCatalog
            titleVi: Danh mục thử
            titleEn: Fuzz catalog
            version: 1.0.0
            effectiveDate: "2026-07-01"
            publisher: Bộ Y tế
            legalBasis: [Thông tư thử]
            description: A catalog for fuzzing.
            references:
              - {system: loinc, file: loinc.csv, codeColumn: code, displayColumn: name}
            annexes:
              - {number: 1, file: lab.yaml, prefix: HS, kind: laboratory, serialWidth: 4, expectedCount: 2, titleVi: Hóa sinh, titleEn: Biochemistry}

            """.utf8),
        "cat/loinc.csv": Array("code,name\n2345-7,Glucose [Mass/volume] in Serum or Plasma\n2160-0,Creatinine [Mass/volume] in Serum or Plasma\n".utf8),
        "cat/ledger.tsv": Array("code\tannex\tissued\tnameVi\nHS0001D\t1\t1.0.0\tĐịnh lượng Glucose [Máu]\nHS0002B\t1\t1.0.0\tĐịnh lượng Creatinin (máu)\n".utf8),
    ]
}

private extension Array where Element == UInt8 {
    /// The bytes with the first occurrence of `old` replaced by `new`.
    func replacing(_ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        guard let start = indices.first(where: { self[$0...].starts(with: old) }) else { return self }
        return Array(self[..<start]) + new + Array(self[(start + old.count)...])
    }
}
