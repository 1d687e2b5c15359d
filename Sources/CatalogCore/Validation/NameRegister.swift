/// The names of one annex's entries seen so far, in one language, for the duplicate-name rule.
///
/// Names are kept as hashes of their comparison keys (``TextChecks/nameKey(_:)``), not as the
/// keys themselves, which at 100,000 entries would cost 10 MB a language. A matching hash is
/// confirmed by comparing the keys, the earlier one recomputed from its entry, so the rule
/// stays exact; a name whose hash matches a different name's is kept whole.
struct NameRegister: Sendable {
    /// The hash of a key (replaceable so that tests can force collisions).
    private let hash: @Sendable (String) -> Int
    /// The first name with each hash: where it was written and its draft's index.
    private var firsts: [Int: (location: SourceLocation, draft: Int32)] = [:]
    /// Names whose hash matched a different name's, by their key.
    private var collided: [TextKey: SourceLocation] = [:]
    /// The keys of drafts that have no entry (it had errors), which cannot be recomputed.
    private var keysWithoutEntry: [Int32: String] = [:]

    init(hash: @escaping @Sendable (String) -> Int = NameRegister.hash) { self.hash = hash }

    /// The hash of a key's UTF-8 bytes, as ``TextKey`` hashes it.
    static func hash(_ key: String) -> Int { TextKey(key).hashValue }

    /// Registers the name with comparison key `key` of draft `draft`, written at `location`.
    /// Returns where an equal name was first written, or nil if it is the first. `keyOf`
    /// recomputes the key of an earlier draft from its entry (nil when it has none).
    mutating func register(_ key: String, at location: SourceLocation, draft: Int, hasEntry: Bool,
                           keyOf: (Int) -> String?) -> SourceLocation? {
        let hash = hash(key)
        guard let first = firsts[hash] else {
            firsts[hash] = (location, Int32(draft))
            if !hasEntry { keysWithoutEntry[Int32(draft)] = key }
            return nil
        }
        let firstKey = keyOf(Int(first.draft)) ?? keysWithoutEntry[first.draft]
        if firstKey == key { return first.location }
        if let earlier = collided[TextKey(key)] { return earlier }
        collided[TextKey(key)] = location
        return nil
    }
}
