/// Rules that keep the catalog's two crosswalks usable by machines, across all annexes:
///
/// - national code → catalog code is a function: a hospital's exchange files carry the national
///   code (`MA_DICH_VU`), and a vendor must turn it into exactly one entry in use (`LT0503`);
/// - at most one entry in use is `equivalent` to a given international code, so that a mapping
///   read backwards (LOINC → catalog) is unambiguous too (`LT0613`).
///
/// Only entries in use (active or deprecated) whose own checks passed take part: a retired
/// entry keeps its national codes and mappings as history. Codes are compared by their digits
/// packed into one integer (see ``CrosswalkKey``), in a sorted array: no strings, no dictionary.
enum CrosswalkRules {
    /// Bits of a packed claim that hold the draft index (claims are `key << indexBits | index`,
    /// sorted so that equal keys are adjacent, in draft order: no dictionary, no strings).
    private static let indexBits = 29

    static func check(_ drafts: DraftList, _ ctx: inout ValidationContext) {
        guard drafts.count < 1 << indexBits else { return }
        var nationals: [Int] = [], equivalents: [Int] = []
        nationals.reserveCapacity(drafts.count)
        for index in drafts.indices {
            guard let entry = drafts[index].entry, entry.status != .retired else { continue }
            for national in entry.nationalCodes {
                if let key = CrosswalkKey.national(national.maTuongDuong) { nationals.append(key << indexBits | index) }
            }
            for mapping in entry.mappings where mapping.relationship == .equivalent {
                if let key = CrosswalkKey.target(mapping.system, mapping.code) { equivalents.append(key << indexBits | index) }
            }
        }
        for (key, claimants) in sharedKeys(&nationals) {
            let first = claimants[0]
            guard let firstEntry = drafts[first].entry else { continue }
            for later in claimants.dropFirst() {
                ctx.diagnostics.error(.nationalCodeShared, "national code '\(CrosswalkKey.nationalText(key))' is already on entry \(firstEntry.code), which is in use; a national code must lead to exactly one entry: remove it from one of them, or retire the duplicate entry", at: drafts[later].source.location,
                                      notes: [.init("\(firstEntry.code) lists it", at: drafts[first].source.location)])
            }
        }
        for (key, claimants) in sharedKeys(&equivalents) {
            let codes = claimants.compactMap { drafts[$0].entry?.code }
            let second = claimants[1]
            ctx.diagnostics.warning(.equivalentShared, "\(CrosswalkKey.targetText(key)) is claimed 'equivalent' by \(codes.count) entries in use (\(codes.joined(separator: ", "))); at most one may be: make the others 'source-is-narrower-than-target' with a comment saying what they add, or retire the duplicate entry", at: drafts[second].source.location,
                                    notes: claimants.filter { $0 != second }.map { .init("\(drafts[$0].entry?.code ?? "") claims it", at: drafts[$0].source.location) })
        }
    }

    /// Sorts packed claims and returns every key claimed by more than one draft, with the
    /// distinct drafts in order (the same key twice on one draft is another rule's: LT0502, LT0604).
    private static func sharedKeys(_ claims: inout [Int]) -> [(key: Int, drafts: [Int])] {
        claims.sort()
        let mask = (1 << indexBits) - 1
        var shared: [(key: Int, drafts: [Int])] = []
        var start = 0
        while start < claims.count {
            var end = start + 1
            while end < claims.count, claims[end] >> indexBits == claims[start] >> indexBits { end += 1 }
            if claims[end - 1] & mask != claims[start] & mask {
                var drafts: [Int] = []
                for claim in claims[start..<end] where drafts.last != claim & mask { drafts.append(claim & mask) }
                shared.append((claims[start] >> indexBits, drafts))
            }
            start = end
        }
        return shared
    }
}

/// National codes and mapping targets as integers, exactly: their digits packed, with the system
/// in the lowest bit of a target. Each form was checked with its entry (`LT0501`, `LT0601`,
/// `LT0603`); a value of another form gives nil and is left out.
enum CrosswalkKey {
    /// `CC.TTTT.GGGG` as the number CCTTTTGGGG.
    static func national(_ code: String) -> Int? {
        digits(code.utf8, separators: UInt8(ascii: "."), maximum: 10)
    }

    /// A LOINC code's digits (with its check digit), or a RadLex Playbook ID's number, and the system.
    static func target(_ system: MappingSystem, _ code: String) -> Int? {
        switch system {
        case .loinc: digits(code.utf8, separators: UInt8(ascii: "-"), maximum: 9).map { $0 << 1 }
        case .radlex: code.hasPrefix("RPID") ? digits(code.utf8.dropFirst(4), separators: nil, maximum: 9).map { $0 << 1 | 1 } : nil
        }
    }

    /// The national code a key was made from, `CC.TTTT.GGGG`.
    static func nationalText(_ key: Int) -> String {
        "\(padded(key / 100_000_000, 2)).\(padded(key / 10_000 % 10_000, 4)).\(padded(key % 10_000, 4))"
    }

    /// The system and code a target key was made from, as messages name them: `loinc '2345-7'`.
    static func targetText(_ key: Int) -> String {
        let value = key >> 1
        return key & 1 == 0 ? "loinc '\(value / 10)-\(value % 10)'" : "radlex 'RPID\(value)'"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
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
