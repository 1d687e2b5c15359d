/// One attribute of an entry, described once for every stage that reads, checks, writes or
/// compares it: the source schema and decoder, the validator, the release reader, each
/// artifact family (JSON, CSV, SQL, FHIR, Swift, XLSX, site), the spreadsheet importer and
/// the diff. A new attribute is a property of ``LaboratoryAttributes`` or
/// ``ImagingAttributes`` and one row of ``EntryFields/attributes``.
public struct EntryField: Sendable {
    /// The field's name in the sources, catalog.json, CSV headers and FHIR property codes.
    public let name: String
    /// The kind of entry that has it.
    public let kind: AnnexKind
    /// Whether every entry of ``kind`` must give it.
    public let required: Bool
    /// The allowed raw values, in declaration order, or nil for free text.
    public let allowedValues: [String]?
    /// The Vietnamese label (site, workbook headings).
    public let labelVi: String
    /// The English label.
    public let labelEn: String
    /// How a message names it ("body region").
    public let spokenName: String
    /// The column in the SQL `entry` table.
    public let sqlColumn: String
    /// The FHIR CodeSystem property's description.
    public let fhirDescription: String
    /// The source schema's description.
    public let schemaDescription: String
    /// The Swift package's type for a vocabulary field, its documentation and its case names
    /// (in ``allowedValues`` order).
    public let swiftType: (name: String, doc: String, cases: [String])?
    /// The SQL format that added the column to the `entry` table, or nil for a column there
    /// from the first format. A later column comes after the history columns (where the upgrade
    /// script's `ALTER TABLE … ADD COLUMN` puts it), so fresh and upgraded tables agree.
    public let sqlAddedIn: String?
    /// The workbook column's width, in characters.
    public let columnWidth: Double
    /// The field's position in ``EntryFields/attributes``.
    public internal(set) var position: Int = 0
    /// Reads the raw value from an entry's attributes; nil when absent or of another kind.
    let value: @Sendable (Attributes) -> String?

    /// The FHIR property type: `code` for a vocabulary, `string` for text.
    public var fhirType: String { allowedValues == nil ? "string" : "code" }
}

/// The registry of entry attributes, in the order every artifact lists them (laboratory
/// first, then imaging).
public enum EntryFields {
    public static let attributes: [EntryField] = [
        EntryField(
            name: "specimen", kind: .laboratory, required: true, allowedValues: Specimen.allowedValues,
            labelVi: "Bệnh phẩm", labelEn: "Specimen", spokenName: "specimen", sqlColumn: "specimen",
            fhirDescription: "Laboratory specimen", schemaDescription: "Laboratory: specimen.",
            swiftType: ("Specimen", "The specimen a laboratory test is performed on.", caseNames(Specimen.self)), sqlAddedIn: nil, columnWidth: 16,
            value: { $0.laboratoryAttributes?.specimen.rawValue }),
        EntryField(
            name: "method", kind: .laboratory, required: false, allowedValues: nil,
            labelVi: "Phương pháp", labelEn: "Method", spokenName: "method", sqlColumn: "method",
            fhirDescription: "Laboratory method", schemaDescription: "Laboratory: method, where it matters.",
            swiftType: nil, sqlAddedIn: nil, columnWidth: 24,
            value: { $0.laboratoryAttributes?.method }),
        EntryField(
            name: "scale", kind: .laboratory, required: false, allowedValues: ResultScale.allowedValues,
            labelVi: "Kiểu kết quả", labelEn: "Result scale", spokenName: "result scale", sqlColumn: "scale",
            fhirDescription: "Laboratory result scale the national name states: quantitative (LOINC Qn) or qualitative (Ord, Nom)",
            schemaDescription: "Laboratory: quantitative or qualitative, where the national name states it ('Định lượng', 'Định tính').",
            swiftType: ("ResultScale", "Quantitative or qualitative, as the national name states it.", caseNames(ResultScale.self)),
            sqlAddedIn: "2.3.0", columnWidth: 13,
            value: { $0.laboratoryAttributes?.scale?.rawValue }),
        EntryField(
            name: "modality", kind: .imaging, required: true, allowedValues: Modality.allowedValues,
            labelVi: "Phương thức", labelEn: "Modality", spokenName: "modality", sqlColumn: "modality",
            fhirDescription: "Imaging modality", schemaDescription: "Imaging: modality.",
            swiftType: ("Modality", "Imaging modality (LOINC/RSNA Playbook abbreviations).", caseNames(Modality.self)), sqlAddedIn: nil, columnWidth: 11,
            value: { $0.imagingAttributes?.modality.rawValue }),
        EntryField(
            name: "bodyRegion", kind: .imaging, required: true, allowedValues: BodyRegion.allowedValues,
            labelVi: "Vùng cơ thể", labelEn: "Body region", spokenName: "body region", sqlColumn: "body_region",
            fhirDescription: "Imaging body region", schemaDescription: "Imaging: body region.",
            swiftType: ("BodyRegion", "Body region of an imaging procedure.", caseNames(BodyRegion.self)), sqlAddedIn: nil, columnWidth: 16,
            value: { $0.imagingAttributes?.bodyRegion.rawValue }),
        EntryField(
            name: "contrast", kind: .imaging, required: true, allowedValues: Contrast.allowedValues,
            labelVi: "Thuốc cản quang", labelEn: "Contrast", spokenName: "contrast", sqlColumn: "contrast",
            fhirDescription: "Imaging contrast", schemaDescription: "Imaging: contrast.",
            swiftType: ("Contrast", "Contrast use in an imaging procedure.", caseNames(Contrast.self)), sqlAddedIn: nil, columnWidth: 14,
            value: { $0.imagingAttributes?.contrast.rawValue }),
        EntryField(
            name: "laterality", kind: .imaging, required: true, allowedValues: Laterality.allowedValues,
            labelVi: "Bên", labelEn: "Laterality", spokenName: "laterality", sqlColumn: "laterality",
            fhirDescription: "Imaging laterality", schemaDescription: "Imaging: laterality.",
            swiftType: ("Laterality", "Laterality of an imaging procedure.", caseNames(Laterality.self)), sqlAddedIn: nil, columnWidth: 11,
            value: { $0.imagingAttributes?.laterality.rawValue }),
    ].enumerated().map { i, field in
        var f = field
        f.position = i
        return f
    }

    /// The Swift names of a vocabulary's cases.
    private static func caseNames<V: Vocabulary>(_ type: V.Type) -> [String] { V.allCases.map { "\($0)" } }

    /// The attributes of entries of `kind`, in order.
    public static func attributes(of kind: AnnexKind) -> [EntryField] {
        kind == .laboratory ? laboratory : imaging
    }
    private static let laboratory = attributes.filter { $0.kind == .laboratory }
    private static let imaging = attributes.filter { $0.kind == .imaging }

    /// The attribute named `name`, if any.
    public static func attribute(named name: String) -> EntryField? {
        attributes.first { $0.name == name }
    }
}
