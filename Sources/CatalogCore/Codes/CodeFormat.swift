/// The shape of a stable catalog code: annex prefix, zero-padded serial, check character
/// (ISO 7064 MOD 37-2, see ``CheckCharacter``).
public struct CodeFormat: Sendable, Hashable {
    public var prefix: String
    public var serialWidth: Int

    public init(prefix: String, serialWidth: Int) {
        self.prefix = prefix
        self.serialWidth = serialWidth
    }

    /// The code for `serial`, e.g. `HS0001D`; nil for the serials that are never issued
    /// because their check character would be `*`.
    public func code(forSerial serial: Int) -> String? {
        let payload = self.payload(serial)
        let check = CheckCharacter.compute(for: payload)!
        return check == "*" ? nil : payload + String(check)
    }

    /// The first code of the format, for examples in messages.
    public var firstCode: String {
        var serial = 1
        while true {
            if let code = code(forSerial: serial) { return code }
            serial += 1
        }
    }

    private func payload(_ serial: Int) -> String {
        let digits = String(serial)
        return prefix + String(repeating: "0", count: max(0, serialWidth - digits.count)) + digits
    }

    /// The largest serial this format can hold.
    public var maxSerial: Int {
        var n = 1
        for _ in 0..<serialWidth { n *= 10 }
        return n - 1
    }

    /// The outcome of reading a code against this format.
    public enum Reading: Equatable, Sendable {
        case valid(serial: Int)
        case malformed
        case wrongCheckCharacter(expected: Character)
    }

    /// Reads `code`: its shape, then its check character. A code ending in `*` is malformed:
    /// such serials are never issued.
    public func read(_ code: String) -> Reading {
        let bytes = code.utf8
        let prefixCount = prefix.utf8.count
        guard bytes.count == prefixCount + serialWidth + 1, bytes.starts(with: prefix.utf8) else { return .malformed }
        var serial = 0
        var p = 0
        for (i, byte) in bytes.enumerated() {
            if i == bytes.count - 1 {
                guard let check = CheckCharacter.value(of: byte) else { return .malformed }
                let expected = (38 - p) % 37
                return check == expected ? .valid(serial: serial) : .wrongCheckCharacter(expected: CheckCharacter.alphabet[expected])
            }
            if i >= prefixCount {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .malformed }
                serial = serial * 10 + Int(byte - UInt8(ascii: "0"))
            }
            guard let v = CheckCharacter.value(of: byte) else { return .malformed }
            p = ((p + v) * 2) % 37
        }
        return .malformed
    }
}
