import CatalogCore

/// Reads the reference tables a manifest names into one ``ReferenceSet`` per system.
enum ReferenceLoader {
    static func load(_ specs: [SourceReferenceSpec], manifestPath: String, from fs: some SourceFileSystem,
                     diagnostics: inout [Diagnostic]) -> [MappingSystem: ReferenceSet] {
        var sets: [MappingSystem: ReferenceSet] = [:]
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
            for row in table.rows where row.fields.count == table.header.count {
                set.add(code: row.fields[codeIndex], display: row.fields[displayIndex], at: SourceLocation(fileID: fileID, line: row.line, column: 1))
            }
            for row in table.rows where row.fields.count != table.header.count {
                diagnostics.append(Diagnostic(.error, .referenceTable, "row has \(row.fields.count) fields; the header has \(table.header.count)", at: SourceLocation(fileID: fileID, line: row.line, column: 1)))
            }
            sets[system] = set
        }
        return sets
    }
}
