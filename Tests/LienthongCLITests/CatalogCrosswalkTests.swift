import Foundation
import Testing
import TestSupport

/// The published catalog's two crosswalks are functions, read from `catalog.json` itself rather
/// than from the rules that enforce them (LT0503, LT0613): every national code leads to at most
/// one entry in use, and at most one entry in use is equivalent to a given international code.
@Suite struct CatalogCrosswalkTests {
    /// The entries of the latest version in `generated/`.
    static func publishedEntries() throws -> [[String: Any]] {
        let generated = CLI.root.appendingPathComponent("generated")
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: generated.appendingPathComponent("index.json"))) as? [String: Any])
        let latest = try #require(index["latest"] as? String)
        let catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: generated.appendingPathComponent(latest + "/json/catalog.json"))) as? [String: Any])
        return try #require(catalog["entries"] as? [[String: Any]])
    }

    @Test func nationalCodesLeadToOneEntryInUse() throws {
        var owners: [String: [String]] = [:]
        for entry in try Self.publishedEntries() where entry["status"] as? String != "retired" {
            for national in entry["nationalCodes"] as? [[String: Any]] ?? [] {
                owners[national["maTuongDuong"] as? String ?? "", default: []].append(entry["code"] as? String ?? "")
            }
        }
        #expect(!owners.isEmpty)
        let shared = owners.filter { $0.value.count > 1 }
        #expect(shared.isEmpty, "national codes on several entries in use: \(shared)")
    }

    @Test func atMostOneEquivalentPerTarget() throws {
        var claims: [String: [String]] = [:]
        for entry in try Self.publishedEntries() where entry["status"] as? String != "retired" {
            for mapping in entry["mappings"] as? [[String: Any]] ?? [] where mapping["relationship"] as? String == "equivalent" {
                claims["\(mapping["system"] ?? "") \(mapping["code"] ?? "")", default: []].append(entry["code"] as? String ?? "")
            }
        }
        #expect(!claims.isEmpty)
        let shared = claims.filter { $0.value.count > 1 }
        #expect(shared.isEmpty, "targets claimed equivalent by several entries in use: \(shared)")
    }
}
