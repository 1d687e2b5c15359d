import CatalogCore

/// The pages of the catalog site, each rendered whole (they are small: a few kilobytes).
struct SitePages {
    let catalog: Catalog
    /// Entry codes by the code they are replaced by, for the "replaces" line of entry pages.
    let replacing: [String: [String]]

    init(_ catalog: Catalog) {
        self.catalog = catalog
        var replacing: [String: [String]] = [:]
        for e in catalog.entries { if let r = e.replacedBy { replacing[r, default: []].append(e.code) } }
        self.replacing = replacing
    }

    private typealias H = HTML

    /// `index.html`: the search box with its results, and the annexes.
    func home() -> String {
        let m = catalog.metadata
        let annexes = catalog.annexes.map { a in
            let inUse = catalog.entries(inAnnex: a.number).filter { $0.status != .retired }.count
            return "<li><a href=\"\(H.annexPath(a.number))\">\(H.both("Phụ lục \(a.number): \(a.titleVi)", a.titleEn))</a> <span class=\"count\">\(inUse) \(H.both("mục đang dùng", "entries in use"))</span></li>"
        }.joined(separator: "\n")
        let body = """
        <h1>\(H.escape(m.titleVi))</h1>
        <p class="en" lang="en">\(H.escape(m.titleEn))</p>
        <section aria-labelledby="search-heading">
        <h2 id="search-heading">Tìm dịch vụ · <span lang="en">Find a service</span></h2>
        <form id="search" action="index.html" method="get" role="search">
        <label for="q">Tên (có dấu hoặc không dấu), mã hoặc mã tương đương · <span lang="en">Name (with or without diacritics), code or national code</span></label>
        <input id="q" name="q" type="search" autocomplete="off" spellcheck="false" placeholder="dinh luong glucose · HS00 · 23.0075" aria-describedby="search-status">
        </form>
        <p id="search-status" role="status" aria-live="polite"></p>
        <ol id="results" class="results"></ol>
        <noscript><p>Tìm kiếm cần JavaScript; danh sách đầy đủ ở các trang phụ lục. · <span lang="en">Search needs JavaScript; every entry is listed on the annex pages.</span></p></noscript>
        </section>
        <section aria-labelledby="annexes-heading">
        <h2 id="annexes-heading">Các phụ lục · <span lang="en">Annexes</span></h2>
        <ul class="annexes">
        \(annexes)
        </ul>
        </section>
        <section aria-labelledby="about-heading">
        <h2 id="about-heading">Về danh mục · <span lang="en">About the catalog</span></h2>
        <p>\(H.escape(m.description))</p>
        <p>\(H.both("Căn cứ", "Legal basis")): \(m.legalBasis.map(H.escape).joined(separator: "; "))</p>
        <p>\(H.both("Mã hệ thống", "Code system")): <code>\(H.escape(m.canonicalUrl))</code> · OID <code>\(H.escape(m.oid))</code></p>
        </section>
        """
        return H.page(catalog, root: "", title: "Trang chủ · Home", body: body, script: true)
    }

    /// `annex-N.html`: the annex's entries, by group, in code order.
    func annex(_ a: Annex) -> String {
        let entries = catalog.entries(inAnnex: a.number)
        var sections: [String] = []
        for group in a.groups {
            let rows = entries.filter { $0.group == group.id }.map { e in
                "<tr class=\"\(e.status.rawValue)\"><td><a href=\"\(H.entryPath(e.code))\"><code>\(e.code)</code></a></td><td>\(H.escape(e.nameVi))</td><td lang=\"en\">\(H.escape(e.nameEn))</td><td>\(H.status(e.status))</td></tr>"
            }
            guard !rows.isEmpty else { continue }
            sections.append("""
            <section aria-labelledby="g-\(group.id)">
            <h2 id="g-\(group.id)">\(H.both(group.nameVi, group.nameEn))</h2>
            <div class="table"><table>
            <thead><tr><th scope="col">\(H.both("Mã", "Code"))</th><th scope="col">\(H.both("Tên", "Name"))</th><th scope="col" lang="en">English name</th><th scope="col">\(H.both("Trạng thái", "Status"))</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table></div>
            </section>
            """)
        }
        let inUse = entries.filter { $0.status != .retired }.count
        let body = """
        <h1>\(H.escape("Phụ lục \(a.number): \(a.titleVi)"))</h1>
        <p class="en" lang="en">\(H.escape("Annex \(a.number): \(a.titleEn)"))</p>
        <p>\(inUse) \(H.both("mục đang dùng", "entries in use")), \(entries.count - inUse) \(H.both("đã loại bỏ", "retired")) · \(H.both("Tiền tố mã", "code prefix")) <code>\(a.prefix)</code></p>
        \(sections.joined(separator: "\n"))
        """
        return H.page(catalog, root: "", title: "Phụ lục \(a.number) · Annex \(a.number)", body: body)
    }

