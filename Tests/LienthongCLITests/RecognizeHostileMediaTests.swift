import Foundation
import Glibc
import Testing
import TestSupport

/// Hostile media (issue 31): each file is made in the test; `recognize` answers quickly, never
/// blocks, never reads outside the medium, never crashes, and names the file it refused.
@Suite struct RecognizeHostileMediaTests {
    /// Little-endian bytes of a 16- and 32-bit value.
    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    /// An explicit-VR element with a short (2-byte) length.
    static func element(_ group: UInt16, _ element: UInt16, _ vr: String, _ value: String) -> [UInt8] {
        var bytes = Array(value.utf8)
        if bytes.count % 2 == 1 { bytes.append(vr == "UI" ? 0 : 0x20) }
        return le16(group) + le16(element) + Array(vr.utf8) + le16(UInt16(bytes.count)) + bytes
    }

    /// The preamble, "DICM" and a meta header naming `syntax`.
    static func preamble(syntax: String = "1.2.840.10008.1.2.1") -> [UInt8] {
        [UInt8](repeating: 0, count: 128) + Array("DICM".utf8) + element(0x0002, 0x0010, "UI", syntax)
    }

    /// A dataset with sequences nested `depth` deep, closed with delimiters or left open.
    static func nested(depth: Int, closed: Bool) -> [UInt8] {
        var bytes = preamble() + element(0x0008, 0x0060, "CS", "CT")
        let open = le16(0x0008) + le16(0x1140) + Array("SQ".utf8) + [0, 0] + le32(0xFFFF_FFFF) + le16(0xFFFE) + le16(0xE000) + le32(0xFFFF_FFFF)
        let close = le16(0xFFFE) + le16(0xE00D) + le32(0) + le16(0xFFFE) + le16(0xE0DD) + le32(0)
        bytes.reserveCapacity(bytes.count + depth * (open.count + close.count))
        for _ in 0..<depth { bytes += open }
        if closed { for _ in 0..<depth { bytes += close } }
        return bytes
    }

    /// A medium with one good image (written by dump2dcm is not needed: a minimal dataset) and
    /// the hostile file(s) that `make` adds.
    static func medium(_ make: (URL) throws -> Void) throws -> URL {
        let dir = try CLI.workspace().appendingPathComponent("cd")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try make(dir)
        return dir
    }

    /// Runs recognize; it must finish within `seconds`.
    static func recognize(_ dir: URL, within seconds: Double = 20) throws -> CLI.Result {
        let start = Date()
        let run = try CLI.run(["recognize", "DQ0009L", "--study", dir.path, "--format", "json"])
        #expect(Date().timeIntervalSince(start) < seconds, "took \(Date().timeIntervalSince(start)) s")
        #expect(run.status == 0 || run.status == 1, "status \(run.status): \(run.stderr)")
        return run
    }

    @Test func sequencesNestedTenThousandDeep() throws {
        let dir = try Self.medium { try Data(Self.nested(depth: 10_000, closed: true)).write(to: $0.appendingPathComponent("DEEP.dcm")) }
        let run = try Self.recognize(dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("DEEP.dcm") && run.stdout.contains("nested deeper than 128 levels"), "\(run.stdout)")
    }

    @Test func aHundredThousandUnclosedSequences() throws {
        let dir = try Self.medium { try Data(Self.nested(depth: 100_000, closed: false)).write(to: $0.appendingPathComponent("OPEN.dcm")) }
        let run = try Self.recognize(dir)
        #expect(run.status == 0)
        #expect(run.stdout.contains("OPEN.dcm") && run.stdout.contains("nested deeper"), "\(run.stdout)")
    }

    @Test func aFIFODoesNotBlock() throws {
        let dir = try Self.medium { url in
            #expect(mkfifo(url.appendingPathComponent("PIPE").path, 0o644) == 0)
            #expect(mkfifo(url.appendingPathComponent("IMG.dcm").path, 0o644) == 0)
        }
        let run = try Self.recognize(dir, within: 10)
        #expect(run.status == 0)
        #expect(run.stdout.contains("FIFO"), "\(run.stdout)")
    }

