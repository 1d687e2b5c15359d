import CDicomShim
import Glibc

/// The header elements of one DICOM file that the recognition check needs, read with DCMTK.
public struct DicomHeader: Sendable, Equatable {
    /// The file's path relative to the medium's folder.
    public var path: String
    public var patientID: String
    public var patientName: String
    public var studyDate: String
    public var acquisitionDate: String
    public var acquisitionTime: String
    public var modality: String
    public var bodyPart: String
    public var studyUID: String
    public var seriesUID: String
    public var sopClassUID: String
    public var imageType: [String]
    public var derivationDescription: String
    public var seriesNumber: Int?
    public var instanceNumber: Int?
    public var contrastAgent: String
    public var contrastRoute: String
    /// Laterality (0020,0060) or, when absent, Image Laterality (0020,0062).
    public var laterality: String
    public var seriesDescription: String
    public var hasPixelData: Bool

    /// The Media Storage Directory SOP class: a DICOMDIR, not an image.
    public var isDirectory: Bool { sopClassUID == "1.2.840.10008.1.3.10" }

    /// What reading a file found: its header, or why it is not one, and whether it started with
    /// the DICOM preamble (a file that claims to be DICOM).
    struct Reading {
        var header: DicomHeader?
        var reason: String?
        var hasPreamble: Bool
    }

    /// Reads the file open on `fd` (named `path` in messages).
    static func read(fd: Int32, path: String, limits: DicomLimits) -> Reading {
        var raw = lt_dicom_header()
        var error = [CChar](repeating: 0, count: 512)
        var shimLimits = limits.shim
        let status = lt_dicom_read_header(fd, &shimLimits, &raw, &error, UInt(error.count))
        let preamble = raw.hasPreamble != 0
        guard status == 0 else {
            return Reading(header: nil, reason: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), hasPreamble: preamble)
        }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmed(" ")
            }
        }
        let acquisition = text(raw.acquisitionDate)
        let laterality = text(raw.laterality)
        return Reading(header: DicomHeader(
            path: path, patientID: text(raw.patientID), patientName: text(raw.patientName), studyDate: text(raw.studyDate),
            acquisitionDate: acquisition.isEmpty ? text(raw.contentDate) : acquisition,
            acquisitionTime: text(raw.acquisitionTime), modality: text(raw.modality), bodyPart: text(raw.bodyPart),
            studyUID: text(raw.studyUID), seriesUID: text(raw.seriesUID), sopClassUID: text(raw.sopClassUID),
            imageType: text(raw.imageType).split(separator: "\\").map { String($0).trimmed(" ") },
            derivationDescription: text(raw.derivationDescription), seriesNumber: Int(text(raw.seriesNumber)),
            instanceNumber: Int(text(raw.instanceNumber)), contrastAgent: text(raw.contrastAgent), contrastRoute: text(raw.contrastRoute),
            laterality: laterality.isEmpty ? text(raw.imageLaterality) : laterality, seriesDescription: text(raw.seriesDescription),
            hasPixelData: raw.hasPixelData != 0), reason: nil, hasPreamble: preamble)
    }

    /// Reads the DICOMDIR open on `fd`: each referenced file as (study UID, path components).
    static func readDirectory(fd: Int32, limits: DicomLimits) -> Result<[(study: String, components: [String])], DicomReadError> {
        var files = [CChar](repeating: 0, count: 8 << 20)
        var error = [CChar](repeating: 0, count: 512)
        var shimLimits = limits.shim
        guard lt_dicom_read_directory(fd, &shimLimits, &files, UInt(files.count), &error, UInt(error.count)) == 0 else {
            return .failure(DicomReadError(path: "DICOMDIR", reason: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        let text = String(decoding: files.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return .success(text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let components = (parts.count > 1 ? parts[1] : "").split(separator: "\\").map { String($0).trimmed(" ") }
            return (String(parts[0]), components)
        })
    }
}

extension String {
    /// The string without `character` at either end.
    func trimmed(_ character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}

/// A file that could not be read as DICOM, with its reason.
public struct DicomReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
