/// `commands.md`: every subcommand's help, as `--help` prints it.
enum CommandsReference {
    static func render(_ commands: [ReferenceDocumentation.CommandHelp]) -> String {
        var out = ReferenceDocumentation.generatedNote + """
        # Commands

        The help of `lienthong` and of each subcommand, as `--help` prints it.

        """
        out += "\n" + commands.map { "- [`\($0.command)`](#\(ReferenceDocumentation.anchor($0.command)))" }.joined(separator: "\n") + "\n"
        for command in commands {
            let text = command.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }
                .joined(separator: "\n")
                .trimmingTrailingNewlines()
            out += "\n## \(command.command)\n\n```text\n\(text)\n```\n"
        }
        return out
    }
}

extension String {
    /// The text without the line ends at its end.
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
