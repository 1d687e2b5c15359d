import ArgumentParser
import CatalogCore
import CatalogEmitters
import CatalogRelease
import CatalogSources

extension Build {
    /// `build --check --diagnostics-format json`: one JSON document on standard output, the
    /// diagnostics document (`errorCount`, `warningCount`, `diagnostics`) with the files a
    /// build would change: `upToDate`, `fileCount`, `added`, `modified`, `removed` (paths
    /// under the output folder). Exits 1 on an error or any change, as the text form does.
    func checkAsJSON() throws {
        let published = try Pipeline.existingIndex(in: output.out)?.published
        let compilation = SourceLoader.compile(directory: common.annexes, from: DiskFileSystem(maxFileSize: common.maxFileSize),
                                               limits: ReaderLimits(maxFileSize: common.maxFileSize), published: published)
        var changes: OutputStage.Changes?
        var fileCount = 0
        if let catalog = compilation.catalog {
            let outcome = try Pipeline.run {
                try ReleasePipeline.build(catalog, into: OutputFolder(root: output.out), settings: .init(dryRun: true, lockWait: output.lockWait))
            }
            changes = outcome.changes
            fileCount = outcome.fileCount
        }
        let upToDate = changes?.isEmpty ?? false
        var w = JSONWriter()
        w.object { w in
            DiagnosticPrinter.writeMembers(&w, compilation.diagnostics.sorted())
            w.key("upToDate")
            w.bool(upToDate)
            w.field("fileCount", fileCount)
            w.field("added", strings: (changes?.added ?? []).map { "\(output.out)/\($0)" })
            w.field("modified", strings: (changes?.modified ?? []).map { "\(output.out)/\($0)" })
            w.field("removed", strings: (changes?.removed ?? []).map { "\(output.out)/\($0)" })
        }
        Console.output(w.finish())
        if !upToDate { throw ExitCode(1) }
    }
}
