import CXLSXWriter
import Foundation

/// A thin Swift face of one libxlsxwriter workbook, for the `xlsx` emitter.
///
/// libxlsxwriter (Debian's libxlsxwriter-dev 1.1.4) writes only to a file path, so the
/// workbook goes to a private temporary file that ``finish(into:)`` streams to the artifact
/// and removes. Codes and names are written as strings (an XLSX inline string, typed text; rows are
/// written in order, each sheet in libxlsxwriter's constant-memory mode), so a
/// code such as `23.20` or `0012` is never turned into a number by a spreadsheet program; counts
/// are numbers (``Sheet/write(number:row:column:style:)``). Enumerated columns carry a drop-down
/// list (``Sheet/restrict(column:firstRow:lastRow:to:title:message:)``).
/// The document dates are fixed by the caller and libxlsxwriter dates every zip member
/// 1980-01-01, so the same catalog gives the same bytes anywhere.
final class XLSXWorkbook {
    /// The cell formats the emitter uses.
    enum Style: CaseIterable {
        /// Bold header on a light fill, wrapped, with a rule below.
        case header
        /// Ordinary text cell (number format `@`, wrapped, top-aligned).
        case text
        /// A retired entry's cell: text, grey and struck through.
        case retired
        /// A label in the notes sheet (bold text).
        case label
        /// A whole number (a count), number format `0`.
        case count
        /// A number with one decimal (a percentage), number format `0.0`.
        case oneDecimal
    }

    /// The most characters (Unicode scalars, as libxlsxwriter counts them) a cell holds.
    static let maxCellCharacters = 32_767

