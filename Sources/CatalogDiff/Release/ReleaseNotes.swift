import Foundation
import CatalogCore
import CatalogEmitters
import CatalogRelease

/// What `publish` adds to a release after the first, from the diff against the previous
/// release, under `changes/` in the version folder: `RELEASE-NOTES.md` (Vietnamese and English
/// headings), `changes.csv` and `changes.json` (every change with its class, as LOINC's
/// change-type column), and `delta/` (the rows of the entries that were added or changed, in
/// the CSV family's columns).
public enum ReleaseNotes {
    /// The folder inside a version folder.
    public static let folder = ReleasePipeline.releaseExtrasFolder

    /// The files `publish` adds for `catalog` (with its entries' history), from the gate's
    /// verdict against the previous release: nothing for the first release. Nothing is read
    /// from the sources or the folder again; the earlier releases come from `snapshot`.
    /// `sources` is the sources folder as typed: no path of it goes into the release.
    public static func files(_ catalog: Catalog, verdict: ReleaseGate.Verdict, snapshot: PublishedSnapshot, sources: String) throws -> [OutputFile] {
        guard let report = verdict.report?.portable(sources: sources), let previous = verdict.previous else { return [] }
        let strandedVersions = Set(stranded(before: previous.catalog.metadata.version, among: snapshot.releases.map { ($0.version, $0.folder) }))
        let earlier = try snapshot.releases.filter { strandedVersions.contains($0.version) }.map { try SnapshotLoader.published($0) }
        return files(report, old: previous, new: catalog, alsoUpgrading: earlier)
    }

    /// The published releases before `previous` that no later release upgrades from: a database
    /// holding one has no shipped way forward, so this release upgrades it directly (2026.1.0,
    /// published before releases carried upgrade scripts, is upgraded by 2026.3.0).
    /// `published` holds each published version with its folder.
    static func stranded(before previous: SemanticVersion, among published: [(version: SemanticVersion, folder: String)]) -> [SemanticVersion] {
        published.filter { $0.version < previous }.filter { from in
            !published.contains { later in
                later.version > from.version && FileManager.default.fileExists(atPath: later.folder + "/" + Self.folder + "/delta/" + SQLUpgrade.fileName(from: from.version.description, dialect: "sqlite"))
            }
        }.map(\.version)
    }

    /// The files for `report` (old: the previous release; new: this one), paths relative to the
    /// version folder. `new` is the catalog being published, with its entries' history; the
    /// upgrade scripts go from `old` and from each of `alsoUpgrading` (earlier releases).
    public static func files(_ report: DiffReport, old: CatalogSnapshot, new: Catalog, alsoUpgrading earlier: [CatalogSnapshot] = []) -> [OutputFile] {
        var upgrades: [OutputFile] = []
        var fresh: [String] = []
        for side in [old] + earlier {
            let scripts = side.formatVersions["sql"].map { SQLUpgrade.files(from: side.catalog, oldFormat: $0, to: new, folder: folder + "/delta") } ?? []
            if scripts.isEmpty { fresh.append(side.catalog.metadata.version.description) }
            upgrades += scripts
        }
        var files = [
            OutputFile(path: folder + "/RELEASE-NOTES.md", text: notes(report, new: new, upgrades: upgrades.map(\.path), fresh: fresh)),
            OutputFile(path: folder + "/changes.csv", bytes: csv(report)),
            OutputFile(path: folder + "/changes.json", bytes: JSONDiff.render(report)),
        ]
        let changed = Set(report.changes.compactMap(\.code))
        var delta = new
        delta.entries = new.entries.filter { changed.contains($0.code) }
        for file in CSVEmitter().emit(delta) where !file.path.hasPrefix("csv/annex-") {
            files.append(OutputFile(path: folder + "/delta/" + file.path.dropFirst("csv/".count), bytes: file.bytes))
        }
        return files + upgrades
    }

    /// Every change, one row each.
    static func csv(_ report: DiffReport) -> [UInt8] {
        var w = CSVWriter(header: ["class", "code", "field", "old", "new", "breaking", "rule", "waiver", "message"])
        for c in report.changes {
            w.row([c.kind.rawValue, c.code ?? "", c.field ?? "", c.old ?? "", c.new ?? "", c.isBreaking ? "true" : "false",
                   c.rule?.rawValue ?? "", c.waiver?.justification ?? "", c.message])
        }
        return w.bytes
    }

