import Foundation

extension TextChecks {
    /// The key a name is searched by without its diacritics: the duplicate-name key
    /// (``nameKey(_:)``: NFC, lower case, whitespace runs collapsed and trimmed) with every
    /// combining mark removed after canonical decomposition (so ấ, ờ, ư, ă become a, o, u, a)
    /// and đ written d. "Chụp CLVT sọ não" gives "chup clvt so nao", which a user who types
    /// without Vietnamese input finds.
    public static func searchKey(_ text: String) -> String {
        searchKey(nameKey: nameKey(text))
    }

    /// ``searchKey(_:)`` of a text whose ``nameKey(_:)`` is already at hand (the duplicate-name
    /// rules compute it anyway): the one diacritic folding of the project, used by the rules,
    /// the rename measure, the SQL `name_folded` column and the site's search index.
    public static func searchKey(nameKey key: String) -> String {
        // ASCII text (most English names, many codes) has nothing to remove.
        if key.utf8.allSatisfy({ $0 < 0x80 }) { return key }
        // Letters of the Vietnamese alphabet go through a table; anything else through
        // Foundation's decomposition.
        var out = [UInt8]()
        out.reserveCapacity(key.utf8.count)
        for scalar in key.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(UInt8(scalar.value))
            } else if let base = baseLetters[scalar.value] {
                out.append(base)
            } else {
                return decomposedKey(key)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``searchKey(_:)`` by canonical decomposition, for any text.
    static func decomposedKey(_ key: String) -> String {
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

    /// The ASCII letter each precomposed letter of Latin-1, Latin Extended-A/B up to ư, and
    /// Latin Extended Additional (Vietnamese tones) folds to, computed once with the same
    /// decomposition ``decomposedKey(_:)`` uses.
    static let baseLetters: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for value in Array(UInt32(0xC0)...0x1B0) + Array(UInt32(0x1EA0)...0x1EF9) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = decomposedKey(String(scalar))
            if folded.utf8.count == 1, let byte = folded.utf8.first, byte < 0x80 { table[value] = byte }
        }
        return table
    }()
}
