import CatalogCore
import Foundation
import Testing
import TestSupport

/// The hand-written documents hold together: every relative link and anchor resolves, and the
/// worked examples are right. (That every rule and source field is documented is
/// `ReferenceDocsTests`: `docs/reference/` is generated from the code and checked.)
@Suite struct DocumentationTests {
    /// Guides other branches write; a link to one of them is not an error while it is missing.
    /// Empty this once they are merged.
    static let writtenElsewhere: Set<String> = [
    ]

    /// README.md, CONTRIBUTING.md and every Markdown file under docs/, relative to the root.
    static func documents() -> [String] {
        var paths = ["README.md", "CONTRIBUTING.md"]
        let docs = CLI.root.appendingPathComponent("docs")
        if let walker = FileManager.default.enumerator(atPath: docs.path) {
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix(".md") { paths.append("docs/" + relative) }
            }
        }
        return paths.sorted()
    }

    /// The anchors GitHub gives the headings of a Markdown text.
    static func anchors(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle() }
            guard !inCode, line.hasPrefix("#") else { continue }
            let heading = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            result.insert(String(heading.lowercased().compactMap { c -> Character? in
                c == " " ? "-" : (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : nil
            }))
        }
        return result
    }

    /// The targets of the inline links `[text](target)` of a Markdown text, outside code.
    static func links(_ text: String) -> [String] {
        var result: [String] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            guard !inCode else { continue }
            // Code spans (`...`) hold no links, though a regular expression may look like one.
            var rest = Substring(line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " "))
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                result.append(String(after[..<close]))
                rest = after[close...]
            }
        }
        return result
    }

    @Test func everyRelativeLinkResolves() throws {
        for document in Self.documents() {
            let url = CLI.root.appendingPathComponent(document)
            let text = try CLI.read(url)
            for link in Self.links(text) where !link.contains("://") && !link.hasPrefix("mailto:") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = parts[0].isEmpty ? url : url.deletingLastPathComponent().appendingPathComponent(String(parts[0])).standardized
                let relative = String(file.path.dropFirst(CLI.root.standardized.path.count + 1))
                guard FileManager.default.fileExists(atPath: file.path) else {
                    if !Self.writtenElsewhere.contains(relative) { Issue.record("\(document): link to \(link): \(relative) does not exist") }
                    continue
                }
                if parts.count == 2, file.pathExtension == "md" {
                    #expect(Self.anchors(try CLI.read(file)).contains(String(parts[1])), "\(document): link to \(link): no heading with that anchor")
                }
            }
        }
    }

    /// Every `lienthong SUBCOMMAND --option` the documents show, in code blocks and code spans,
    /// names a real subcommand and options its help lists (from the generated commands.md,
    /// which `ReferenceDocsTests` keeps current).
    @Test func everyCommandExampleUsesRealOptions() throws {
        let reference = try CLI.read(CLI.root.appendingPathComponent("docs/reference/commands.md"))
        var helps: [String: String] = ["reference-docs": "--out"]
        for section in reference.components(separatedBy: "\n## lienthong ").dropFirst() {
            let name = String(section.prefix { $0 != "\n" })
            helps[name] = section
        }
        #expect(helps.count > 10)
        for document in Self.documents() where !document.hasPrefix("docs/reference/") {
            let text = try CLI.read(CLI.root.appendingPathComponent(document))
            for line in Self.codeLines(text) {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                for (i, word) in words.enumerated() where (word == "lienthong" || word.hasSuffix("/lienthong")) && i + 1 < words.count {
                    let sub = words[i + 1]
                    guard sub.first?.isLetter == true else { continue }
                    guard let help = helps[sub] else {
                        Issue.record("\(document): `\(line)` names no subcommand of lienthong")
                        continue
                    }
                    for option in words[(i + 2)...].prefix(while: { !["|", "&&", ">", "<", ";", "#"].contains($0) })
                        where option.hasPrefix("--") && option != "--help" {
                        let name = String(option.prefix { $0 != "=" })
                        #expect(help.contains(name), "\(document): `\(line)`: \(sub) has no option \(name)")
                    }
                }
            }
        }
    }

    /// The lines of a Markdown text that are code: lines of fenced blocks, and code spans.
    static func codeLines(_ text: String) -> [String] {
        var result: [String] = []
        var inCode = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            if inCode {
                result.append(String(line.split(separator: " #", maxSplits: 1, omittingEmptySubsequences: false)[0]))
            } else {
                let parts = line.split(separator: "`", omittingEmptySubsequences: false)
                result += parts.enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            }
        }
        return result
    }

    @Test func workedCheckCharacterExampleIsRight() throws {
        let editors = try CLI.read(CLI.root.appendingPathComponent("docs/guide/editors.md"))
        #expect(editors.contains("**`HS0001D`**"))
        #expect(CodeFormat(prefix: "HS", serialWidth: 4).code(forSerial: 1) == "HS0001D")
        #expect(CodeFormat(prefix: "HS", serialWidth: 4).code(forSerial: 8) == nil)
    }
}
