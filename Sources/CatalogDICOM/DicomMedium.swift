import CatalogCore
import Glibc

/// A medium as it arrives (a study folder, a CD or USB layout with a DICOMDIR, a viewer and an
/// autorun file): every file under the folder opened through ``GuardedFile`` and sorted into
/// DICOM images, files that claim to be DICOM but cannot be read (named, evidence against
/// intactness), and other files (a note, not a failure).
public struct DicomMedium: Sendable {
    /// A file that claims to be DICOM (the preamble, a `.dcm` name, or named in the DICOMDIR) and
    /// cannot be read, with the study the DICOMDIR places it in (nil: not known).
    public struct Broken: Sendable, Equatable {
        public var path: String
        public var study: String?
        public var reasonVi: String
        public var reasonEn: String
    }

    /// A file that is not part of the images: a viewer, an autorun file, a text; or a thing that
    /// was not read (a FIFO, a link leaving the folder).
    public struct Note: Sendable, Equatable {
        public var path: String
        public var vi: String
        public var en: String
    }

    public var images: [DicomHeader] = []
    public var broken: [Broken] = []
    public var notes: [Note] = []
    /// Files the DICOMDIR names that are not on the medium, with their study.
    public var missing: [(study: String, path: String)] = []
    /// Whether the medium has a DICOMDIR that DCMTK read.
    public var hasDirectory = false

    /// The studies on the medium, by Study Instance UID, in UID order.
    public var studyUIDs: [String] {
        Array(Set(images.map(\.studyUID)).union(missing.map(\.study)).filter { !$0.isEmpty }).sorted()
    }

    /// Reads every file under `directory` (hidden names skipped).
    public static func read(directory: String, limits: DicomLimits = DicomLimits()) throws -> DicomMedium {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, let root = GuardedFile.canonical(directory) else {
            throw DicomReadError(path: directory, reason: "not a folder / không phải thư mục")
        }
        var medium = DicomMedium()
        let files = try walk(root: root, limits: limits, notes: &medium.notes)
        // The DICOMDIR first: the files it names claim to be DICOM, and it places them in studies.
        var named: [String: String] = [:]   // lower-cased relative path -> study UID
        for file in files where file.split(separator: "/").last?.uppercased() == "DICOMDIR" {
            let folder = file.split(separator: "/").dropLast().joined(separator: "/")
            switch GuardedFile.open(root + "/" + file, root: root, limits: limits) {
            case let .failure(refusal):
                medium.broken.append(Broken(path: file, study: nil, reasonVi: "DICOMDIR " + refusal.vi, reasonEn: "the DICOMDIR " + refusal.en))
            case let .success(opened):
                defer { close(opened.fd) }
                switch DicomHeader.readDirectory(fd: opened.fd, limits: limits) {
                case let .failure(error):
                    medium.broken.append(Broken(path: file, study: nil, reasonVi: "DICOMDIR hỏng: \(error.reason)", reasonEn: "the DICOMDIR is broken: \(error.reason)"))
                case let .success(entries):
                    medium.hasDirectory = true
                    for entry in entries {
                        let path = ((folder.isEmpty ? [] : [folder]) + entry.components).joined(separator: "/")
                        named[path.lowercased()] = entry.study
                    }
                }
            }
        }
        let present = Set(files.map { $0.lowercased() })
        medium.missing = named.filter { !present.contains($0.key) }.map { (study: $0.value, path: $0.key.uppercased()) }.sorted { $0.path < $1.path }
        for file in files where file.split(separator: "/").last?.uppercased() != "DICOMDIR" {
            let study = named[file.lowercased()]
            let claims = study != nil || file.lowercased().hasSuffix(".dcm")
            switch GuardedFile.open(root + "/" + file, root: root, limits: limits) {
            case let .failure(refusal):
                if claims {
                    medium.broken.append(Broken(path: file, study: study, reasonVi: refusal.vi, reasonEn: refusal.en))
                } else {
                    medium.notes.append(Note(path: file, vi: refusal.vi, en: refusal.en))
                }
            case let .success(opened):
                let reading = DicomHeader.read(fd: opened.fd, path: file, limits: limits)
                close(opened.fd)
                if let header = reading.header {
                    if header.isDirectory { continue }
                    medium.images.append(header)
                } else if claims || reading.hasPreamble {
                    let reason = reading.reason ?? ""
                    medium.broken.append(Broken(path: file, study: study, reasonVi: "tệp DICOM hỏng (chi tiết kỹ thuật: \(reason))", reasonEn: "a broken DICOM file: \(reason)"))
                } else {
                    medium.notes.append(Note(path: file, vi: "không phải DICOM (phần mềm xem, tệp tự chạy, văn bản…); bỏ qua",
                                             en: "not DICOM (a viewer, an autorun file, a text…); left aside"))
                }
            }
        }
        return medium
    }

