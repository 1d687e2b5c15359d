import CatalogSources
import Foundation

/// A failure of the output folder's logic, in the project's words: what went wrong, on which
/// path, and what to do about it. The CLI prints it as `path: error: message`.
public enum ReleaseError: Error, Equatable, Sendable {
    /// Another run holds the folder's lock.
    case busy(String, waited: Double)
    /// A folder was expected and something else is there.
    case notAFolder(String, kind: FileKind)
    /// A regular file was expected and something else is there.
    case notAFile(String, kind: FileKind)
    /// A system call failed; `what` says what was being done, `code` is `errno`.
    case io(String, String, Int32)
    /// A file the tool reads (index.json, release.json, a key) is not what it should be.
    case malformed(String, String)
    /// A published version would change.
    case publishedVersionChanged(String, version: String, files: [String])
    /// Published folders differ from their release manifests.
    case tampered([ReleaseProblem])
    /// The folder holds another catalog.
    case otherCatalog(String, holds: String, building: String)
    /// A higher version reached the folder (written by another run since the sources were
    /// checked).
    case versionBehind(String, version: String, latest: String)

    /// Where the problem is.
    public var path: String {
        switch self {
        case let .busy(p, _), let .notAFolder(p, _), let .notAFile(p, _), let .io(p, _, _), let .malformed(p, _),
             let .publishedVersionChanged(p, _, _), let .otherCatalog(p, _, _), let .versionBehind(p, _, _):
            return p
        case let .tampered(problems): return problems.first?.path ?? ""
        }
    }

    /// The message, without the path: says what is wrong and how to fix it.
    public var message: String {
        switch self {
        case let .busy(_, waited):
            return "another lienthong run is writing this folder (waited \(Int(waited)) s); run again when it has finished"
        case let .notAFolder(_, kind):
            return "this must be a folder, but it is \(kind.rawValue); move it away or choose another path"
        case let .notAFile(_, kind):
            return "this must be a regular file, but it is \(kind.rawValue); replace it with the file"
        case let .io(_, what, code):
            return "\(what): \(ReleaseError.describe(code))"
        case let .malformed(_, why):
            return why
        case let .publishedVersionChanged(_, version, files):
            let shown = files.prefix(20).joined(separator: ", ") + (files.count > 20 ? ", and \(files.count - 20) more" : "")
            return "version \(version) is published and never changes, but this build would change \(files.count) of its file\(files.count == 1 ? "" : "s") (\(shown)); raise 'version' in the manifest (e.g. to the next minor version) and build again"
        case let .tampered(problems):
            return problems.map(\.description).joined(separator: "\n")
        case let .otherCatalog(_, holds, building):
            return "this folder holds the catalog \(holds), not \(building); choose another --out"
        case let .versionBehind(_, version, latest):
            return "version \(version) is lower than \(latest), which another run has just written here; versions only go forward [LT0805]"
        }
    }

    /// A system error number in words, with advice for the common ones.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full; free some space and run again"
        case EACCES, EPERM: return "permission denied; check the folder's owner and permissions"
        case EROFS: return "the file system is read-only"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EDQUOT: return "the disk quota is exhausted"
        case ENOENT: return "no such file or folder"
        case EEXIST: return "something is already there"
        default: return String(cString: strerror(code))
        }
    }
}

extension ReleaseError: CustomStringConvertible {
    public var description: String {
        if case .tampered = self { return message }
        return "\(path): error: \(message)"
    }
}

/// One way a published folder differs from its `release.json`.
public struct ReleaseProblem: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case modified, missing, extra
        case unlisted(String)
        case signature(String)
        /// A release feed that differs from what the index and the manifests give.
        case feed(String)
    }

    /// The file concerned, as a path the user can open.
    public var path: String
    public var kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .modified: return "\(path): error: this file of a published release differs from its release.json (size or SHA-256); restore it from the release archive or from version control"
        case .missing: return "\(path): error: this file of a published release is missing; restore it from the release archive or from version control"
        case .extra: return "\(path): error: this file is not part of the published release; remove it"
        case let .unlisted(why): return "\(path): error: \(why)"
        case let .signature(why): return "\(path): error: \(why)"
        case let .feed(why): return "\(path): error: \(why)"
        }
    }
}
