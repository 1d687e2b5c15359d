import CatalogCore
import CatalogRelease

extension Terminology {
    /// The most concepts one expansion returns when no `count` is given.
    static let maximumExpansion = 10_000

    /// `ValueSet/$expand`: the value set's codes, filtered by `filter` (words matched against
    /// the code, the Vietnamese and English names and the national codes, with or without
    /// Vietnamese diacritics), paged by `offset`/`count` with `total`, in `displayLanguage`,
    /// with `activeOnly` and `includeDesignations`.
    public func expand(_ input: OperationInput, instance: String? = nil) throws -> JSONValue {
        let (valueSet, release) = try self.valueSet(input, instance: instance)
        let language = try self.language(input)
        let filter = try input.string("filter")
        let activeOnly = try input.bool("activeOnly") ?? false
        let designations = try input.bool("includeDesignations") ?? false
        let offset = try input.int("offset") ?? 0
        let count = try input.int("count")
        let words = filter.map { TextChecks.searchKey($0).split(separator: " ").map(String.init) } ?? []
        var positions: [Int] = []
        let candidates: [Int] = valueSet.valueSetCodes.map { $0.compactMap { release.byCode[$0] } } ?? Array(release.catalog.entries.indices)
        for i in candidates {
            let e = release.catalog.entries[i]
            if activeOnly && e.status == .retired { continue }
            if !words.isEmpty {
                let key = release.searchKeys[i]
                guard words.allSatisfy({ key.contains($0) }) else { continue }
            }
            positions.append(i)
        }
        if count == nil, positions.count > Self.maximumExpansion {
            throw FHIRError(.unprocessableContent, .tooCostly, "the expansion has \(positions.count) concepts, more than \(Self.maximumExpansion); page it with 'count' and 'offset' or narrow it with 'filter'")
        }
        let page = positions.dropFirst(offset).prefix(count ?? Self.maximumExpansion)
        var parameters: [JSONValue] = []
        func parameter(_ name: String, _ type: String, _ value: JSONValue) {
            parameters.append(.object([("name", .string(name)), ("value" + type, value)]))
        }
        if let filter { parameter("filter", "String", .string(filter)) }
        parameter("displayLanguage", "Code", .string(language.rawValue))
        if activeOnly { parameter("activeOnly", "Boolean", .bool(true)) }
        if designations { parameter("includeDesignations", "Boolean", .bool(true)) }
        parameter("offset", "Integer", .int(offset))
        if let count { parameter("count", "Integer", .int(count)) }
        parameter("used-codesystem", "Uri", .string(release.codeSystemUrl + "|" + release.version))
        let contains: [JSONValue] = page.map { i in
            let e = release.catalog.entries[i]
            return .members([
                ("system", .string(release.codeSystemUrl)),
                ("version", .string(release.version)),
                ("inactive", e.status == .retired ? .bool(true) : nil),
                ("code", .string(e.code)),
                ("display", .string(Self.display(e, language))),
                ("designation", designations ? .array([("vi", e.nameVi), ("en", e.nameEn)].map { lang, value in
                    .object([("language", .string(lang)), ("use", Self.displayUse), ("value", .string(value))])
                }) : nil),
            ])
        }
        // The identifier names this expansion of this release exactly (same request, same
        // identifier), which keeps responses byte-stable for their ETag.
        let key = [valueSet.url, valueSet.version, filter ?? "", language.rawValue, "\(activeOnly)", "\(designations)", "\(offset)", count.map(String.init) ?? ""].joined(separator: "\u{1F}")
        let digest = FileDigest.of(bytes: Array(key.utf8)).sha256
        var expansion: [(String, JSONValue?)] = [
            ("identifier", .string("urn:uuid:" + Self.uuid(fromHex: digest))),
            ("timestamp", .string(release.catalog.metadata.effectiveDate)),
            ("total", .int(positions.count)),
            ("offset", .int(offset)),
            ("parameter", .array(parameters)),
        ]
        if !contains.isEmpty { expansion.append(("contains", .array(contains))) }
        return .members([
            ("resourceType", .string("ValueSet")),
            ("id", .string(valueSet.id)),
            ("url", .string(valueSet.url)),
            ("version", .string(valueSet.version)),
            ("name", valueSet.name.map(JSONValue.string)),
            ("title", valueSet.title.map(JSONValue.string)),
            ("status", valueSet.status.map(JSONValue.string)),
            ("expansion", .members(expansion)),
        ])
    }

    /// A version-5-shaped UUID text from the first 32 hex digits of a digest.
    static func uuid(fromHex hex: String) -> String {
        var digits = Array(hex.prefix(32))
        digits[12] = "5"
        let variant = "89ab"
        digits[16] = variant[variant.index(variant.startIndex, offsetBy: Int(String(digits[16]), radix: 16)! % 4)]
        let s = String(digits)
        func part(_ from: Int, _ length: Int) -> Substring { s.dropFirst(from).prefix(length) }
        return "\(part(0, 8))-\(part(8, 4))-\(part(12, 4))-\(part(16, 4))-\(part(20, 12))"
    }
}
