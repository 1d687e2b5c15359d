import CatalogCore

/// The keys of one schema object, prepared for matching: readers find a key's position by
/// comparing the parser's bytes, without first making a string of every key they meet.
public struct SchemaKeys: Sendable {
    /// The key names, in the schema's order; a key is reported by its position here.
    public let names: [String]
    private let utf8: [[UInt8]]

    public init(_ spec: SourceSchema.ObjectSpec) {
        names = spec.keys
        utf8 = names.map { Array($0.utf8) }
        precondition(names.count <= 64, "a key set is a 64-bit mask")
    }

    /// The position of the key spelled by `bytes`, or nil if the object has no such key.
    public func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, key) in utf8.enumerated() where key.count == bytes.count {
            if key.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return i }
        }
        return nil
    }

    /// The position of the key `name`, or nil.
    public func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}

/// A set of key positions of one object, as a bit mask.
public struct KeySet: Sendable, Equatable {
    public private(set) var bits: UInt64 = 0

    public init() {}

    public func contains(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
    public mutating func insert(_ index: Int) { bits |= 1 << UInt64(index) }
}
