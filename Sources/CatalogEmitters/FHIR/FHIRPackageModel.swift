import CatalogCore

/// What the FHIR package publishes beyond the CodeSystem, ValueSets and the LOINC/RadLex maps,
/// as one model both the emitter and `lienthong serve` read: the URIs of the national code list
/// and of the resources, the national code → catalog code map, and the parameters of
/// `$recognize`. The server answers from this model (or from the published files built from
/// it), never from a second construction.
public enum FHIRPackageModel {
    /// The catalog's identifier for the national list's codes (mã tương đương, `CC.TTTT.GGGG`):
    /// a URI under the catalog's own canonical base. It is not an official Ministry of Health
    /// URI: none is published for this list (docs/guide/feeds.md).
    public static func nationalSystem(_ m: CatalogMetadata) -> String { Identifiers(m).base + "/CodeSystem/ma-tuong-duong" }

    /// The canonical base of the package's resources (the CodeSystem URL without `/CodeSystem/<id>`).
    public static func base(_ m: CatalogMetadata) -> String { Identifiers(m).base }

    /// The id and URL of the ConceptMap national code → catalog code.
    public static func nationalMapId(_ m: CatalogMetadata) -> String { m.name + "-" + nationalMapSuffix }
    public static func nationalMapURL(_ m: CatalogMetadata) -> String { Identifiers(m).url("ConceptMap", nationalMapSuffix) }
    static let nationalMapSuffix = "from-national"

    /// The id and URL of the OperationDefinition of `$recognize`.
    public static func recognizeId(_ m: CatalogMetadata) -> String { m.name + "-recognize" }
    public static func recognizeURL(_ m: CatalogMetadata) -> String { Identifiers(m).url("OperationDefinition", "recognize") }

    /// The id of the NamingSystem of the catalog's OID and canonical URL.
    public static func namingSystemId(_ m: CatalogMetadata) -> String { m.name + "-naming" }

    /// One national code and the catalog entries that carry it.
    public struct NationalCodeTargets: Sendable {
        public var code: String
        public var entries: [Entry]
        /// R4 equivalence from the national code to each entry: `equivalent` when it names one
        /// entry, `narrower` (each target narrower than the source) when several share it.
        public var equivalence: String { entries.count == 1 ? "equivalent" : "narrower" }
    }

    /// Every national code of the catalog (of active, deprecated and retired entries), in code
    /// order, with its entries in catalog order.
    public static func nationalCodes(_ catalog: Catalog) -> [NationalCodeTargets] {
        var byCode: [String: [Entry]] = [:]
        for e in catalog.entries {
            for n in e.nationalCodes where !(byCode[n.maTuongDuong]?.contains { $0.code == e.code } ?? false) {
                byCode[n.maTuongDuong, default: []].append(e)
            }
        }
        return byCode.keys.sorted().map { NationalCodeTargets(code: $0, entries: byCode[$0]!) }
    }

    /// One parameter of `$recognize`, as its OperationDefinition declares it and the server reads it.
    public struct Parameter: Sendable {
        public var name: String
        /// "in" or "out".
        public var use: String
        public var min: Int
        /// "1" or "*".
        public var max: String
        /// A FHIR type (`code`, `string`, `uri`, `integer`) or nil for a part-holding parameter.
        public var type: String?
        public var vi: String
        public var en: String
        public var parts: [Parameter] = []
    }

    /// The reason parts of `$recognize` (`reason` and `doctorsFinalSay`).
    static let reasonParts: [Parameter] = [
        Parameter(name: "rule", use: "out", min: 1, max: "1", type: "code", vi: "Mã quy tắc công nhận", en: "Recognition rule id"),
        Parameter(name: "kind", use: "out", min: 1, max: "1", type: "code", vi: "Loại quy tắc", en: "Kind of rule"),
        Parameter(name: "status", use: "out", min: 1, max: "1", type: "code", vi: "Kết quả kiểm tra: met | not-met | unknown", en: "Check result: met | not-met | unknown"),
        Parameter(name: "effect", use: "out", min: 1, max: "1", type: "code", vi: "Tác động lên quyết định", en: "Effect on the decision"),
        Parameter(name: "clause", use: "out", min: 1, max: "1", type: "code", vi: "Điều khoản của thông tư", en: "Clause of the circular"),
        Parameter(name: "citation", use: "out", min: 0, max: "1", type: "string", vi: "Trích dẫn điều khoản", en: "Citation of the clause"),
        Parameter(name: "textVi", use: "out", min: 1, max: "1", type: "string", vi: "Lý do bằng tiếng Việt", en: "The reason in Vietnamese"),
        Parameter(name: "textEn", use: "out", min: 1, max: "1", type: "string", vi: "Lý do bằng tiếng Anh", en: "The reason in English"),
        Parameter(name: "detailVi", use: "out", min: 0, max: "1", type: "string", vi: "Chi tiết bằng tiếng Việt", en: "Detail in Vietnamese"),
        Parameter(name: "detailEn", use: "out", min: 0, max: "1", type: "string", vi: "Chi tiết bằng tiếng Anh", en: "Detail in English"),
    ]

