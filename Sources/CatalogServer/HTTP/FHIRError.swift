import HTTPTypes

/// A request the server refuses, as FHIR reports it: an HTTP status and an OperationOutcome
/// whose one issue has a code from http://hl7.org/fhir/issue-type and a message that says what
/// was wrong and how to ask instead.
public struct FHIRError: Error, Sendable, Equatable {
    /// The issue types the server uses (FHIR R4 `IssueType`).
    public enum IssueType: String, Sendable {
        case invalid, structure, required, value, notSupported = "not-supported", notFound = "not-found"
        case tooCostly = "too-costly", timeout, exception, processing, codeInvalid = "code-invalid"
    }

    public var status: HTTPResponse.Status
    public var issue: IssueType
    public var message: String
    /// The request element the issue is about (FHIRPath), when one is.
    public var expression: String?
    /// A code of http://hl7.org/fhir/tools/CodeSystem/tx-issue-type in `details.coding`, when
    /// one says more than the issue type (`not-found`, `vs-invalid`, …).
    public var txIssueType: String?

    public init(_ status: HTTPResponse.Status, _ issue: IssueType, _ message: String, expression: String? = nil, txIssueType: String? = nil) {
        self.status = status
        self.issue = issue
        self.message = message
        self.expression = expression
        self.txIssueType = txIssueType
    }

    /// The OperationOutcome that carries the error.
    public var outcome: JSONValue {
        OperationOutcome.resource([(severity: "error", code: issue.rawValue, text: message, expression: expression, txIssueType: txIssueType)])
    }

    /// A parameter that must be given and was not.
    static func missing(_ name: String, _ operation: String) -> FHIRError {
        FHIRError(.badRequest, .required, "\(operation) needs the parameter '\(name)'", expression: name)
    }
}

/// Renders OperationOutcome resources: the message in `details.text` only (as terminology
/// servers and the HL7 terminology-ecosystem tests expect; `diagnostics` is for debugging
/// detail, and repeating the message there made every issue carry it twice).
enum OperationOutcome {
    static func resource(_ issues: [(severity: String, code: String, text: String, expression: String?, txIssueType: String?)]) -> JSONValue {
        .object([
            ("resourceType", .string("OperationOutcome")),
            ("issue", .array(issues.map { issue in
                .members([
                    ("severity", .string(issue.severity)),
                    ("code", .string(issue.code)),
                    ("details", .members([
                        ("coding", issue.txIssueType.map { .array([.object([("system", .string("http://hl7.org/fhir/tools/CodeSystem/tx-issue-type")), ("code", .string($0))])]) }),
                        ("text", .string(issue.text)),
                    ])),
                    ("expression", issue.expression.map { .array([.string($0)]) }),
                ])
            })),
        ])
    }
}
