import ArgumentParser
import CatalogCore
import CatalogEmitters

/// `lienthong coverage`: how much of the catalog is mapped, per annex and relationship.
struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report mapping coverage per annex and per relationship.",
        discussion: """
        Counts entries in use (active or deprecated); an entry is mapped when it has at least one \
        mapping. Exits 1 if the sources have errors, including a coverage below the manifest's \
        minimumCoverage. Example: lienthong coverage --format markdown
        """)

    /// The report's layouts.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: ArgumentHelp("Layout: 'text' (aligned columns), 'markdown' (a table for documents) or 'json'.", discussion: "Example: --format json", valueName: "format"))
    var format: Format = .text

    func run() throws {
        guard let catalog = try CommandSupport.compile(common, output: output, timer: StageTimer(enabled: false)) else { throw ExitCode(1) }
        let report = CoverageReport(catalog)
        switch format {
        case .json: Console.output(CoverageJSON.render(report))
        case .text, .markdown: Console.output(table(report, catalog: catalog, markdown: format == .markdown))
        }
    }

    /// The report as rows of text, one per annex and one for the whole catalog.
    func table(_ report: CoverageReport, catalog: Catalog, markdown: Bool) -> String {
        let header = ["annex", "entries", "mapped", "%", "equivalent", "narrower", "broader", "related", "unmapped, reason given"]
        var rows: [[String]] = []
        for row in report.annexes + [report.total] {
            let name = row.annex.map { number in "\(number) " + (catalog.annexes.first { $0.number == number }?.titleVi ?? "") } ?? "all"
            rows.append([
                name, String(row.entries), String(row.mapped), row.percentText,
                String(row.mappingsByRelationship[.equivalent] ?? 0),
                String(row.mappingsByRelationship[.sourceIsNarrowerThanTarget] ?? 0),
                String(row.mappingsByRelationship[.sourceIsBroaderThanTarget] ?? 0),
                String(row.mappingsByRelationship[.relatedTo] ?? 0),
                String(row.unmappedWithReason),
            ])
        }
        if markdown {
            let lines = [header, Array(repeating: "---", count: header.count)] + rows
            return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
