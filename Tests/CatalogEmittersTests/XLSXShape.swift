import Foundation
import ZIPFoundation

/// The shape of an XLSX workbook for the shape guard: its sheet names (numbers generalised)
/// with each sheet's header row, read from the zip with ZIPFoundation.
enum XLSXShape {
    static func lines(name: String, bytes: [UInt8]) throws -> [String] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        func member(_ path: String) throws -> String {
            guard let entry = archive[path] else { return "" }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let strings = matches(#"<si>.*?</si>"#, in: try member("xl/sharedStrings.xml")).map { si in
            matches(#"<t[^>]*>(.*?)</t>"#, in: si, group: 1).joined()
        }
        let sheets = matches(#"<sheet name="([^"]*)""#, in: try member("xl/workbook.xml"), group: 1)
        var lines: [String] = []
        for (i, sheet) in sheets.enumerated() {
            let xml = try member("xl/worksheets/sheet\(i + 1).xml")
            let firstRow = matches(#"<row r="1"[^>]*>.*?</row>"#, in: xml).first ?? ""
            // Shared strings (`t="s"`, an index) or inline strings (`t="inlineStr"`).
            let header = matches(#"<c [^>]*>.*?</c>"#, in: firstRow).map { cell in
                if let index = matches(#"t="s"[^>]*><v>(\d+)</v>"#, in: cell, group: 1).first.flatMap({ Int($0) }) { return strings[index] }
                return matches(#"<t[^>]*>(.*?)</t>"#, in: cell, group: 1).joined()
            }
            let generic = sheet.replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression)
            lines.append("\(name): sheet \(generic): \(header.joined(separator: ","))")
        }
        return lines
    }

    /// The text of one member of the workbook's archive ("" when absent).
    static func member(bytes: [UInt8], _ path: String) throws -> String {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        guard let entry = archive[path] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The texts of the inline-string cells of sheet number `sheet` (1-based).
    static func cells(bytes: [UInt8], sheet: Int) throws -> [String] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        guard let entry = archive["xl/worksheets/sheet\(sheet).xml"] else { return [] }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return matches(#"<is><t[^>]*>(.*?)</t></is>"#, in: String(decoding: data, as: UTF8.self), group: 1)
    }

    private static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }
}
