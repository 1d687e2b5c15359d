import CatalogCore

/// The catalog entry's meaning checked against the headers, one fact each: the modality
/// (Modality), the body part (BodyPartExamined), the contrast (ContrastBolusAgent and Route)
/// and the side (Laterality or ImageLaterality). A header that is absent leaves its fact
/// unknown, never met.
struct DicomEntryMeaning {
    var headers: [DicomHeader]

    func check(modality: Modality, bodyRegion: BodyRegion, contrast: Contrast, laterality: Laterality, _ f: inout StudyFacts) {
        let modalities = Set(headers.map(\.modality))
        let wrong = modalities.subtracting(DicomVocabulary.modalities(for: modality)).sorted().joined(separator: ", ")
        let all = modalities.sorted().joined(separator: ", ")
        f.set(.modalityMatchesEntry, wrong.isEmpty,
              vi: wrong.isEmpty ? "phương thức chụp (Modality) \(all), đúng dịch vụ \(modality.rawValue)" : "phương thức chụp (Modality) \(wrong), dịch vụ là \(modality.rawValue)",
              en: wrong.isEmpty ? "Modality \(all), as the entry's \(modality.rawValue)" : "Modality \(wrong), the entry is \(modality.rawValue)")
        bodyPart(bodyRegion, &f)
        self.contrast(contrast, &f)
        side(laterality, &f)
    }

    func bodyPart(_ region: BodyRegion, _ f: inout StudyFacts) {
        let parts = Set(headers.map(\.bodyPart).filter { !$0.isEmpty })
        let wanted = DicomVocabulary.bodyParts(for: region)
        let list = parts.sorted().joined(separator: ", ")
        if parts.isEmpty {
            return f.set(.bodyPartMatchesEntry, nil, vi: "không tệp nào ghi vùng chụp (BodyPartExamined); xem ảnh rồi cho --fact body-part-matches-entry=yes|no",
                         en: "no file names BodyPartExamined; view the images, then give --fact body-part-matches-entry=yes|no")
        }
        if wanted.isEmpty {
            return f.set(.bodyPartMatchesEntry, nil, vi: "ảnh ghi vùng chụp \(list); vùng \(region.rawValue) của dịch vụ không có thuật ngữ DICOM riêng để so — cho --fact body-part-matches-entry=yes|no",
                         en: "the images name \(list); the entry's region \(region.rawValue) has no single DICOM term to compare — give --fact body-part-matches-entry=yes|no")
        }
        let wrong = parts.subtracting(wanted).sorted().joined(separator: ", ")
        f.set(.bodyPartMatchesEntry, wrong.isEmpty,
              vi: wrong.isEmpty ? "vùng chụp (BodyPartExamined) \(list), đúng vùng \(region.rawValue) của dịch vụ" : "vùng chụp (BodyPartExamined) \(wrong), dịch vụ là vùng \(region.rawValue)",
              en: wrong.isEmpty ? "BodyPartExamined \(list), the entry's \(region.rawValue)" : "BodyPartExamined \(wrong), the entry is \(region.rawValue)")
    }

