import CatalogCore

/// How the mapping assistant cuts names into comparable words: the project's one folding
/// (``TextChecks/searchKey(_:)``: NFC, lower case, Vietnamese diacritics removed, đ → d), then
/// runs of letters and digits, each normalised so that British and American spellings and
/// singular and plural meet ("Haemoglobins" and "hemoglobin" give the same word).
public enum SuggestText {
    /// The folded words of `text`, in order, before normalisation (for phrase look-ups).
    public static func words(_ text: String) -> [String] {
        let key = TextChecks.searchKey(text)
        var words: [String] = []
        var current: [UInt8] = []
        for byte in key.utf8 {
            let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
            if isWordByte {
                current.append(byte)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// One word in its comparable form: "ae" and "oe" written "e" (haem-, oesophagus), and a
    /// plural ending removed (arteries → artery, sinuses → sinus, views → view).
    public static func normalise(_ word: String) -> String {
        var w = word
        if w.utf8.count > 3, w.contains("ae") || w.contains("oe") {
            w = w.replacingOccurrences(of: "ae", with: "e").replacingOccurrences(of: "oe", with: "e")
        }
        guard w.count > 3, w.last == "s", w.unicodeScalars.allSatisfy({ $0.value < 0x80 }) else { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("ses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") { return String(w.dropLast(2)) }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        return String(w.dropLast())
    }

    /// The comparable words of `text`: folded, normalised, without words that carry no
    /// meaning for matching (``stopWords``) and without bare numbers.
    public static func tokens(_ text: String) -> [String] {
        words(text).map(normalise).filter(isMeaningful)
    }

    /// Whether a normalised word is worth matching on.
    public static func isMeaningful(_ token: String) -> Bool {
        !stopWords.contains(token) && !token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Function words of English and Vietnamese (folded), and words the assistant compares as
    /// axes instead of as text (contrast, views, laterality), so they do not count twice.
    public static let stopWords: Set<String> = [
        // English
        "a", "an", "and", "or", "the", "of", "in", "on", "by", "for", "to", "at", "with", "without", "from",
        "into", "through", "under", "per", "via", "than", "more", "etc", "including", "other", "type", "using",
        "method", "technique", "test", "examination", "imaging", "study", "routine", "row", "detector",
        // Compared as axes
        "w", "wo", "contrast", "iv", "ia", "po", "pr", "view", "single", "left", "right", "bilateral", "unilateral",
        "frontal", "lateral", "oblique", "ap", "pa", "axial", "tangential",
        "ct", "mr", "mri", "xr", "us", "rf", "rfa", "mg", "cta", "mra", "xa", "dxa", "fl", "nm",
        // Vietnamese function words and words of every technique name (folded)
        "va", "hoac", "cua", "cac", "nhung", "bang", "tren", "duoi", "trong", "ngoai", "theo", "den", "tu", "voi",
        "co", "khong", "la", "cho", "mot", "hai", "so", "loai", "gom", "tai", "sau", "truoc", "khi", "bao",
        "chup", "ky", "thuat", "phuong", "phap", "xet", "nghiem", "may", "ten", "khac", "day", "tiem",
        "chat", "thuoc", "tuong", "phan", "quang",
    ]
}
