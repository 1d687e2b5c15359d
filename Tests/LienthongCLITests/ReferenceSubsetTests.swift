import Foundation
import Testing
import TestSupport

/// The project's reference subset cannot vouch for itself: every row must be identical to a
/// row of the table of the same name in ../shared/reference.
@Suite struct ReferenceSubsetTests {
    static let subset = CLI.root.appendingPathComponent("annexes/reference")
    static let shared = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/reference")

    static func tables() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: subset.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".csv") { found.append(path) }
        }
        return found.sorted()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: shared.path), "../shared/reference is not beside the project"))
    func everyRowIsIdenticalToItsSourceRow() throws {
        let tables = Self.tables()
        #expect(tables.count == 9)
        var rows = 0
        for table in tables {
            let mine = try CLI.read(Self.subset.appendingPathComponent(table)).split(separator: "\n", omittingEmptySubsequences: false)
            let source = try CLI.read(Self.shared.appendingPathComponent(table)).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(mine.first == source.first, "\(table): header differs from the source's")
            let sourceRows = Set(source.dropFirst())
            for (offset, line) in mine.dropFirst().enumerated() where !line.isEmpty {
                rows += 1
                #expect(sourceRows.contains(line), "\(table):\(offset + 2) is not a row of ../shared/reference/\(table)")
            }
        }
        #expect(rows > 0)
    }

    @Test func sourcesAndNoticesAreKept() throws {
        let sources = try CLI.read(Self.subset.appendingPathComponent("SOURCES.md"))
        for table in Self.tables() { #expect(sources.contains("`\(table)`")) }
        #expect(sources.contains("Regenstrief Institute"))
        #expect(sources.contains("Radiological Society of North America"))
        #expect(FileManager.default.fileExists(atPath: Self.subset.appendingPathComponent("LOINC_short_license.txt").path))
    }
}

/// Coverage recomputed from the published `catalog.json`, independently of the compiler's
/// own figures, must equal the coverage section it publishes.
@Suite struct PublishedCoverageTests {
    @Test func coverageSectionMatchesTheEntries() throws {
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.root.appendingPathComponent("generated/index.json"))) as? [String: Any])
        let latest = try #require(index["latest"] as? String)
        let url = CLI.root.appendingPathComponent("generated/\(latest)/json/catalog.json")
        let catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let entries = try #require(catalog["entries"] as? [[String: Any]])
        let coverage = try #require(catalog["coverage"] as? [String: Any])
        var perAnnex: [Int: (entries: Int, mapped: Int)] = [:]
        for entry in entries where entry["status"] as? String != "retired" {
            let annex = try #require(entry["annex"] as? Int)
            let mapped = !((entry["mappings"] as? [Any]) ?? []).isEmpty
            perAnnex[annex, default: (0, 0)].entries += 1
            if mapped { perAnnex[annex, default: (0, 0)].mapped += 1 }
        }
        let rows = try #require(coverage["annexes"] as? [[String: Any]])
        #expect(rows.count == perAnnex.count)
        for row in rows {
            let annex = try #require(row["annex"] as? Int)
            #expect(row["entries"] as? Int == perAnnex[annex]?.entries)
            #expect(row["mapped"] as? Int == perAnnex[annex]?.mapped)
        }
        let total = try #require(coverage["total"] as? [String: Any])
        let entriesInUse = perAnnex.values.map(\.entries).reduce(0, +)
        let mapped = perAnnex.values.map(\.mapped).reduce(0, +)
        #expect(total["entries"] as? Int == entriesInUse)
        #expect(total["mapped"] as? Int == mapped)
        let percent = try #require(total["percentMapped"] as? Double)
        #expect(abs(percent - Double(mapped * 1000 / entriesInUse) / 10) < 0.001)
    }
}
