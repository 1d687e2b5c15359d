import CatalogCore

/// `site/`: a static, self-contained HTML catalog for people looking a service up: a home
/// page with instant search, a page per annex and per entry, and a coverage page. No file
/// refers to anything outside the folder (no fonts, scripts or styles from the network), so
/// it works from `file://` and from any static host. Interface text is Vietnamese with English.
public struct SiteEmitter: ArtifactFamily {
    public let name = "site"
    public let formatVersion = "1.2.0"
    public let weight = 3

    public init() {}

    public func emit(_ catalog: Catalog, to output: any ArtifactOutput) {
        let pages = SitePages(catalog)
        output.write(OutputFile(path: "site/index.html", text: pages.home()))
        output.write(OutputFile(path: "site/coverage.html", text: pages.coverage()))
        for annex in catalog.annexes {
            output.write(OutputFile(path: "site/\(HTML.annexPath(annex.number))", text: pages.annex(annex)))
        }
        output.write(OutputFile(path: "site/assets/style.css", text: SiteAssets.style))
        output.write(OutputFile(path: "site/assets/search.js", text: SiteAssets.search))
        writeSearchIndex(catalog, to: output.open("site/assets/search-index.js"))
        for entry in catalog.entries {
            output.write(OutputFile(path: "site/\(HTML.entryPath(entry.code))", text: pages.entry(entry)))
        }
    }

    /// `assets/search-index.js`: one line per entry, `[code, nameVi, nameEn, annex, status,
    /// [national codes]]`, assigned to `window.LIENTHONG_SEARCH_INDEX`.
    private func writeSearchIndex(_ catalog: Catalog, to file: any ArtifactFile) {
        var out = OutputBuffer(to: [file], reservingCapacity: OutputBuffer.chunkSize)
        let m = catalog.metadata
        out.bytes.append(contentsOf: "window.LIENTHONG_SEARCH_INDEX = {\"formatVersion\": \(Self.quoted(formatVersion)), \"version\": \(Self.quoted(m.version.description)), \"entries\": [\n".utf8)
        for (i, e) in catalog.entries.enumerated() {
            let national = e.nationalCodes.map { Self.quoted($0.maTuongDuong) }.joined(separator: ", ")
            let line = "[\(Self.quoted(e.code)), \(Self.quoted(e.nameVi)), \(Self.quoted(e.nameEn)), \(e.annex), \(Self.quoted(e.status.rawValue)), [\(national)]]"
            out.bytes.append(contentsOf: line.utf8)
            out.bytes.append(contentsOf: (i + 1 < catalog.entries.count ? ",\n" : "\n").utf8)
            out.flushIfFull()
        }
        out.bytes.append(contentsOf: "]};\n".utf8)
        out.close()
    }

    /// A JSON string literal (valid JavaScript).
    static func quoted(_ text: String) -> String {
        var w = JSONWriter()
        w.string(text)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
