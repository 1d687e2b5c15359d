import CatalogCore
import Foundation

/// Reads the parts of reference names: the LOINC long common name's axes
/// ("Component [Property] in System by Method") and the playbook name's parts
/// ("CT Head W contrast IV", "XR Knee - left 2 Views", "MR Orbits w IV Contrast").
public enum NameParsing {
    /// The axes a LOINC long common name states.
    public static func labAxes(fromName name: String) -> LabAxes {
        var rest = Substring(name)
        // A challenge or timing suffix ("--2 hours post meal") belongs to the component.
        var challenge = ""
        if let dashes = rest.range(of: " --") {
            challenge = String(rest[dashes.upperBound...])
            rest = rest[..<dashes.lowerBound]
        }
        var method: String?
        if let by = rest.range(of: " by ", options: .backwards) {
            method = String(rest[by.upperBound...])
            rest = rest[..<by.lowerBound]
        }
        var system: String?
        for marker in [" in ", " on "] {
            if let range = rest.range(of: marker, options: .backwards) {
                system = String(rest[range.upperBound...])
                rest = rest[..<range.lowerBound]
                break
            }
        }
        // "Hematocrit [Volume Fraction] of Blood", "Osmotic fragility of Red Blood Cells":
        // LOINC also writes the system after "of", when a property precedes it or when what
        // follows names a specimen.
        if system == nil, let of = rest.range(of: " of ", options: .backwards) {
            let after = String(rest[of.upperBound...])
            let (specimens, generic) = AxisComparison.specimens(ofSystem: after)
            if rest[..<of.lowerBound].hasSuffix("]") || !specimens.isEmpty || generic {
                system = after
                rest = rest[..<of.lowerBound]
            }
        }
        if system == nil, let dash = rest.range(of: " - ", options: .backwards) {
            // Panels: "Protein electrophoresis panel - Serum or Plasma".
            system = String(rest[dash.upperBound...])
            rest = rest[..<dash.lowerBound]
        }
        var property: String?
        var component = String(rest)
        if let open = rest.lastIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            property = String(rest[rest.index(after: open)..<close])
            // Words after the property ("mean", "(viral load)") are part of what is measured.
            component = String(rest[..<open]) + " " + String(rest[rest.index(after: close)...])
        }
        component = (component + (challenge.isEmpty ? "" : " " + challenge)).split(separator: " ").joined(separator: " ")
        return LabAxes(component: component, property: property, system: system, scale: scale(ofProperty: property), method: method, fromAxisColumns: false)
    }

    /// The scale a name's bracketed property implies: [Presence], [Interpretation] … are
    /// ordinal or narrative; volumes, counts, times and ratios quantitative.
    static func scale(ofProperty property: String?) -> String? {
        guard let p = property?.lowercased() else { return nil }
        if p.hasText("presence") || p.hasText("interpretation") || p == "identifier" { return "Ord" }
        if p.hasText("/") || p.hasText("#") || p.hasText("time") || p.hasText("titer") || p.hasText("ratio") || p.hasText("mass") || p.hasText("moles") || p.hasText("units") { return "Qn" }
        return nil
    }

    /// The catalog modality a name's modality word belongs to.
    public static func modality(ofPrefix prefix: String) -> Modality? {
        switch prefix.lowercased() {
        case "xr", "portable", "xr.stereoscopic", "xr.slot", "xr.tomography", "cone": .xr
        case "ct", "cta": .ct
        case "mr", "mra", "mrcp", "functional": .mr
        case "us", "us.doppler", "us.elastography", "us.a-scan": .us
        case "rf", "fl", "fl/xr", "rf.video": .rf
        case "rfa", "xa": .xa
        case "mg", "mammo", "dbt", "ffd": .mg
        case "dxa": .dxa
        default: nil
        }
    }

    /// The parts of a playbook name (LOINC/RSNA long common name or RadLex playbook long name).
    public static func imagingParts(fromName name: String) -> ImagingParts {
        var words = name.split(separator: " ").map(String.init)
        let prefix = words.first ?? ""
        var modalityText = prefix
        if !words.isEmpty { words.removeFirst() }
        if prefix.lowercased() == "portable", words.first?.lowercased() == "xr" { modalityText = "Portable XR"; words.removeFirst() }
        if prefix.lowercased() == "functional", words.first?.lowercased() == "mr" { modalityText = "Functional MR"; words[0] = "functional" }
        let lower = name.lowercased()
        let folded = " " + SuggestText.words(name).joined(separator: " ") + " "
        // Contrast, as LOINC ("WO contrast", "W contrast IV", "WO & W contrast IV",
        // "W contrast IA", "W contrast PO", "W contrast PR", "W contrast intra-articular")
        // and RadLex ("wo IV Contrast", "w IV Contrast", "w and wo IV Contrast") write it.
        var contrast: Contrast?
        if folded.hasText(" arthrogram") || folded.hasText(" arthrography") {
            contrast = .intraArticular
        } else if folded.hasText(" myelogram") || folded.hasText(" myelography") {
            contrast = .intrathecal
        } else if lower.hasText("wo & w") || lower.hasText("w and wo") || lower.hasText("wo and w") || lower.hasText("wo then w") || lower.hasText("without then with") {
            contrast = .withoutAndWithIV
        } else if folded.hasText(" wo contrast ") || folded.hasText(" wo iv contrast ") || folded.hasSuffix(" wo ") || lower.hasText("without contrast") {
            contrast = Contrast.none
        } else if folded.hasText(" w ") && folded.hasText("contrast") || folded.hasText(" w iv ") {
            if folded.hasText(" ia ") || folded.hasText("intra arterial") || folded.hasText("intraarterial") { contrast = .intraArterial }
            else if folded.hasText("intra articular") || folded.hasText("intraarticular") { contrast = .intraArticular }
            else if folded.hasText(" po ") || folded.hasText(" oral ") { contrast = .oral }
            else if folded.hasText(" pr ") || folded.hasText(" rectal ") { contrast = .rectal }
            else if folded.hasText(" it ") || folded.hasText("intrathecal") { contrast = .intrathecal }
            else if folded.hasText("retrograde") { contrast = .retrograde }
            else if folded.hasText(" iv ") { contrast = .iv }
            else { contrast = .other }
        }
        var laterality: Laterality?
        if folded.hasText(" bilateral ") { laterality = .bilateral }
        else if folded.hasText(" left ") { laterality = .left }
        else if folded.hasText(" right ") { laterality = .right }
        else if folded.hasText(" unilateral ") { laterality = .unilateral }
        let views = viewRange(name)
        let region = words.filter { word in
            let w = word.lowercased()
            return !["w", "wo", "&", "and", "or", "contrast", "iv", "ia", "po", "pr", "views", "view", "single", "-", "left", "right", "bilateral", "then"].contains(w)
                && !projections.contains(w) && w.rangeOfCharacter(from: CharacterSet.letters) != nil
        }.joined(separator: " ")
        return ImagingParts(modality: modality(ofPrefix: modalityText == "Portable XR" ? "portable" : prefix), modalityText: modalityText, contrast: contrast,
                            laterality: laterality, views: views, projections: Set(SuggestText.words(name)).intersection(projections), region: region)
    }

    /// Projection names a radiograph's name may list instead of a count.
    public static let projections: Set<String> = ["ap", "pa", "lateral", "oblique", "frontal", "axial", "tangential", "lordotic", "decubitus", "townes", "waters", "caldwell"]

    /// The numbers of views a playbook name allows (see ``ImagingParts/views``).
    static func viewRange(_ name: String) -> ClosedRange<Int>? {
        let words = name.lowercased().split(separator: " ").map(String.init)
        if name.lowercased().hasText("single view") { return 1...1 }
        for (i, word) in words.enumerated() where i + 1 < words.count && words[i + 1].hasPrefix("view") {
            if word.hasSuffix("+"), let n = Int(word.dropLast()) { return n...99 }
            if let n = Int(word) {
                if i >= 2, words[i - 1] == "or", let m = Int(words[i - 2]), m <= n { return m...n }
                return n...n
            }
            let bounds = word.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 2, bounds[0] <= bounds[1] { return bounds[0]...bounds[1] }
        }
        let named = Set(SuggestText.words(name)).intersection(projections)
        return named.isEmpty ? nil : named.count...named.count
    }
}
