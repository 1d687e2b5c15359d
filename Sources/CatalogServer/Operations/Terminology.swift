import CatalogCore

/// The operations of the server over one ``ReleaseSet`` (one request's snapshot). Each
/// operation takes its ``OperationInput`` and returns the FHIR resource it answers with, or
/// throws a ``FHIRError``.
public struct Terminology: Sendable {
    public let releases: ReleaseSet
    /// The language the client prefers (from `Accept-Language`), used when the request gives
    /// no `displayLanguage`.
    public let acceptLanguage: DisplayLanguage?

    public init(releases: ReleaseSet, acceptLanguage: DisplayLanguage? = nil) {
        self.releases = releases
        self.acceptLanguage = acceptLanguage
    }

    /// The release a request names by CodeSystem `system` and `version`: the system must be
    /// the catalog's (when given) and the version one that is served.
    func release(system: String?, version: String?, operation: String) throws -> ServedRelease {
        guard let latest = releases.latest else { throw FHIRError(.serviceUnavailable, .exception, "no release is loaded") }
        if let system, system != latest.codeSystemUrl {
            throw FHIRError(.notFound, .notFound, "A definition for CodeSystem '\(system)' could not be found; this server serves '\(latest.codeSystemUrl)'", expression: "system")
        }
        guard let release = releases.release(version) else {
            throw FHIRError(.notFound, .notFound, "A definition for CodeSystem '\(latest.codeSystemUrl)' version '\(version ?? "")' could not be found. Valid versions: \(servedVersions)", expression: "version")
        }
        return release
    }

    /// The served versions, for messages.
    var servedVersions: String {
        releases.releases.map(\.version).joined(separator: ", ")
    }

    /// The display language of a request: `displayLanguage`, else `Accept-Language`, else
    /// Vietnamese (the CodeSystem's language).
    func language(_ input: OperationInput) throws -> DisplayLanguage {
        if let given = try input.string("displayLanguage") { return DisplayLanguage(tag: given) ?? .vi }
        return acceptLanguage ?? .vi
    }

    /// The display of `entry` in `language`.
    static func display(_ entry: Entry, _ language: DisplayLanguage) -> String {
        language == .en ? entry.nameEn : entry.nameVi
    }

    /// Splits `url|version` into its two parts.
    static func canonical(_ text: String?) -> (url: String?, version: String?) {
        guard let text else { return (nil, nil) }
        guard let bar = text.firstIndex(of: "|") else { return (text, nil) }
        return (String(text[..<bar]), String(text[text.index(after: bar)...]))
    }
}

/// The two languages of the catalog's displays.
public enum DisplayLanguage: String, Sendable {
    case vi, en

    /// The language of a BCP 47 tag ("vi", "vi-VN", "en-US"); nil for another language.
    public init?(tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard let language = DisplayLanguage(rawValue: primary) else { return nil }
        self = language
    }

    /// The preferred catalog language of an `Accept-Language` header: the first of vi or en
    /// in order of quality; nil when it names neither.
    public init?(acceptLanguage header: String) {
        var best: (DisplayLanguage, Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = DisplayLanguage(tag: tag) else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            if q > 0, best == nil || q > best!.1 { best = (language, q) }
        }
        guard let best else { return nil }
        self = best.0
    }
}

import Foundation
