import ArgumentParser
import CatalogDiff
import CatalogEmitters
import CatalogRelease
import Foundation

/// `lienthong reference-docs` (hidden): writes `docs/reference/` from the code. The rendering is
/// `ReferenceDocumentation` in CatalogEmitters; this command gathers what only the CLI knows
/// (the commands' help, the format versions of other modules) and writes the files.
struct ReferenceDocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference-docs",
        abstract: "Write the reference documents (rules, source schema, commands, formats) from the code.",
        discussion: "Example: lienthong reference-docs --out docs/reference",
        shouldDisplay: false)

    @Option(name: .long, help: ArgumentHelp("Folder to write the documents into; made if missing.", valueName: "dir"))
    var out: String = "docs/reference"

    /// The width help is rendered at, so the documents do not depend on the terminal.
    static let columns = 100

    func run() throws {
        let documents: [ReferenceDocumentation.Document]
        do {
            documents = try ReferenceDocumentation.render(commands: Self.commandHelps(), formats: Self.currentFormats())
        } catch let error as ReferenceDocumentation.Inconsistency {
            Console.error("lienthong: \(error.description)\n")
            throw ExitCode.failure
        }
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for document in documents {
                try Data(document.text.utf8).write(to: folder.appendingPathComponent(document.name), options: .atomic)
            }
        } catch {
            Console.error("lienthong: cannot write the reference documents into \(out): \(error.localizedDescription)\n")
            throw ExitCode.failure
        }
        Console.output("wrote \(documents.count) files into \(out)\n")
    }

    /// The help of the tool and of every subcommand it shows.
    static func commandHelps() -> [ReferenceDocumentation.CommandHelp] {
        var helps = [ReferenceDocumentation.CommandHelp(command: "lienthong", text: Lienthong.helpMessage(columns: columns))]
        for command in Lienthong.configuration.subcommands where command.configuration.shouldDisplay {
            helps.append(.init(command: "lienthong \(command._commandName)", text: Lienthong.helpMessage(for: command, columns: columns)))
        }
        return helps
    }

    /// Every versioned artifact and its current format version.
    static func currentFormats() -> [ReferenceDocumentation.CurrentFormat] {
        ArtifactFamilies.all.map { .init(name: $0.name, version: $0.formatVersion, location: "`generated/<version>/\($0.name)/`") } + [
            .init(name: "index.json", version: VersionIndex.formatVersion, location: "`generated/index.json`"),
            .init(name: "release.json", version: ReleaseManifest.formatVersion, location: "`generated/<version>/release.json`, once published"),
            .init(name: "diff report", version: JSONDiff.formatVersion, location: "`lienthong diff --format json`, `changes/changes.json` of a release"),
        ]
    }
}
