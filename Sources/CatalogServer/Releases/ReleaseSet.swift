import CatalogCore

/// Every release the server answers from at one moment, oldest first. Immutable: a reload
/// builds a new set and swaps it in whole (see ``ReleaseStore``).
public struct ReleaseSet: Sendable {
    public let releases: [ServedRelease]
    /// When the set was loaded, for logs and `metadata`.
    public let generation: Int
    /// The release feeds `publish` wrote at the top of the folder (``FolderFeeds``), by file
    /// name, as read and checked when the set was loaded; served as they are.
    public let feeds: [String: [UInt8]]

    public init(releases: [ServedRelease], generation: Int, feeds: [String: [UInt8]] = [:]) {
        self.releases = releases.sorted { $0.semanticVersion < $1.semanticVersion }
        self.generation = generation
        self.feeds = feeds
    }

    /// The release answered when no version is asked for: the latest published, or the
    /// latest of all when only drafts are served.
    public var latest: ServedRelease? {
        releases.last { $0.status == .published } ?? releases.last
    }

    /// The release of `version`; nil for a version not served. A version given as a prefix
    /// ("2026.2") chooses the latest release it matches, as FHIR version matching allows.
    public func release(_ version: String?) -> ServedRelease? {
        guard let version, !version.isEmpty else { return latest }
        if let exact = releases.last(where: { $0.version == version }) { return exact }
        return releases.last { $0.version.hasPrefix(version + ".") }
    }
}

/// Holds the current ``ReleaseSet``. A request takes the set once, at its start, and answers
/// from it to the end; a reload replaces the set under a lock, so requests in flight finish
/// on the data they started with.
public final class ReleaseStore: @unchecked Sendable {
    private let lock = NSLockBox()
    private var current: ReleaseSet

    public init(_ set: ReleaseSet) { current = set }

    /// The set to answer one request from.
    public var snapshot: ReleaseSet { lock.withLock { current } }

    /// Puts `set` in place of the current one.
    public func replace(with set: ReleaseSet) { lock.withLock { current = set } }
}

import Foundation

/// A lock (Foundation's NSLock) used only by ``ReleaseStore``.
final class NSLockBox: @unchecked Sendable {
    private let lock = NSLock()
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
