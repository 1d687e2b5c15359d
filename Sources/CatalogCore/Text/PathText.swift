/// File paths as text, split and joined without Foundation's path functions (which trap on
/// some forms, such as a folder part of `.`) and without touching the disk: every command
/// takes paths in any form a user types — a bare name, `./name`, `dir//name`, `name/`, an
/// absolute path.
public enum PathText {
    /// `path` with repeated slashes collapsed, `./` segments dropped and a trailing slash
    /// removed (`/` stays `/`; an empty path becomes `.`).
    public static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The folder holding `path` (`.` for a bare name, `/` for a top-level entry).
    public static func parent(_ path: String) -> String {
        let path = normalized(path)
        guard let slash = path.lastIndex(of: "/") else { return path == ".." ? "../.." : "." }
        if slash == path.startIndex { return "/" }
        let head = String(path[..<slash])
        return head
    }

    /// The last part of `path` (the name of the file or folder).
    public static func lastComponent(_ path: String) -> String {
        let path = normalized(path)
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `name` inside `folder`.
    public static func join(_ folder: String, _ name: String) -> String {
        folder == "/" ? "/" + name : folder + "/" + name
    }
}
