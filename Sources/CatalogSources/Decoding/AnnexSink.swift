import CatalogCore
import Dispatch
import Synchronization

/// Where the decoder hands the parts of an annex file as it reads them, in file order. The
/// loader either collects them (``AnnexCollector``) or checks them while the rest of the file
/// is still being parsed.
public protocol AnnexSink: Sendable {
    /// The annex number the file declares.
    func take(declaredNumber: Located<String>?)
    /// The file's groups.
    func take(groups: [SourceGroup])
    /// The next entries of the file.
    func take(entries: [SourceEntry])
}

/// Collects an annex file into a ``SourceAnnex``.
final class AnnexCollector: AnnexSink {
    let annex: Mutex<SourceAnnex>

    init(_ annex: SourceAnnex) { self.annex = Mutex(annex) }

    func take(declaredNumber: Located<String>?) { annex.withLock { $0.annex = declaredNumber } }
    func take(groups: [SourceGroup]) { annex.withLock { $0.groups = groups } }
    func take(entries: [SourceEntry]) { annex.withLock { $0.entries.append(contentsOf: entries) } }
}

/// Drops what it is given: for a file that is read only for its own syntax problems.
struct DiscardingSink: AnnexSink {
    func take(declaredNumber: Located<String>?) {}
    func take(groups: [SourceGroup]) {}
    func take(entries: [SourceEntry]) {}
}

/// Checks an annex file's parts with an ``AnnexChecker`` on a serial queue of its own, so
/// that checking runs beside parsing, in file order, and each batch of source entries is
/// released once checked. At most ``maxBatchesInFlight`` batches wait: a parser that runs
/// ahead of the checker then waits too, instead of piling source records up in memory.
final class CheckingSink: AnnexSink {
    static let maxBatchesInFlight = 8

    private let checker: Mutex<AnnexChecker>
    private let queue = DispatchQueue(label: "lienthong.annex-checker")
    private let room = DispatchSemaphore(value: CheckingSink.maxBatchesInFlight)

    init(_ checker: AnnexChecker) { self.checker = Mutex(checker) }

    func take(declaredNumber: Located<String>?) {
        queue.async { self.checker.withLock { $0.checkDeclaredNumber(declaredNumber) } }
    }

    func take(groups: [SourceGroup]) {
        queue.async { self.checker.withLock { $0.check(groups: groups) } }
    }

    func take(entries: [SourceEntry]) {
        room.wait()
        queue.async {
            self.checker.withLock { $0.check(entries: entries) }
            self.room.signal()
        }
    }

    /// Waits for the batches handed so far and ends the file.
    func finish() -> AnnexChecker.Result {
        queue.sync {}
        return checker.withLock { $0.finish() }
    }
}
