import CatalogCore

/// Paths the manifest names (annex files, the ledger, reference tables, notices) stay inside the
/// sources folder: an absolute path or one that climbs out with `..` is refused before
/// anything is opened, so a manifest cannot make `check` read `/etc/passwd` or `assign`
/// write beside the folder. The check is on the path as written; a symbolic link that leads
/// outside the folder is refused when the file is opened (``SourceFileSystem/confined(to:)``).
enum ManifestPath {
    /// Why `path` leaves the folder, or nil when it stays inside.
    static func escape(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return "is absolute" }
        if path.count >= 2, path.dropFirst().first == ":" { return "names a drive" }
        var depth = 0
        for component in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            if component == ".." {
                depth -= 1
                if depth < 0 { return "climbs out of it with '..'" }
            } else if component != "." {
                depth += 1
            }
        }
        return nil
    }

    /// The LT0106 diagnostic for `value`, the `field` of the manifest, if it leaves the folder.
    static func refusal(_ value: Located<String>, field: String) -> Diagnostic? {
        guard let reason = escape(value.value) else { return nil }
        return Diagnostic(.error, .pathOutsideFolder,
                          "\(field) '\(value.value)' \(reason): files the manifest names must be inside the sources folder; move the file there and name it relative to the manifest",
                          at: value.location)
    }
}