    private let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]
    /// C strings handed to libxlsxwriter that must outlive it (document properties).
    private var retained: [UnsafeMutablePointer<CChar>] = []

    /// A new, empty workbook in a private temporary file; nil when none can be created.
    init?() {
        var template = Array((NSTemporaryDirectory() + "/lienthong-xlsx-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        close(fd)
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Constant memory: each row goes to a temporary file once the next begins (strings
        // inline), so a workbook of any size needs about one row of memory. No ZIP64, which
        // some readers refuse; a workbook stays far below 4 GiB.
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: nil, use_zip64: 0)
        guard let workbook = workbook_new_opt(path, &options) else {
            unlink(path)
            return nil
        }
        self.workbook = workbook
        for style in Style.allCases { formats[style] = makeFormat(style) }
    }

    private func makeFormat(_ style: Style) -> UnsafeMutablePointer<lxw_format> {
        let format = workbook_add_format(workbook)!
        format_set_num_format(format, style == .count ? "0" : style == .oneDecimal ? "0.0" : "@")
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        switch style {
        case .header:
            format_set_bold(format)
            format_set_text_wrap(format)
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, 0xDDE8F3)
            format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .text:
            format_set_text_wrap(format)
        case .retired:
            format_set_text_wrap(format)
            format_set_font_strikeout(format)
            format_set_font_color(format, 0x6B6B6B)
        case .label:
            format_set_bold(format)
            format_set_text_wrap(format)
        case .count, .oneDecimal:
            break
        }
        return format
    }

    /// Sets the document properties; `created` (seconds since 1970 UTC) dates the file.
    func setProperties(title: String, subject: String, author: String, comments: String, keywords: String, created: Int) {
        var properties = lxw_doc_properties()
        properties.title = retain(title)
        properties.subject = retain(subject)
        properties.author = retain(author)
        properties.company = retain(author)
        properties.comments = retain(comments)
        properties.keywords = retain(keywords)
        properties.created = time_t(created)
        workbook_set_properties(workbook, &properties)
    }

    private func retain(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        retained.append(copy)
        return copy
    }

    /// Adds a worksheet named `name` (at most 31 characters).
    func addSheet(_ name: String) -> Sheet {
        Sheet(pointer: workbook_add_worksheet(workbook, name), formats: formats)
    }

    /// One worksheet: text cells, column widths, a frozen and filtered header row.
    struct Sheet {
        let pointer: UnsafeMutablePointer<lxw_worksheet>?
        let formats: [Style: UnsafeMutablePointer<lxw_format>]

        /// Writes `text` as a text cell at zero-based `row`, `column`; empty text leaves the
        /// cell blank but styled. A cell holds at most 32,767 characters: longer text (which no
        /// catalog value comes near) is cut with a note saying where the whole text is.
        func write(_ text: String, row: Int, column: Int, style: Style = .text) {
            if text.isEmpty {
                worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(column), formats[style])
            } else if text.unicodeScalars.count > XLSXWorkbook.maxCellCharacters {
                let cut = String(String.UnicodeScalarView(text.unicodeScalars.prefix(XLSXWorkbook.maxCellCharacters - 100)))
                worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), cut + " … [cut: the whole text is in json/catalog.json]", formats[style])
            } else {
                worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), text, formats[style])
            }
        }

        /// Writes `number` as a number cell (a count or a percentage, never a code).
        func write(number: Double, row: Int, column: Int, style: Style = .count) {
            worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), number, formats[style])
        }

        /// Puts a drop-down list on `column`, rows `firstRow...lastRow` (zero-based): a value
        /// must be one of the cells `source` names (a formula such as `='Giá trị cho phép'!$C$2:$C$4`),
        /// or the cell left blank. `title` (at most 32 characters) and `message` (at most 255)
        /// are shown when a cell is selected and, with the list, when a value is refused.
        func restrict(column: Int, firstRow: Int, lastRow: Int, to source: String, title: String, message: String) {
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
            validation.show_input = UInt8(LXW_VALIDATION_ON.rawValue)
            validation.show_error = UInt8(LXW_VALIDATION_ON.rawValue)
            validation.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_STOP.rawValue)
            let texts: [String] = [source, String(String.UnicodeScalarView(title.unicodeScalars.prefix(32))),
                                   String(String.UnicodeScalarView(message.unicodeScalars.prefix(255)))]
            let strings: [UnsafeMutablePointer<CChar>] = texts.map { text in strdup(text)! }
            defer { strings.forEach { free($0) } }
            validation.value_formula = strings[0]
            validation.input_title = strings[1]
            validation.input_message = strings[2]
            validation.error_title = strings[1]
            validation.error_message = strings[2]
            worksheet_data_validation_range(pointer, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow), lxw_col_t(column), &validation)
        }

        /// Writes a row of cells from column 0.
        func writeRow(_ cells: [String], row: Int, style: Style = .text) {
            for (column, text) in cells.enumerated() { write(text, row: row, column: column, style: style) }
        }

        /// Sets the width of `column` in character units, and its default format to text, so
        /// that what a person types there later stays text too.
        func setWidth(_ width: Double, column: Int) {
            worksheet_set_column(pointer, lxw_col_t(column), lxw_col_t(column), width, formats[.text])
        }

        /// Freezes the first row and puts a filter on the header of a table of `rows` rows
        /// (header included) and `columns` columns.
        func freezeAndFilterHeader(rows: Int, columns: Int) {
            worksheet_freeze_panes(pointer, 1, 0)
            worksheet_autofilter(pointer, 0, 0, lxw_row_t(max(rows - 1, 0)), lxw_col_t(columns - 1))
        }
    }

    /// Closes the workbook, streams the file's bytes to `file` and removes the temporary file.
    /// Returns libxlsxwriter's error text when it could not write the workbook.
    func finish(into file: any ArtifactFile) -> String? {
        defer {
            unlink(path)
            for pointer in retained { free(pointer) }
        }
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else { return String(cString: lxw_strerror(status)) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot read \(path)" }
        defer { try? handle.close() }
        while let chunk = try? handle.read(upToCount: OutputBuffer.chunkSize), !chunk.isEmpty {
            file.write([UInt8](chunk))
        }
        file.close()
        return nil
    }
}
