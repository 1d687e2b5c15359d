import CLibXML2
import CYAML
import Foundation

/// The parser's floor: the same files read into memory and pulled through libyaml's event API
/// or libxml2's reader, counting events and doing nothing else.
enum Floor {
    static func yaml(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        defer { yaml_parser_delete(&parser) }
        let bytes = [UInt8](data)
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                count += 1
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                if done { break }
            }
        }
        return count
    }

    static func xml(_ path: String) -> Int {
        guard let reader = xmlReaderForFile(path, "UTF-8", Int32(XML_PARSE_NONET.rawValue)) else { return 0 }
        defer { xmlFreeTextReader(reader) }
        var count = 0
        while xmlTextReaderRead(reader) == 1 { count += 1 }
        return count
    }
}
