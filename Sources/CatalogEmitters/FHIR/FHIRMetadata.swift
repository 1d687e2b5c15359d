import CatalogCore

/// The metadata every resource of the package carries: edition, status, publisher,
/// jurisdiction and copyright.
enum FHIRMetadata {
    /// The catalog is Viet Nam's national catalog: ISO 3166 `VN` as FHIR writes a country
    /// jurisdiction.
    static let jurisdictionSystem = "urn:iso:std:iso:3166"
    static let jurisdictionCode = "VN"

    /// Writes `version` to `copyright` (nil members are left out: FHIR allows no empty value).
    static func write(_ m: CatalogMetadata, name: String, title: String, copyright: String?, to w: inout JSONWriter) {
        w.field("version", m.version.description)
        w.field("name", name)
        w.field("title", title)
        w.field("status", m.status.rawValue)
        w.field("experimental", m.experimental)
        w.field("date", m.effectiveDate)
        w.field("publisher", m.publisher)
        w.key("jurisdiction")
        w.array { w in
            w.object { w in
                w.key("coding")
                w.array { w in w.object { w in w.field("system", jurisdictionSystem); w.field("code", jurisdictionCode) } }
            }
        }
        w.field("copyright", copyright)
    }
}
