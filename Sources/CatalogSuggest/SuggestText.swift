import CatalogCore

/// How the mapping assistant cuts names into comparable words: the project's one folding
/// (``TextChecks/searchKey(_:)``: NFC, lower case, Vietnamese diacritics removed, đ → d), then
/// runs of letters and digits, each normalised so that British and American spellings and
/// singular and plural meet ("Haemoglobins" and "hemoglobin" give the same word).
public enum SuggestText {
    /// The folded words of `text`, in order, before normalisation (for phrase look-ups).
    public static func words(_ text: String) -> [String] {
        // ASCII text (every reference name, most English names) folds to its lower case: the
        // same words as the project key gives, without its Unicode normalisation.
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let key = isASCII ? text : TextChecks.searchKey(text)
        var words: [String] = []
        var current: [UInt8] = []
        for var byte in key.utf8 {
            if isASCII, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
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
        if w.utf8.count > 3, w.hasText("ae") || w.hasText("oe") {
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

extension String {
    /// Whether `needle` occurs in the string, compared byte by byte on UTF-8 (the reference
    /// tables are read once per run and this runs for every row: Foundation's `contains` is
    /// far slower on Linux).
    func hasText(_ needle: String) -> Bool {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { h in
            pattern.withUTF8 { p in
                guard p.count <= h.count else { return false }
                if p.isEmpty { return true }
                let first = p[0]
                var i = 0
                let last = h.count - p.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < p.count, h[i + j] == p[j] { j += 1 }
                        if j == p.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (what `trimmingCharacters(in:
    /// .whitespaces)` does for table cells, without Foundation's cost per call).
    var trimmedSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
