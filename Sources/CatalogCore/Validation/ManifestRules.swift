/// Rules on the catalog manifest: identity, edition, and the annex table.
struct ManifestRules {
    /// The annex settings the manifest declares, once valid.
    struct AnnexPlan {
        var spec: SourceAnnexSpec
        var number: Int
        var prefix: String
        var kind: AnnexKind
        var serialWidth: Int
        var expectedCount: Int
        var titleVi: String
        var titleEn: String
        var format: CodeFormat { CodeFormat(prefix: prefix, serialWidth: serialWidth) }
    }

    /// Validates the manifest; returns its metadata and annex plans when they are complete.
    static func check(_ m: SourceManifest, _ ctx: inout ValidationContext) -> (CatalogMetadata?, [AnnexPlan]) {
        let url = ctx.requireText(m.canonicalUrl, "canonicalUrl")
        if let url, let loc = m.canonicalUrl?.location {
            ctx.require(isCanonicalURL(url), .manifestValue, "'canonicalUrl' must be an absolute http(s) URL without query, fragment or trailing slash, not '\(url)'", at: loc)
        }
        let oid = ctx.requireText(m.oid, "oid")
        if let oid, let loc = m.oid?.location {
            ctx.require(isOID(oid), .manifestValue, "'oid' must be a dotted ISO object identifier such as 2.16.704.1, not '\(oid)'", at: loc)
        }
        let name = ctx.requireText(m.name, "name")
        if let name, let loc = m.name?.location {
            let bytes = Array(name.utf8)
            ctx.require(!bytes.isEmpty && ASCII.isUpper(bytes[0]) && bytes.allSatisfy { ASCII.isUpper($0) || ASCII.isLowerOrDigit($0) || $0 == UInt8(ascii: "_") },
                        .manifestValue, "'name' must start with a capital letter and use only letters, digits and '_' (FHIR name), not '\(name)'", at: loc)
        }
        let titleVi = ctx.requireText(m.titleVi, "titleVi")
        let titleEn = ctx.requireText(m.titleEn, "titleEn")
        let publisher = ctx.requireText(m.publisher, "publisher")
        let description = ctx.requireText(m.description, "description")
        let legal = m.legalBasis.compactMap { ctx.requireText($0, "legalBasis") }
        var license: String?
        if let l = m.license {
            license = ctx.checkText(l, "license")
            if let value = license {
                ctx.require(isHTTPURL(value), .manifestValue, "'license' must be an absolute http(s) URL naming a licence, not '\(value)'", at: l.location)
            }
        }
        let status = ctx.vocabulary(m.status, "edition status", as: EditionStatus.self) ?? .draft
        var experimental = false
        if let e = m.experimental {
            experimental = e.value == "true"
            if e.value != "true" && e.value != "false" {
                ctx.diagnostics.error(.valueNotAllowed, "'experimental' must be true or false, not '\(e.value)'", at: e.location)
            }
        }
        var version: SemanticVersion?
        if let v = m.version {
            version = SemanticVersion(v.value)
            ctx.require(version != nil, .malformedValue, "'version' must be a Semantic Version such as 2026.1.0 (no leading zeros, no build metadata), not '\(v.value)'", at: v.location)
        }
        var effectiveDate: String?
        if let d = m.effectiveDate {
            effectiveDate = isISODate(d.value) ? d.value : nil
            ctx.require(effectiveDate != nil, .malformedValue, "'effectiveDate' must be a calendar date written YYYY-MM-DD, not '\(d.value)'", at: d.location)
        }
        let plans = annexPlans(m.annexes, &ctx)
        CoverageRules.checkFormat(m.minimumCoverage, &ctx)
        for spec in m.annexes { CoverageRules.checkFormat(spec.minimumCoverage, &ctx) }
        guard let url, let oid, let name, let titleVi, let titleEn, let version, let effectiveDate,
              let publisher, let description else { return (nil, plans) }
        let metadata = CatalogMetadata(
            canonicalUrl: url, oid: oid, name: name, titleVi: titleVi, titleEn: titleEn, version: version,
            effectiveDate: effectiveDate, publisher: publisher, legalBasis: legal, description: description,
            license: license, status: status, experimental: experimental)
        return (metadata, plans)
    }

