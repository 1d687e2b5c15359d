/// A hash table from codes to record positions that stores only the positions (4 bytes a
/// slot): the caller keeps the codes and confirms a candidate with `matches`. For a ledger of
/// 100,000 codes it takes 2 MB where a `[String: Int]` takes over 6.
struct CodeIndex: Sendable {
    /// Record positions, -1 for an empty slot; the count is a power of two, at most half full.
    private var slots: [Int32] = []
    /// Each slot's full hash, so that growing needs no codes and probing rarely compares them.
    private var hashes: [UInt32] = []
    private var count = 0

    /// FNV-1a over the code's bytes: fixed, so lookups do not depend on the process.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
        return h
    }

    /// The position stored under `hash` for which `matches` holds, if any.
    func find(hash: UInt32, matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while slots[i] >= 0 {
            if hashes[i] == hash, matches(Int(slots[i])) { return Int(slots[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores `position` under `hash` (the caller has checked that its code is new).
    mutating func insert(_ position: Int, hash: UInt32) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(position)
        hashes[i] = hash
        count += 1
    }

    /// Doubles the table (at least 16 slots) and re-places every position by its hash.
    private mutating func grow() {
        let old = zip(slots, hashes).filter { $0.0 >= 0 }
        let size = max(16, slots.count * 2)
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for (position, hash) in old {
            var i = Int(hash) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = position
            hashes[i] = hash
        }
    }
}
