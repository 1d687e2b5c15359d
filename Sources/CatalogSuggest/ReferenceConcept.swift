import CatalogCore

/// One code of the reference tables the assistant can propose, with the parts it compares:
/// the six LOINC axes for laboratory codes (read from the table when it has them, else from
/// the long common name), the playbook parts for imaging codes (read from the name and the
/// playbook's part columns).
public struct ReferenceConcept: Sendable {
    /// Whether the code names a laboratory test or an imaging procedure.
    public enum Domain: String, Sendable { case laboratory, imaging }

    public var system: MappingSystem
    public var code: String
    /// The name the reference gives (LOINC long common name, playbook long name).
    public var display: String
    public var domain: Domain
    /// The table (path relative to the reference folder) and 1-based line of the row read.
    public var file: String
    public var line: Int
    /// Laboratory axes; nil where neither the table nor the name gives them.
    public var lab: LabAxes?
    /// Imaging parts.
    public var imaging: ImagingParts?
    /// The comparable words of the name (``SuggestText/tokens(_:)``), parts compared as axes left out.
    public var tokens: Set<String>
}

/// The LOINC axes of a laboratory code. Each is the table's value when the source row has the
/// axis columns, else what the long common name says ("Glucose [Mass/volume] in Serum or Plasma").
public struct LabAxes: Sendable, Equatable {
    public var component: String
    public var property: String?
    public var system: String?
    public var scale: String?
    public var method: String?
    /// Whether the axes are the table's own columns (true) or read from the name (false).
    public var fromAxisColumns: Bool
    /// Comparable words of the component and of the method, and the catalog specimens the
    /// system covers (computed once when the table is read).
    public var componentTokens: Set<String> = []
    public var methodTokens: Set<String> = []
    public var specimens: Set<Specimen> = []
    /// Whether the system is the generic "Specimen" / "XXX".
    public var genericSpecimen = false

    /// Fills the derived fields from the axes.
    mutating func derive() {
        componentTokens = Set(SuggestText.tokens(component))
        methodTokens = Set(SuggestText.tokens(method ?? ""))
        if let system {
            (specimens, genericSpecimen) = AxisComparison.specimens(ofSystem: system)
        }
    }
}

/// The playbook parts of an imaging code.
public struct ImagingParts: Sendable, Equatable {
    /// The catalog's modality the code's modality belongs to (CTA → CT, RFA → XA, …), nil for
    /// modalities the catalog has none of (NM, PET, guidance).
    public var modality: Modality?
    /// The modality as the name writes it (CT, CTA, US.doppler, Portable XR…).
    public var modalityText: String
    /// The contrast the name states; nil when it states none.
    public var contrast: Contrast?
    public var laterality: Laterality?
    /// The numbers of views the name allows: "2 Views" 2…2, "1 or 2 Views" 1…2, "3+ Views"
    /// 3…99, named projections ("AP and Lateral") their count; nil when it states none.
    public var views: ClosedRange<Int>?
    /// The projections the name names (ap, lateral, oblique…), when it names them.
    public var projections: Set<String> = []
    /// The name without modality, contrast, views and laterality: the anatomy.
    public var region: String
}
