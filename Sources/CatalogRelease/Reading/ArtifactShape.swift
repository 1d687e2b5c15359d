import CatalogCore
import CatalogEmitters
import Foundation

/// The shape of artifacts — what an importer depends on, never the data: per file (numbered
/// names generalised), CSV headers, SSSOM metadata keys and header, SQL statements without their
/// values, the Swift package's public API, the site's element ids, and JSON key paths with
/// value types (``JSONShape``). The one definition of a shape: the format-version guard of the
/// tests (`Tests/Fixtures/shapes.json`, which adds the workbook's sheets and columns) and the
/// diff's breaking-shape check both use it.
public enum ArtifactShape {
    /// The families whose shape a diff compares (both sides of a diff always have them).
    public static let families = ["json", "csv"]

    /// Each family's format version as this tool emits it.
    public static var formatVersions: [String: String] {
        Dictionary(ArtifactFamilies.all.map { ($0.name, $0.formatVersion) }, uniquingKeysWith: { first, _ in first })
    }

    /// The shape lines of `files` (paths relative to the version folder), sorted.
    public static func lines(of files: [OutputFile]) throws -> [String] {
        var lines: Set<String> = []
        for file in files {
            let name = generalised(file.path)
            if file.path.hasSuffix(".csv") {
                lines.insert("\(name): \(String(decoding: file.bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self))")
            } else if file.path.hasSuffix(".tsv") {
                // SSSOM: the metadata keys (values are data) and the column header.
                for line in String(decoding: file.bytes, as: UTF8.self).split(separator: "\n") {
                    guard line.hasPrefix("#") else { lines.insert("\(name): \(line)"); break }
                    let key = line.dropFirst(2).prefix { $0 != ":" }
                    lines.insert("\(name): # \(key.hasPrefix("  ") ? "  <prefix>" : String(key))")
                }
            } else if file.path.hasSuffix(".sql") {
                for line in String(decoding: file.bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("  (") && !line.hasPrefix("-- lienthong catalog") {
                    lines.insert("\(name): \(line.replacingOccurrences(of: #"'[^']*'"#, with: "'…'", options: .regularExpression).replacingOccurrences(of: #"\d{6,}"#, with: "N", options: .regularExpression))")
                }
            } else if file.path.hasSuffix(".swift") {
                // The public API and the column types (the Swift API vendors compile against).
                for line in String(decoding: file.bytes, as: UTF8.self).split(separator: "\n") {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("public ") || trimmed.hasPrefix("static let ") || trimmed.hasPrefix("case ") || trimmed.hasPrefix(".library") {
                        lines.insert("\(name): \(trimmed.replacingOccurrences(of: #""[^"]*""#, with: "\"…\"", options: .regularExpression).replacingOccurrences(of: #"= \d+"#, with: "= N", options: .regularExpression))")
                    }
                }
            } else if file.path.hasSuffix(".html") {
                // The site: the element ids a page offers (scripts and links rely on them).
                let text = String(decoding: file.bytes, as: UTF8.self)
                for id in text.matches(of: /id="([^"]+)"/).map({ String($0.1) }) {
                    lines.insert("\(name): #\(id.hasPrefix("g-") ? "g-<group>" : id)")
                }
            } else if file.path.hasSuffix("search-index.js") {
                let text = String(decoding: file.bytes, as: UTF8.self)
                if let start = text.firstIndex(of: "{"), let end = text.lastIndex(of: "}") {
                    lines.formUnion(try JSONShape.lines(of: Array(text[start...end].utf8), root: name))
                }
            } else if file.path.hasSuffix(".json") {
                lines.formUnion(try JSONShape.lines(of: file.bytes, root: name.replacingOccurrences(of: #"[A-Z][A-Za-z]+Catalog"#, with: "ID", options: .regularExpression)))
            }
        }
        return lines.sorted()
    }

    /// `path` with its numbers and codes generalised (`annex-N.csv`, `entry/<code>.html`).
    static func generalised(_ path: String) -> String {
        path.replacingOccurrences(of: #"-\d+\."#, with: "-N.", options: .regularExpression)
            .replacingOccurrences(of: #"annex-\d+"#, with: "annex-N", options: .regularExpression)
            .replacingOccurrences(of: #"entry/[A-Z0-9]+\.html"#, with: "entry/<code>.html", options: .regularExpression)
    }

    /// The shapes this tool gives `catalog`'s artifacts, for the diff. A shape is the schema and
    /// the header rows, never the data, so the families are emitted for the catalog without its
    /// entries: the cost does not grow with the catalog (a test proves the result equal to the
    /// shapes of the whole emitted catalog).
    public static func shapes(of catalog: Catalog) -> [String: [String]] {
        var bare = catalog
        bare.entries = []
        bare.history = [:]
        return shapes(of: ArtifactFamilies.all.filter { families.contains($0.name) }.flatMap { $0.emit(bare) })
    }

    /// The diff's shape of `files`, by family: the CSV headers and the structure of
    /// `catalog.json`'s closed JSON Schema (`catalog.schema.json`; the catalog's own key paths
    /// depend on its data), through ``lines(of:)``.
    public static func shapes(of files: [OutputFile]) -> [String: [String]] {
        var shapes: [String: [String]] = [:]
        for family in families {
            let chosen = files.filter { $0.path.hasPrefix(family + "/") && ($0.path.hasSuffix(".csv") || $0.path == "json/catalog.schema.json") }
            guard !chosen.isEmpty, let lines = try? lines(of: chosen) else { continue }
            shapes[family] = lines
        }
        return shapes
    }
}
