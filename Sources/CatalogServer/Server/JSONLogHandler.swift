import Foundation
import Logging

/// A swift-log handler that writes one JSON object per line to standard error: `time`,
/// `level`, `label`, `message` and the metadata, for log collectors.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var members: [(String, JSONValue)] = [
            ("time", .string(Date().formatted(.iso8601))),
            ("level", .string(event.level.rawValue)),
            ("label", .string(label)),
            ("message", .string(event.message.description)),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            members.append((key, .string("\(value)")))
        }
        let line = JSONValue.object(members).serialized() + [0x0A]
        FileHandle.standardError.write(Data(line))
    }
}
