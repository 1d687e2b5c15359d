/// Kind-specific attributes of an entry: what a laboratory test is performed on, or how and
/// where an imaging procedure is done. Every stage reads them field by field through
/// ``EntryFields``, so a new attribute is a property here and a row there.
public enum Attributes: Sendable, Equatable {
    case laboratory(LaboratoryAttributes)
    case imaging(ImagingAttributes)

    /// The annex kind these attributes belong to.
    public var kind: AnnexKind {
        switch self {
        case .laboratory: .laboratory
        case .imaging: .imaging
        }
    }

    /// The laboratory attributes, or nil for an imaging entry.
    public var laboratoryAttributes: LaboratoryAttributes? { if case let .laboratory(a) = self { a } else { nil } }
    /// The imaging attributes, or nil for a laboratory entry.
    public var imagingAttributes: ImagingAttributes? { if case let .imaging(a) = self { a } else { nil } }

    /// Laboratory attributes, field by field.
    public static func laboratory(specimen: Specimen, method: String?) -> Attributes {
        .laboratory(LaboratoryAttributes(specimen: specimen, method: method))
    }

    /// Imaging attributes, field by field.
    public static func imaging(modality: Modality, bodyRegion: BodyRegion, contrast: Contrast, laterality: Laterality) -> Attributes {
        .imaging(ImagingAttributes(modality: modality, bodyRegion: bodyRegion, contrast: contrast, laterality: laterality))
    }

    /// The attributes of `kind` spelled by `values` (raw values by ``EntryField/name``, as the
    /// sources and every artifact write them), or nil when a required one is missing or a
    /// value is not allowed. Callers that report why (the validator, the release reader) check
    /// each field against ``EntryFields`` first.
    public init?(kind: AnnexKind, values: [String: String]) {
        switch kind {
        case .laboratory:
            guard let a = LaboratoryAttributes(values: values) else { return nil }
            self = .laboratory(a)
        case .imaging:
            guard let a = ImagingAttributes(values: values) else { return nil }
            self = .imaging(a)
        }
    }

    /// The raw value of `field` (nil when the entry has none: another kind's field, or an
    /// optional field not given).
    public func value(of field: EntryField) -> String? { field.value(self) }
}

/// The attributes of a laboratory entry.
public struct LaboratoryAttributes: Sendable, Equatable {
    /// The specimen the test is performed on.
    public var specimen: Specimen
    /// The method, where the national list fixes it.
    public var method: String?
    /// Quantitative or qualitative, where the national name says which.
    public var scale: ResultScale?

    public init(specimen: Specimen, method: String? = nil, scale: ResultScale? = nil) {
        self.specimen = specimen
        self.method = method
        self.scale = scale
    }

    /// Reads the attributes from raw values by field name (see ``Attributes/init(kind:values:)``).
    init?(values: [String: String]) {
        guard let specimen = values["specimen"].flatMap(Specimen.init(rawValue:)) else { return nil }
        self.init(specimen: specimen, method: values["method"], scale: values["scale"].flatMap(ResultScale.init(rawValue:)))
    }
}

/// The attributes of an imaging entry.
public struct ImagingAttributes: Sendable, Equatable {
    public var modality: Modality
    public var bodyRegion: BodyRegion
    public var contrast: Contrast
    public var laterality: Laterality

    public init(modality: Modality, bodyRegion: BodyRegion, contrast: Contrast, laterality: Laterality) {
        self.modality = modality
        self.bodyRegion = bodyRegion
        self.contrast = contrast
        self.laterality = laterality
    }

    /// Reads the attributes from raw values by field name (see ``Attributes/init(kind:values:)``).
    init?(values: [String: String]) {
        guard let modality = values["modality"].flatMap(Modality.init(rawValue:)),
              let bodyRegion = values["bodyRegion"].flatMap(BodyRegion.init(rawValue:)),
              let contrast = values["contrast"].flatMap(Contrast.init(rawValue:)),
              let laterality = values["laterality"].flatMap(Laterality.init(rawValue:))
        else { return nil }
        self.init(modality: modality, bodyRegion: bodyRegion, contrast: contrast, laterality: laterality)
    }
}

extension Entry {
    /// The laboratory specimen, or nil for an imaging entry.
    public var specimen: Specimen? { attributes.laboratoryAttributes?.specimen }
    /// The laboratory method, if given.
    public var method: String? { attributes.laboratoryAttributes?.method }
    /// The imaging attributes, or nil for a laboratory entry.
    public var imaging: ImagingAttributes? { attributes.imagingAttributes }
}
