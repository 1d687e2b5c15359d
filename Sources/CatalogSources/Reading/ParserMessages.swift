/// libyaml's and libxml2's error messages said in the project's words, with what to do; the
/// parser's own text goes with them as a note. A message not known here stays the parser's.
enum ParserMessages {
    /// The YAML message for libyaml's `problem` (and `context`); `atTab` says whether the
    /// problem's position holds a tab.
    static func yaml(problem: String, context: String?, atTab: Bool) -> String? {
        if atTab { return "a tab cannot indent YAML (or start a value); indent with spaces" }
        switch problem {
        case "mapping values are not allowed in this context":
            return "': ' cannot appear here: a value holding ': ' must be quoted, and a key must start its own line"
        case "did not find expected key":
            return "this line is not indented as a key of the mapping above, nor as a new list item; check its indentation"
        case "could not find expected ':'":
            return "a key must be followed by ':' (or a multi-line value must be quoted)"
        case "found unexpected end of stream":
            return "the file ends inside a quoted value; close the quotes"
        case "found unknown escape character":
            return "a double-quoted value holds an unknown escape after '\\'; write a backslash as '\\\\', or use single quotes"
        default:
            return nil
        }
    }

    /// The XML message for libxml2's error `code` and `message`.
    static func xml(code: Int32, message: String) -> String? {
        if message.contains("xmlParseEntityRef: no name") || message.contains("EntityRef: expecting ';'") {
            return "'&' must be written '&amp;' (or begin a character reference such as '&#x2013;')"
        }
        if message.hasPrefix("Entity '"), message.hasSuffix("not defined") {
            let name = message.dropFirst("Entity '".count).prefix { $0 != "'" }
            return "'&\(name);' is not an XML entity: write '&' as '&amp;', or the character itself"
        }
        if message.hasPrefix("Premature end of data in tag ") {
            let rest = message.dropFirst("Premature end of data in tag ".count)
            let name = rest.prefix { $0 != " " }
            return "the file ends before '</\(name)>': the element opened\(lineSuffix(rest)) is never closed"
        }
        if message.hasPrefix("Opening and ending tag mismatch: ") {
            // "Opening and ending tag mismatch: groups line 2 and annex"
            let parts = message.dropFirst("Opening and ending tag mismatch: ".count).split(separator: " ")
            if parts.count >= 5, parts[1] == "line", parts[3] == "and" {
                return "'</\(parts[4])>' closes '<\(parts[0])>' (opened on line \(parts[2])); close '<\(parts[0])>' first"
            }
        }
        if message.contains("StartTag: invalid element name") {
            return "'<' in text must be written '&lt;'"
        }
        if message.contains("Extra content at the end of the document") {
            return "there is content after the root element closes; a file holds one root element"
        }
        if message.contains("Document is empty") || message.contains("Start tag expected") {
            return "the file holds no XML element"
        }
        return nil
    }

    /// " on line N" from libxml2's "... line N", or an empty string.
    private static func lineSuffix(_ rest: Substring) -> String {
        let words = rest.split(separator: " ")
        if let i = words.firstIndex(of: "line"), i + 1 < words.count { return " on line \(words[i + 1])" }
        return ""
    }
}
