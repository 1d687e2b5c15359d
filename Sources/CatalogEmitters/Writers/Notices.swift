import CatalogCore

/// The licence texts that travel with the artifacts: the catalog's own licence and the notices
/// of the third-party code systems whose codes and names an artifact carries. The texts are
/// the manifest's (its `license` URL and its notice files); only the sentence that introduces
/// the catalog's licence is written here.
enum Notices {
    /// The systems the catalog's mappings use, in ``MappingSystem`` order.
    static func systemsInUse(_ catalog: Catalog) -> [MappingSystem] {
        var used = Set<MappingSystem>()
        for entry in catalog.entries {
            for mapping in entry.mappings { used.insert(mapping.system) }
            if used.count == MappingSystem.allCases.count { break }
        }
        return MappingSystem.allCases.filter(used.contains)
    }

    /// The notices of the systems the catalog's mappings use.
    static func inUse(_ catalog: Catalog) -> [Notice] {
        let used = systemsInUse(catalog)
        return catalog.metadata.notices.filter { used.contains($0.system) }
    }

    /// The statement of the catalog's own licence, when the manifest declares one.
    static func licenseStatement(_ m: CatalogMetadata, followedByNotices: Bool) -> String? {
        m.license.map {
            "The catalog's own content (codes, Vietnamese and English names, groups, attributes and mapping assertions) is published under \($0)."
                + (followedByNotices ? " Third-party content keeps its own terms:" : "")
        }
    }

    /// The licence statement followed by `notices`, one paragraph each; nil when there is
    /// neither.
    static func text(_ m: CatalogMetadata, _ notices: [Notice]) -> String? {
        let paragraphs = [licenseStatement(m, followedByNotices: !notices.isEmpty)].compactMap { $0 } + notices.map(\.text)
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    /// A `NOTICE` file for a folder of artifacts that carry the content of `notices`.
    static func file(_ path: String, _ m: CatalogMetadata, _ notices: [Notice]) -> OutputFile {
        let head = "\(m.titleEn) (\(m.titleVi)), version \(m.version), \(m.canonicalUrl)\nPublisher: \(m.publisher)"
        return OutputFile(path: path, text: head + "\n\n" + (text(m, notices) ?? "No licence is declared.") + "\n")
    }
}