    /// The relative paths of the entries under `root` that are not folders, in path order;
    /// folders deeper than the limit and links to folders are noted, not followed.
    static func walk(root: String, limits: DicomLimits, notes: inout [Note]) throws -> [String] {
        var files: [String] = []
        var pending: [(path: String, depth: Int)] = [("", 0)]
        while let (folder, depth) = pending.popLast() {
            guard let dir = opendir(folder.isEmpty ? root : root + "/" + folder) else {
                notes.append(Note(path: folder, vi: "thư mục không đọc được", en: "a folder that cannot be read"))
                continue
            }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard !name.hasPrefix(".") else { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(root + "/" + relative, &info) == 0 else { continue }
                var target = stat()
                if info.st_mode & S_IFMT == S_IFDIR {
                    if depth + 1 > limits.maxFolderDepth {
                        notes.append(Note(path: relative, vi: "thư mục lồng quá \(limits.maxFolderDepth) cấp; không đọc", en: "folders nested deeper than \(limits.maxFolderDepth); not read"))
                    } else {
                        pending.append((relative, depth + 1))
                    }
                } else if info.st_mode & S_IFMT == S_IFLNK, stat(root + "/" + relative, &target) == 0, target.st_mode & S_IFMT == S_IFDIR {
                    notes.append(Note(path: relative, vi: "liên kết tới thư mục; không đi theo", en: "a link to a folder; not followed"))
                } else {
                    files.append(relative)
                    guard files.count <= limits.maxFiles else {
                        throw DicomReadError(path: root, reason: "more than \(limits.maxFiles) files / hơn \(limits.maxFiles) tệp")
                    }
                }
            }
        }
        return files.sorted()
    }
}

extension DicomMedium {
    /// The study to answer for: the one on the medium, or the one `uid` chooses when there are
    /// several. Broken files the DICOMDIR does not place in a study count against every study.
    public func study(uid: String?) throws(RecognitionQuestion.Refusal) -> DicomStudy {
        let uids = studyUIDs
        let chosen: String
        if let uid {
            guard uids.contains(uid) else {
                throw RecognitionQuestion.Refusal(.recognizeUnknownStudy,
                                                  vi: "--study-uid \(uid) không có trên đĩa; các ca chụp trên đĩa: \(describe(uids))",
                                                  en: "--study-uid \(uid) is not on the medium; its studies: \(describe(uids))")
            }
            chosen = uid
        } else if uids.count > 1 {
            throw RecognitionQuestion.Refusal(.recognizeSeveralStudies,
                                              vi: "đĩa có \(uids.count) ca chụp; chọn một bằng --study-uid: \(describe(uids))",
                                              en: "the medium holds \(uids.count) studies; choose one with --study-uid: \(describe(uids))")
        } else {
            chosen = uids.first ?? ""
        }
        return DicomStudy(uid: chosen, headers: images.filter { $0.studyUID == chosen || uids.count <= 1 },
                          broken: broken.filter { $0.study == nil || $0.study == chosen || uids.count <= 1 },
                          missing: missing.filter { $0.study == chosen || uids.count <= 1 }.map(\.path), notes: notes)
    }

    /// The studies with what tells them apart: patient, date, modality, number of images.
    func describe(_ uids: [String]) -> String {
        uids.map { uid in
            let files = images.filter { $0.studyUID == uid }
            guard let first = files.first else { return uid }
            let modalities = Set(files.map(\.modality)).sorted().joined(separator: "/")
            return "\(uid) (\(first.patientID), \(first.studyDate), \(modalities), \(files.count))"
        }.joined(separator: "; ")
    }
}
