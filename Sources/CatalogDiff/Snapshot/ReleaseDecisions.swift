import CatalogCore
import Foundation

/// The maintainers' decisions a published release carries in its `changes/changes.json`: the
/// waivers that accepted breaking changes and the renames declared clarifications. A diff
/// whose new side is that release applies them as the sources did when it was published, so
/// `diff 2026.2.0 2026.3.0` judges the release as `publish` judged it.
enum ReleaseDecisions {
    /// The waivers and clarifications recorded in `folder`'s `changes/changes.json` (none when
    /// the release has no such file, as the first release).
    static func read(_ folder: String, version: SemanticVersion) -> ([Waiver], [Clarification]) {
        let path = folder + "/" + ReleaseNotes.folder + "/changes.json"
        guard let data = FileManager.default.contents(atPath: path), data.count < 64 << 20,
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let changes = document["changes"] as? [[String: Any]] else { return ([], []) }
        var waivers: [Waiver] = []
        var clarified: [String: (reason: String, location: SourceLocation)] = [:]
        for change in changes {
            guard let code = change["code"] as? String else { continue }
            if let waiver = change["waiver"] as? [String: Any], let rule = (change["rule"] as? String).flatMap(RuleID.init(rawValue:)),
               let justification = waiver["justification"] as? String {
                waivers.append(Waiver(code: code, rule: rule, version: version, justification: justification, location: location(waiver, path)))
            }
            if let clarification = change["clarification"] as? [String: Any], let reason = clarification["reason"] as? String {
                clarified[code] = (reason, location(clarification, path))
            }
        }
        let byReason = Dictionary(grouping: clarified, by: { $0.value.reason })
        let clarifications = byReason.keys.sorted().map { reason in
            let codes = byReason[reason]!.map(\.key).sorted()
            return Clarification(version: version, codes: codes, reason: reason, location: byReason[reason]!.first!.value.location)
        }
        return (waivers, clarifications)
    }

    /// Where a decision was written in the sources, as the release recorded it.
    private static func location(_ object: [String: Any], _ fallback: String) -> SourceLocation {
        guard let file = object["file"] as? String, let line = object["line"] as? Int else { return .named(fallback) }
        return SourceLocation(file: file, line: line, column: 1)
    }
}
