/// Rules that keep the catalog's two crosswalks usable by machines, across all annexes:
///
/// - national code → catalog code is a function: a hospital's exchange files carry the national
///   code (`MA_DICH_VU`), and a vendor must turn it into exactly one entry in use (`LT0503`);
/// - at most one entry in use is `equivalent` to a given international code, so that a mapping
///   read backwards (LOINC → catalog) is unambiguous too (`LT0613`).
///
/// Only entries in use (active or deprecated) whose own checks passed take part: a retired
/// entry keeps its national codes and mappings as history.
enum CrosswalkRules {
    static func check(_ drafts: DraftList, _ ctx: inout ValidationContext) {
        // National code -> the draft that first carries it.
        var nationalOwner: [String: Int] = [:]
        // "system 'code'" -> every draft claiming equivalence, in catalog order.
        var equivalents: [String: [Int]] = [:]
        for index in drafts.indices {
            guard let entry = drafts[index].entry, entry.status != .retired else { continue }
            for national in entry.nationalCodes {
                if let first = nationalOwner[national.maTuongDuong] {
                    // The same code twice on one entry is LT0502's.
                    guard first != index, let firstEntry = drafts[first].entry else { continue }
                    ctx.diagnostics.error(.nationalCodeShared, "national code '\(national.maTuongDuong)' is already on entry \(firstEntry.code), which is in use; a national code must lead to exactly one entry: remove it from one of them, or retire the duplicate entry", at: drafts[index].source.location,
                                          notes: [.init("\(firstEntry.code) lists it", at: drafts[first].source.location)])
                } else {
                    nationalOwner[national.maTuongDuong] = index
                }
            }
            for mapping in entry.mappings where mapping.relationship == .equivalent {
                let key = "\(mapping.system.rawValue) '\(mapping.code)'"
                // The same target twice on one entry is LT0604's.
                if equivalents[key]?.last != index { equivalents[key, default: []].append(index) }
            }
        }
        for (target, claimants) in equivalents where claimants.count > 1 {
            let codes = claimants.compactMap { drafts[$0].entry?.code }
            let second = claimants[1]
            ctx.diagnostics.warning(.equivalentShared, "\(target) is claimed 'equivalent' by \(codes.count) entries in use (\(codes.joined(separator: ", "))); at most one may be: make the others 'source-is-narrower-than-target' with a comment saying what they add, or retire the duplicate entry", at: drafts[second].source.location,
                                    notes: claimants.filter { $0 != second }.map { .init("\(drafts[$0].entry?.code ?? "") claims it", at: drafts[$0].source.location) })
        }
    }
}
