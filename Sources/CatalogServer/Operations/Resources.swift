import CatalogCore

extension Terminology {
    /// `GET <type>/<id>`: the resource as published in the latest release (earlier versions
    /// are found by search with `version`).
    public func read(type: String, id: String) throws -> (resource: PackageResource, release: ServedRelease) {
        guard let latest = releases.latest else { throw FHIRError(.serviceUnavailable, .exception, "no release is loaded") }
        guard let found = latest.resources(ofType: type).first(where: { $0.id == id }) else {
            throw FHIRError(.notFound, .notFound, "\(type)/\(id) is not known to this server; GET \(type) lists the \(type) resources served")
        }
        return (found, latest)
    }

    /// `GET <type>?url=&version=&name=&status=`: a searchset Bundle of every served release's
    /// resources that match, newest release first.
    public func search(type: String, _ query: [(String, String)], baseURL: String) throws -> JSONValue {
        var url: String?, version: String?, name: String?, status: String?, id: String?
        for (key, value) in query {
            switch key {
            case "url": (url, version) = { let c = Self.canonical(value); return (c.url, c.version ?? version) }()
            case "version": version = value
            case "name", "name:contains": name = value
            case "status": status = value
            case "_id": id = value
            default: continue
            }
        }
        var matches: [PackageResource] = []
        for release in releases.releases.reversed() {
            for r in release.resources(ofType: type) {
                if let url, r.url != url { continue }
                if let version, r.version != version { continue }
                if let id, r.id != id { continue }
                if let status, r.status != status { continue }
                if let name, !TextChecks.searchKey(r.name ?? "").contains(TextChecks.searchKey(name)) { continue }
                matches.append(r)
            }
        }
        return .members([
            ("resourceType", .string("Bundle")),
            ("type", .string("searchset")),
            ("total", .int(matches.count)),
            ("entry", matches.isEmpty ? nil : .array(matches.map { r in
                .object([("fullUrl", .string(baseURL + "/" + type + "/" + r.id)), ("resource", .raw(r.bytes)),
                         ("search", .object([("mode", .string("match"))]))])
            })),
        ])
    }
}
