import ArgumentParser

/// The `lienthong` command: compiles the catalog sources in `annexes/` into `generated/`.
@main
struct Lienthong: ParsableCommand {
    /// The tool's own version (not the catalog's).
    static let toolVersion = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "lienthong",
        abstract: "Compile and publish Vietnam's national catalog of shareable paraclinical results.",
        discussion: """
        Reads the catalog manifest and annex tables (YAML or XML) from a folder, validates them like a \
        compiler (every problem as path:line:col: severity: message [LTnnnn]), and writes versioned \
        artifacts. Typical use:

          lienthong check                 validate annexes/, write nothing
          lienthong assign                give codes to new entries, in place
          lienthong build                 compile annexes/ into generated/
          lienthong build --check         fail if generated/ is out of date (for CI)
        """,
        version: toolVersion,
        subcommands: [
            Check.self, Build.self, Publish.self, Verify.self, Sign.self, Discard.self, Keygen.self, Assign.self,
            Coverage.self, Rules.self, Import.self, Export.self, Diff.self, Recognize.self,
            Suggest.self,
            ReferenceDocsCommand.self,
        ]
    )
}