    /// `entry/CODE.html`: everything the catalog says about one entry, with the versions in
    /// which it was first released and last changed (format 1.1.0 on).
    func entry(_ e: Entry) -> String {
        let annex = catalog.annexes.first { $0.number == e.annex }
        let group = annex?.groups.first { $0.id == e.group }
        var facts: [(String, String)] = [
            (H.both("Mã", "Code"), "<code>\(e.code)</code>"),
            (H.both("Phụ lục", "Annex"), "<a href=\"../\(H.annexPath(e.annex))\">\(H.escape("\(e.annex) · \(annex?.titleVi ?? "")"))</a>"),
            (H.both("Nhóm", "Group"), group.map { "<a href=\"../\(H.annexPath(e.annex))#g-\($0.id)\">\(H.both($0.nameVi, $0.nameEn))</a>" } ?? H.escape(e.group)),
            (H.both("Trạng thái", "Status"), H.status(e.status)),
        ]
        if let reason = e.statusReason { facts.append((H.both("Lý do", "Reason"), H.escape(reason))) }
        if let r = e.replacedBy { facts.append((H.both("Thay bằng", "Replaced by"), "<a href=\"\(r).html\"><code>\(r)</code></a>")) }
        if let olds = replacing[e.code] {
            facts.append((H.both("Thay cho", "Replaces"), olds.map { "<a href=\"\($0).html\"><code>\($0)</code></a>" }.joined(separator: ", ")))
        }
        for field in EntryFields.attributes(of: e.attributes.kind) {
            if let value = e.attributes.value(of: field) { facts.append((H.both(field.labelVi, field.labelEn), H.escape(value))) }
        }
        let history = catalog.history(of: e)
        facts.append((H.both("Phát hành lần đầu", "First released"), "<span class=\"version\" data-history=\"versionFirstReleased\">\(history.firstReleased)</span>"))
        facts.append((H.both("Thay đổi lần cuối", "Last changed"), "<span class=\"version\" data-history=\"versionLastChanged\">\(history.lastChanged)</span>"))
        let national = e.nationalCodes.map { "<tr><td><code>\($0.maTuongDuong)</code></td><td><code>\(H.escape($0.tt23 ?? "—"))</code></td></tr>" }
        let mappings = e.mappings.map { m in
            "<tr><td>\(m.system.rawValue == "loinc" ? "LOINC" : "RadLex")</td><td><a href=\"\(H.escape(Self.targetURL(m)))\" rel=\"external\"><code>\(H.escape(m.code))</code></a></td><td lang=\"en\">\(H.escape(m.display))</td><td>\(Self.relationship(m.relationship))</td><td lang=\"en\">\(H.escape(m.comment ?? ""))</td></tr>" + (m.evidence.map(Self.evidenceRow) ?? "")
        }
        var mappingSection = "<p>\(H.both("Chưa có ánh xạ.", "Not mapped."))"
        if let reason = e.unmappedReason { mappingSection += " <span lang=\"en\">\(H.escape(reason))</span>" }
        mappingSection += "</p>"
        if !mappings.isEmpty {
            mappingSection = """
            <div class="table"><table>
            <thead><tr><th scope="col">\(H.both("Hệ mã", "System"))</th><th scope="col">\(H.both("Mã đích", "Target code"))</th><th scope="col">\(H.both("Tên mã đích", "Target name"))</th><th scope="col">\(H.both("Quan hệ", "Relationship"))</th><th scope="col">\(H.both("Ghi chú", "Comment"))</th></tr></thead>
            <tbody>
            \(mappings.joined(separator: "\n"))
            </tbody>
            </table></div>
            """
        }
        let body = """
        <p class="crumbs"><a href="../index.html">Trang chủ · <span lang="en">Home</span></a> › <a href="../\(H.annexPath(e.annex))">\(H.both("Phụ lục \(e.annex)", "Annex \(e.annex)"))</a></p>
        <h1 class="\(e.status.rawValue)">\(H.escape(e.nameVi))</h1>
        <p class="en" lang="en">\(H.escape(e.nameEn))</p>
        <dl class="facts">
        \(facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined(separator: "\n"))
        </dl>
        <h2>Mã tương đương · <span lang="en">National codes</span></h2>
        <div class="table"><table>
        <thead><tr><th scope="col">\(H.both("Mã tương đương", "maTuongDuong"))</th><th scope="col">\(H.both("Số TT23", "TT23 number"))</th></tr></thead>
        <tbody>
        \(national.joined(separator: "\n"))
        </tbody>
        </table></div>
        <h2>Ánh xạ quốc tế · <span lang="en">International mappings</span></h2>
        \(mappingSection)
        """
        return H.page(catalog, root: "../", title: "\(e.code) \(e.nameVi)", body: body)
    }

