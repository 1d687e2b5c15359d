/// Where one entry's fields are written in the sources, kept after compilation (which drops
/// the source records) so that a later stage — the release gate, the diff — can point a
/// diagnostic at the field that changed. Only positions are kept, never the values: a
/// ``SourceLocation`` is 12 bytes, so this costs a few hundred bytes per entry.
public struct EntryLocations: Sendable, Equatable {
    /// Where the entry begins (its mapping or element).
    public var entry: SourceLocation
    public var code: SourceLocation?
    public var nameVi: SourceLocation?
    public var nameEn: SourceLocation?
    public var group: SourceLocation?
    public var status: SourceLocation?
    public var replacedBy: SourceLocation?
    /// Where each attribute is written, by ``EntryField/position``.
    public var attributes: [SourceLocation?] = []
    /// Each national code's `MA_TUONG_DUONG` with where its item begins, in source order.
    public var nationalCodes: [(maTuongDuong: String, location: SourceLocation)] = []
    /// Each mapping's system and code with where it begins, in source order.
    public var mappings: [(system: String, code: String, location: SourceLocation)] = []

    public init(entry: SourceLocation) { self.entry = entry }

    /// The positions of `source`'s fields.
    public init(_ source: SourceEntry) {
        entry = source.location
        code = source.code?.location
        nameVi = source.nameVi?.location
        nameEn = source.nameEn?.location
        group = source.group?.location
        status = source.status?.location
        replacedBy = source.replacedBy?.location
        attributes = source.attributes.map { $0?.location }
        nationalCodes = source.nationalCodes.map { ($0.maTuongDuong?.value ?? "", $0.location) }
        mappings = source.mappings.map { ($0.system?.value ?? "", $0.code?.value ?? "", $0.location) }
    }

    /// Where the attribute named `field` (one of ``EntryFields/attributes``) is written.
    public func attribute(_ field: String) -> SourceLocation? {
        guard let f = EntryFields.attribute(named: field), attributes.indices.contains(f.position) else { return nil }
        return attributes[f.position]
    }

    /// Where the mapping to `code` (of `system`, when given) is written.
    public func mapping(code: String, system: String? = nil) -> SourceLocation? {
        mappings.first { $0.code == code && (system == nil || $0.system == system) }?.location
    }

    /// Where the national code `maTuongDuong` is written.
    public func nationalCode(_ maTuongDuong: String) -> SourceLocation? {
        nationalCodes.first { $0.maTuongDuong == maTuongDuong }?.location
    }

    public static func == (a: EntryLocations, b: EntryLocations) -> Bool {
        a.entry == b.entry && a.code == b.code && a.nameVi == b.nameVi && a.nameEn == b.nameEn && a.group == b.group
            && a.status == b.status && a.replacedBy == b.replacedBy && a.attributes == b.attributes
            && a.nationalCodes.map(\.location) == b.nationalCodes.map(\.location) && a.mappings.map(\.location) == b.mappings.map(\.location)
    }
}
