import CatalogCore
import CatalogEmitters
import Foundation

/// Prints diagnostics as a compiler does (`path:line:col: error: message [ID]`, sorted, on
/// standard error, with a count at the end), or as one JSON or SARIF 2.1.0 document on
/// standard output.
struct DiagnosticPrinter {
    var format: DiagnosticFormat

    /// Prints `diagnostics`; returns true if any is an error.
    @discardableResult
    func print(_ diagnostics: [Diagnostic]) -> Bool {
        let sorted = diagnostics.sorted()
        let errors = sorted.filter { $0.severity == .error }.count
        let warnings = sorted.filter { $0.severity == .warning }.count
        switch format {
        case .text:
            var out = ""
            for d in sorted {
                out += d.description + "\n"
                for note in d.notes { out += "\(note.location): note: \(note.message)\n" }
            }
            if errors + warnings > 0 {
                out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            }
            Console.error(out)
        case .json:
            var w = JSONWriter()
            w.object { w in
                w.field("errorCount", errors)
                w.field("warningCount", warnings)
                w.key("diagnostics")
                w.array { w in
                    for d in sorted {
                        w.object { w in
                            w.field("file", d.location.file)
                            w.field("line", d.location.line)
                            w.field("column", d.location.column)
                            w.field("severity", d.severity.rawValue)
                            w.field("rule", d.rule.rawValue)
                            w.field("message", d.message)
                            w.key("notes")
                            w.array { w in
                                for n in d.notes {
                                    w.object { w in
                                        w.field("file", n.location.file)
                                        w.field("line", n.location.line)
                                        w.field("column", n.location.column)
                                        w.field("message", n.message)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Console.output(w.finish())
        case .sarif:
            Console.output(SARIFLog.render(sorted, toolVersion: Lienthong.toolVersion))
        }
        return errors > 0
    }

    /// `build --check --diagnostics-format json`: the files a build would add, change or
    /// remove, as one JSON document on standard output (`upToDate`, `fileCount`, `added`,
    /// `modified`, `removed`, each path under the output folder).
    static func printChanges(added: [String], modified: [String], removed: [String], out: String, fileCount: Int) {
        var w = JSONWriter()
        w.object { w in
            w.key("upToDate")
            w.bool(added.isEmpty && modified.isEmpty && removed.isEmpty)
            w.field("fileCount", fileCount)
            w.field("added", strings: added.map { "\(out)/\($0)" })
            w.field("modified", strings: modified.map { "\(out)/\($0)" })
            w.field("removed", strings: removed.map { "\(out)/\($0)" })
        }
        Console.output(w.finish())
    }
}

/// Unbuffered writes to standard output and standard error.
enum Console {
    static func output(_ text: String) { output(Array(text.utf8)) }
    static func output(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }
    static func error(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
