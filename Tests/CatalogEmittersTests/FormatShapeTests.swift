import CatalogCore
import CatalogEmitters
import Foundation
import Testing

/// Each artifact family's shape (what an importer depends on) is recorded with its format
/// version in `Tests/Fixtures/shapes.json`. A change of shape without a format-version bump
/// fails here, so re-recording golden files cannot silently break a vendor's importer.
/// After a deliberate change: bump the family's `formatVersion`, then re-record with
/// `LIENTHONG_RECORD_GOLDEN=1`.
@Suite struct FormatShapeTests {
    static let record = Golden.fixtures.appendingPathComponent("shapes.json")

    /// The shape of a family's output: per file (numbered names generalised), CSV headers,
    /// SQL statements without their values, or JSON key paths with value types.
    static func shape(of files: [OutputFile]) throws -> [String] {
        var lines: Set<String> = []
        for file in files {
            let name = file.path.replacingOccurrences(of: #"-\d+\."#, with: "-N.", options: .regularExpression)
                .replacingOccurrences(of: #"annex-\d+"#, with: "annex-N", options: .regularExpression)
                .replacingOccurrences(of: #"entry/[A-Z0-9]+\.html"#, with: "entry/<code>.html", options: .regularExpression)
            let text = String(decoding: file.bytes, as: UTF8.self)
            if file.path.hasSuffix(".csv") {
                lines.insert("\(name): \(text.prefix { !$0.isNewline })")
            } else if file.path.hasSuffix(".tsv") {
                // SSSOM: the metadata keys (values are data) and the column header.
                for line in text.split(separator: "\n") {
                    guard line.hasPrefix("#") else { lines.insert("\(name): \(line)"); break }
                    let key = line.dropFirst(2).prefix { $0 != ":" }
                    lines.insert("\(name): # \(key.hasPrefix("  ") ? "  <prefix>" : String(key))")
                }
            } else if file.path.hasSuffix(".sql") {
                for line in text.split(separator: "\n") where !line.hasPrefix("  (") && !line.hasPrefix("-- lienthong catalog") {
                    lines.insert("\(name): \(line.replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression).replacingOccurrences(of: #"\d{6,}"#, with: "N", options: .regularExpression))")
                }
            } else if file.path.hasSuffix(".swift") {
                // The public API and the column types (the Swift API vendors compile against).
                for line in text.split(separator: "\n") {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("public ") || trimmed.hasPrefix("static let ") || trimmed.hasPrefix("case ") || trimmed.hasPrefix(".library") {
                        lines.insert("\(name): \(trimmed.replacingOccurrences(of: #""[^"]*""#, with: "\"…\"", options: .regularExpression).replacingOccurrences(of: #"= \d+"#, with: "= N", options: .regularExpression))")
                    }
                }
            } else if file.path.hasSuffix(".xlsx") {
                for line in try XLSXShape.lines(name: "xlsx/<name>.xlsx", bytes: file.bytes) { lines.insert(line) }
            } else if file.path.hasSuffix(".html") {
                // The site: the element ids a page offers (scripts and links rely on them),
                // group anchors generalised.
                for id in text.matches(of: /id="([^"]+)"/).map({ String($0.1) }) {
                    lines.insert("\(name): #\(id.hasPrefix("g-") ? "g-<group>" : id)")
                }
            } else if file.path.hasSuffix("search-index.js"), let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}") {
                let object = try JSONSerialization.jsonObject(with: Data(text[start...end].utf8))
                collect(object, path: name, into: &lines)
            } else if file.path.hasSuffix(".json") {
                let object = try JSONSerialization.jsonObject(with: Data(file.bytes))
                collect(object, path: name.replacingOccurrences(of: #"[A-Z][A-Za-z]+Catalog"#, with: "ID", options: .regularExpression), into: &lines)
            }
        }
        return lines.sorted()
    }

    static func collect(_ value: Any, path: String, into lines: inout Set<String>) {
        switch value {
        case let object as [String: Any]:
            // Keys that are data, not structure (coverage counts by system URI) stay generic.
            for (key, child) in object { collect(child, path: path + "." + (key.hasPrefix("http") ? "<uri>" : key), into: &lines) }
        case let array as [Any]:
            lines.insert(path + ": array")
            for child in array { collect(child, path: path + "[]", into: &lines) }
        case is String: lines.insert(path + ": string")
        case let n as NSNumber: lines.insert(path + (String(cString: n.objCType) == "c" ? ": boolean" : ": number"))
        default: lines.insert(path + ": null")
        }
    }

    struct Recorded: Codable {
        var formatVersion: String
        var shape: [String]
    }

    @Test func shapesChangeOnlyWithAFormatVersionBump() throws {
        let catalog = try Golden.catalog("golden/yaml")
        var current: [String: Recorded] = [:]
        for family in ArtifactFamilies.all {
            #expect(SemanticVersion(family.formatVersion) != nil, "\(family.name) format version is not Semantic Versioning")
            current[family.name] = Recorded(formatVersion: family.formatVersion, shape: try Self.shape(of: family.emit(catalog)))
        }
        if Golden.recording {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(current).write(to: Self.record)
            return
        }
        let recorded = try JSONDecoder().decode([String: Recorded].self, from: Data(contentsOf: Self.record))
        #expect(Set(recorded.keys) == Set(current.keys), "artifact families changed; record them with LIENTHONG_RECORD_GOLDEN=1")
        for (name, now) in current {
            guard let before = recorded[name] else { continue }
            if now.formatVersion == before.formatVersion {
                let added = Set(now.shape).subtracting(before.shape), removed = Set(before.shape).subtracting(now.shape)
                #expect(added.isEmpty && removed.isEmpty,
                        "the \(name) artifacts changed shape without a format-version bump (still \(now.formatVersion)); added \(added.sorted().prefix(5)), removed \(removed.sorted().prefix(5))")
            } else {
                Issue.record("\(name) format version is \(now.formatVersion), recorded \(before.formatVersion): re-record Tests/Fixtures/shapes.json with LIENTHONG_RECORD_GOLDEN=1")
            }
        }
    }

    /// The guard works: a changed CSV header is a changed shape.
    @Test func aChangedHeaderIsAChangedShape() throws {
        let before = try Self.shape(of: [OutputFile(path: "csv/entries.csv", text: "code,status\r\nA,active\r\n")])
        let after = try Self.shape(of: [OutputFile(path: "csv/entries.csv", text: "code,state\r\nA,active\r\n")])
        #expect(before != after)
        #expect(try Self.shape(of: [OutputFile(path: "csv/entries.csv", text: "code,status\r\nB,retired\r\n")]) == before)
    }
}
