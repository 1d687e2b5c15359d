import CDicomShim

/// The bounds every read of a medium applies, so that a hostile medium gets an answer in
/// bounded time and memory: files over `maxFileSize` are refused before a byte is read, and
/// the shim refuses nesting, element counts and text values beyond the others before DCMTK
/// parses the file.
public struct DicomLimits: Sendable, Equatable {
    /// The largest file read (1 GiB: a long multi-frame series fits; a 4 GiB file does not).
    public var maxFileSize: Int64 = 1 << 30
    /// Sequences and items open at once in a file (real studies stay under 20).
    public var maxDepth: UInt32 = 128
    /// Elements in one file (a multi-frame file with per-frame groups stays well under).
    public var maxElements: UInt = 1_000_000
    /// The longest text value read (a DICOM name, UID or date is under 400 bytes).
    public var maxTextLength: UInt = 1024
    /// Files on one medium.
    public var maxFiles = 100_000
    /// Folders nested on one medium.
    public var maxFolderDepth = 32

    public init() {}

    var shim: lt_dicom_limits {
        lt_dicom_limits(maxDepth: maxDepth, maxElements: maxElements, maxTextLength: maxTextLength)
    }
}