    /// The line under a mapping that names the reference row confirming it: "Xác nhận bởi /
    /// confirmed by <file> <release>: <code> <name> — <agreeing axes>", then the axes the row
    /// leaves unspecified and those that disagree.
    static func evidenceRow(_ e: MappingEvidence) -> String {
        func list(_ axes: [String]) -> String { axes.isEmpty ? "—" : axes.joined(separator: ", ") }
        var text = "Xác nhận bởi / <span lang=\"en\">confirmed by</span> <code>\(H.escape(e.file))</code>"
        text += " <span class=\"release\">\(H.escape(e.release ?? "(release not recorded)"))</span>"
        text += " (line \(e.line)): <code>\(H.escape(e.code))</code> <span lang=\"en\">\(H.escape(e.name))</span>"
        text += " — \(H.both("khớp", "agrees")): \(H.escape(list(e.agreeing)))"
        text += "; \(H.both("nguồn không nêu", "unspecified")): \(H.escape(list(e.unspecified)))"
        if !e.disagreeing.isEmpty { text += "; <strong>\(H.both("không khớp", "disagrees"))</strong>: \(H.escape(list(e.disagreeing)))" }
        return "\n<tr class=\"evidence\"><td colspan=\"5\">\(text)</td></tr>"
    }

    /// A relationship in words, both languages, with its FHIR name for reference.
    static func relationship(_ r: MappingRelationship) -> String {
        let (vi, en) = switch r {
        case .equivalent: ("tương đương", "equivalent")
        case .sourceIsNarrowerThanTarget: ("hẹp hơn mã đích", "narrower than the target")
        case .sourceIsBroaderThanTarget: ("rộng hơn mã đích", "broader than the target")
        case .relatedTo: ("có liên quan", "related")
        }
        return "\(H.both(vi, en)) <code class=\"rel\">\(r.rawValue)</code>"
    }

    /// The public page of a mapping's target: LOINC's code page, or the RadLex expansion the
    /// SSSOM mapping set declares.
    static func targetURL(_ m: Mapping) -> String {
        switch m.system {
        case .loinc: "https://loinc.org/\(m.code)/"
        case .radlex: SSSOMEmitter.prefix(.radlex).expansion + m.code
        }
    }

    /// `coverage.html`: mapped share per annex and by relationship.
    func coverage() -> String {
        let report = CoverageReport(catalog)
        let rows = (report.annexes + [report.total]).map { row -> String in
            let name = row.annex.map { n in "<a href=\"\(H.annexPath(n))\">\(H.both("Phụ lục \(n)", "Annex \(n)"))</a>" } ?? H.both("Tất cả", "All")
            let by = { (r: MappingRelationship) in String(row.mappingsByRelationship[r] ?? 0) }
            return "<tr><th scope=\"row\">\(name)</th><td>\(row.entries)</td><td>\(row.mapped)</td><td>\(row.percentText)</td><td>\(by(.equivalent))</td><td>\(by(.sourceIsNarrowerThanTarget))</td><td>\(by(.sourceIsBroaderThanTarget))</td><td>\(by(.relatedTo))</td><td>\(row.unmappedWithReason)</td></tr>"
        }
        let body = """
        <h1>Độ phủ ánh xạ · <span lang="en">Mapping coverage</span></h1>
        <p>\(H.both("Mục đang dùng (không tính mục đã loại bỏ) có ít nhất một ánh xạ LOINC hoặc RadLex, và số ánh xạ theo quan hệ.", "Entries in use (retired ones not counted) with at least one LOINC or RadLex mapping, and mappings by relationship."))</p>
        <div class="table"><table>
        <thead><tr><th scope="col">\(H.both("Phụ lục", "Annex"))</th><th scope="col">\(H.both("Mục", "Entries"))</th><th scope="col">\(H.both("Có ánh xạ", "Mapped"))</th><th scope="col">%</th><th scope="col" lang="en">equivalent</th><th scope="col" lang="en">narrower</th><th scope="col" lang="en">broader</th><th scope="col" lang="en">related</th><th scope="col">\(H.both("Chưa ánh xạ, có lý do", "Unmapped, reason given"))</th></tr></thead>
        <tbody>
        \(rows.joined(separator: "\n"))
        </tbody>
        </table></div>
        """
        return H.page(catalog, root: "", title: "Độ phủ ánh xạ · Coverage", body: body)
    }
}
