import CatalogCore

extension ReleaseError {
    /// The rule each failure of the output folder belongs to: every refusal is a diagnostic
    /// with a rule ID, in text, JSON and SARIF alike.
    public var rule: RuleID {
        switch self {
        case .busy: .outputFolderBusy
        case .notAFolder, .notAFile, .io: .outputFolderUnusable
        case .malformed: .releaseFileMalformed
        case .publishedVersionChanged: .publishedVersionEdited
        case .tampered: .publishedFileChanged
        case .otherCatalog: .otherCatalogInFolder
        case .versionBehind: .versionBehindPublished
        }
    }

    /// The failure as diagnostics: one per problem of a tampered folder, one otherwise.
    public var diagnostics: [Diagnostic] {
        if case let .tampered(problems) = self { return problems.map(\.diagnostic) }
        var message = message
        if case .versionBehind = self { message = message.replacingOccurrences(of: " [LT0805]", with: "") }
        return [Diagnostic(.error, rule, message, at: .named(path))]
    }
}

extension ReleaseProblem {
    /// The rule of this problem: a signature's own, or a published file that changed.
    public var rule: RuleID {
        if case .signature = kind { return .signatureInvalid }
        if case .feed = kind { return .releaseFeedChanged }
        return .publishedFileChanged
    }

    /// The problem as a diagnostic at the file.
    public var diagnostic: Diagnostic {
        let prefix = path + ": error: "
        let text = description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
        return Diagnostic(.error, rule, text, at: .named(path))
    }
}