    /// The sections of the notes: a Vietnamese and English heading, and the classes they hold.
    static let sections: [(String, [ChangeKind])] = [
        ("Mục mới / New entries", [.added]),
        ("Ngừng sử dụng, thu hồi / Deprecated and retired", [.deprecated, .retired, .reactivated, .broughtBack, .replacementChanged, .removed]),
        ("Đổi tên, chuyển nhóm / Renamed and moved", [.renamedVi, .renamedEn, .movedGroup, .movedAnnex]),
        ("Làm rõ tên, giữ nguyên nghĩa / Name clarifications, meaning kept", [.clarifiedVi, .clarifiedEn]),
        ("Mã kỹ thuật quốc gia và thuộc tính / National codes and attributes", [.nationalCodeAdded, .nationalCodeRemoved, .attributeChanged]),
        ("Ánh xạ quốc tế / International mappings", [.mappingAdded, .mappingRemoved, .mappingRetargeted, .mappingRelationshipChanged]),
        ("Ghi chú và tên hiển thị / Notes and displays", [.detailChanged]),
        ("Danh mục và định dạng / Catalog and formats", [.canonicalUrlChanged, .oidChanged, .versionChanged, .effectiveDateChanged, .annexAdded, .annexRemoved, .formatVersionChanged, .shapeChanged]),
    ]

    static func notes(_ r: DiffReport, new: Catalog, upgrades: [String], fresh: [String]) -> String {
        let m = new.metadata
        var out = "# Ghi chú phát hành / Release notes: \(m.name) \(m.version)\n\n"
        out += "\(m.titleVi)\n\n\(m.titleEn)\n\n"
        out += "- Phiên bản / Version: \(m.version) (trước / previous: \(r.old.version))\n"
        out += "- Ngày hiệu lực / Effective date: \(m.effectiveDate)\n"
        out += "- Số mục / Entries: \(new.entries.count) (\(new.entries.filter { $0.status != .retired }.count) đang dùng / in use)\n"
        out += "- Thay đổi / Changes: \(r.changes.count); phá vỡ tương thích / breaking: \(r.breaking.count); được miễn / waived: \(r.waived.count)\n"
        if !r.waived.isEmpty || !r.breaking.isEmpty {
            out += "\n## Thay đổi phá vỡ tương thích / Breaking changes\n\n"
            for c in r.breaking + r.waived {
                out += "- `\(c.rule!.rawValue)` \(c.message)" + (c.waiver.map { ". Miễn trừ / Waiver: \($0.justification)" } ?? "") + "\n"
            }
        }
        for (heading, kinds) in sections {
            let changes = r.changes.filter { kinds.contains($0.kind) }
            guard !changes.isEmpty else { continue }
            out += "\n## \(heading)\n\n"
            for c in changes { out += "- \(c.message) (`\(c.kind.rawValue)`)\n" }
        }
        out += "\nMọi thay đổi / Every change: `changes.csv`, `changes.json`; các dòng đã đổi / changed rows: `delta/`.\n"
        out += "\n## Nâng cấp cơ sở dữ liệu / Upgrading a database\n\n"
        if !upgrades.isEmpty {
            out += "Nâng cấp tại chỗ cơ sở dữ liệu đang giữ phiên bản cũ / Upgrade a database holding an earlier version in place:\n\n"
            for path in upgrades { out += "- `\(path.dropFirst(folder.count + 1))`\n" }
            out += "\nSQLite: `sqlite3 -bail catalog.db < …` (bắt buộc `-bail` / `-bail` is required); PostgreSQL: `psql -v ON_ERROR_STOP=1 -f …`. "
            out += "Các bản nâng cấp nối tiếp nhau / Upgrades chain from release to release.\n"
        }
        for version in fresh {
            out += "\nKhông có bản nâng cấp từ \(version) (định dạng SQL khác không tương thích): nạp `sql/<dialect>/catalog.sql` vào cơ sở dữ liệu mới. / "
            out += "No upgrade from \(version) (its SQL format cannot be upgraded in place): load `sql/<dialect>/catalog.sql` into a fresh database.\n"
        }
        return out
    }
}
