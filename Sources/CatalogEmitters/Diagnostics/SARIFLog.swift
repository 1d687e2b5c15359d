import CatalogCore

/// Diagnostics as a SARIF 2.1.0 log (Static Analysis Results Interchange Format, OASIS), the
/// format code-scanning services read: one run of the `lienthong` tool, every rule it has
/// (ID and summary) in the driver, and one result per diagnostic with its rule, level,
/// message, location and notes as related locations. Columns count Unicode code points, as
/// the diagnostics do (`columnKind: unicodeCodePoints`).
public enum SARIFLog {
    /// The schema the log declares.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// The base id of every relative artifact URI: the folder the command ran in.
    public static let sourceRoot = "%SRCROOT%"

    /// Where a rule is explained: its anchor in the project's generated rule reference.
    public static func helpURI(_ rule: RuleID) -> String { "docs/reference/rules.md#\(rule.rawValue.lowercased())" }

    /// The SARIF document for `diagnostics` (already in output order). Paths under
    /// `workingDirectory` (absolute, the folder the command ran in) become URIs relative to
    /// ``sourceRoot``, declared in `originalUriBaseIds`; other absolute paths become `file:`
    /// URIs.
    public static func render(_ diagnostics: [Diagnostic], toolVersion: String? = nil, workingDirectory: String? = nil) -> [UInt8] {
        let base = workingDirectory.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let rules = RuleID.allCases
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        var w = JSONWriter()
        w.object { w in
            w.field("$schema", schemaURI)
            w.field("version", "2.1.0")
            w.key("runs")
            w.array { w in
                w.object { w in
                    w.key("tool")
                    w.object { w in
                        w.key("driver")
                        w.object { w in
                            w.field("name", "lienthong")
                            w.field("version", toolVersion)
                            w.key("rules")
                            w.array { w in
                                for rule in rules {
                                    w.object { w in
                                        w.field("id", rule.rawValue)
                                        w.key("shortDescription")
                                        w.object { w in w.field("text", rule.summary) }
                                        w.key("fullDescription")
                                        w.object { w in w.field("text", "\(rule.summary) (\(rule.category); each diagnostic's message says how to fix it.)") }
                                        w.field("helpUri", helpURI(rule))
                                        w.key("help")
                                        w.object { w in
                                            w.field("text", "\(rule.rawValue): \(rule.summary) See \(helpURI(rule)) in the lienthong repository.")
                                            w.field("markdown", "**\(rule.rawValue)** \(rule.summary) See [the rule reference](\(helpURI(rule))).")
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if let base {
                        w.key("originalUriBaseIds")
                        w.object { w in
                            w.key(sourceRoot)
                            w.object { w in w.field("uri", "file://" + uri(base)) }
                        }
                    }
                    w.field("columnKind", "unicodeCodePoints")
                    w.key("results")
                    w.array { w in
                        for d in diagnostics {
                            w.object { w in
                                w.field("ruleId", d.rule.rawValue)
                                w.field("ruleIndex", ruleIndex[d.rule]!)
                                w.field("level", d.severity == .error ? "error" : "warning")
                                w.key("message")
                                w.object { w in w.field("text", d.message) }
                                w.key("locations")
                                w.array { w in location(&w, d.location, message: nil, id: nil, base: base) }
                                if !d.notes.isEmpty {
                                    w.key("relatedLocations")
                                    w.array { w in
                                        for (i, note) in d.notes.enumerated() { location(&w, note.location, message: note.message, id: i, base: base) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return w.finish()
    }

    /// One `location` object: the file (a relative URI, as the diagnostic names it), line
    /// and column, and for a related location its id and message.
    private static func location(_ w: inout JSONWriter, _ location: SourceLocation, message: String?, id: Int?, base: String?) {
        w.object { w in
            if let id { w.field("id", id) }
            w.key("physicalLocation")
            w.object { w in
                w.key("artifactLocation")
                w.object { w in artifact(&w, location.file, base: base) }
                w.key("region")
                w.object { w in
                    w.field("startLine", max(1, location.line))
                    w.field("startColumn", max(1, location.column))
                }
            }
            if let message {
                w.key("message")
                w.object { w in w.field("text", message) }
            }
        }
    }

    /// An `artifactLocation`'s members for `path`: relative to ``sourceRoot`` when it is under
    /// `base` (or relative already), a `file:` URI otherwise.
    static func artifact(_ w: inout JSONWriter, _ path: String, base: String?) {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        if path.hasPrefix("/") {
            if let base, path.hasPrefix(base) {
                w.field("uri", uri(String(path.dropFirst(base.count))))
                w.field("uriBaseId", sourceRoot)
            } else {
                w.field("uri", "file://" + uri(path))
            }
        } else {
            w.field("uri", uri(path))
            if base != nil { w.field("uriBaseId", sourceRoot) }
        }
    }

    /// A file path as a URI reference: each byte outside RFC 3986's unreserved characters and
    /// `/` percent-encoded (Vietnamese file names stay valid URIs).
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