    @Test func aLinkToEtcPasswdIsNotRead() throws {
        let dir = try Self.medium { url in
            try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("IMG1.dcm").path, withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("ZERO").path, withDestinationPath: "/dev/zero")
            try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("UP").path, withDestinationPath: "..")
        }
        let run = try Self.recognize(dir, within: 10)
        #expect(run.status == 0)
        #expect(!run.stdout.contains("root:") && !run.stderr.contains("root:"))
        #expect(run.stdout.contains("link leading outside the medium"), "\(run.stdout)")
        #expect(run.stdout.contains("a link to a folder; not followed"))
    }

    @Test func aFourGiBZeroFileIsRefusedBeforeReading() throws {
        let dir = try Self.medium { url in
            let path = url.appendingPathComponent("BIG.dcm").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, 4 << 30) == 0)
        }
        let run = try Self.recognize(dir, within: 5)
        #expect(run.stdout.contains("BIG.dcm") && run.stdout.contains("over the limit"), "\(run.stdout)")
    }

    @Test func aZeroFileUnderTheLimitIsRefusedAtOnce() throws {
        let dir = try Self.medium { url in
            let path = url.appendingPathComponent("ZEROS").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, 512 << 20) == 0)
        }
        let run = try Self.recognize(dir, within: 5)
        #expect(run.status == 0)
        #expect(run.stdout.contains("ZEROS"), "\(run.stdout)")
    }

    @Test func aHugePatientNameIsNotLoaded() throws {
        // Implicit VR (4-byte lengths): a PatientName of 3 GiB in a sparse file is refused by
        // size; one of 64 MiB, under the size limit, by the text limit, without being loaded.
        let dir = try Self.medium { url in
            for (name, length) in [("HUGE.dcm", UInt32(3) << 30), ("LONG.dcm", UInt32(64) << 20)] {
                let head = Self.preamble(syntax: "1.2.840.10008.1.2") + Self.le16(0x0008) + Self.le16(0x0060) + Self.le32(2) + Array("CT".utf8)
                    + Self.le16(0x0010) + Self.le16(0x0010) + Self.le32(length)
                let path = url.appendingPathComponent(name).path
                try Data(head).write(to: URL(fileURLWithPath: path))
                #expect(truncate(path, off_t(head.count) + off_t(length)) == 0)
            }
        }
        let run = try Self.recognize(dir, within: 10)
        #expect(run.stdout.contains("HUGE.dcm") && run.stdout.contains("over the limit"), "\(run.stdout)")
        #expect(run.stdout.contains("LONG.dcm") && run.stdout.contains("PatientName (0010,0010) is 67108864 bytes long"), "\(run.stdout)")
    }

    /// The memory budget: with its address space limited to 600 MiB (ulimit -v), recognize
    /// answers on a file whose PatientName is 900 MiB: the value is refused, never loaded.
    @Test func aHugeValueStaysOnDiskUnderAMemoryLimit() throws {
        let dir = try Self.medium { url in
            let length = UInt32(900) << 20
            let head = Self.preamble(syntax: "1.2.840.10008.1.2") + Self.le16(0x0008) + Self.le16(0x0060) + Self.le32(2) + Array("CT".utf8)
                + Self.le16(0x0010) + Self.le16(0x0010) + Self.le32(length)
            let path = url.appendingPathComponent("NAME.dcm").path
            try Data(head).write(to: URL(fileURLWithPath: path))
            #expect(truncate(path, off_t(head.count) + off_t(length)) == 0)
        }
        let command = "ulimit -v 614400; exec \"$0\" recognize DQ0009L --study \"$1\" --format json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command, CLI.binary.path, dir.path]
        process.currentDirectoryURL = CLI.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(stdout.contains("PatientName (0010,0010) is 943718400 bytes long"), "\(stdout)")
    }

    /// Found by the fuzzer: a DICOMDIR record on which DCMTK throws a C++ exception
    /// (out_of_range from DcmByteString::verify). The shim turns it into a broken file.
    @Test func aDICOMDIRRecordThatMakesDCMTKThrow() throws {
        let input = CLI.root.appendingPathComponent("Tests/Fuzz/corpus/dicom/crash-dicomdir-record-type-out-of-range")
        let dir = try Self.medium { try FileManager.default.copyItem(at: input, to: $0.appendingPathComponent("DICOMDIR")) }
        let run = try Self.recognize(dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("DICOMDIR"), "\(run.stdout)")
    }
}
