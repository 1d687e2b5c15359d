/// A question to `recognize` checked against the rules and the catalog before it is answered:
/// levels within the rules' scale, scope codes that are catalog codes (case normalised), facts
/// the rules apply to the entry. Each refusal carries its rule ID and a way to fix it.
public enum RecognitionQuestion {
    /// A question refused, in Vietnamese and English.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var rule: RuleID
        public var vi: String
        public var en: String

        public init(_ rule: RuleID, vi: String, en: String) {
            self.rule = rule
            self.vi = vi
            self.en = en
        }

        public var description: String { "\(vi) / \(en) [\(rule.rawValue)]" }
    }

    /// Checks a laboratory level given with `option`: 0 (no announced level) or a level of the rules.
    public static func level(_ value: Int?, option: String, rules: RecognitionRules) throws(Refusal) {
        guard let value else { return }
        let levels = rules.qualityLevels.map(\.level)
        guard value != 0, !levels.contains(value) else { return }
        let scale = levels.isEmpty ? "0" : "0 (chưa công bố) hoặc \(levels.min()!)–\(levels.max()!)"
        let scaleEn = levels.isEmpty ? "0" : "0 (none announced) or \(levels.min()!)–\(levels.max()!)"
        throw Refusal(.recognizeLevelOutOfScale, vi: "\(option) \(value) không phải mức chất lượng của Quyết định 2429/QĐ-BYT; các mức là \(scale)",
                      en: "\(option) \(value) is not a quality level of Decision 2429/QĐ-BYT; the levels are \(scaleEn)")
    }

    /// The codes of a comma-separated scope given with `option`, upper-cased, each checked to be
    /// a code of the catalog.
    public static func scope(_ text: String?, option: String, codes: Set<String>) throws(Refusal) -> Set<String>? {
        guard let text else { return nil }
        var scope = Set<String>()
        for item in text.split(separator: ",") {
            let code = String(item.filter { !$0.isWhitespace }).uppercased()
            guard !code.isEmpty else { continue }
            guard codes.contains(code) else {
                let hint = Suggestion.suggestions(for: code, in: codes.sorted()).first
                throw Refusal(.recognizeUnknownScopeCode,
                              vi: "\(option): '\(item)' không phải mã trong danh mục" + (hint.map { "; có phải '\($0)'?" } ?? ""),
                              en: "\(option): '\(item)' is not a code of the catalog" + (hint.map { "; did you mean '\($0)'?" } ?? ""))
            }
            scope.insert(code)
        }
        return scope
    }

    /// Parses `FACT=yes|no` options; each fact must be one the rules apply to the entry.
    public static func facts(_ options: [String], applicable: [StudyFact], code: String) throws(Refusal) -> [StudyFact: Bool] {
        var values: [StudyFact: Bool] = [:]
        let names = applicable.map(\.rawValue)
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts.first ?? ""
            guard let fact = StudyFact(rawValue: name), applicable.contains(fact) else {
                let candidates = StudyFact(rawValue: name) == nil ? names : []
                let hint = Suggestion.suggestions(for: name.replacingUnderscores, in: candidates).first ?? (name.replacingUnderscores != name && names.contains(name.replacingUnderscores) ? name.replacingUnderscores : nil)
                let known = StudyFact(rawValue: name) != nil
                throw Refusal(.recognizeFactNotApplicable,
                              vi: "--fact '\(option)': " + (known ? "quy tắc không áp dụng dữ kiện '\(name)' cho \(code)" : "'\(name)' không phải dữ kiện ca chụp")
                                + (hint.map { "; có phải '\($0)'?" } ?? "") + "; các dữ kiện áp dụng: \(names.joined(separator: ", "))",
                              en: "--fact '\(option)': " + (known ? "the rules do not apply '\(name)' to \(code)" : "'\(name)' is not a study fact")
                                + (hint.map { "; did you mean '\($0)'?" } ?? "") + "; the applicable facts: \(names.joined(separator: ", "))")
            }
            guard parts.count == 2, let value = ["yes": true, "no": false, "true": true, "false": false, "có": true, "không": false][parts[1].lowercased()] else {
                throw Refusal(.recognizeFactNotApplicable, vi: "--fact '\(option)': giá trị phải là yes hoặc no (ví dụ --fact \(name)=yes)",
                              en: "--fact '\(option)': the value must be yes or no (e.g. --fact \(name)=yes)")
            }
            values[fact] = value
        }
        return values
    }
}

private extension String {
    /// `complete_series` as `complete-series`.
    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
