import Foundation
import CatalogCore

/// One study of a medium: its images, the broken files and the files its DICOMDIR names that
/// are missing, and the notes about the rest of the medium.
public struct DicomStudy: Sendable {
    public var uid: String
    public var headers: [DicomHeader]
    public var broken: [DicomMedium.Broken]
    public var missing: [String]
    public var notes: [DicomMedium.Note]

    public init(uid: String, headers: [DicomHeader], broken: [DicomMedium.Broken] = [], missing: [String] = [], notes: [DicomMedium.Note] = []) {
        self.uid = uid
        self.headers = headers
        self.broken = broken
        self.missing = missing
        self.notes = notes
    }

    /// What the medical record and the order say, to compare the study with.
    public struct Record: Sendable {
        public var patientID: String?
        /// The study date the record holds (YYYYMMDD or YYYY-MM-DD).
        public var date: String?
        /// The number of series (CT, MR) the order or the report names.
        public var expectedSeries: Int?
        /// The number of phases (DSA) the order or the report names.
        public var expectedPhases: Int?

        public init(patientID: String? = nil, date: String? = nil, expectedSeries: Int? = nil, expectedPhases: Int? = nil) {
            self.patientID = patientID
            self.date = date
            self.expectedSeries = expectedSeries
            self.expectedPhases = expectedPhases
        }
    }

    /// The facts the headers establish for an entry with these attributes, each with its
    /// evidence; a fact the headers cannot establish is left unknown with the evidence saying what
    /// would settle it. The facts not in headers (licence, signatures, repeat reasons) stay unset.
    public func facts(modality: Modality, bodyRegion: BodyRegion, contrast: Contrast, laterality: Laterality, record: Record) -> StudyFacts {
        var f = StudyFacts()
        if headers.isEmpty {
            let en = broken.first.map { " (\($0.path): \($0.reasonEn))" } ?? ""
            let vi = broken.first.map { " (\($0.path): \($0.reasonVi))" } ?? ""
            f.set(.dicomFormat, false, vi: "không có tệp ảnh DICOM nào đọc được" + vi, en: "no DICOM image could be read" + en)
            if !broken.isEmpty || !missing.isEmpty { intact(&f) }
            return f
        }
        f.set(.dicomFormat, true, vi: "\(headers.count) tệp ảnh DICOM đọc được", en: "\(headers.count) DICOM \(headers.count == 1 ? "image" : "images") read")
        let missingID = headers.filter { $0.patientID.isEmpty || $0.patientName.isEmpty }
        f.set(.patientIdentifiers, missingID.isEmpty,
              vi: missingID.isEmpty ? "mọi tệp có mã người bệnh (PatientID) và họ tên (PatientName)" : "\(missingID.count) tệp thiếu mã người bệnh hoặc họ tên, ví dụ \(missingID[0].path)",
              en: missingID.isEmpty ? "PatientID and PatientName in every file" : "\(missingID.count) files lack PatientID or PatientName, e.g. \(missingID[0].path)")
        patientMatches(record, &f)
        dates(record, &f)
        DicomEntryMeaning(headers: headers).check(modality: modality, bodyRegion: bodyRegion, contrast: contrast, laterality: laterality, &f)
        if modality == .ct || modality == .mr {
            completeness(.completeSeries, expected: record.expectedSeries, option: "--expected-series", vi: "loạt ảnh", en: "series", &f)
        }
        if modality == .xa {
            completeness(.completePhases, expected: record.expectedPhases, option: "--expected-phases", vi: "thì chụp", en: "phases", &f)
        }
        let derived = headers.filter { $0.imageType.first == "DERIVED" || !$0.derivationDescription.isEmpty }
        f.set(.notEdited, derived.isEmpty,
              vi: derived.isEmpty ? "mọi tệp là ảnh gốc (ImageType ORIGINAL)" : "\(derived.count) tệp là ảnh dẫn xuất (ImageType DERIVED hoặc có DerivationDescription), ví dụ \(derived[0].path)",
              en: derived.isEmpty ? "ImageType ORIGINAL in every file" : "\(derived.count) files are DERIVED (ImageType or DerivationDescription), e.g. \(derived[0].path)")
        intact(&f)
        return f
    }

