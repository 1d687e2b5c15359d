import Foundation
@testable import CatalogSpreadsheets
import ZIPFoundation

/// Minimal XLSX files for tests, written with ZIPFoundation: sheets of inline-string and number
/// cells and merged ranges, laid out as Excel writes them (workbook, relationships, one part a
/// sheet). Also writes back a workbook read by ``XLSXReader``, after a test has edited it.
enum TestWorkbook {
    /// A cell to write: text (an inline string) or a number as the file stores it.
    enum Cell: ExpressibleByStringLiteral {
        case text(String)
        case number(String)
        init(stringLiteral value: String) { self = .text(value) }
    }

    /// One sheet: its name, rows from the top (nil for an empty cell) and merged ranges ("A1:C1").
    struct Sheet {
        var name: String
        var rows: [[Cell?]]
        var merged: [String] = []
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The sheet part of `sheet`.
    static func sheetXML(_ sheet: Sheet) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                guard let cell else { continue }
                let ref = CellPosition(row: r, column: c).description
                switch cell {
                case .text(let text): xml += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(xmlEscaped(text))</t></is></c>"#
                case .number(let number): xml += #"<c r="\#(ref)"><v>\#(number)</v></c>"#
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !sheet.merged.isEmpty {
            xml += #"<mergeCells count="\#(sheet.merged.count)">"# + sheet.merged.map { #"<mergeCell ref="\#($0)"/>"# }.joined() + "</mergeCells>"
        }
        return xml + "</worksheet>"
    }

    /// The workbook of `sheets`, with `extra` members added as they are (hostile cases).
    static func bytes(_ sheets: [Sheet], extra: [(String, String)] = [], sharedStrings: [String]? = nil) throws -> [UInt8] {
        var members: [(String, String)] = []
        var list = "", relations = ""
        for (i, sheet) in sheets.enumerated() {
            list += #"<sheet name="\#(xmlEscaped(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
            relations += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
            members.append(("xl/worksheets/sheet\(i + 1).xml", sheetXML(sheet)))
        }
        members.insert(("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\#(list)</sheets></workbook>"#), at: 0)
        members.insert(("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(relations)</Relationships>"#), at: 1)
        if let sharedStrings {
            members.append(("xl/sharedStrings.xml", "<sst>" + sharedStrings.map { "<si><t>\(xmlEscaped($0))</t></si>" }.joined() + "</sst>"))
        }
        return try zip(members + extra)
    }

    /// A zip of `members` in order (deflated).
    static func zip(_ members: [(String, String)]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in members {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data!)
    }

    /// A workbook read by ``XLSXReader`` written back (every cell as it was read: text or number).
    static func bytes(_ workbook: SpreadsheetWorkbook) throws -> [UInt8] {
        try bytes(workbook.sheets.map(sheet))
    }

    /// A read sheet as a ``Sheet`` to write.
    static func sheet(_ read: SpreadsheetSheet) -> Sheet {
        var rows = [[Cell?]](repeating: [Cell?](repeating: nil, count: read.columnCount), count: read.rowCount)
        for (p, cell) in read.cells { rows[p.row][p.column] = cell.kind == .number ? .number(cell.text) : .text(cell.text) }
        return Sheet(name: read.name, rows: rows, merged: read.merged.map { "\($0.first):\($0.last)" })
    }
}
