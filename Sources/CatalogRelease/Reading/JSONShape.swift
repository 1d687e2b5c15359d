/// The shape of a JSON document: every key path (keys joined with '.', array items as `[]`,
/// keys that are URIs as `<uri>`) with the types of the values found there, one line each
/// (`.entries[].code: string`), sorted. Paths are interned by (parent, key), so a document of
/// millions of values costs one small-string lookup per value, not a path string.
public enum JSONShape {
    /// The shape lines of `bytes`, each path prefixed with `root`.
    public static func lines(of bytes: [UInt8], root: String) throws -> [String] {
        var walker = Walker()
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            try walker.walk(&scanner, id: 0)
        }
        var lines: [String] = []
        for (id, kinds) in walker.kinds.enumerated() {
            for kind in kinds.sorted(by: { "\($0)" < "\($1)" }) {
                let name = switch kind {
                case .object: "object"
                case .array: "array"
                case .string: "string"
                case .number: "number"
                case .bool: "boolean"
                case .null: "null"
                }
                if kind != .object { lines.append(root + walker.paths[id] + ": " + name) }
            }
        }
        return lines.sorted()
    }

    private struct Child: Hashable {
        var parent: Int
        var key: String
    }

    private struct Walker {
        var paths = [""]
        var kinds: [Set<JSONScanner.Kind>] = [[]]
        var children: [Child: Int] = [:]

        mutating func child(_ parent: Int, _ key: String) -> Int {
            let key = key.hasPrefix("http") ? "<uri>" : key
            if let id = children[Child(parent: parent, key: key)] { return id }
            paths.append(paths[parent] + (key == "[]" ? "[]" : "." + key))
            kinds.append([])
            children[Child(parent: parent, key: key)] = paths.count - 1
            return paths.count - 1
        }

        mutating func walk(_ s: inout JSONScanner, id: Int) throws {
            let kind = try s.kind()
            if !kinds[id].contains(kind) { kinds[id].insert(kind) }
            switch kind {
            case .object: try s.object { s, key in try walk(&s, id: child(id, key)) }
            case .array:
                let item = child(id, "[]")
                try s.array { s in try walk(&s, id: item) }
            default: try s.skip()
            }
        }
    }
}
