import CatalogCore
import CatalogEmitters
import Foundation

/// Prints diagnostics as a compiler does (`path:line:col: error: message [ID]`, sorted, on
/// standard error, with a count at the end), or as one JSON or SARIF 2.1.0 document on
/// standard output.
struct DiagnosticPrinter {
    var format: DiagnosticFormat

    /// Prints `diagnostics`; returns true if any is an error. In JSON, `members` adds the
    /// command's own members to the one document (`build --check`: upToDate and the files);
    /// in SARIF, they go into the run's `properties`.
    @discardableResult
    func print(_ diagnostics: [Diagnostic], members: ((inout JSONWriter) -> Void)? = nil) -> Bool {
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
                Self.writeMembers(&w, sorted)
                members?(&w)
            }
            Console.output(w.finish())
        case .sarif:
            Console.output(SARIFLog.render(sorted, toolVersion: Lienthong.toolVersion, workingDirectory: FileManager.default.currentDirectoryPath))
        }
        return errors > 0
    }
}

/// Unbuffered writes to standard output and standard error.
enum Console {
    static func output(_ text: String) { output(Array(text.utf8)) }
    static func output(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }
    /// A line for the person at the terminal: on standard output in the text format, on
    /// standard error when standard output holds a machine-readable document.
    static func say(_ text: String, format: DiagnosticFormat) {
        if format == .text { output(text) } else { error(text) }
    }
    static func error(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

extension DiagnosticPrinter {
    /// The members of the JSON diagnostics document: `errorCount`, `warningCount` and
    /// `diagnostics` (each with file, line, column, severity, rule, message and notes).
    static func writeMembers(_ w: inout JSONWriter, _ sorted: [Diagnostic]) {
        w.field("errorCount", sorted.filter { $0.severity == .error }.count)
        w.field("warningCount", sorted.filter { $0.severity == .warning }.count)
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
}
