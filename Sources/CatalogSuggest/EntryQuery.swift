import CatalogCore
import Foundation

/// What the assistant looks for, read from one catalog entry: the comparable words of its
/// Vietnamese and English names (through the reviewed vocabulary) and its attributes. The
/// entry's mappings are never read.
public struct EntryQuery: Sendable {
    public var code: String
    public var domain: ReferenceConcept.Domain
    /// Comparable words of the names, the vocabulary's expansions and the attributes' words.
    public var tokens: Set<String>
    /// The words of the English name alone (what "the entry says more" is measured on).
    public var nameTokens: Set<String>
    /// Words that only the attributes give (the body region's words): they count
    /// ``attributeWeight`` of a word of the name.
    public var attributeOnly: Set<String> = []
    public static let attributeWeight = 0.3

    /// How much a word of the query counts (1 for the names' words).
    public func weight(of token: String) -> Double { attributeOnly.contains(token) ? EntryQuery.attributeWeight : 1 }

    /// The vocabulary rows that matched, for the evidence.
    public var terms: [TermVocabulary.Term]
    // Laboratory
    public var specimen: Specimen?
    public var method: String?
    public var methodTokens: Set<String>
    /// "Qn" when the name says quantitative, "Ord" when qualitative or a rapid test.
    public var scale: String?
    // Imaging
    public var modality: Modality?
    public var bodyRegion: BodyRegion?
    public var contrast: Contrast?
    public var laterality: Laterality?
    /// The number of projections the name states ("2 tư thế", "thẳng nghiêng").
    public var views: Int?
    /// The projections the English name names (frontal, lateral, oblique…).
    public var projections: Set<String> = []
    /// What the name fixes that a playbook term does not (detector rows, field strength).
    public var qualifiers: [String]

    /// The query of `entry`, read through `vocabulary`; `index` says which words the
    /// reference knows (a Vietnamese word no reference name holds is dropped).
    public init(_ entry: Entry, vocabulary: TermVocabulary, index: ReferenceIndex) {
        code = entry.code
        let isLab: Bool
        if case .laboratory = entry.attributes { isLab = true } else { isLab = false }
        // A laboratory name's bracketed part ("[blood]", "[Máu]") is its specimen, compared as an axis.
        let viWords = SuggestText.words(isLab ? EntryQuery.withoutBrackets(entry.nameVi) : entry.nameVi)
        let enWords = SuggestText.words(isLab ? EntryQuery.withoutBrackets(entry.nameEn) : entry.nameEn)
        let (viExpansion, viTerms) = vocabulary.expand(viWords)
        let (enExpansion, enTerms) = vocabulary.expand(enWords)
        terms = viTerms + enTerms
        nameTokens = Set(enWords.map(SuggestText.normalise).filter(SuggestText.isMeaningful))
        var tokens = nameTokens
        tokens.formUnion((viExpansion + enExpansion).filter(SuggestText.isMeaningful))
        specimen = nil; method = nil; methodTokens = []; scale = nil
        modality = nil; bodyRegion = nil; contrast = nil; laterality = nil; views = nil; qualifiers = []
        let viText = " " + viWords.joined(separator: " ") + " "
        let enText = " " + enWords.joined(separator: " ") + " "
        switch entry.attributes {
        case let .laboratory(lab):
            let specimen = lab.specimen, method = lab.method
            domain = .laboratory
            self.specimen = specimen
            self.method = method
            if let method {
                let words = SuggestText.words(method)
                methodTokens = Set(SuggestText.tokens(method)).union(vocabulary.expand(words).tokens.filter(SuggestText.isMeaningful))
            }
            if viText.contains(" dinh tinh ") || enText.contains(" qualitative ") || viText.contains(" test nhanh ") || enText.contains(" rapid ") {
                scale = "Ord"
            } else if viText.contains(" dinh luong ") || enText.contains(" quantitative ") || enText.contains(" count ") {
                scale = "Qn"
            }
        case let .imaging(imaging):
            let modality = imaging.modality, bodyRegion = imaging.bodyRegion, contrast = imaging.contrast, laterality = imaging.laterality
            domain = .imaging
            self.modality = modality
            self.bodyRegion = bodyRegion
            self.contrast = contrast
            self.laterality = laterality
            // The region's words count for less than the name's own (see ``weight(of:)``).
            for word in EntryQuery.regionWords[bodyRegion] ?? [] where !tokens.contains(word) {
                tokens.insert(word)
                attributeOnly.insert(word)
            }
            views = EntryQuery.views(vi: viWords, en: enWords)
            projections = Set(enWords).intersection(NameParsing.projections)
            if viText.contains(" day ") && (enText.contains(" detector ") || enText.contains(" row ")) || enText.contains(" detector rows ") { qualifiers.append("detector rows") }
            if enText.range(of: #" [0-9.]+ t "#, options: .regularExpression) != nil || enText.contains(" tesla ") { qualifiers.append("magnetic field strength") }
        }
        // Vietnamese words that a reference name holds as they are (glucose, crp, hbsag).
        for word in viWords.map(SuggestText.normalise) where SuggestText.isMeaningful(word) && index.knows(word, in: domain) && word.count > 2 {
            tokens.insert(word)
        }
        self.tokens = tokens
    }

    /// `text` without its square-bracketed parts.
    static func withoutBrackets(_ text: String) -> String {
        text.replacingOccurrences(of: #"\[[^\]]*\]"#, with: " ", options: .regularExpression)
    }

    /// The number of projections a name states: "N tư thế" / "N views", or two for "thẳng
    /// nghiêng" / "frontal and lateral"; nil when it states none.
    static func views(vi: [String], en: [String]) -> Int? {
        for words in [vi, en] {
            for (i, w) in words.enumerated() where i + 1 < words.count {
                let next = words[i + 1]
                if next == "tu", i + 2 < words.count, words[i + 2] == "the", let n = Int(w) { return n }
                if next.hasPrefix("view"), let n = Int(w) { return n }
            }
        }
        let viText = " " + vi.joined(separator: " ") + " "
        let enText = " " + en.joined(separator: " ") + " "
        if viText.contains(" thang nghieng ") || enText.contains(" frontal and lateral ") || enText.contains(" ap and lateral ") { return 2 }
        // One projection named alone ("X-ray hip joint lateral") is one view.
        let named = en.filter { NameParsing.projections.contains($0) }
        if named.count == 1, !en.contains("or"), !en.contains("and") { return 1 }
        return nil
    }

    /// The words a playbook name uses for each body region of the catalog.
    static let regionWords: [BodyRegion: [String]] = [
        .head: ["head", "brain", "skull"], .face: ["face", "facial"], .neck: ["neck"], .chest: ["chest"], .breast: ["breast"],
        .heart: ["heart"], .abdomen: ["abdomen"], .pelvis: ["pelvis"], .abdomenPelvis: ["abdomen", "pelvis"],
        .chestAbdomenPelvis: ["chest", "abdomen", "pelvis"], .spine: ["spine"], .cervicalSpine: ["cervical", "spine"],
        .thoracicSpine: ["thoracic", "spine"], .lumbarSpine: ["lumbar", "spine"], .sacrumCoccyx: ["sacrum", "coccyx"],
        .upperLimb: ["upper", "extremity"], .lowerLimb: ["lower", "extremity"], .shoulder: ["shoulder"], .elbow: ["elbow"],
        .wrist: ["wrist"], .hand: ["hand"], .hip: ["hip"], .knee: ["knee"], .ankle: ["ankle"], .foot: ["foot"],
        .vessels: ["vessel", "angio"], .wholeBody: ["whole", "body"],
    ]
}
