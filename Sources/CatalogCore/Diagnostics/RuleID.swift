/// The stable identifier of every diagnostic rule. IDs are part of the public interface:
/// CI jobs filter on them, so a rule keeps its ID forever and a retired ID is never reused.
public enum RuleID: String, Sendable, CaseIterable, Comparable, Hashable {
    // Reading sources (1xx)
    case syntax = "LT0101"
    case encoding = "LT0102"
    case forbiddenConstruct = "LT0103"
    case limitExceeded = "LT0104"
    case fileMissing = "LT0105"
    // Shape of the data (2xx)
    case wrongType = "LT0201"
    case missingField = "LT0202"
    case unknownKey = "LT0203"
    case valueNotAllowed = "LT0204"
    case duplicateKey = "LT0205"
    case malformedValue = "LT0206"
    case unknownGroup = "LT0207"
    case attributeForOtherKind = "LT0208"
    // Text (3xx)
    case notNFC = "LT0301"
    case strayWhitespace = "LT0302"
    case duplicateName = "LT0303"
    // Stable codes and the ledger (4xx)
    case codeMissing = "LT0401"
    case codeFormat = "LT0402"
    case codeCheckCharacter = "LT0403"
    case duplicateCode = "LT0404"
    case codeNotInLedger = "LT0405"
    case issuedCodeMissing = "LT0406"
    case ledgerMismatch = "LT0407"
    case ledgerSyntax = "LT0408"
    // National codes (5xx)
    case nationalCodeFormat = "LT0501"
    case duplicateNationalCode = "LT0502"
    // International mappings (6xx)
    case loincFormat = "LT0601"
    case loincCheckDigit = "LT0602"
    case radlexFormat = "LT0603"
    case duplicateMapping = "LT0604"
    case mappingSystemForKind = "LT0605"
    case mappingComment = "LT0606"
    // Status (7xx)
    case statusReason = "LT0701"
    case replacementMissing = "LT0702"
    case replacementNotActive = "LT0703"
    case replacementOnActive = "LT0704"
    case replacementSelf = "LT0705"
    // Manifest (8xx)
    case entryCount = "LT0801"
    case manifestValue = "LT0802"
    case annexMismatch = "LT0803"
    case duplicateAnnex = "LT0804"
    case versionBehindPublished = "LT0805"

    /// One line saying what the rule checks, for `lienthong rules` and the README.
    public var summary: String {
        switch self {
        case .syntax: "The file is not well-formed YAML or XML."
        case .encoding: "The file is not valid UTF-8."
        case .forbiddenConstruct: "YAML aliases, anchors, tags and multiple documents; XML DTDs and entities are refused."
        case .limitExceeded: "A file, a value or the nesting depth exceeds the reader's limits."
        case .fileMissing: "A file named by the manifest, or the manifest itself, cannot be read."
        case .wrongType: "A value has the wrong shape (mapping, list or text)."
        case .missingField: "A required field is absent or empty."
        case .unknownKey: "A key is not part of the schema (with a suggestion when one is close)."
        case .valueNotAllowed: "A value is not one of the allowed values (with a suggestion when one is close)."
        case .duplicateKey: "The same key appears twice in one mapping."
        case .malformedValue: "A value does not have the required form (number, date, version, URL, OID)."
        case .unknownGroup: "An entry names a group its annex does not define, or a group is defined twice."
        case .attributeForOtherKind: "A laboratory attribute on an imaging entry, or the reverse, or a required one is missing."
        case .notNFC: "Text is not in Unicode Normalization Form C."
        case .strayWhitespace: "Text has leading, trailing, repeated or non-space whitespace."
        case .duplicateName: "Two entries of an annex have the same name after normalisation."
        case .codeMissing: "An entry has no code yet; `lienthong assign` gives it one."
        case .codeFormat: "A code does not have the annex prefix, serial width or alphabet."
        case .codeCheckCharacter: "A code's check character is wrong (ISO 7064 MOD 37-2)."
        case .duplicateCode: "Two entries carry the same code."
        case .codeNotInLedger: "A code was not issued through the ledger."
        case .issuedCodeMissing: "A code in the ledger no longer appears in the sources (retire entries, never delete them)."
        case .ledgerMismatch: "A code sits in a different annex than the ledger issued it to."
        case .ledgerSyntax: "A ledger line is malformed or repeats a code."
        case .nationalCodeFormat: "A national technique code is not of the form CC.TTTT.GGGG (or CC.N for Circular 23/2024)."
        case .duplicateNationalCode: "An entry lists the same national code twice."
        case .loincFormat: "A LOINC code is not of the form NNNNN-N."
        case .loincCheckDigit: "A LOINC code's mod-10 check digit is wrong."
        case .radlexFormat: "A RadLex Playbook ID is not of the form RPIDn."
        case .duplicateMapping: "An entry maps to the same target twice."
        case .mappingSystemForKind: "A mapping target system does not suit the annex kind."
        case .mappingComment: "A mapping that is not 'equivalent' has no comment explaining the difference."
        case .statusReason: "A deprecated or retired entry does not give its reason."
        case .replacementMissing: "A replacement code does not exist in the catalog."
        case .replacementNotActive: "A replacement code is not active."
        case .replacementOnActive: "An active entry names a replacement."
        case .replacementSelf: "An entry names itself as its replacement."
        case .entryCount: "An annex has a different number of entries than the manifest expects."
        case .manifestValue: "A manifest value is invalid (identity, version, dates, annex settings)."
        case .annexMismatch: "An annex file declares a different annex number than the manifest gives it."
        case .duplicateAnnex: "Two manifest annexes share a number, prefix or file."
        case .versionBehindPublished: "The manifest's version is lower than the latest version already in the output folder."
        }
    }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}
