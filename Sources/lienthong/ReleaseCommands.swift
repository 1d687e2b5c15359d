import ArgumentParser
import CatalogCore
import CatalogRelease
import CatalogSources
import Foundation

/// `lienthong publish`: makes the manifest's version a release that never changes.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish the manifest's version: build it, add archives, release.json and signature, mark it published.",
        discussion: """
        Refuses on any error. Writes generated/<version>/release.json (identity, version, previous \\
        release, every family's format version, every file's size and SHA-256), \\
        generated/<version>/dist/package.tgz (the FHIR NPM package) and \\
        dist/<name>-<version>.tar.gz (the whole version), and with --signing-key a detached Ed25519 \\
        signature release.json.sig; marks the version published in index.json. Every date comes \\
        from the manifest, so publishing the same sources again gives the same bytes. Once \\
        published, a version never changes: raise the manifest's version for the next edition.
        Example: lienthong publish --signing-key ~/keys/lienthong-release.pem
        """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: ArgumentHelp("Ed25519 private key (PEM, PKCS #8) to sign release.json with. Keep it out of the repository.", discussion: "Example: --signing-key ~/keys/lienthong-release.pem", valueName: "file"))
    var signingKey: String?

    func run() throws {
        let timer = StageTimer(enabled: common.timings)
        defer { timer.report() }
        let key = try signingKey.map { path in
            try CommandSupport.run { try ReleaseKeys.privateKey(pem: KeyFile.read(path), path: path) }
        }
        let run = CommandSupport.pipeline(common, output: output, timer: timer).run(.publish(signingKey: key))
        let format = common.diagnosticsFormat
        DiagnosticPrinter(format: format).print(run.diagnostics)
        guard run.succeeded, let catalog = run.catalog, let outcome = run.outcome else {
            Console.error("publish: nothing was published; fix the errors above first\n")
            throw ExitCode(1)
        }
        let version = catalog.metadata.version
        if outcome.alreadyPublished {
            Console.say("version \(version) is already published and unchanged; nothing to do\n", format: format)
        } else {
            Console.say("published catalog \(version) (\(catalog.entries.count) entries) in \(output.out)/\(version)\(key == nil ? " (unsigned)" : ", signed"): \(outcome.changes.count) file\(outcome.changes.count == 1 ? "" : "s") changed\n", format: format)
        }
        timer.report()
        exitLeaving(catalog)
    }
}

/// `lienthong verify`: checks a published release against its release.json and signature.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a published version folder or a downloaded release archive.",
        discussion: """
        Checks every file's size and SHA-256 against release.json, names each file that differs, is \\
        missing or is extra (a symbolic link, FIFO or device in a release is refused, never \\
        followed), and with a public key checks the signature release.json.sig. The key comes \\
        from --public-key; the fingerprint printed is the first 16 hex digits of the SHA-256 of \\
        the key's 32 raw bytes (see docs/guide/publishers.md for the OpenSSL command). \\
        An archive (dist/*.tar.gz) is checked against the release.json beside it or above it; a \\
        version archive unpacked into a folder, against the release.json beside that folder.
        Examples: lienthong verify generated/2026.1.0 --public-key moh-release.pub.pem
                  lienthong verify LienThongCanLamSang-2026.1.0.tar.gz --release release.json
                  lienthong verify ./LienThongCanLamSang-2026.1.0/
        """)

    @Argument(help: ArgumentHelp("A version folder (generated/2026.1.0) or a release archive (.tar.gz, .tgz).", valueName: "path"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("The publisher's Ed25519 public key (PEM).", discussion: "Example: --public-key moh-release.pub.pem", valueName: "file"))
    var publicKey: String?

    @Option(name: .long, help: ArgumentHelp("The release.json to check against (default: in the folder, or beside the archive or unpacked folder, or in the folder above it).", valueName: "file"))
    var release: String?

    func run() throws {
        let key = try publicKey.map { path in try CommandSupport.run { try ReleaseKeys.publicKey(pem: KeyFile.read(path), path: path) } }
        let report: ReleaseVerifier.Report
        switch FileKind.of(path) {
        case .directory?:
            report = ReleaseVerifier.verify(folder: path, manifestPath: release, publicKey: key)
        case .regular? where PathText.lastComponent(path) == ReleaseManifest.fileName && release == nil:
            report = ReleaseVerifier.verify(manifest: path, publicKey: key)
        case .regular?:
            report = ReleaseVerifier.verify(archive: path, manifestPath: release, publicKey: key)
        case let kind?:
            Console.error("\(path): error: this is \(kind.rawValue); give a version folder or a release archive\n")
            throw ExitCode(1)
        case nil:
            Console.error("\(path): error: no such file or folder\n")
            throw ExitCode(1)
        }
        if !report.problems.isEmpty {
            Console.error(report.problems.map { $0.description + "\n" }.joined())
            Console.error("\(path): verification failed: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")\n")
            throw ExitCode(1)
        }
        let version = report.manifest?.version ?? "?"
        let signature = report.signatureVerified ? "signature valid (key \(key.map(ReleaseKeys.fingerprint) ?? ""))" : "signature not checked (no --public-key)"
        Console.output("\(path): release \(version) verified: \(report.filesChecked) files match release.json; \(signature)\n")
    }
}