    /// The parameters of `$recognize`, exactly those `lienthong serve` reads and answers.
    public static let recognizeParameters: [Parameter] = [
        Parameter(name: "code", use: "in", min: 1, max: "1", type: "code",
                  vi: "Mã danh mục của kết quả cận lâm sàng", en: "Catalog code of the paraclinical result"),
        Parameter(name: "system", use: "in", min: 0, max: "1", type: "uri",
                  vi: "URL chuẩn của CodeSystem danh mục (mặc định: danh mục này)", en: "Canonical URL of the catalog CodeSystem (default: this catalog)"),
        Parameter(name: "version", use: "in", min: 0, max: "1", type: "string",
                  vi: "Phiên bản danh mục (mặc định: bản phát hành mới nhất)", en: "Catalog version (default: the latest release)"),
        Parameter(name: "performingLevel", use: "in", min: 0, max: "1", type: "integer",
                  vi: "Xét nghiệm: mức chất lượng của phòng xét nghiệm thực hiện (0 trở lên)", en: "Laboratory: quality level of the performing laboratory (0 or more)"),
        Parameter(name: "receivingLevel", use: "in", min: 0, max: "1", type: "integer",
                  vi: "Xét nghiệm: mức chất lượng của phòng xét nghiệm tiếp nhận (0 trở lên)", en: "Laboratory: quality level of the receiving laboratory (0 or more)"),
        Parameter(name: "performingScope", use: "in", min: 0, max: "*", type: "string",
                  vi: "Xét nghiệm: mã phạm vi được công nhận của nơi thực hiện (lặp lại hoặc ngăn cách bằng dấu phẩy)", en: "Laboratory: accredited scope codes of the performing laboratory (repeated or comma-separated)"),
        Parameter(name: "receivingScope", use: "in", min: 0, max: "*", type: "string",
                  vi: "Xét nghiệm: mã phạm vi được công nhận của nơi tiếp nhận (lặp lại hoặc ngăn cách bằng dấu phẩy)", en: "Laboratory: accredited scope codes of the receiving laboratory (repeated or comma-separated)"),
        Parameter(name: "fact", use: "in", min: 0, max: "*", type: "string",
                  vi: "Chẩn đoán hình ảnh: một dữ kiện của ca chụp, dạng TÊN=yes|no", en: "Imaging: one fact of the study, as NAME=yes|no"),
        Parameter(name: "decision", use: "out", min: 1, max: "1", type: "code",
                  vi: "Quyết định theo Điều 2: reusable (được dùng lại) | doctor-judgement (bác sĩ quyết định) | not-reusable (phải làm lại)", en: "The Article 2 decision: reusable | doctor-judgement (the treating doctor decides) | not-reusable (repeat the service)"),
        Parameter(name: "code", use: "out", min: 1, max: "1", type: "code", vi: "Mã danh mục đã xét", en: "The catalog code decided on"),
        Parameter(name: "version", use: "out", min: 1, max: "1", type: "string", vi: "Phiên bản danh mục đã dùng", en: "The catalog version used"),
        Parameter(name: "message", use: "out", min: 0, max: "1", type: "string",
                  vi: "Ghi chú khi mã không còn hiệu lực (và mã thay thế)", en: "Note when the code is not active (and its replacement)"),
        Parameter(name: "reason", use: "out", min: 0, max: "*", type: nil, vi: "Một lý do của quyết định", en: "One reason of the decision", parts: reasonParts),
        Parameter(name: "doctorsFinalSay", use: "out", min: 1, max: "1", type: nil,
                  vi: "Bác sĩ điều trị luôn có quyền quyết định cuối cùng", en: "The treating doctor always has the final say", parts: reasonParts),
    ]
}

extension FHIRPackageModel {
    /// The FHIR package's name (`package.json`): the canonical host reversed, then the catalog
    /// name, lowercase.
    public static func packageName(_ m: CatalogMetadata) -> String { Identifiers(m).packageName }
}
