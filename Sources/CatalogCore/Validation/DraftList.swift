/// The drafts of several annexes as one collection, in the order given, without copying
/// them into one array (at 100,000 entries that copy alone is 14 MB).
struct DraftList: RandomAccessCollection {
    private let parts: [[EntryRules.Draft]]
    /// Where each part starts, and the total count last.
    private let starts: [Int]

    init(_ parts: [[EntryRules.Draft]]) {
        self.parts = parts
        var starts = [0]
        for part in parts { starts.append(starts.last! + part.count) }
        self.starts = starts
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.last! }

    /// The draft at `position`, lent rather than copied, so that reading one field of it
    /// does not retain every string of the draft.
    subscript(position: Int) -> EntryRules.Draft {
        _read {
            precondition(position >= 0 && position < endIndex, "draft index out of range")
            // A catalog has a handful of annexes: a backward scan beats a binary search.
            var part = parts.count - 1
            while starts[part] > position { part -= 1 }
            yield parts[part][position - starts[part]]
        }
    }
}
