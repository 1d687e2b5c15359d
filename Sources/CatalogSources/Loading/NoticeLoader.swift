import CatalogCore

/// Reads the licence notices a manifest names: one UTF-8 text file per code system, kept as
/// written apart from trailing whitespace.
enum NoticeLoader {
    static func load(_ specs: [SourceNoticeSpec], manifestPath: String, from fs: some SourceFileSystem,
                     diagnostics: inout [Diagnostic]) -> [MappingSystem: String] {
        var notices: [MappingSystem: String] = [:]
        for spec in specs {
            guard let systemText = spec.system, let file = spec.file else { continue }
            guard let system = MappingSystem(rawValue: systemText.value) else {
                diagnostics.append(Diagnostic(.error, .valueNotAllowed, "'\(systemText.value)' is not an allowed mapping system; allowed: \(MappingSystem.allowedValues.joined(separator: ", "))", at: systemText.location))
                continue
            }
            if let refusal = ManifestPath.refusal(file, field: "notice file") {
                diagnostics.append(refusal)
                continue
            }
            let path = Validator.resolve(file.value, against: manifestPath)
            let bytes: [UInt8]
            do {
                guard let read = try fs.contents(of: path) else {
                    diagnostics.append(Diagnostic(.error, .fileMissing, "notice file '\(path)' does not exist", at: file.location))
                    continue
                }
                bytes = read
            } catch {
                diagnostics.append(SourceOpenFailure.diagnostic(error, what: "notice file '\(path)'", at: file.location))
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(Diagnostic(.error, .encoding, "notice file '\(path)' is not valid UTF-8", at: file.location))
                continue
            }
            var trimmed = Substring(text)
            while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
            guard !trimmed.isEmpty else {
                diagnostics.append(Diagnostic(.error, .missingField, "notice file '\(path)' is empty", at: file.location))
                continue
            }
            guard notices[system] == nil else {
                diagnostics.append(Diagnostic(.error, .manifestValue, "the manifest names a second notice for '\(system.rawValue)'; give one notice per system", at: systemText.location))
                continue
            }
            notices[system] = String(trimmed)
        }
        return notices
    }
}
