import CatalogCore
import Foundation

/// A study folder read with DCMTK: every regular file under it, as a header or as the reason
/// it is not DICOM.
public struct DicomStudy: Sendable {
    public var headers: [DicomHeader]
    public var unreadable: [DicomReadError]

    /// Reads every regular file under `directory`, in path order (hidden files skipped).
    public static func read(directory: String) throws -> DicomStudy {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw DicomReadError(path: directory, reason: "not a folder")
        }
        var paths: [String] = []
        let enumerator = fm.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            var dir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue { paths.append(path) }
        }
        var study = DicomStudy(headers: [], unreadable: [])
        for path in paths.sorted() {
            do { study.headers.append(try DicomHeader.read(path)) } catch let error as DicomReadError { study.unreadable.append(error) }
        }
        return study
    }

    /// What the medical record says, to compare the study with.
    public struct Record: Sendable {
        public var patientID: String?
        /// The study date the record holds (YYYYMMDD or YYYY-MM-DD).
        public var date: String?
        public init(patientID: String? = nil, date: String? = nil) {
            self.patientID = patientID
            self.date = date
        }
    }

    /// The facts the headers establish for an entry with `modality` and `bodyRegion`:
    /// dicom-format, patient-identifiers, patient-matches-record (with a record patient ID),
    /// acquisition-time-matches-record, modality-matches-entry, complete-series (CT, MR),
    /// complete-phases (XA), not-edited and intact. The others (licence, signatures, repeat
    /// reasons) are not in the headers and stay as given.
    public func facts(modality: Modality, bodyRegion: BodyRegion, record: Record) -> StudyFacts {
        var f = StudyFacts()
        func set(_ fact: StudyFact, _ value: Bool, _ evidence: String) {
            f[fact] = value
            f.evidence[fact] = evidence
        }
        if headers.isEmpty {
            set(.dicomFormat, false, unreadable.isEmpty ? "the folder holds no file" : "no file is DICOM (\(unreadable[0]))")
            return f
        }
        set(.dicomFormat, unreadable.isEmpty, unreadable.isEmpty ? "\(headers.count) DICOM files" : "\(unreadable.count) files are not DICOM, e.g. \(unreadable[0])")
        let missingID = headers.filter { $0.patientID.isEmpty || $0.patientName.isEmpty }
        set(.patientIdentifiers, missingID.isEmpty, missingID.isEmpty ? "PatientID and PatientName in every file" : "\(missingID.count) files lack PatientID or PatientName")
        let ids = Set(headers.map(\.patientID))
        if ids.count > 1 {
            set(.patientMatchesRecord, false, "the files name \(ids.count) patients: \(ids.sorted().joined(separator: ", "))")
        } else if let expected = record.patientID {
            let id = ids.first ?? ""
            set(.patientMatchesRecord, id == expected, id == expected ? "PatientID \(id) is the record's" : "PatientID \(id) is not the record's \(expected)")
        }
        let undated = headers.filter { $0.studyDate.isEmpty && $0.acquisitionDate.isEmpty }
        if !undated.isEmpty {
            set(.acquisitionTimeMatchesRecord, false, "\(undated.count) files carry no study or acquisition date")
        } else if let date = record.date?.replacingOccurrences(of: "-", with: "") {
            let dates = Set(headers.map { $0.acquisitionDate.isEmpty ? $0.studyDate : $0.acquisitionDate })
            set(.acquisitionTimeMatchesRecord, dates == [date], dates == [date] ? "acquired on \(date), as the record says" : "acquired on \(dates.sorted().joined(separator: ", ")), the record says \(date)")
        }
        let modalities = Set(headers.map(\.modality))
        let wanted = DicomVocabulary.modalities(for: modality)
        let wrongModality = modalities.subtracting(wanted)
        let parts = Set(headers.map(\.bodyPart).filter { !$0.isEmpty })
        let wantedParts = DicomVocabulary.bodyParts(for: bodyRegion)
        let wrongPart = wantedParts.isEmpty ? [] : parts.subtracting(wantedParts)
        if !wrongModality.isEmpty {
            set(.modalityMatchesEntry, false, "Modality \(wrongModality.sorted().joined(separator: ", ")), the entry is \(modality.rawValue)")
        } else if !wrongPart.isEmpty {
            set(.modalityMatchesEntry, false, "BodyPartExamined \(wrongPart.sorted().joined(separator: ", ")), the entry is \(bodyRegion.rawValue)")
        } else {
            set(.modalityMatchesEntry, true, "Modality \(modalities.sorted().joined(separator: ", "))" + (parts.isEmpty ? "" : ", BodyPartExamined \(parts.sorted().joined(separator: ", "))"))
        }
        let (complete, evidence) = completeness()
        if modality == .ct || modality == .mr { set(.completeSeries, complete, evidence) }
        if modality == .xa { set(.completePhases, complete, evidence) }
        let derived = headers.filter { $0.imageType.first == "DERIVED" || !$0.derivationDescription.isEmpty }
        set(.notEdited, derived.isEmpty, derived.isEmpty ? "ImageType ORIGINAL in every file" : "\(derived.count) files are DERIVED (ImageType or DerivationDescription), e.g. \(derived[0].path)")
        let empty = headers.filter { !$0.hasPixelData }
        set(.intact, empty.isEmpty, empty.isEmpty ? "pixel data in every file" : "\(empty.count) files have no pixel data")
        return f
    }

    /// Whether the series (phases) and their instances run without gaps: series numbers from the
    /// lowest upward, instance numbers from 1 in each series. A series missing at the end of a
    /// study is not visible in its headers: that needs the ordering system's count.
    func completeness() -> (Bool, String) {
        var bySeries: [String: [DicomHeader]] = [:]
        for h in headers { bySeries[h.seriesUID, default: []].append(h) }
        let numbers = bySeries.values.compactMap { $0.first?.seriesNumber }.sorted()
        let counts = bySeries.values.map(\.count).sorted()
        let summary = "\(bySeries.count) series, \(counts.map(String.init).joined(separator: "/")) instances"
        if numbers.count != bySeries.count { return (false, summary + "; a series has no SeriesNumber") }
        if let first = numbers.first, numbers != Array(first..<(first + numbers.count)) {
            let missing = Set(first...numbers.last!).subtracting(numbers).sorted()
            return (false, summary + "; series \(missing.map(String.init).joined(separator: ", ")) missing (series numbers \(numbers.map(String.init).joined(separator: ", ")))")
        }
        for (_, files) in bySeries {
            let instances = files.compactMap(\.instanceNumber).sorted()
            if instances != Array(1...files.count) {
                return (false, summary + "; series \(files[0].seriesNumber.map(String.init) ?? "?") has instance numbers \(instances.map(String.init).joined(separator: ", "))")
            }
        }
        return (true, summary)
    }
}
