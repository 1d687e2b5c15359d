import CatalogCore
import CatalogEmitters
import CatalogPipeline
import CatalogRelease

/// What `build --check` reports beyond the diagnostics: whether the output folder is up to
/// date, and if not, one diagnostic (LT1309) naming every file a build would add, change or
/// remove, as notes. In JSON the
/// document also carries `upToDate`, `fileCount`, `added`, `modified` and `removed` (paths
/// under the output folder).
struct BuildCheckOutcome {
    var upToDate: Bool
    var fileCount: Int
    var added: [String] = []
    var modified: [String] = []
    var removed: [String] = []
    var diagnostics: [Diagnostic] = []

    init(run: CatalogPipeline.Run, out: String) {
        guard let outcome = run.outcome else {
            upToDate = false
            fileCount = 0
            return
        }
        let changes = outcome.changes
        fileCount = outcome.fileCount
        upToDate = changes.isEmpty
        added = changes.added.map { out + "/" + $0 }
        modified = changes.modified.map { out + "/" + $0 }
        removed = changes.removed.map { out + "/" + $0 }
        guard !upToDate else { return }
        let notes = added.map { Diagnostic.Note("would be added", at: .named($0)) } + modified.map { Diagnostic.Note("would change", at: .named($0)) }
            + removed.map { Diagnostic.Note("would be removed", at: .named($0)) }
        diagnostics = [Diagnostic(.error, .outputOutOfDate,
            "\(out) is out of date: a build would add \(added.count), change \(modified.count) and remove \(removed.count) file\(added.count + modified.count + removed.count == 1 ? "" : "s"); run `lienthong build` and commit the result",
            at: .named(out), notes: notes)]
    }

    /// The document's own members, after the diagnostics'.
    var jsonMembers: (inout JSONWriter) -> Void {
        { [self] w in
            w.key("upToDate")
            w.bool(upToDate)
            w.field("fileCount", fileCount)
            w.field("added", strings: added)
            w.field("modified", strings: modified)
            w.field("removed", strings: removed)
        }
    }
}
