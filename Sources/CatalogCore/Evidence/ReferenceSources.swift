import Foundation

/// What a reference folder's `SOURCES.md` records about each table: the release of the source
/// its rows were copied from (repository, path and commit) and what the source is.
///
/// The file's table has one row per reference table: `` | `loinc/x.csv` | 84 | source (title) | ``.
/// The third cell, without its backticks, up to its closing parenthesis, is the release; the
/// text in that parenthesis is the title. Nothing is guessed: a table the file does not list
/// has no recorded release.
public struct ReferenceSources: Sendable, Equatable {
    /// One recorded source.
    public struct Source: Sendable, Equatable {
        public var release: String
        public var title: String?

        public init(release: String, title: String?) {
            self.release = release
            self.title = title
        }
    }

    /// The sources by the table's path inside the folder.
    public private(set) var byFile: [String: Source] = [:]

    public init() {}

    /// Reads the Markdown table rows of `text`; other lines are ignored.
    public static func parse(_ text: String) -> ReferenceSources {
        var sources = ReferenceSources()
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingSpaces
            guard line.hasPrefix("|"), line.hasSuffix("|") else { continue }
            let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard cells.count >= 3, cells[0].hasPrefix("`"), cells[0].hasSuffix("`"), cells[0].count > 2 else { continue }
            let file = String(cells[0].dropFirst().dropLast())
            var cell = cells[2].filter { $0 != "`" }
            var title: String?
            if cell.hasSuffix(")"), let open = openingParenthesis(of: cell), open > cell.startIndex {
                title = String(cell[cell.index(after: open)...].dropLast())
                cell = String(cell[..<open]).trimmingSpaces
            }
            guard !cell.isEmpty else { continue }
            sources.byFile[file] = Source(release: cell, title: title)
        }
        return sources
    }
}

/// The index of the `(` that the final `)` of `text` closes, nil when none does.
private func openingParenthesis(of text: String) -> String.Index? {
    var depth = 0
    var i = text.endIndex
    while i > text.startIndex {
        i = text.index(before: i)
        if text[i] == ")" { depth += 1 } else if text[i] == "(" {
            depth -= 1
            if depth == 0 { return i }
        }
    }
    return nil
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
