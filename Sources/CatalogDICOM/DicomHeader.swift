import CDicomShim
import Foundation

/// The header elements of one DICOM file that the recognition check needs, read with DCMTK.
public struct DicomHeader: Sendable, Equatable {
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
    public var imageType: [String]
    public var derivationDescription: String
    public var seriesNumber: Int?
    public var instanceNumber: Int?
    public var hasPixelData: Bool

    /// Reads `path`; throws ``DicomReadError`` when DCMTK cannot read it as DICOM.
    public static func read(_ path: String) throws -> DicomHeader {
        var raw = lt_dicom_header()
        var error = [CChar](repeating: 0, count: 256)
        guard lt_dicom_read_header(path, &raw, &error, UInt(error.count)) == 0 else {
            throw DicomReadError(path: path, reason: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
        }
        return DicomHeader(
            path: path, patientID: text(raw.patientID), patientName: text(raw.patientName), studyDate: text(raw.studyDate),
            acquisitionDate: text(raw.acquisitionDate).isEmpty ? text(raw.contentDate) : text(raw.acquisitionDate),
            acquisitionTime: text(raw.acquisitionTime), modality: text(raw.modality), bodyPart: text(raw.bodyPart),
            studyUID: text(raw.studyUID), seriesUID: text(raw.seriesUID),
            imageType: text(raw.imageType).split(separator: "\\").map { $0.trimmingCharacters(in: .whitespaces) },
            derivationDescription: text(raw.derivationDescription), seriesNumber: Int(text(raw.seriesNumber)),
            instanceNumber: Int(text(raw.instanceNumber)), hasPixelData: raw.hasPixelData != 0)
    }
}

/// A file DCMTK could not read as DICOM, with its reason.
public struct DicomReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
