/// The bounds on one request: body size, time to receive the body, URL length, and how long a
/// connection may stay silent (a client that opens a connection and stops sending, slowloris
/// style, is closed after `idleTimeoutSeconds`).
public struct ServerLimits: Sendable {
    /// The largest request body accepted (a `Parameters` resource is a few kilobytes).
    public var maximumBodyBytes: Int
    /// How long a client may take to send its body.
    public var bodyTimeoutSeconds: Double
    /// The longest URL (path and query) accepted, in bytes.
    public var maximumURLBytes: Int
    /// How long a connection may send and receive nothing (partial headers included) before it is closed.
    public var idleTimeoutSeconds: Double

    public init(maximumBodyBytes: Int = 1 << 20, bodyTimeoutSeconds: Double = 10, maximumURLBytes: Int = 8192, idleTimeoutSeconds: Double = 30) {
        self.maximumBodyBytes = maximumBodyBytes
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.maximumURLBytes = maximumURLBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
