import CatalogCore
@testable import CatalogDiff
import CatalogEmitters
import CatalogRelease
import Foundation
import TestSupport
import Testing

/// The upgrade scripts on one pair of small catalogs per change class (the diff's cases): a
/// real SQLite loaded with the old version and upgraded equals, table by table and column by
/// column, a fresh load of the new one; only the changed entries are rewritten; a database at
/// another version is refused and left as it was. Each case's three scripts per dialect are
/// also left in `.build/sql-upgrade-cases/` for `scripts/consumers/sql_upgrade.py`, which runs
/// them in PostgreSQL too.
@Suite struct SQLUpgradeTests {
    static let cases = root.appendingPathComponent(".build/sql-upgrade-cases")
    static var root: URL { ChangeClassTests.root }

    /// The full SQL of `catalog` in `dialect`.
    static func load(_ catalog: Catalog, _ dialect: String) -> [UInt8] {
        SQLEmitter().emit(catalog).first { $0.path == "sql/\(dialect)/catalog.sql" }!.bytes
    }

    /// `catalog` with its history computed from the releases before it.
    static func withHistory(_ catalog: Catalog, after releases: [Catalog]) -> Catalog {
        var c = catalog
        c.history = EntryHistory.compute(releases: releases, current: catalog)
        return c
    }

    @Test func everyChangeClassUpgradesToAFreshLoad() throws {
        let (oldSide, base) = try ChangeClassTests.pair()
        let old = Self.withHistory(oldSide.catalog, after: [])
        var checked = 0
        for testCase in ChangeClassTests.cases where !testCase.kind.isCatalogWide || [.annexAdded, .annexRemoved, .versionChanged, .effectiveDateChanged].contains(testCase.kind) {
            var side = base
            testCase.change(&side)
            guard side.catalog.metadata.version > old.metadata.version else { continue }
            let new = Self.withHistory(side.catalog, after: [old])
            // Only what changed is rewritten: the entries the diff names.
            let named = Set(CatalogComparer.compare(oldSide, side).changes.compactMap(\.code)).filter { code in new.entries.contains { $0.code == code } }
            if try Self.verify(old: old, new: new, name: testCase.name, rewritesAtMost: named.count) { checked += 1 }
        }
        #expect(checked >= 20)
    }

    @Test func removingAnAnnexThatARuleNamesUpgrades() throws {
        let (oldSide, _) = try ChangeClassTests.pair()
        var old = oldSide.catalog
        let rule = try #require(old.recognition?.rules.firstIndex { $0.kind == .studyRequirement })
        old.recognition!.rules[rule].annexes = [2]
        old = Self.withHistory(old, after: [])
        var new = old
        new.metadata.version = SemanticVersion("1.3.0")!
        new.annexes.removeAll { $0.number == 2 }
        new.entries.removeAll { $0.annex == 2 }
        new.recognition!.rules[rule].annexes = []
        new = Self.withHistory(new, after: [old])
        #expect(try Self.verify(old: old, new: new, name: "annex removed that a rule names", rewritesAtMost: 0))
    }

