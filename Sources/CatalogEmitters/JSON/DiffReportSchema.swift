/// The JSON Schema (draft 2020-12) of `lienthong diff --format json`, published as
/// `schema/diff.schema.json` beside the source schemas, so a CI job can validate what it reads.
public enum DiffReportSchema {
    /// The schema, for `$id` under `baseURL`.
    public static func render(baseURL: String) -> OutputFile {
        let location = #"{"type": "object", "additionalProperties": false, "required": ["file", "line", "column"], "properties": {"file": {"type": "string"}, "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}}"#
        let side = #"{"type": "object", "additionalProperties": false, "required": ["label", "version"], "properties": {"label": {"type": "string"}, "version": {"type": "string"}}}"#
        let text = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "\(baseURL)/schema/diff.schema.json",
          "title": "lienthong diff report",
          "type": "object",
          "additionalProperties": false,
          "required": ["formatVersion", "old", "new", "summary", "changes"],
          "properties": {
            "formatVersion": {"enum": ["1.1.0", "1.2.0"]},
            "old": \(side),
            "new": \(side),
            "summary": {
              "type": "object", "additionalProperties": false, "required": ["changes", "breaking", "waived", "byClass"],
              "properties": {
                "changes": {"type": "integer", "minimum": 0},
                "breaking": {"type": "integer", "minimum": 0},
                "waived": {"type": "integer", "minimum": 0},
                "byClass": {"type": "object", "propertyNames": {"pattern": "^[a-z]+(-[a-z]+)*$"}, "additionalProperties": {"type": "integer", "minimum": 1}}
              }
            },
            "changes": {
              "type": "array",
              "items": {
                "type": "object", "additionalProperties": false, "required": ["class", "breaking", "message"],
                "properties": {
                  "class": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
                  "code": {"type": "string", "pattern": "^[A-Z]{2,4}[0-9]{1,9}[0-9A-Z]$"},
                  "field": {"type": "string"},
                  "old": {"type": "string"},
                  "new": {"type": "string"},
                  "breaking": {"type": "boolean"},
                  "rule": {"type": "string", "pattern": "^LT09[0-9]{2}$"},
                  "message": {"type": "string", "minLength": 1},
                  "fix": {"type": "string"},
                  "waiver": {"type": "object", "additionalProperties": false, "required": ["justification", "file", "line"], "properties": {"justification": {"type": "string", "minLength": 1}, "file": {"type": "string"}, "line": {"type": "integer", "minimum": 1}}},
                  "clarification": {"type": "object", "additionalProperties": false, "required": ["reason", "file", "line"], "properties": {"reason": {"type": "string", "minLength": 1}, "file": {"type": "string"}, "line": {"type": "integer", "minimum": 1}}},
                  "location": \(location)
                }
              }
            }
          }
        }

        """
        return OutputFile(path: "schema/diff.schema.json", text: text)
    }
}