    private static func annexPlans(_ specs: [SourceAnnexSpec], _ ctx: inout ValidationContext) -> [AnnexPlan] {
        var plans: [AnnexPlan] = []
        var numbers: [Int: SourceLocation] = [:], prefixes: [String: SourceLocation] = [:], files: [String: SourceLocation] = [:]
        for spec in specs {
            let number = ctx.integer(spec.number, "number", in: 1...99)
            let width = ctx.integer(spec.serialWidth, "serialWidth", in: 1...9)
            let expected = ctx.integer(spec.expectedCount, "expectedCount", in: 0...100_000_000)
            let kind = ctx.vocabulary(spec.kind, "annex kind", as: AnnexKind.self)
            let titleVi = ctx.requireText(spec.titleVi, "titleVi")
            let titleEn = ctx.requireText(spec.titleEn, "titleEn")
            var prefix: String?
            if let p = spec.prefix {
                let bytes = Array(p.value.utf8)
                if (2...4).contains(bytes.count), bytes.allSatisfy(ASCII.isUpper) { prefix = p.value } else {
                    ctx.diagnostics.error(.manifestValue, "'prefix' must be two to four capital letters A-Z, not '\(p.value)'", at: p.location)
                }
            }
            if let f = spec.file {
                let lower = f.value.lowercased()
                // A path leaving the folder is refused by the loader (LT0106), before it is read.
                let leaves = f.value.contains("..") || f.value.hasPrefix("/") || f.value.hasPrefix("\\")
                if !leaves, !(lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".xml")) {
                    ctx.diagnostics.error(.manifestValue, "'file' must be a .yaml, .yml or .xml path inside the catalog folder, not '\(f.value)'", at: f.location)
                }
            }
            // A duplicate is reported once and the later annex gets no plan, so its entries are
            // not judged against settings that belong to another annex.
            var unique = true
            if let f = spec.file { unique = noteDuplicate(f.value, f.location, in: &files, "file", &ctx) && unique }
            if let number, let loc = spec.number?.location { unique = noteDuplicate(number, loc, in: &numbers, "number", &ctx) && unique }
            if let prefix, let loc = spec.prefix?.location { unique = noteDuplicate(prefix, loc, in: &prefixes, "prefix", &ctx) && unique }
            if unique, let number, let width, let expected, let kind, let titleVi, let titleEn, let prefix {
                plans.append(AnnexPlan(spec: spec, number: number, prefix: prefix, kind: kind, serialWidth: width,
                                       expectedCount: expected, titleVi: titleVi, titleEn: titleEn))
            }
        }
        return plans.sorted { $0.number < $1.number }
    }

    /// Records `key`; reports it and returns false if an earlier annex already has it.
    private static func noteDuplicate<K: Hashable>(_ key: K, _ location: SourceLocation, in seen: inout [K: SourceLocation], _ field: String, _ ctx: inout ValidationContext) -> Bool {
        if let first = seen[key] {
            ctx.diagnostics.error(.duplicateAnnex, "two annexes share the \(field) '\(key)'", at: location, notes: [.init("first declared here", at: first)])
            return false
        }
        seen[key] = location
        return true
    }

    /// An absolute http(s) URL with a host, no query or fragment, no trailing slash, no spaces.
    static func isCanonicalURL(_ s: String) -> Bool {
        isHTTPURL(s) && !s.hasSuffix("/") && !s.contains { $0 == "?" || $0 == "#" }
    }

    /// An absolute http(s) URL with a host and no whitespace; enough for a licence URL (a
    /// trailing slash or a fragment is fine; Creative Commons' URLs end with one).
    static func isHTTPURL(_ s: String) -> Bool {
        let rest: Substring
        if s.hasPrefix("https://") { rest = s.dropFirst(8) } else if s.hasPrefix("http://") { rest = s.dropFirst(7) } else { return false }
        guard let host = rest.split(separator: "/", omittingEmptySubsequences: false).first, !host.isEmpty else { return false }
        return !s.contains { $0.isWhitespace }
    }

    /// A dotted OID: first arc 0-2, further arcs without leading zeros.
    static func isOID(_ s: String) -> Bool {
        let arcs = s.split(separator: ".", omittingEmptySubsequences: false)
        guard arcs.count >= 2, let first = arcs.first, ["0", "1", "2"].contains(first) else { return false }
        return arcs.allSatisfy { arc in !arc.isEmpty && arc.utf8.allSatisfy(ASCII.isDigit) && (arc.count == 1 || arc.first != "0") }
    }

    /// A real calendar date written YYYY-MM-DD.
    static func isISODate(_ s: String) -> Bool {
        guard ASCII.matchesDigitShape(s, "0000-00-00") else { return false }
        let parts = s.split(separator: "-").compactMap { Int($0) }
        let (y, m, d) = (parts[0], parts[1], parts[2])
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}
