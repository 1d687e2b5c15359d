/// ISO/IEC 7064 MOD 37-2: the pure check-character system for alphanumeric strings.
///
/// Characters `0-9A-Z` take the values 0–35. Starting from `p = 0`, each character `v`
/// gives `p = 2(p + v) mod 37`; the check value is `(38 - p) mod 37`, written with the same
/// alphabet plus `*` for 36. Each position carries the weight 2ⁿ mod 37, and as 37 is prime
/// and 2 − 1 = 1, every single-character substitution and every transposition of two
/// different adjacent characters changes the sum, so both are always detected. (The hybrid
/// MOD 37,36 system, which avoids `*`, misses some transpositions; the test suite shows it.)
///
/// Catalog codes never end in `*`: the serials whose check value would be 36 are skipped
/// (see ``CodeFormat``), so a code is always letters and digits.
///
/// Example: `HS0001` → check character `D`, code `HS0001D`.
public enum CheckCharacter {
    /// The check alphabet, in value order; the data alphabet is its first 36 characters.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*")

    /// The value of a data character (`0-9A-Z`), or nil for any other byte.
    @inline(__always)
    static func value(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// The check character for `payload` (possibly `*`), or nil if it has characters outside `0-9A-Z`.
    public static func compute(for payload: some StringProtocol) -> Character? {
        var p = 0
        for byte in payload.utf8 {
            guard let v = value(of: byte) else { return nil }
            p = ((p + v) * 2) % 37
        }
        return alphabet[(38 - p) % 37]
    }

    /// Whether the last character of `code` is the check character of the rest.
    public static func isValid(_ code: some StringProtocol) -> Bool {
        guard let last = code.last, code.count > 1 else { return false }
        return compute(for: code.dropLast()) == last
    }
}

/// The LOINC mod-10 check digit (LOINC Users' Guide §12C).
public enum LOINCCheckDigit {
    /// LOINC codes published with a check digit that does not follow the algorithm; they are
    /// valid codes all the same (listed by Regenstrief).
    public static let legacyExceptions: Set<String> = [
        "11491-6", "11501-6", "5895-7", "5896-5", "5897-3", "5928-1", "6028-3",
        "6415-5", "6580-7", "6645-7", "6646-5", "6647-3", "6648-1", "6649-9",
    ]

    /// The check digit for the digits before the hyphen, or nil if `base` is not all digits.
    ///
    /// From the right, digits in odd positions are doubled (as a number written out), the
    /// digits of the result and of the even positions are summed, and the check digit is
    /// `(10 - sum mod 10) mod 10`. `12345` → `5`.
    public static func compute(for base: some StringProtocol) -> Int? {
        var sum = 0
        for (index, byte) in base.utf8.reversed().enumerated() {
            guard ASCII.isDigit(byte) else { return nil }
            let d = Int(byte - UInt8(ascii: "0"))
            if index % 2 == 0 {
                let doubled = d * 2
                sum += doubled / 10 + doubled % 10
            } else {
                sum += d
            }
        }
        return (10 - sum % 10) % 10
    }

    /// Whether `code` (`NNNNN-N`) carries the right check digit or is a documented exception.
    public static func isValid(_ code: String) -> Bool {
        let bytes = code.utf8
        guard let hyphen = bytes.firstIndex(of: UInt8(ascii: "-")), bytes.index(after: hyphen) != bytes.endIndex,
              bytes.index(hyphen, offsetBy: 2) == bytes.endIndex, let last = bytes.last, ASCII.isDigit(last),
              let expected = compute(for: code[..<hyphen]) else { return false }
        return Int(last - UInt8(ascii: "0")) == expected || legacyExceptions.contains(code)
    }
}
