import CatalogCore

/// A code's history across the served releases, one step per release in which it was added
/// or changed, with the change class: `added`, `clarified` (a name spelling fix, the
/// rule LT0910 measure), `changed` (other fields), `deprecated`, `retired` (and `replaced by`
/// when a replacement is named).
enum CodeHistory {
    struct Step: Equatable {
        var version: String
        var change: String
        var description: String
    }

    static func steps(of code: String, upTo release: ServedRelease, in set: ReleaseSet) -> [Step] {
        var steps: [Step] = []
        var previous: Entry?
        for r in set.releases where r.semanticVersion <= release.semanticVersion && r.status == .published || r.version == release.version {
            guard let entry = r.entry(code) else { continue }
            defer { previous = entry }
            guard let before = previous else {
                steps.append(Step(version: r.version, change: "added", description: "first released in \(r.version)"))
                continue
            }
            guard before != entry else { continue }
            if entry.status != before.status, entry.status == .retired {
                let replaced = entry.replacedBy.map { ", replaced by \($0)" } ?? ""
                steps.append(Step(version: r.version, change: "retired", description: "retired in \(r.version)" + replaced))
            } else if entry.status != before.status, entry.status == .deprecated {
                steps.append(Step(version: r.version, change: "deprecated", description: "deprecated in \(r.version)"))
            } else {
                var fields: [String] = []
                if before.nameVi != entry.nameVi { fields.append("nameVi") }
                if before.nameEn != entry.nameEn { fields.append("nameEn") }
                let clarified = !fields.isEmpty && NameChange.isSpellingFix(from: before.nameVi, to: entry.nameVi)
                    && NameChange.isSpellingFix(from: before.nameEn, to: entry.nameEn)
                if before.status != entry.status { fields.append("status") }
                if before.nationalCodes != entry.nationalCodes { fields.append("nationalCodes") }
                if before.mappings != entry.mappings { fields.append("mappings") }
                if before.attributes != entry.attributes { fields.append("attributes") }
                if before.group != entry.group { fields.append("group") }
                if before.statusReason != entry.statusReason || before.replacedBy != entry.replacedBy || before.unmappedReason != entry.unmappedReason {
                    fields.append("notes")
                }
                let onlyNames = fields.allSatisfy { $0 == "nameVi" || $0 == "nameEn" }
                steps.append(Step(version: r.version, change: clarified && onlyNames ? "clarified" : "changed",
                                  description: "changed in \(r.version): " + (fields.isEmpty ? "details" : fields.joined(separator: ", "))))
            }
        }
        return steps
    }
}