    private func patientMatches(_ record: Record, _ f: inout StudyFacts) {
        let ids = Set(headers.map(\.patientID))
        if ids.count > 1 {
            let list = ids.sorted().joined(separator: ", ")
            f.set(.patientMatchesRecord, false, vi: "các tệp mang mã của \(ids.count) người bệnh: \(list)", en: "the files name \(ids.count) patients: \(list)")
        } else if let expected = record.patientID {
            let id = ids.first ?? ""
            f.set(.patientMatchesRecord, id == expected,
                  vi: id == expected ? "mã người bệnh \(id) trùng với hồ sơ bệnh án" : "mã người bệnh \(id) khác mã trong hồ sơ bệnh án (\(expected))",
                  en: id == expected ? "PatientID \(id) is the record's" : "PatientID \(id) is not the record's \(expected)")
        } else {
            f.set(.patientMatchesRecord, nil, vi: "ảnh mang mã người bệnh \(ids.first ?? ""); chưa có mã trong hồ sơ bệnh án để so (--record-patient-id)",
                  en: "the images name PatientID \(ids.first ?? ""); the record's patient ID is not given (--record-patient-id)")
        }
    }

    private func dates(_ record: Record, _ f: inout StudyFacts) {
        let undated = headers.filter { $0.studyDate.isEmpty && $0.acquisitionDate.isEmpty }
        let dates = Set(headers.map { $0.acquisitionDate.isEmpty ? $0.studyDate : $0.acquisitionDate }).sorted().joined(separator: ", ")
        if !undated.isEmpty {
            f.set(.acquisitionTimeMatchesRecord, false, vi: "\(undated.count) tệp không ghi ngày chụp, ví dụ \(undated[0].path)",
                  en: "\(undated.count) files carry no study or acquisition date, e.g. \(undated[0].path)")
        } else if let date = record.date?.replacingOccurrences(of: "-", with: "") {
            f.set(.acquisitionTimeMatchesRecord, dates == date,
                  vi: dates == date ? "chụp ngày \(Self.viDate(date)), trùng với hồ sơ bệnh án" : "chụp ngày \(Self.viDates(dates)), hồ sơ bệnh án ghi \(Self.viDate(date))",
                  en: dates == date ? "acquired on \(date), as the record says" : "acquired on \(dates), the record says \(date)")
        } else {
            f.set(.acquisitionTimeMatchesRecord, nil, vi: "ảnh ghi ngày chụp \(Self.viDates(dates)); chưa có ngày trong hồ sơ bệnh án để so (--record-date)",
                  en: "the images say \(dates); the record's date is not given (--record-date)")
        }
    }

    /// A DICOM date (YYYYMMDD) as Vietnamese write it (DD/MM/YYYY); anything else as it is.
    static func viDate(_ date: String) -> String {
        let d = Array(date)
        guard d.count == 8, d.allSatisfy(\.isNumber) else { return date }
        return "\(String(d[6...7]))/\(String(d[4...5]))/\(String(d[0...3]))"
    }

    /// A comma-separated list of DICOM dates, each as Vietnamese write it.
    static func viDates(_ dates: String) -> String {
        dates.components(separatedBy: ", ").map(viDate).joined(separator: ", ")
    }

