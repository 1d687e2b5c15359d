import CatalogCore
import Foundation

/// Reads a published `json/catalog.json` back into a ``Catalog``, so that a released version
/// can be compared with another (``CatalogDiff``) without its sources.
///
/// Everything the artifact carries comes back exactly: emitting the catalog read back gives
/// the same bytes (a test proves it on the real catalog). Two annex settings are not
/// published and are rebuilt: `serialWidth` from the annex's codes (prefix, serial, check
/// character), and `expectedCount` as the annex's entries in use.
public enum CatalogJSONReader {
    /// Decodes `bytes` (the content of `path`, named in errors).
    public static func read(_ bytes: [UInt8], path: String) throws -> Catalog {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw ReleaseError.malformed(path, "this is not JSON: \(error.localizedDescription)")
        }
        var r = Fields(path: path, object: object, at: "catalog")
        let version = try r.text("version")
        guard let semver = SemanticVersion(version) else { throw ReleaseError.malformed(path, "'version' is not a Semantic Version: '\(version)'") }
        let metadata = CatalogMetadata(
            canonicalUrl: try r.text("canonicalUrl"), oid: try r.text("oid"), name: try r.text("name"),
            titleVi: try r.text("titleVi"), titleEn: try r.text("titleEn"), version: semver,
            effectiveDate: try r.text("effectiveDate"), publisher: try r.text("publisher"),
            legalBasis: try r.list("legalBasis").map { try Fields(path: path, object: $0, at: "legalBasis").value() },
            description: try r.text("description"), license: try r.optionalText("license"))
        let entries = try r.list("entries").enumerated().map { try entry($1, path: path, at: "entries[\($0)]") }
        let annexes = try r.list("annexes").enumerated().map { i, item -> Annex in
            var a = Fields(path: path, object: item, at: "annexes[\(i)]")
            let number = try a.int("number"), prefix = try a.text("prefix")
            let own = entries.filter { $0.annex == number }
            let width = own.first.map { $0.code.count - prefix.count - 1 } ?? 0
            return Annex(number: number, prefix: prefix, kind: try a.vocabulary("kind"), serialWidth: width,
                         expectedCount: own.filter { $0.status != .retired }.count,
                         titleVi: try a.text("titleVi"), titleEn: try a.text("titleEn"),
                         groups: try a.list("groups").enumerated().map { j, g in
                             var f = Fields(path: path, object: g, at: "annexes[\(i)].groups[\(j)]")
                             return Group(id: try f.text("id"), nameVi: try f.text("nameVi"), nameEn: try f.text("nameEn"))
                         })
        }
        return Catalog(metadata: metadata, annexes: annexes, entries: entries)
    }

    /// One entry object.
    static func entry(_ object: Any, path: String, at place: String) throws -> Entry {
        var e = Fields(path: path, object: object, at: place)
        let attributes: Attributes
        if e.has("modality") {
            attributes = .imaging(modality: try e.vocabulary("modality"), bodyRegion: try e.vocabulary("bodyRegion"),
                                  contrast: try e.vocabulary("contrast"), laterality: try e.vocabulary("laterality"))
        } else {
            attributes = .laboratory(specimen: try e.vocabulary("specimen"), method: try e.optionalText("method"))
        }
        let nationalCodes = try e.list("nationalCodes").map { item in
            var n = Fields(path: path, object: item, at: place + ".nationalCodes")
            return NationalCode(maTuongDuong: try n.text("maTuongDuong"), tt23: try n.optionalText("tt23"))
        }
        let mappings = try e.list("mappings").map { item -> Mapping in
            var m = Fields(path: path, object: item, at: place + ".mappings")
            let uri = try m.text("system")
            guard let system = MappingSystem.allCases.first(where: { $0.uri == uri }) else {
                throw ReleaseError.malformed(path, "\(place).mappings: unknown system '\(uri)'")
            }
            return Mapping(system: system, code: try m.text("code"), display: try m.text("display"),
                           relationship: try m.vocabulary("relationship"), comment: try m.optionalText("comment"))
        }
        return Entry(code: try e.text("code"), annex: try e.int("annex"), group: try e.text("group"), status: try e.vocabulary("status"),
                     statusReason: try e.optionalText("statusReason"), replacedBy: try e.optionalText("replacedBy"),
                     nameVi: try e.text("nameVi"), nameEn: try e.text("nameEn"), nationalCodes: nationalCodes,
                     attributes: attributes, mappings: mappings, unmappedReason: try e.optionalText("unmappedReason"))
    }

    /// Typed access to one JSON object's fields, with errors that name the place.
    struct Fields {
        let path: String
        let object: Any
        let place: String

        init(path: String, object: Any, at place: String) {
            self.path = path
            self.object = object
            self.place = place
        }

        private func fail(_ why: String) -> ReleaseError { .malformed(path, "\(place): \(why)") }
        private var dictionary: [String: Any] { object as? [String: Any] ?? [:] }

        func has(_ key: String) -> Bool { dictionary[key] != nil }

        func value() throws -> String {
            guard let s = object as? String else { throw fail("expected text") }
            return s
        }

        mutating func optionalText(_ key: String) throws -> String? {
            guard let v = dictionary[key], !(v is NSNull) else { return nil }
            guard let s = v as? String else { throw fail("'\(key)' is not text") }
            return s
        }

        mutating func text(_ key: String) throws -> String {
            guard let s = try optionalText(key) else { throw fail("'\(key)' is missing") }
            return s
        }

        mutating func int(_ key: String) throws -> Int {
            guard let n = dictionary[key] as? NSNumber, let i = Int(exactly: n.doubleValue) else { throw fail("'\(key)' is not an integer") }
            return i
        }

        mutating func list(_ key: String) throws -> [Any] {
            guard let v = dictionary[key] else { return [] }
            guard let a = v as? [Any] else { throw fail("'\(key)' is not a list") }
            return a
        }

        mutating func vocabulary<V: Vocabulary>(_ key: String) throws -> V {
            let s = try text(key)
            guard let v = V(rawValue: s) else { throw fail("'\(key)' has an unknown value '\(s)'") }
            return v
        }
    }
}
