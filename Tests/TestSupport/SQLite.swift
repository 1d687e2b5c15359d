import Foundation

/// The `sqlite3` shell on the files of one folder.
public struct SQLite: Sendable {
    public let folder: URL
    public init(_ folder: URL) { self.folder = folder }

    /// Runs `script` (a file of the folder) on `database` with `-bail`.
    public func run(_ database: String, _ script: String) -> (status: Int32, output: String, error: String) {
        shell([folder.appendingPathComponent(database).path], input: folder.appendingPathComponent(script))
    }

    /// Every table, view and index: its columns (name, type, not null, default, key) and its
    /// rows, sorted; read in two runs of the shell.
    public func tables(_ database: String) -> [String: [String]] {
        let db = folder.appendingPathComponent(database).path
        let objects = shell([db, "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'view', 'index') ORDER BY name"]).output
        var script = ".mode quote\n"
        for object in objects.split(separator: "\n") {
            let parts = object.split(separator: " ")
            let (type, name) = (parts[0], parts[1])
            script += ".print '== \(type) \(name)'\n"
            if type == "index" {
                script += "SELECT name FROM pragma_index_info('\(name)');\n"
            } else {
                script += "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || coalesce(dflt_value, '') || ' ' || pk FROM pragma_table_info('\(name)');\n"
                script += ".print '--'\nSELECT * FROM \"\(name)\";\n"
            }
        }
        var result: [String: [String]] = [:]
        var current = "", columns: [String] = [], rows: [String] = [], inRows = false
        func finish() { if !current.isEmpty { result[current] = columns + ["--"] + rows.sorted() } }
        let run = shell([db], script: script)
        precondition(run.status == 0, "sqlite3 could not read \(database): \(run.error)")
        for line in run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("'== ") || line.hasPrefix("== ") {
                finish()
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "'")).dropFirst(3).description
                columns = []; rows = []; inRows = false
            } else if line == "'--'" || line == "--" {
                inRows = true
            } else if !line.isEmpty {
                if inRows { rows.append(line) } else { columns.append(line) }
            }
        }
        finish()
        return result
    }

    /// Runs the script file at `url` (anywhere) on `database` (a file of the folder) with `-bail`.
    public func run(_ database: String, script url: URL) -> (status: Int32, output: String, error: String) {
        shell([folder.appendingPathComponent(database).path], input: url)
    }

    /// Loads `script` (a file of the folder) into `database`; the exit status.
    public func load(_ database: String, _ script: String) -> Int32 {
        run(database, script).status
    }

    /// Each table's name, columns and sorted rows, one line each.
    public func dump(_ database: String) -> String {
        let db = folder.appendingPathComponent(database).path
        let tables = shell([db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"]).output.split(separator: "\n")
        return tables.map { table in
            let columns = shell([db, "SELECT group_concat(name, ',') FROM pragma_table_info('\(table)')"]).output
            let rows = shell(["-quote", db, "SELECT * FROM \"\(table)\""]).output.split(separator: "\n").sorted()
            return "\(table) \(columns)" + rows.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private func shell(_ arguments: [String], input: URL? = nil, script: String? = nil) -> (status: Int32, output: String, error: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = ["-bail"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = Pipe()
        if let input { p.standardInput = try? FileHandle(forReadingFrom: input) } else if script != nil { p.standardInput = stdin }
        do { try p.run() } catch { return (-1, "", "\(error)") }
        if let script {
            stdin.fileHandleForWriting.write(Data(script.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, output, error)
    }
}
