import CatalogCore

/// Reads the reference tables a manifest names into one ``ReferenceSet`` per system.
enum ReferenceLoader {
    static func load(_ specs: [SourceReferenceSpec], manifestPath: String, from fs: some SourceFileSystem,
                     diagnostics: inout [Diagnostic]) -> [MappingSystem: ReferenceSet] {
        var sets: [MappingSystem: ReferenceSet] = [:]
        // Each folder's SOURCES.md, read once: it records the release each table copies.
        var recorded: [String: ReferenceSources] = [:]
        for spec in specs {
            guard let systemText = spec.system, let file = spec.file, let codeColumn = spec.codeColumn, let displayColumn = spec.displayColumn else { continue }
            guard let system = MappingSystem(rawValue: systemText.value) else {
                diagnostics.append(Diagnostic(.error, .valueNotAllowed, "'\(systemText.value)' is not an allowed mapping system; allowed: \(MappingSystem.allowedValues.joined(separator: ", "))", at: systemText.location))
                continue
            }
            if let refusal = ManifestPath.refusal(file, field: "reference table") {
                diagnostics.append(refusal)
                continue
            }
            let path = Validator.resolve(file.value, against: manifestPath)
            let bytes: [UInt8]
            do {
                guard let read = try fs.contents(of: path) else {
                    diagnostics.append(Diagnostic(.error, .fileMissing, "reference table '\(path)' does not exist", at: file.location))
                    continue
                }
                bytes = read
            } catch {
                diagnostics.append(SourceOpenFailure.diagnostic(error, what: "reference table '\(path)'", at: file.location))
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self), let table = CSVTable.parse(text) else {
                diagnostics.append(Diagnostic(.error, .referenceTable, "reference table '\(path)' is not UTF-8 CSV", at: file.location))
                continue
            }
            guard let codeIndex = table.column(codeColumn.value) else {
                diagnostics.append(Diagnostic(.error, .referenceTable, "reference table '\(path)' has no column '\(codeColumn.value)'", at: codeColumn.location))
                continue
            }
            guard let displayIndex = table.column(displayColumn.value) else {
                diagnostics.append(Diagnostic(.error, .referenceTable, "reference table '\(path)' has no column '\(displayColumn.value)'", at: displayColumn.location))
                continue
            }
            var set = sets[system] ?? ReferenceSet(system: system)
            let fileID = SourceFiles.id(of: path)
            let info = tableInfo(file.value, header: table.header, manifestPath: manifestPath, from: fs, recorded: &recorded)
            for row in table.rows where row.fields.count == table.header.count {
                let location = SourceLocation(fileID: fileID, line: row.line, column: 1)
                let kept = ReferenceSet.Row(table: info, line: row.line, name: row.fields[displayIndex], fields: row.fields, location: location)
                set.add(code: row.fields[codeIndex], display: row.fields[displayIndex], at: location, row: kept)
            }
            for row in table.rows where row.fields.count != table.header.count {
                diagnostics.append(Diagnostic(.error, .referenceTable, "row has \(row.fields.count) fields; the header has \(table.header.count)", at: SourceLocation(fileID: fileID, line: row.line, column: 1)))
            }
            sets[system] = set
        }
        return sets
    }

    /// The table `file` (as the manifest writes it, relative to the manifest) with the release
    /// its folder's SOURCES.md records: the nearest SOURCES.md in the table's folder or one
    /// above it (up to the manifest's folder) that lists it. Its `file` is the path relative
    /// to that SOURCES.md (`loinc/x.csv`); without one, the manifest's path and no release.
    static func tableInfo(_ file: String, header: [String], manifestPath: String, from fs: some SourceFileSystem,
                          recorded: inout [String: ReferenceSources]) -> ReferenceSet.Table {
        var parts = file.split(separator: "/").map(String.init)
        var inside: [String] = [parts.removeLast()]
        while true {
            let folder = parts.joined(separator: "/")
            let sourcesPath = Validator.resolve(folder.isEmpty ? "SOURCES.md" : folder + "/SOURCES.md", against: manifestPath)
            if recorded[sourcesPath] == nil {
                let bytes = (try? fs.contents(of: sourcesPath)) ?? nil
                recorded[sourcesPath] = bytes.flatMap { String(validating: $0, as: UTF8.self) }.map(ReferenceSources.parse) ?? ReferenceSources()
            }
            let key = inside.joined(separator: "/")
            if let source = recorded[sourcesPath]?.byFile[key] {
                return ReferenceSet.Table(file: key, release: source.release, title: source.title, header: header)
            }
            guard let last = parts.popLast(), last != "..", last != "." else { break }
            inside.insert(last, at: 0)
        }
        return ReferenceSet.Table(file: file, release: nil, title: nil, header: header)
    }
}
