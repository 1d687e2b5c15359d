import Foundation

extension TextChecks {
    /// The key a name is searched by without its diacritics: the duplicate-name key
    /// (``nameKey(_:)``: NFC, lower case, whitespace runs collapsed and trimmed) with every
    /// combining mark removed after canonical decomposition (so ấ, ờ, ư, ă become a, o, u, a)
    /// and đ written d. "Chụp CLVT sọ não" gives "chup clvt so nao", which a user who types
    /// without Vietnamese input finds.
    public static func searchKey(_ text: String) -> String {
        let key = nameKey(text)
        // ASCII text (most English names, many codes) has nothing to remove.
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return key }
        var out = String.UnicodeScalarView()
        for scalar in key.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0111: out.append("d")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
