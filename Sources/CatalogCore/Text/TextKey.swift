import Foundation

/// A string used as a dictionary key by its UTF-8 bytes. `String`'s own hashing normalises
/// non-ASCII text on every hash; keys that are already NFC (name keys, codes) compare
/// correctly byte for byte and hash several times faster.
struct TextKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Dictionaries compare a key with every occupied slot they probe, so this must be cheap:
    /// the lengths, then one memory comparison.
    static func == (a: TextKey, b: TextKey) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }
}
