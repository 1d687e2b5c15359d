import CatalogCore
import CatalogPipeline
import CatalogRelease
import Foundation
import Testing

/// Every refusal of the output folder and the sources' state is a diagnostic with its rule ID,
/// from every command alike (LT0107, LT1303–LT1306, LT1309).
@Suite struct FolderRuleTests {
    @Test func halfEditedSourcesAreOneDiagnostic() throws {
        let f = try PipelineFixture()
        defer { f.remove() }
        try Data("pending".utf8).write(to: URL(fileURLWithPath: EditJournal.path(in: f.annexes)))
        for goal in [CatalogPipeline.Goal.check, .build] {
            #expect(f.run(goal).errorRules == ["LT0107"])
        }
    }

    @Test func aFolderHeldByAnotherRunIsBusy() throws {
        let f = try PipelineFixture()
        defer { f.remove() }
        #expect(f.run(.build).errorRules.isEmpty)
        let held = try FolderLock.acquire(f.out, .exclusive)
        defer { held.release() }
        var options = f.pipeline().options
        options.lockWait = 0.1
        #expect(CatalogPipeline(options).run(.check).errorRules == ["LT1303"])
    }

    @Test func anOutputFolderThatIsAFileIsUnusable() throws {
        let f = try PipelineFixture()
        defer { f.remove() }
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: f.out))
        #expect(f.run(.build).errorRules == ["LT1304"])
        #expect(f.run(.check).errorRules == ["LT1304"])
    }

    @Test func aMalformedIndexIsNamed() throws {
        let f = try PipelineFixture()
        defer { f.remove() }
        #expect(f.run(.build).errorRules.isEmpty)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: f.out + "/index.json"))
        let run = f.run(.check)
        #expect(run.errorRules == ["LT1305"])
        #expect(run.diagnostics.first?.location.file == f.out + "/index.json")
    }

    @Test func anotherCatalogsFolderIsRefused() throws {
        let f = try PipelineFixture()
        defer { f.remove() }
        #expect(f.run(.build).errorRules.isEmpty)
        try f.edit("catalog.yaml", "canonicalUrl: https://example.org/fhir/CodeSystem/golden", "canonicalUrl: https://example.org/fhir/CodeSystem/other")
        #expect(f.run(.build).errorRules == ["LT1306"])
    }

    @Test func anOutOfDateFolderIsReportedByCompare() throws {
        let f = try PipelineFixture()
        defer { f.remove() }
        #expect(f.run(.build).errorRules.isEmpty)
        let clean = f.run(.compare)
        #expect(clean.errorRules.isEmpty && clean.outcome?.changes.isEmpty == true)
        try f.edit("lab.yaml", "nameEn: Glucose, quantitative [blood]", "nameEn: Glucose, quantitative [blood serum]")
        #expect(f.run(.compare).outcome?.changes.isEmpty == false)
    }
}
