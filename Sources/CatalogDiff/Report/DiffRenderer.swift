import CatalogCore
import CatalogEmitters

/// The output formats of `lienthong diff`.
public enum DiffFormat: String, Sendable, CaseIterable {
    /// For people, on a terminal.
    case text
    /// For a pull-request comment.
    case markdown
    /// For programs; validates against `schema/diff.schema.json`.
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::`), one per breaking change.
    case github

    /// Renders `report`.
    public func render(_ report: DiffReport) -> String {
        switch self {
        case .text: TextDiff.render(report)
        case .markdown: MarkdownDiff.render(report)
        case .json: String(decoding: JSONDiff.render(report), as: UTF8.self)
        case .github: GitHubDiff.render(report)
        }
    }
}

/// Plain text: the breaking changes with their fixes, then every other change, then counts.
enum TextDiff {
    static func render(_ r: DiffReport) -> String {
        var out = "lienthong diff: \(r.old.label) (\(r.old.version)) → \(r.new.label) (\(r.new.version))\n"
        if r.changes.isEmpty { return out + "no changes\n" }
        for change in r.changes {
            let place = change.location.map { "\($0): " } ?? ""
            let tag = change.isBreaking ? "breaking" : change.rule != nil ? "waived" : "change"
            out += "\(place)\(tag): \(change.message) [\(change.rule.map { $0.rawValue + " " } ?? "")\(change.kind.rawValue)]\n"
            if change.isBreaking, let fix = change.fix { out += "  fix: \(fix)\n" }
            if let waiver = change.waiver { out += "  waived at \(waiver.location): \(waiver.justification)\n" }
        }
        out += summary(r) + "\n"
        return out
    }

    static func summary(_ r: DiffReport) -> String {
        "\(r.changes.count) change\(r.changes.count == 1 ? "" : "s"), \(r.breaking.count) breaking, \(r.waived.count) waived"
    }
}

/// Markdown for a pull-request comment.
enum MarkdownDiff {
    static func render(_ r: DiffReport) -> String {
        var out = "## Catalog changes: \(r.old.label) (\(r.old.version)) → \(r.new.label) (\(r.new.version))\n\n"
        out += "**\(TextDiff.summary(r))**\n"
        if r.changes.isEmpty { return out }
        if !r.breaking.isEmpty {
            out += "\n### Breaking changes\n\n| rule | code | change | fix |\n|---|---|---|---|\n"
            for c in r.breaking { out += "| `\(c.rule!.rawValue)` | \(c.code.map { "`\($0)`" } ?? "") | \(cell(c.message)) | \(cell(c.fix ?? "")) |\n" }
        }
        if !r.waived.isEmpty {
            out += "\n### Waived\n\n| rule | code | change | justification |\n|---|---|---|---|\n"
            for c in r.waived { out += "| `\(c.rule!.rawValue)` | `\(c.code ?? "")` | \(cell(c.message)) | \(cell(c.waiver!.justification)) |\n" }
        }
        out += "\n### By class\n\n| class | count |\n|---|---|\n"
        for (kind, n) in r.counts { out += "| `\(kind.rawValue)` | \(n) |\n" }
        out += "\n<details><summary>All changes</summary>\n\n| class | code | change |\n|---|---|---|\n"
        for c in r.changes { out += "| `\(c.kind.rawValue)` | \(c.code.map { "`\($0)`" } ?? "") | \(cell(c.message)) |\n" }
        out += "\n</details>\n"
        return out
    }

    /// Text safe inside a table cell.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// GitHub Actions workflow commands: an error per breaking change, a warning per waived one,
/// at the new side's source line when known, and a notice with the counts.
enum GitHubDiff {
    static func render(_ r: DiffReport) -> String {
        var out = ""
        for c in r.changes where c.rule != nil {
            var properties: [String] = []
            if let location = c.location {
                properties += ["file=\(property(location.file))", "line=\(location.line)", "col=\(location.column)"]
            }
            properties.append("title=\(property("\(c.rule!.rawValue) \(c.kind.rawValue)"))")
            let text = c.isBreaking ? c.message + (c.fix.map { ". Fix: \($0)" } ?? "") : c.message + ". Waived: " + c.waiver!.justification
            out += "::\(c.isBreaking ? "error" : "warning") \(properties.joined(separator: ","))::\(data(text))\n"
        }
        out += "::notice title=lienthong diff::\(data("\(r.old.label) (\(r.old.version)) → \(r.new.label) (\(r.new.version)): " + TextDiff.summary(r)))\n"
        return out
    }

    /// Escapes a command's message.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a command's property value.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// JSON, as described by ``DiffSchema``.
public enum JSONDiff {
    /// The format version of the JSON report (1.2.0: the classes clarified-vi and
    /// clarified-en, and each clarification's reason).
    public static let formatVersion = FormatHistory.current("diff report")

    public static func render(_ r: DiffReport) -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            w.field("formatVersion", formatVersion)
            for (name, side) in [("old", r.old), ("new", r.new)] {
                w.key(name)
                w.object { w in
                    w.field("label", side.label)
                    w.field("version", side.version)
                }
            }
            w.key("summary")
            w.object { w in
                w.field("changes", r.changes.count)
                w.field("breaking", r.breaking.count)
                w.field("waived", r.waived.count)
                w.key("byClass")
                w.object { w in for (kind, n) in r.counts { w.field(kind.rawValue, n) } }
            }
            w.key("changes")
            w.array { w in
                for c in r.changes {
                    w.object { w in
                        w.field("class", c.kind.rawValue)
                        w.field("code", c.code)
                        w.field("field", c.field)
                        w.field("old", c.old)
                        w.field("new", c.new)
                        w.key("breaking")
                        w.bool(c.isBreaking)
                        w.field("rule", c.rule?.rawValue)
                        w.field("message", c.message)
                        w.field("fix", c.fix)
                        if let waiver = c.waiver {
                            w.key("waiver")
                            w.object { w in
                                w.field("justification", waiver.justification)
                                w.field("file", waiver.location.file)
                                w.field("line", waiver.location.line)
                            }
                        }
                        if let clarification = c.clarification {
                            w.key("clarification")
                            w.object { w in
                                w.field("reason", clarification.reason)
                                w.field("file", clarification.location.file)
                                w.field("line", clarification.location.line)
                            }
                        }
                        if let location = c.location {
                            w.key("location")
                            w.object { w in
                                w.field("file", location.file)
                                w.field("line", location.line)
                                w.field("column", location.column)
                            }
                        }
                    }
                }
            }
        }
        return w.finish()
    }
}
