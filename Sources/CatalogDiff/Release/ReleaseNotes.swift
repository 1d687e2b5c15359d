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

    /// The files for the catalog compiled from `sources` against the release `previous` in
    /// `outputFolder` (none for the first release), for ``ReleasePipeline/Settings/releaseExtras``.
    /// `history` is the entries' history the pipeline computed, which the delta rows carry.
    public static func files(sources: String, previous: String?, outputFolder: String, history: [String: EntryHistory]) throws -> [OutputFile] {
        guard let previous else { return [] }
        let old = try SnapshotLoader.load(previous, outputFolder: outputFolder)
        let new = try SnapshotLoader.sources(sources, label: "annexes")
        var catalog = new.catalog
        catalog.history = history
        return files(CatalogComparer.compare(old, new), new: catalog)
    }

    /// The files for `report` (old: the previous release; new: this one), paths relative to the
    /// version folder. `new` is the catalog being published.
    public static func files(_ report: DiffReport, new: Catalog) -> [OutputFile] {
        var files = [
            OutputFile(path: folder + "/RELEASE-NOTES.md", text: notes(report, new: new)),
            OutputFile(path: folder + "/changes.csv", bytes: csv(report)),
            OutputFile(path: folder + "/changes.json", bytes: JSONDiff.render(report)),
        ]
        let changed = Set(report.changes.compactMap(\.code))
        var delta = new
        delta.entries = new.entries.filter { changed.contains($0.code) }
        for file in CSVEmitter().emit(delta) where !file.path.hasPrefix("csv/annex-") {
            files.append(OutputFile(path: folder + "/delta/" + file.path.dropFirst("csv/".count), bytes: file.bytes))
        }
        return files
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
        ("Mã kỹ thuật quốc gia và thuộc tính / National codes and attributes", [.nationalCodeAdded, .nationalCodeRemoved, .attributeChanged]),
        ("Ánh xạ quốc tế / International mappings", [.mappingAdded, .mappingRemoved, .mappingRetargeted, .mappingRelationshipChanged]),
        ("Ghi chú và tên hiển thị / Notes and displays", [.detailChanged]),
        ("Danh mục và định dạng / Catalog and formats", [.canonicalUrlChanged, .oidChanged, .versionChanged, .effectiveDateChanged, .annexAdded, .annexRemoved, .formatVersionChanged, .shapeChanged]),
    ]

    static func notes(_ r: DiffReport, new: Catalog) -> String {
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
        return out
    }
}
