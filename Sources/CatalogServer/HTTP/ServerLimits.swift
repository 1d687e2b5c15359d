/// The bounds on one request: body size and time to receive the body.
public struct ServerLimits: Sendable {
    /// The largest request body accepted (a `Parameters` resource is a few kilobytes).
    public var maximumBodyBytes: Int
    /// How long a client may take to send its body.
    public var bodyTimeoutSeconds: Double
    /// The longest URL (path and query) accepted, in bytes.
    public var maximumURLBytes: Int

    public init(maximumBodyBytes: Int = 1 << 20, bodyTimeoutSeconds: Double = 10, maximumURLBytes: Int = 8192) {
        self.maximumBodyBytes = maximumBodyBytes
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.maximumURLBytes = maximumURLBytes
    }
}
