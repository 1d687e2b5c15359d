import CatalogCore

extension DiffReport {
    /// The report as a release carries it: nothing of where the publisher keeps the sources.
    /// Every location is made relative to the sources folder `sources` (as the publisher typed
    /// it; the side itself is labelled by role, `annexes`), so two publishers of the same
    /// sources, from any two paths, publish the same bytes.
    public func portable(sources: String) -> DiffReport {
        var report = self
        let folder = sources.hasSuffix("/") ? String(sources.dropLast()) : sources
        func relative(_ location: SourceLocation) -> SourceLocation {
            let file = location.file
            guard file.hasPrefix(folder + "/") else { return location }
            return SourceLocation(file: String(file.dropFirst(folder.count + 1)), line: location.line, column: location.column)
        }
        report.changes = changes.map { change in
            var change = change
            change.location = change.location.map(relative)
            if let waiver = change.waiver { change.waiver?.location = relative(waiver.location) }
            if let clarification = change.clarification { change.clarification?.location = relative(clarification.location) }
            return change
        }
        return report
    }
}
