/// Rules that keep the catalog's two crosswalks usable by machines, across all annexes:
///
/// - national code → catalog code is a function: a hospital's exchange files carry the national
///   code (`MA_DICH_VU`), and a vendor must turn it into exactly one entry in use (`LT0503`);
/// - at most one entry in use is `equivalent` to a given international code, so that a mapping
///   read backwards (LOINC → catalog) is unambiguous too (`LT0613`).
///
/// Only entries in use (active or deprecated) whose own checks passed take part: a retired
/// entry keeps its national codes and mappings as history. Codes are indexed by their digits
/// packed into one integer (see ``CrosswalkKey``), so the index allocates no strings.
enum CrosswalkRules {
    static func check(_ drafts: DraftList, _ ctx: inout ValidationContext) {
        // National code -> the draft that first carries it.
        var nationalOwner: [Int: Int32] = [:]
        nationalOwner.reserveCapacity(drafts.count)
        // Target -> the draft that first claims equivalence; later claimants, only for targets
        // claimed more than once.
        var firstClaim: [Int: Int32] = [:]
        firstClaim.reserveCapacity(drafts.count)
        var laterClaims: [Int: [Int32]] = [:]
        for index in drafts.indices {
            guard let entry = drafts[index].entry, entry.status != .retired else { continue }
            for national in entry.nationalCodes {
                guard let key = CrosswalkKey.national(national.maTuongDuong) else { continue }
                if let first = nationalOwner[key] {
                    // The same code twice on one entry is LT0502's.
                    guard Int(first) != index, let firstEntry = drafts[Int(first)].entry else { continue }
                    ctx.diagnostics.error(.nationalCodeShared, "national code '\(national.maTuongDuong)' is already on entry \(firstEntry.code), which is in use; a national code must lead to exactly one entry: remove it from one of them, or retire the duplicate entry", at: drafts[index].source.location,
                                          notes: [.init("\(firstEntry.code) lists it", at: drafts[Int(first)].source.location)])
                } else {
                    nationalOwner[key] = Int32(index)
                }
            }
            for mapping in entry.mappings where mapping.relationship == .equivalent {
                guard let key = CrosswalkKey.target(mapping.system, mapping.code) else { continue }
                if let first = firstClaim[key] {
                    // The same target twice on one entry is LT0604's.
                    if Int(first) != index, laterClaims[key]?.last.map({ Int($0) }) != index {
                        laterClaims[key, default: []].append(Int32(index))
                    }
                } else {
                    firstClaim[key] = Int32(index)
                }
            }
        }
        for (key, later) in laterClaims {
            let claimants = [firstClaim[key]!] + later
            let entries = claimants.compactMap { drafts[Int($0)].entry }
            guard let target = entries.first?.mappings.first(where: { CrosswalkKey.target($0.system, $0.code) == key && $0.relationship == .equivalent }) else { continue }
            let second = Int(claimants[1])
            ctx.diagnostics.warning(.equivalentShared, "\(target.system.rawValue) '\(target.code)' is claimed 'equivalent' by \(entries.count) entries in use (\(entries.map(\.code).joined(separator: ", "))); at most one may be: make the others 'source-is-narrower-than-target' with a comment saying what they add, or retire the duplicate entry", at: drafts[second].source.location,
                                    notes: claimants.filter { Int($0) != second }.map { .init("\(drafts[Int($0)].entry?.code ?? "") claims it", at: drafts[Int($0)].source.location) })
        }
    }
}

/// National codes and mapping targets as integers, exactly: their digits packed, with the system
/// in the lowest bit of a target. Each form was checked with its entry (`LT0501`, `LT0601`,
/// `LT0603`); a value of another form gives nil and is left out.
enum CrosswalkKey {
    /// `CC.TTTT.GGGG` as the number CCTTTTGGGG.
    static func national(_ code: String) -> Int? {
        digits(code.utf8, separators: UInt8(ascii: "."), maximum: 12)
    }

    /// A LOINC code's digits (with its check digit), or a RadLex Playbook ID's number, and the system.
    static func target(_ system: MappingSystem, _ code: String) -> Int? {
        switch system {
        case .loinc: digits(code.utf8, separators: UInt8(ascii: "-"), maximum: 9).map { $0 << 1 }
        case .radlex: code.hasPrefix("RPID") ? digits(code.utf8.dropFirst(4), separators: nil, maximum: 9).map { $0 << 1 | 1 } : nil
        }
    }

    private static func digits<S: Sequence>(_ bytes: S, separators: UInt8?, maximum: Int) -> Int? where S.Element == UInt8 {
        var value = 0, count = 0
        for byte in bytes {
            if byte == separators { continue }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < maximum else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            count += 1
        }
        return count > 0 ? value : nil
    }
}