    func contrast(_ contrast: Contrast, _ f: inout StudyFacts) {
        let withAgent = headers.filter { !$0.contrastAgent.isEmpty || !$0.contrastRoute.isEmpty }
        let agents = Set(withAgent.map { [$0.contrastAgent, $0.contrastRoute].filter { !$0.isEmpty }.joined(separator: ", ") }).sorted().joined(separator: "; ")
        let seriesWith = Set(withAgent.map(\.seriesUID)), series = Set(headers.map(\.seriesUID))
        switch contrast {
        case .none:
            f.set(.contrastMatchesEntry, withAgent.isEmpty,
                  vi: withAgent.isEmpty ? "dịch vụ không tiêm thuốc cản quang; không tệp nào ghi thuốc cản quang (ContrastBolusAgent)" : "dịch vụ không tiêm thuốc cản quang, nhưng \(withAgent.count) tệp ghi thuốc cản quang: \(agents)",
                  en: withAgent.isEmpty ? "the entry is without contrast; no file names a ContrastBolusAgent" : "the entry is without contrast, but \(withAgent.count) files name a contrast agent: \(agents)")
        case .withoutAndWithIV:
            if withAgent.isEmpty {
                f.set(.contrastMatchesEntry, nil, vi: "dịch vụ chụp không và có tiêm thuốc cản quang, nhưng không tệp nào ghi thuốc cản quang (ContrastBolusAgent); xem ảnh rồi cho --fact contrast-matches-entry=yes|no",
                      en: "the entry is without and with contrast, but no file names a ContrastBolusAgent; view the images, then give --fact contrast-matches-entry=yes|no")
            } else {
                let both = seriesWith.count < series.count
                f.set(.contrastMatchesEntry, both,
                      vi: both ? "\(series.count - seriesWith.count) loạt không tiêm và \(seriesWith.count) loạt có thuốc cản quang (\(agents))" : "mọi loạt đều ghi thuốc cản quang (\(agents)); thiếu loạt không tiêm",
                      en: both ? "\(series.count - seriesWith.count) series without and \(seriesWith.count) with contrast (\(agents))" : "every series names a contrast agent (\(agents)); the series without contrast is missing")
            }
        default:
            if withAgent.isEmpty {
                f.set(.contrastMatchesEntry, nil, vi: "dịch vụ có tiêm thuốc cản quang (\(contrast.rawValue)), nhưng không tệp nào ghi thuốc cản quang (ContrastBolusAgent); xem ảnh rồi cho --fact contrast-matches-entry=yes|no",
                      en: "the entry is with contrast (\(contrast.rawValue)), but no file names a ContrastBolusAgent; view the images, then give --fact contrast-matches-entry=yes|no")
            } else {
                f.set(.contrastMatchesEntry, true, vi: "dịch vụ có tiêm thuốc cản quang (\(contrast.rawValue)); ảnh ghi \(agents)",
                      en: "the entry is with contrast (\(contrast.rawValue)); the images name \(agents)")
            }
        }
    }

    func side(_ laterality: Laterality, _ f: inout StudyFacts) {
        let sides = Set(headers.map { $0.laterality.uppercased() }.filter { !$0.isEmpty })
        let list = sides.sorted().joined(separator: ", ")
        let unsided = headers.filter { $0.laterality.isEmpty }.count
        func unknown(_ vi: String, _ en: String) {
            f.set(.lateralityMatchesEntry, nil, vi: vi + "; xem ảnh rồi cho --fact laterality-matches-entry=yes|no", en: en + "; view the images, then give --fact laterality-matches-entry=yes|no")
        }
        switch laterality {
        case .none:
            f.set(.lateralityMatchesEntry, true, vi: "dịch vụ không phân bên", en: "the entry has no side")
        case .left, .right:
            let want = laterality == .left ? "L" : "R", sideVi = laterality == .left ? "trái" : "phải"
            if sides.isEmpty { return unknown("dịch vụ chụp bên \(sideVi), nhưng không tệp nào ghi bên (Laterality, ImageLaterality)", "the entry is \(laterality.rawValue), but no file names a Laterality or ImageLaterality") }
            let ok = sides == [want]
            if ok && unsided > 0 { return unknown("\(headers.count - unsided) tệp ghi bên \(want), \(unsided) tệp không ghi bên", "\(headers.count - unsided) files name side \(want), \(unsided) name none") }
            f.set(.lateralityMatchesEntry, ok, vi: ok ? "mọi tệp ghi bên \(want), đúng bên \(sideVi) của dịch vụ" : "ảnh ghi bên \(list), dịch vụ là bên \(sideVi) (\(want))",
                  en: ok ? "every file names side \(want), the entry's \(laterality.rawValue)" : "the images name side \(list), the entry is \(laterality.rawValue) (\(want))")
        case .bilateral:
            if sides.isEmpty { return unknown("dịch vụ chụp hai bên, nhưng không tệp nào ghi bên (Laterality, ImageLaterality)", "the entry is bilateral, but no file names a Laterality or ImageLaterality") }
            let ok = sides.contains("B") || (sides.contains("L") && sides.contains("R"))
            f.set(.lateralityMatchesEntry, ok, vi: ok ? "ảnh ghi bên \(list), đủ hai bên" : "ảnh chỉ ghi bên \(list), dịch vụ chụp hai bên",
                  en: ok ? "the images name sides \(list): both sides" : "the images name only side \(list), the entry is bilateral")
        case .unilateral:
            if sides.isEmpty { return unknown("dịch vụ chụp một bên, nhưng không tệp nào ghi bên (Laterality, ImageLaterality)", "the entry is one side, but no file names a Laterality or ImageLaterality") }
            let ok = sides.count == 1 && sides != ["B"]
            f.set(.lateralityMatchesEntry, ok, vi: ok ? "mọi tệp ghi bên \(list), đúng một bên" : "ảnh ghi bên \(list), dịch vụ chụp một bên",
                  en: ok ? "every file names side \(list): one side" : "the images name sides \(list), the entry is one side")
        }
    }
}
