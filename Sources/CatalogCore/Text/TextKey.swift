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

    static func == (a: TextKey, b: TextKey) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }
}
