import Foundation

/// CodeSystems and ValueSets other than the catalog's: those loaded at start from a folder with
/// `serve --tx-fixtures DIR` (test mode: the HL7 terminology-ecosystem suite's fixtures), plus
/// those a request brings in `tx-resource` parameters (which come first). Immutable.
public struct FixtureStore: Sendable {
    let codeSystems: [FixtureCodeSystem]
    let valueSets: [JSONValue]
    /// Whether the store was loaded in test mode (regex filters are evaluated only then: a
    /// client's pattern run over a client's codes could backtrack without bound).
    public let testMode: Bool

    public static let empty = FixtureStore(codeSystems: [], valueSets: [], testMode: false)

    init(codeSystems: [FixtureCodeSystem], valueSets: [JSONValue], testMode: Bool) {
        self.codeSystems = codeSystems
        self.valueSets = valueSets
        self.testMode = testMode
    }

    /// What loading a fixture folder failed on.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads a folder: when it has a `test-cases.json` (the suite's tests/ folder), the files its
    /// suites list in `setup`; otherwise every `*.json` file under it that is a CodeSystem or a
    /// ValueSet without an expansion.
    public static func load(folder: String) throws -> FixtureStore {
        let root = URL(fileURLWithPath: folder)
        var files: [URL] = []
        let cases = root.appendingPathComponent("test-cases.json")
        if let data = try? Data(contentsOf: cases) {
            let parsed = try JSONValue.parse(Array(data))
            var seen: Set<String> = []
            for suite in parsed["suites"]?.arrayValue ?? [] {
                for file in suite["setup"]?.arrayValue ?? [] {
                    guard let path = file.stringValue, !path.contains(".."), seen.insert(path).inserted else { continue }
                    files.append(root.appendingPathComponent(path))
                }
            }
        } else if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "json" { files.append(url) }
        } else {
            throw Failure(description: "\(folder): not a readable folder")
        }
        var codeSystems: [FixtureCodeSystem] = [], valueSets: [JSONValue] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let data = try? Data(contentsOf: file), data.count < 64 << 20, let resource = try? JSONValue.parse(Array(data)) else { continue }
            switch resource["resourceType"]?.stringValue {
            case "CodeSystem": if let cs = FixtureCodeSystem(resource) { codeSystems.append(cs) }
            case "ValueSet" where resource["expansion"] == nil && resource["url"] != nil: valueSets.append(resource)
            default: continue
            }
        }
        guard !codeSystems.isEmpty || !valueSets.isEmpty else { throw Failure(description: "\(folder): no CodeSystem or ValueSet found") }
        return FixtureStore(codeSystems: codeSystems, valueSets: valueSets, testMode: true)
    }

    /// This store with a request's `tx-resource` CodeSystems and ValueSets in front.
    func with(_ resources: [JSONValue]) -> FixtureStore {
        guard !resources.isEmpty else { return self }
        let cs = resources.compactMap(FixtureCodeSystem.init)
        let vs = resources.filter { $0["resourceType"]?.stringValue == "ValueSet" && $0["url"] != nil }
        return FixtureStore(codeSystems: cs + codeSystems, valueSets: vs + valueSets, testMode: testMode)
    }

    var isEmpty: Bool { codeSystems.isEmpty && valueSets.isEmpty }

    /// The code system of `url`, at `version` when given, else the highest version.
    func codeSystem(_ url: String, version: String?) -> FixtureCodeSystem? {
        let all = codeSystems.filter { $0.url == url }
        if let version {
            if let exact = all.first(where: { $0.version == version }) { return exact }
            // a wildcard (`1.x.x`, `1.*`) or a prefix (`1.0`) chooses the highest version it matches
            let matching = all.filter { Self.matches(version, $0.version) }
            return matching.max { Self.versionOrder($0.version, $1.version) }
        }
        return all.max { Self.versionOrder($0.version, $1.version) }
    }

    /// Whether any code system of `url` is known.
    func knows(system url: String) -> Bool { codeSystems.contains { $0.url == url } }

    /// The value set of `url`, at `version` when given, else the highest version.
    func valueSet(_ url: String, version: String?) -> JSONValue? {
        let all = valueSets.filter { $0["url"]?.stringValue == url }
        if let version { return all.first { $0["version"]?.stringValue == version } }
        return all.max { Self.versionOrder($0["version"]?.stringValue, $1["version"]?.stringValue) }
    }

    /// Whether `version` matches `pattern`: equal, or each part of the pattern equal or a
    /// wildcard (`x`, `*`), the pattern possibly shorter (`1.0` matches `1.0.2`).
    static func matches(_ pattern: String, _ version: String?) -> Bool {
        let p = pattern.split(separator: ".").map(String.init), v = (version ?? "").split(separator: ".").map(String.init)
        guard v.count >= p.count else { return false }
        return zip(p, v).allSatisfy { $0 == "x" || $0 == "*" || $0 == $1 }
    }

    /// Orders versions by their numeric parts, then as text.
    static func versionOrder(_ a: String?, _ b: String?) -> Bool {
        let x = (a ?? "").split(separator: ".").map { Int($0) ?? -1 }, y = (b ?? "").split(separator: ".").map { Int($0) ?? -1 }
        return x != y ? x.lexicographicallyPrecedes(y) : (a ?? "") < (b ?? "")
    }
}