/// `lienthong keygen`: makes an Ed25519 key pair for signing releases.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an Ed25519 key pair for signing releases (PEM files OpenSSL also reads).",
        discussion: """
        Writes the private key (PKCS #8, mode 0600) and the public key (SubjectPublicKeyInfo). Keep \\
        the private key with the publisher, never in the repository; publish the public key where \\
        vendors find it. The same pair from OpenSSL: openssl genpkey -algorithm ed25519 -out key.pem; \\
        openssl pkey -in key.pem -pubout -out key.pub.pem
        Example: lienthong keygen --private-key ~/keys/release.pem --public-key release.pub.pem
        """)

    @Option(name: .long, help: ArgumentHelp("Where to write the private key; must not exist yet.", valueName: "file"))
    var privateKey: String

    @Option(name: .long, help: ArgumentHelp("Where to write the public key; must not exist yet.", valueName: "file"))
    var publicKey: String

    func run() throws {
        let pair = ReleaseKeys.generate()
        try KeyFile.create(privateKey, pair.privatePEM, mode: 0o600)
        try KeyFile.create(publicKey, pair.publicPEM, mode: 0o644)
        let key = try ReleaseKeys.publicKey(pem: pair.publicPEM, path: publicKey)
        Console.output("wrote \(privateKey) (private, keep it secret) and \(publicKey) (public, fingerprint \(ReleaseKeys.fingerprint(key)))\n")
    }
}

/// Reading and creating key files.
enum KeyFile {
    /// The largest key file read: a PEM key is a few hundred bytes.
    static let maxSize = 1 << 16

    /// The text of the key file at `path`, refused before reading when it is not a regular
    /// file or is larger than ``maxSize``.
    static func read(_ path: String) throws -> String {
        // Opened and measured (fstat) before a byte is read: a 1 GiB "key" is refused, not read.
        let bytes: [UInt8]?
        do {
            bytes = try DiskFileSystem(maxFileSize: maxSize).contents(of: path)
        } catch let error as NotARegularFile {
            throw ReleaseError.notAFile(path, kind: error.kind)
        } catch let error as SourceFileTooLarge {
            throw ReleaseError.malformed(path, "the key file is \(error.size) bytes, far too large for a key (at most \(maxSize)); give the PEM file of the key")
        } catch {
            throw ReleaseError.malformed(path, "the key file cannot be read: \(error)")
        }
        guard let bytes else { throw ReleaseError.io(path, "the key file cannot be read", ENOENT) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Creates `path` with `text`, refusing to overwrite anything.
    static func create(_ path: String, _ text: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            Console.error("\(path): error: cannot create the key file (\(errno == EEXIST ? "it already exists; keys are never overwritten" : String(cString: strerror(errno))))\n")
            throw ExitCode(1)
        }
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) == $0.count } && fsync(fd) == 0
        close(fd)
        guard ok else {
            Console.error("\(path): error: cannot write the key file\n")
            throw ExitCode(1)
        }
    }
}

/// `lienthong sign`: adds a detached signature to a release already published unsigned.
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign a published release that has no signature yet, without changing a byte of it.",
        discussion: """
        Verifies the release against its release.json, then writes release.json.sig (Ed25519 over \
        release.json, as `publish --signing-key` does) and records its SHA-256 in index.json, so \
        that `check` notices if it is later removed. A release that is already signed is left as \
        it is. Example: lienthong sign 2026.3.0 --signing-key ~/keys/lienthong-release.pem
        """)

    @Argument(help: ArgumentHelp("The published version to sign.", valueName: "version"))
    var version: String

    @Option(name: .long, help: ArgumentHelp("Ed25519 private key (PEM, PKCS #8). Keep it out of the repository.", valueName: "file"))
    var signingKey: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        let key = try CommandSupport.run { try ReleaseKeys.privateKey(pem: KeyFile.read(signingKey), path: signingKey) }
        let result = try CommandSupport.run { try ReleaseSigning.sign(version: version, in: OutputFolder(root: output.out), with: key, lockWait: output.lockWait) }
        switch result {
        case .alreadySigned:
            Console.output("version \(version) is already signed; nothing to do\n")
        case let .signed(path):
            Console.output("signed \(version): wrote \(path) (key \(ReleaseKeys.fingerprint(key.publicKey)))\n")
        }
    }
}

/// `lienthong discard`: removes a draft version from the output folder.
struct Discard: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a draft version (built, never published) from the output folder.",
        discussion: """
        A draft is not a release: it binds nothing, and it can be replaced by a lower version or \
        removed. A published version is never removed. Example: lienthong discard 2026.5.0
        """)

    @Argument(help: ArgumentHelp("The draft version to remove.", valueName: "version"))
    var version: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandSupport.run { try ReleaseSigning.discard(version: version, in: OutputFolder(root: output.out), lockWait: output.lockWait) }
        Console.output("discarded draft \(version) from \(output.out)\n")
    }
}
