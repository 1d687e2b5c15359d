import CatalogCore

/// Decoding of the recognition rules source, with the same readers, positions and
/// diagnostics as the manifest and the annex files.
extension SchemaDecoder {
    func recognition(file: String) throws -> SourceRecognition {
        var r = SourceRecognition(file: file)
        try readObject(RecognitionKey.self) { key in
            switch key {
            case .clauses: r.clauses = try list(key, of: RecognitionClauseKey.self, recognitionClause)
            case .qualityLevels: r.qualityLevels = try list(key, of: QualityLevelKey.self, qualityLevel)
            case .rules: r.rules = try list(key, of: RecognitionRuleKey.self, recognitionRule)
            }
        }
        return r
    }

    func recognitionClause() throws -> SourceRecognitionClause? {
        var c = SourceRecognitionClause(location: try reader.location)
        let info = try readObject(RecognitionClauseKey.self) { key in
            switch key {
            case .id: c.id = try text(key)
            case .citation: c.citation = try text(key)
            case .textVi: c.textVi = try text(key)
            case .textEn: c.textEn = try text(key)
            }
        }
        return info == nil ? nil : c
    }

    func qualityLevel() throws -> SourceQualityLevel? {
        var q = SourceQualityLevel(location: try reader.location)
        let info = try readObject(QualityLevelKey.self) { key in
            switch key {
            case .level: q.level = try text(key)
            case .nameVi: q.nameVi = try text(key)
            case .nameEn: q.nameEn = try text(key)
            }
        }
        return info == nil ? nil : q
    }

    func recognitionRule() throws -> SourceRecognitionRule? {
        var rule = SourceRecognitionRule(location: try reader.location)
        let info = try readObject(RecognitionRuleKey.self) { key in
            switch key {
            case .id: rule.id = try text(key)
            case .kind: rule.kind = try text(key)
            case .fact: rule.fact = try text(key)
            case .level: rule.level = try text(key)
            case .annexes: rule.annexes = try textList(key, item: "annex")
            case .modalities: rule.modalities = try textList(key, item: "modality")
            case .outcome: rule.outcome = try text(key)
            case .clause: rule.clause = try text(key)
            case .textVi: rule.textVi = try text(key)
            case .textEn: rule.textEn = try text(key)
            }
        }
        guard let info else { return nil }
        rule.location = info.location
        return rule
    }
}