    /// A new SQL format needs its step in `SQLMigration`: every format a published release
    /// shipped must lead to the current one, or the next release could not upgrade it.
    @Test func everyPublishedSQLFormatHasAnUpgradePath() throws {
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("generated/index.json"))) as? [String: Any])
        let releases = try #require(index["releases"] as? [[String: Any]])
        let formats = Set(releases.compactMap { r in (r["artifacts"] as? [[String: Any]])?.first { $0["family"] as? String == "sql" }?["formatVersion"] as? String })
        #expect(formats.count >= 3)
        let (oldSide, _) = try ChangeClassTests.pair()
        var next = oldSide.catalog
        next.metadata.version = SemanticVersion("1.3.0")!
        for format in formats.sorted() {
            #expect(!SQLUpgrade.files(from: oldSide.catalog, oldFormat: format, to: next, folder: "delta").isEmpty, "no upgrade path from SQL format \(format)")
        }
    }

    /// Writes the case's scripts under ``cases`` and checks them in SQLite: the upgraded database
    /// equals a fresh load, at most `rewritesAtMost` entries are rewritten, and a second run is
    /// refused naming the versions. False when the new side is not a loadable catalog.
    static func verify(old: Catalog, new: Catalog, name: String, rewritesAtMost: Int) throws -> Bool {
        let label = Comment(rawValue: name)
        let folder = cases.appendingPathComponent(name.replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: ",", with: ""))
        // Each case owns its folder (the tests run in parallel): emptied, then written.
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let upgrades = SQLUpgrade.files(from: old, oldFormat: SQLEmitter().formatVersion, to: new, folder: "delta")
        #expect(upgrades.count == 2, label)
        for dialect in ["sqlite", "postgresql"] {
            let upgrade = try #require(upgrades.first { $0.path == "delta/" + SQLUpgrade.fileName(from: old.metadata.version.description, dialect: dialect) }, label)
            try Data(load(old, dialect)).write(to: folder.appendingPathComponent("old.\(dialect).sql"))
            try Data(load(new, dialect)).write(to: folder.appendingPathComponent("new.\(dialect).sql"))
            try Data(upgrade.bytes).write(to: folder.appendingPathComponent("upgrade.\(dialect).sql"))
        }
        let sqlite = SQLite(folder)
        guard sqlite.run("fresh.db", "new.sqlite.sql").status == 0 else {
            // The new side is not a loadable catalog (a replacement pointing nowhere): nothing to upgrade to.
            try FileManager.default.removeItem(at: folder)
            return false
        }
        #expect(sqlite.run("upgraded.db", "old.sqlite.sql").status == 0, label)
        let applied = sqlite.run("upgraded.db", "upgrade.sqlite.sql")
        #expect(applied.status == 0, "\(name): \(applied.error)")
        let fresh = sqlite.tables("fresh.db")
        #expect(fresh.keys.contains("table lienthong_mapping") && fresh.keys.contains("index lienthong_entry_by_folded_name"), label)
        #expect(sqlite.tables("upgraded.db") == fresh, label)
        let text = String(decoding: upgrades[0].bytes, as: UTF8.self)
        let rewritten = Int(text.split(separator: "\n").first { $0.hasPrefix("-- Rewrites ") }!.split(separator: " ")[2])!
        #expect(rewritten <= rewritesAtMost, "\(name): rewrites \(rewritten), expected at most \(rewritesAtMost)")
        // Applied again, the script finds the new version and is refused, changing nothing.
        let again = sqlite.run("upgraded.db", "upgrade.sqlite.sql")
        #expect(again.status != 0 && again.error.contains("upgrade needs \(old.metadata.version), database has \(new.metadata.version)"), "\(name): \(again.error)")
        #expect(sqlite.tables("upgraded.db") == fresh, label)
        // An empty database is refused with the same kind of message.
        let empty = sqlite.run("empty.db", "upgrade.sqlite.sql")
        #expect(empty.status != 0 && empty.error.contains("upgrade needs \(old.metadata.version), database has no catalog"), "\(name): \(empty.error)")
        return true
    }

    @Test func anUnchangedCatalogRewritesNoEntryAndAnUnknownFormatHasNoScript() throws {
        let (oldSide, _) = try ChangeClassTests.pair()
        let old = Self.withHistory(oldSide.catalog, after: [])
        var next = old
        next.metadata.version = SemanticVersion("1.3.0")!
        next = Self.withHistory(next, after: [old])
        let upgrades = SQLUpgrade.files(from: old, oldFormat: SQLEmitter().formatVersion, to: next, folder: "delta")
        #expect(String(decoding: upgrades[0].bytes, as: UTF8.self).contains("-- Rewrites 0 of \(next.entries.count) entries and removes 0"))
        #expect(SQLUpgrade.files(from: old, oldFormat: "0.9.0", to: next, folder: "delta").isEmpty)
        // From format 1 the tables are rebuilt: rows copied into the current tables, the old ones dropped.
        let rebuilt = String(decoding: SQLUpgrade.files(from: old, oldFormat: "1.0.0", to: next, folder: "delta")[1].bytes, as: UTF8.self)
        #expect(rebuilt.contains("INSERT INTO lienthong.entry (code, annex, group_id, status, status_reason, replaced_by, name_vi, name_en, specimen, method, modality, body_region, contrast, laterality, unmapped_reason, name_folded)"))
        #expect(rebuilt.contains("DROP TABLE public.entry;\nDROP TABLE public.annex_group;"))
        #expect(!rebuilt.contains("ADD COLUMN"))
        // From the previous format, every entry is rewritten (the new columns are filled).
        let migrated = SQLUpgrade.files(from: old, oldFormat: "2.1.0", to: next, folder: "delta")
        #expect(String(decoding: migrated[0].bytes, as: UTF8.self).contains("ADD COLUMN version_first_released TEXT"))
        #expect(String(decoding: migrated[0].bytes, as: UTF8.self).contains("-- Rewrites \(next.entries.count) of \(next.entries.count)"))
    }
}

/// Which earlier releases a new release also upgrades from: those no later release upgrades from.
@Suite struct StrandedReleaseTests {
    /// Published `versions` in a temporary folder, with the upgrade scripts in `scripts`
    /// (version → the versions it upgrades from).
    static func folder(_ versions: [String], scripts: [String: [String]]) throws -> [(version: SemanticVersion, folder: String)] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-stranded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (version, froms) in scripts {
            let delta = root.appendingPathComponent("\(version)/changes/delta")
            try FileManager.default.createDirectory(at: delta, withIntermediateDirectories: true)
            for from in froms { try Data().write(to: delta.appendingPathComponent(SQLUpgrade.fileName(from: from, dialect: "sqlite"))) }
        }
        return versions.map { (SemanticVersion($0)!, root.path + "/" + $0) }
    }

    @Test func aReleaseWithoutAWayForwardIsUpgradedDirectly() throws {
        // 1.0.0 and 1.1.0 published before scripts existed: publishing 1.3.0 after 1.2.0 (which upgrades from 1.1.0 only).
        let first = try Self.folder(["1.0.0", "1.1.0", "1.2.0"], scripts: ["1.2.0": ["1.1.0"]])
        #expect(ReleaseNotes.stranded(before: SemanticVersion("1.2.0")!, among: first) == [SemanticVersion("1.0.0")!])
        // Once a release upgrades from 1.0.0 too, nothing before it is stranded.
        let later = try Self.folder(["1.0.0", "1.1.0", "1.2.0"], scripts: ["1.2.0": ["1.1.0", "1.0.0"]])
        #expect(ReleaseNotes.stranded(before: SemanticVersion("1.2.0")!, among: later).isEmpty)
        // The second release has only the first before its previous: it is stranded until some release upgrades from it.
        #expect(ReleaseNotes.stranded(before: SemanticVersion("1.1.0")!, among: try Self.folder(["1.0.0", "1.1.0"], scripts: [:])) == [SemanticVersion("1.0.0")!])
        #expect(ReleaseNotes.stranded(before: SemanticVersion("1.0.0")!, among: try Self.folder(["1.0.0"], scripts: [:])).isEmpty)
    }
}