    /// Complete series (phases): a gap in the series numbers, or in the instance numbers of a
    /// series, is not met; a series missing at the end is not visible in headers, so without the
    /// count the order or report names the fact is unknown.
    private func completeness(_ fact: StudyFact, expected: Int?, option: String, vi noun: String, en nounEn: String, _ f: inout StudyFacts) {
        var bySeries: [String: [DicomHeader]] = [:]
        for h in headers { bySeries[h.seriesUID, default: []].append(h) }
        let numbers = bySeries.values.compactMap { $0.first?.seriesNumber }.sorted()
        let counts = bySeries.values.sorted { ($0.first?.seriesNumber ?? 0) < ($1.first?.seriesNumber ?? 0) }.map { String($0.count) }.joined(separator: "/")
        let summaryVi = "\(bySeries.count) \(noun), số ảnh \(counts)"
        let summaryEn = "\(bySeries.count) \(nounEn), \(counts) instances"
        if numbers.count != bySeries.count {
            return f.set(fact, false, vi: summaryVi + "; có \(noun) không ghi số thứ tự (SeriesNumber)", en: summaryEn + "; a series has no SeriesNumber")
        }
        if let first = numbers.first, let last = numbers.last, numbers != Array(first..<(first + numbers.count)) {
            let gaps = Set(first...last).subtracting(numbers).sorted().map(String.init).joined(separator: ", ")
            return f.set(fact, false, vi: summaryVi + "; thiếu \(noun) số \(gaps)", en: summaryEn + "; series \(gaps) missing")
        }
        for files in bySeries.values {
            let instances = files.compactMap(\.instanceNumber).sorted()
            if instances != Array(1...files.count) {
                let n = files[0].seriesNumber.map(String.init) ?? "?"
                let list = instances.map(String.init).joined(separator: ", ")
                return f.set(fact, false, vi: summaryVi + "; \(noun) \(n) có số ảnh \(list), bị đứt quãng", en: summaryEn + "; series \(n) has instance numbers \(list)")
            }
        }
        guard let expected else {
            return f.set(fact, nil, vi: summaryVi + ", không đứt quãng; nhưng nếu thiếu \(noun) cuối cùng thì thông tin header DICOM không cho biết — cho số \(noun) theo phiếu chỉ định hoặc kết quả bằng \(option) N",
                         en: summaryEn + ", no gap; a missing last \(nounEn == "series" ? "series" : "phase") does not show in headers — give the count the order or report names with \(option) N")
        }
        if bySeries.count < expected {
            f.set(fact, false, vi: summaryVi + "; chỉ định ghi \(expected) \(noun), thiếu \(expected - bySeries.count)",
                  en: summaryEn + "; the order names \(expected), \(expected - bySeries.count) missing")
        } else {
            f.set(fact, true, vi: summaryVi + ", không đứt quãng, đủ \(expected) \(noun) như chỉ định", en: summaryEn + ", no gap, the \(expected) the order names")
        }
    }

    /// Intact: the files that claim to be DICOM all read, every file the DICOMDIR names is
    /// present, and every image has pixel data. "Clear" cannot be read from headers: when
    /// nothing is wrong the fact stays unknown until the asker, having viewed the images, says so.
    private func intact(_ f: inout StudyFacts) {
        if !broken.isEmpty {
            let shown = broken.prefix(5), more = broken.count > 5 ? " …" : ""
            return f.set(.intact, false, vi: "\(broken.count) tệp hỏng hoặc không đọc được: " + shown.map { "\($0.path): \($0.reasonVi)" }.joined(separator: "; ") + more,
                         en: (broken.count == 1 ? "1 file is" : "\(broken.count) files are") + " broken or unreadable: " + shown.map { "\($0.path): \($0.reasonEn)" }.joined(separator: "; ") + more)
        }
        if let first = missing.first {
            return f.set(.intact, false, vi: "DICOMDIR ghi \(missing.count) tệp không có trên đĩa, ví dụ \(first)",
                         en: "the DICOMDIR names \(missing.count) files that are not on the medium, e.g. \(first)")
        }
        let empty = headers.filter { !$0.hasPixelData }
        if let first = empty.first {
            return f.set(.intact, false, vi: "\(empty.count) tệp không có dữ liệu điểm ảnh, ví dụ \(first.path)", en: "\(empty.count) files have no pixel data, e.g. \(first.path)")
        }
        f.set(.intact, nil, vi: "mọi tệp đọc được và có dữ liệu điểm ảnh; độ rõ nét không xác định được từ thông tin header DICOM — xem ảnh rồi cho --fact intact=yes|no",
              en: "every file reads and has pixel data; whether the images are clear is not in the headers — view them, then give --fact intact=yes|no")
    }
}
