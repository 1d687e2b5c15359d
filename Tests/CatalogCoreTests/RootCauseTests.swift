import CatalogCore
@testable import CatalogSources
import Testing

/// One root cause gives one diagnostic, under a rule of its own (issue 12): paths that leave
/// the sources folder, an unreadable ledger, a broken group definition, the rules split out
/// of LT0104, LT0207 and LT0208.
@Suite struct RootCauseTests {
    let base = TestCatalog()

    @Test(arguments: ["../../../../etc/passwd", "/etc/passwd", "sub/../../lab.yaml"])
    func annexFileOutsideTheFolderIsNotRead(path: String) {
        var c = base.replacing("file: lab.yaml", with: "file: \(path)", in: "catalog.yaml")
        // Were it read, this file would be judged; it must not be.
        c.files["etc/passwd"] = "root:x:0:0:root:/root:/bin/bash\n"
        let lines = c.diagnostics().filter { !$0.contains("[LT0406]") }
        #expect(lines == ["cat/catalog.yaml:17:11: error: annex file '\(path)' \(path.hasPrefix("/") ? "is absolute" : "climbs out of it with '..'"): files the manifest names must be inside the sources folder; move the file there and name it relative to the manifest [LT0106]"])
    }

    @Test func ledgerAndReferenceOutsideTheFolder() {
        let c = base.replacing("description: A catalog for tests.", with: "description: A catalog for tests.\nledger: ../ledger.tsv", in: "catalog.yaml")
            .replacing("file: ref/radlex.csv", with: "file: /srv/radlex.csv", in: "catalog.yaml")
        let lines = c.diagnostics().filter { $0.contains("LT0106") }
        #expect(lines == [
            "cat/catalog.yaml:12:9: error: ledger '../ledger.tsv' climbs out of it with '..': files the manifest names must be inside the sources folder; move the file there and name it relative to the manifest [LT0106]",
            "cat/catalog.yaml:15:28: error: reference table '/srv/radlex.csv' is absolute: files the manifest names must be inside the sources folder; move the file there and name it relative to the manifest [LT0106]",
        ])
        // Not one LT0405 per code: the ledger was not read, so no code is judged by it.
        #expect(!c.diagnostics().contains { $0.contains("LT0405") })
    }

    @Test func pathsThatStayInsideAreAccepted() {
        #expect(ManifestPath.escape("a/../b.yaml") == nil)
        #expect(ManifestPath.escape("./lab.yaml") == nil)
        #expect(ManifestPath.escape("a/../../b.yaml") != nil)
        #expect(ManifestPath.escape("C:\\x.yaml") != nil)
    }

    /// A ledger that exists but cannot be read: one LT0105, not one LT0405 per code.
    @Test func unreadableLedgerIsOneDiagnostic() {
        struct Failing: SourceFileSystem {
            let inner: InMemoryFileSystem
            struct Denied: Error, CustomStringConvertible { var description: String { "permission denied" } }
            func contents(of path: String) throws -> [UInt8]? {
                if path.hasSuffix("ledger.tsv") { throw Denied() }
                return try inner.contents(of: path)
            }
        }
        let fs = Failing(inner: InMemoryFileSystem(base.files.mapValues { Array($0.utf8) }))
        let expected = ["cat/ledger.tsv:1:1: error: the ledger cannot be read: permission denied; no code can be checked against it [LT0105]"]
        #expect(SourceLoader.compile(directory: "cat", from: fs).diagnostics.map(\.description) == expected)
        let loaded = SourceLoader.load(directory: "cat", from: fs)
        let validated = loaded.catalog.map { Validator.validate($0).diagnostics } ?? []
        #expect((loaded.diagnostics + validated).map(\.description) == expected)
    }

    @Test func brokenGroupDefinitionIsOneError() {
        let c = base.replacing("  - id: chung\n", with: "  - id: Chung\n", in: "lab.yaml")
            .replacing("group: chung", with: "group: Chung", in: "lab.yaml")
            .replacing("group: chung", with: "group: Chung", in: "lab.yaml")
            .replacing("group: chung", with: "group: Chung", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:3:9: error: group 'id' must be kebab-case (a-z, 0-9, '-'), not 'Chung' [LT0206]"])
        #expect(c.run().0 == nil)
    }

    @Test func groupDefinedTwiceHasItsOwnRule() {
        let c = base.replacing("    nameEn: General\n", with: "    nameEn: General\n  - id: chung\n    nameVi: Chung\n    nameEn: General\n", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:6:9: error: group 'chung' is defined twice [LT0209]"])
    }

    @Test func unreadableManifestIsLT0105() {
        struct Denied: SourceFileSystem {
            struct Failure: Error, CustomStringConvertible { var description: String { "permission denied" } }
            func contents(of path: String) throws -> [UInt8]? { throw Failure() }
        }
        #expect(SourceLoader.compile(directory: "d", from: Denied()).diagnostics.map(\.description) == ["d/catalog.yaml:1:1: error: the manifest cannot be read: permission denied [LT0105]"])
    }

    /// Names that differ only in their marks are a warning (LT0305); an exact duplicate
    /// stays the LT0303 error alone.
    @Test func nameWithoutDiacriticsBesideTheSameNameWithThem() {
        let c = base.replacing("nameVi: Định lượng Creatinin (máu)", with: "nameVi: Dinh luong Glucose [Mau]", in: "lab.yaml")
        #expect(c.diagnostics() == ["cat/lab.yaml:22:13: warning: another entry of this annex has the same name but for its diacritics ('Dinh luong Glucose [Mau]'); if they are one service, keep one entry, written with the Vietnamese marks [LT0305]"])
        let exact = base.replacing("nameVi: Định lượng Creatinin (máu)", with: "nameVi: Định lượng Glucose [Máu]", in: "lab.yaml")
        #expect(exact.diagnostics().map { String($0.suffix(8)) } == ["[LT0303]"])
        #expect(TextChecks.searchKey("định lượng phospho [máu] ĐẶNG Ỹ ç") == "dinh luong phospho [mau] dang y c")
    }

    /// A memory limit the catalog cannot fit in is a diagnostic before reading, not an abort
    /// ("failed to allocate") or a crash midway (issue 12: 1,000,000 entries under 1 GiB).
    @Test func aForeseeableMemoryLimitIsADiagnostic() {
        let million = 448_000_000 // make bench-data N=1000000
        #expect(MemoryBudget.refusal(sourceBytes: million, limit: 1 << 30, manifest: "a/catalog.yaml")?.description
                == "a/catalog.yaml:1:1: error: the sources total 428 MiB; checking them needs at least 1303 MiB of memory, but this process may use only 1024 MiB (ulimit -v / -d); raise the limit or run on a larger machine [LT0104]")
        #expect(MemoryBudget.refusal(sourceBytes: million, limit: 2 << 30, manifest: "a/catalog.yaml") == nil)
        #expect(MemoryBudget.refusal(sourceBytes: million, limit: nil, manifest: "a/catalog.yaml") == nil)
        // The real catalog (0.6 MB) fits any limit the runtime itself can start under.
        #expect(MemoryBudget.refusal(sourceBytes: 600_000, limit: 512 << 20, manifest: "a/catalog.yaml") == nil)
    }
}
