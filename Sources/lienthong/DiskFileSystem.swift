import CatalogSources
import Foundation

/// The real disk, read-only, refusing files over a size limit before reading them.
struct DiskFileSystem: SourceFileSystem {
    var maxFileSize: Int

    func contents(of path: String) throws -> [UInt8]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxFileSize { throw SourceFileTooLarge(size: size, limit: maxFileSize) }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }
}

/// A file system that shows planned edits over another one, to re-check edits before writing.
struct OverlayFileSystem<Base: SourceFileSystem>: SourceFileSystem {
    var base: Base
    var overrides: [String: [UInt8]]

    func contents(of path: String) throws -> [UInt8]? {
        if let bytes = overrides[path] { return bytes }
        return try base.contents(of: path)
    }
}
