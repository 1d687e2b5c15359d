// The DCMTK side of the shim. A file reaches DCMTK only after `scan` walked its element
// headers iteratively (no recursion, a bounded buffer) and found the nesting, the element count
// and every value length within bounds: DCMTK's reader recurses once per nested sequence and
// allocates an object per element, so those bounds are what keeps it from overflowing the stack
// or the memory. DCMTK then loads the header only (values over 4 KiB stay on disk).
#include "dicom_shim.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/oflog/oflog.h>
#include <mutex>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

void fail(char *error, unsigned long size, const std::string &text) {
    if (error && size > 0) {
        std::strncpy(error, text.c_str(), size - 1);
        error[size - 1] = '\0';
    }
}

std::string tagText(uint16_t group, uint16_t element) {
    char text[16];
    std::snprintf(text, sizeof text, "(%04X,%04X)", group, element);
    return text;
}

/// Reads a file through a fixed buffer with pread: never more than 64 KiB in memory.
struct Reader {
    int fd;
    uint64_t size;
    unsigned char buffer[65536];
    uint64_t start = 0;
    size_t length = 0;

    bool read(uint64_t at, void *into, size_t count) {
        if (at + count > size) return false;
        if (at < start || at + count > start + length) {
            ssize_t got = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(at));
            if (got < 0) return false;
            start = at;
            length = static_cast<size_t>(got);
            if (count > length) return false;
        }
        std::memcpy(into, buffer + (at - start), count);
        return true;
    }
};

uint16_t u16(const unsigned char *b, bool big) { return big ? uint16_t(b[0] << 8 | b[1]) : uint16_t(b[1] << 8 | b[0]); }
uint32_t u32(const unsigned char *b, bool big) {
    return big ? uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3]
               : uint32_t(b[3]) << 24 | uint32_t(b[2]) << 16 | uint32_t(b[1]) << 8 | b[0];
}

bool longVR(const char *vr) {
    static const char *const names[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"};
    for (const char *name : names)
        if (vr[0] == name[0] && vr[1] == name[1]) return true;
    return false;
}

const uint32_t undefinedLength = 0xFFFFFFFFu;

/// Walks the element headers of the file without recursion. Returns an empty string when the
/// file is within the limits, else the reason it is refused. `preamble` tells whether the file
/// starts with the Part 10 preamble and "DICM".
std::string scan(int fd, const lt_dicom_limits &limits, bool &preamble) {
    preamble = false;
    off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0) return std::string("cannot read: ") + std::strerror(errno);
    Reader r{fd, static_cast<uint64_t>(end)};
    unsigned char b[12];
    uint64_t pos = 0;
    bool explicitVR = true, big = false;
    if (r.read(128, b, 4) && std::memcmp(b, "DICM", 4) == 0) {
        preamble = true;
        pos = 132;
        // The meta header: explicit VR little endian, group 0002; its transfer syntax names the
        // dataset's encoding.
        std::string syntax;
        while (r.read(pos, b, 8) && u16(b, false) == 0x0002) {
            uint16_t element = u16(b + 2, false);
            char vr[2] = {char(b[4]), char(b[5])};
            uint64_t value = pos + 8;
            uint32_t len = u16(b + 6, false);
            if (longVR(vr)) {
                if (!r.read(pos + 8, b, 4)) return "the meta header is cut short";
                len = u32(b, false);
                value = pos + 12;
            }
            if (len == undefinedLength || value + len > r.size) return "the meta header element " + tagText(2, element) + " runs past the end of the file";
            if (element == 0x0010) {
                if (len > 64) return "the transfer syntax UID is longer than 64 characters";
                char uid[65] = {0};
                if (!r.read(value, uid, len)) return "the meta header is cut short";
                syntax.assign(uid, strnlen(uid, len));
                while (!syntax.empty() && (syntax.back() == ' ' || syntax.back() == '\0')) syntax.pop_back();
            }
            pos = value + len;
        }
        if (syntax == "1.2.840.10008.1.2") explicitVR = false;
        else if (syntax == "1.2.840.10008.1.2.2") big = true;
        else if (syntax == "1.2.840.10008.1.2.1.99") return "deflated transfer syntax (1.2.840.10008.1.2.1.99) is not supported";
    } else {
        // A bare dataset (no preamble): DCMTK would guess; only a file that starts with group
        // 0008 (identifying information) is taken as one, so that arbitrary data is refused at once.
        if (!r.read(0, b, 6) || u16(b, false) != 0x0008) return "no DICOM preamble (\"DICM\" at byte 128) and no dataset at the start";
        explicitVR = b[4] >= 'A' && b[4] <= 'Z' && b[5] >= 'A' && b[5] <= 'Z';
    }
    // The open sequences and items: the offset where each ends (undefinedLength: at its delimiter).
    std::vector<uint64_t> open;
    unsigned long elements = 0;
    while (pos < r.size) {
        while (!open.empty() && open.back() != UINT64_MAX && pos >= open.back()) {
            if (pos > open.back()) return "an element runs past the end of its sequence or item at byte " + std::to_string(pos);
            open.pop_back();
        }
        if (++elements > limits.maxElements) return "more than " + std::to_string(limits.maxElements) + " elements";
        if (!r.read(pos, b, 8)) return "cut short at byte " + std::to_string(pos);
        uint16_t group = u16(b, big), element = u16(b + 2, big);
        if (group == 0xFFFE) {
            uint32_t len = u32(b + 4, big);
            pos += 8;
            if (element == 0xE000) {
                if (len != undefinedLength && pos + len > r.size) return "an item at byte " + std::to_string(pos - 8) + " runs past the end of the file";
                open.push_back(len == undefinedLength ? UINT64_MAX : pos + len);
            } else if (element == 0xE00D || element == 0xE0DD) {
                if (!open.empty()) open.pop_back();
            } else {
                return "unknown delimiter " + tagText(group, element) + " at byte " + std::to_string(pos - 8);
            }
        } else {
            uint32_t len;
            bool sequence = false;
            char vr[2] = {0, 0};
            if (explicitVR) {
                vr[0] = char(b[4]);
                vr[1] = char(b[5]);
                if (vr[0] < 'A' || vr[0] > 'Z' || vr[1] < 'A' || vr[1] > 'Z') return "element " + tagText(group, element) + " at byte " + std::to_string(pos) + " has no value representation";
                if (longVR(vr)) {
                    if (!r.read(pos + 8, b, 4)) return "cut short at byte " + std::to_string(pos);
                    len = u32(b, big);
                    pos += 12;
                } else {
                    len = u16(b + 6, big);
                    pos += 8;
                }
                sequence = vr[0] == 'S' && vr[1] == 'Q';
            } else {
                len = u32(b + 4, big);
                pos += 8;
            }
            if (len == undefinedLength) {
                sequence = true;
            } else {
                if (pos + len > r.size) return "the value of " + tagText(group, element) + " (" + std::to_string(len) + " bytes) runs past the end of the file";
                // An implicit-VR or UN value that holds items is parsed by DCMTK as a sequence.
                if (!sequence && len >= 8 && (!explicitVR || (vr[0] == 'U' && vr[1] == 'N'))) {
                    unsigned char item[4];
                    if (r.read(pos, item, 4) && u16(item, big) == 0xFFFE && u16(item + 2, big) == 0xE000) sequence = true;
                }
            }
            if (sequence) {
                open.push_back(len == undefinedLength ? UINT64_MAX : pos + len);
            } else {
                pos += len;
            }
        }
        if (open.size() > limits.maxDepth) return "sequences nested deeper than " + std::to_string(limits.maxDepth) + " levels";
    }
    while (!open.empty() && open.back() != UINT64_MAX && pos >= open.back()) open.pop_back();
    if (!open.empty()) return std::to_string(open.size()) + " sequences or items are not closed at the end of the file";
    return "";
}

/// DCMTK logs its warnings to the console; the answer names every problem itself.
void quiet() {
    static std::once_flag once;
    std::call_once(once, [] { OFLog::configure(OFLogger::OFF_LOG_LEVEL); });
}

/// Loads the file on `fd` with DCMTK after the scan; values over 4 KiB are left on disk.
bool load(int fd, const lt_dicom_limits &limits, DcmFileFormat &file, int *preambleOut, char *error, unsigned long errorSize) {
    quiet();
    bool preamble = false;
    std::string refused = scan(fd, limits, preamble);
    if (preambleOut) *preambleOut = preamble ? 1 : 0;
    if (!refused.empty()) {
        fail(error, errorSize, refused);
        return false;
    }
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    OFCondition status = file.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (status.bad()) {
        fail(error, errorSize, status.text());
        return false;
    }
    return true;
}

/// Runs `body`, turning a C++ exception into a refusal: an exception must never cross into
/// Swift (it would end the process). DCMTK throws from its own code on some malformed values
/// (found by the fuzzer: a DICOMDIR record type makes DcmByteString::verify throw out_of_range).
template <typename Body> int guarded(char *error, unsigned long errorSize, Body body) {
    try {
        return body();
    } catch (const std::exception &e) {
        fail(error, errorSize, std::string("DCMTK failed on the file: ") + e.what());
    } catch (...) {
        fail(error, errorSize, "DCMTK failed on the file");
    }
    return 1;
}

/// Copies a text element, refusing one longer than the limit (its value is then never loaded).
bool copy(DcmItem *data, const DcmTagKey &key, char *into, size_t size, const lt_dicom_limits &limits, std::string &refused, bool allValues = false) {
    into[0] = '\0';
    DcmElement *element = nullptr;
    if (data->findAndGetElement(key, element).bad() || element == nullptr) return true;
    if (element->getLength() > limits.maxTextLength) {
        refused = std::string(DcmTag(key).getTagName()) + " " + tagText(key.getGroup(), key.getElement()) + " is " + std::to_string(element->getLength()) +
                  " bytes long, more than " + std::to_string(limits.maxTextLength);
        return false;
    }
    OFString value;
    OFCondition status = allValues ? element->getOFStringArray(value) : element->getOFString(value, 0);
    if (status.good()) {
        std::strncpy(into, value.c_str(), size - 1);
        into[size - 1] = '\0';
    }
    return true;
}

int readHeader(int fd, const lt_dicom_limits *limits, lt_dicom_header *out, char *error, unsigned long errorSize);
int readDirectory(int fd, const lt_dicom_limits *limits, char *files, unsigned long filesSize, char *error, unsigned long errorSize);

}  // namespace

extern "C" int lt_dicom_read_header(int fd, const lt_dicom_limits *limits, lt_dicom_header *out, char *error, unsigned long errorSize) {
    std::memset(out, 0, sizeof(*out));
    return guarded(error, errorSize, [&] { return readHeader(fd, limits, out, error, errorSize); });
}

extern "C" int lt_dicom_read_directory(int fd, const lt_dicom_limits *limits, char *files, unsigned long filesSize, char *error, unsigned long errorSize) {
    if (filesSize == 0) return 1;
    files[0] = '\0';
    return guarded(error, errorSize, [&] { return readDirectory(fd, limits, files, filesSize, error, errorSize); });
}

namespace {
int readHeader(int fd, const lt_dicom_limits *limits, lt_dicom_header *out, char *error, unsigned long errorSize) {
    DcmFileFormat file;
    if (!load(fd, *limits, file, &out->hasPreamble, error, errorSize)) return 1;
    DcmDataset *data = file.getDataset();
    std::string refused;
    bool ok = copy(file.getMetaInfo(), DCM_MediaStorageSOPClassUID, out->sopClassUID, sizeof(out->sopClassUID), *limits, refused);
    if (ok && out->sopClassUID[0] == '\0') ok = copy(data, DCM_SOPClassUID, out->sopClassUID, sizeof(out->sopClassUID), *limits, refused);
    ok = ok && copy(data, DCM_PatientID, out->patientID, sizeof(out->patientID), *limits, refused)
        && copy(data, DCM_PatientName, out->patientName, sizeof(out->patientName), *limits, refused)
        && copy(data, DCM_StudyDate, out->studyDate, sizeof(out->studyDate), *limits, refused)
        && copy(data, DCM_StudyTime, out->studyTime, sizeof(out->studyTime), *limits, refused)
        && copy(data, DCM_AcquisitionDate, out->acquisitionDate, sizeof(out->acquisitionDate), *limits, refused)
        && copy(data, DCM_AcquisitionTime, out->acquisitionTime, sizeof(out->acquisitionTime), *limits, refused)
        && copy(data, DCM_ContentDate, out->contentDate, sizeof(out->contentDate), *limits, refused)
        && copy(data, DCM_Modality, out->modality, sizeof(out->modality), *limits, refused)
        && copy(data, DCM_BodyPartExamined, out->bodyPart, sizeof(out->bodyPart), *limits, refused)
        && copy(data, DCM_StudyInstanceUID, out->studyUID, sizeof(out->studyUID), *limits, refused)
        && copy(data, DCM_SeriesInstanceUID, out->seriesUID, sizeof(out->seriesUID), *limits, refused)
        && copy(data, DCM_SOPInstanceUID, out->sopInstanceUID, sizeof(out->sopInstanceUID), *limits, refused)
        && copy(data, DCM_ImageType, out->imageType, sizeof(out->imageType), *limits, refused, true)
        && copy(data, DCM_DerivationDescription, out->derivationDescription, sizeof(out->derivationDescription), *limits, refused)
        && copy(data, DCM_SeriesNumber, out->seriesNumber, sizeof(out->seriesNumber), *limits, refused)
        && copy(data, DCM_InstanceNumber, out->instanceNumber, sizeof(out->instanceNumber), *limits, refused)
        && copy(data, DCM_ContrastBolusAgent, out->contrastAgent, sizeof(out->contrastAgent), *limits, refused)
        && copy(data, DCM_ContrastBolusRoute, out->contrastRoute, sizeof(out->contrastRoute), *limits, refused)
        && copy(data, DCM_Laterality, out->laterality, sizeof(out->laterality), *limits, refused)
        && copy(data, DCM_ImageLaterality, out->imageLaterality, sizeof(out->imageLaterality), *limits, refused)
        && copy(data, DCM_SeriesDescription, out->seriesDescription, sizeof(out->seriesDescription), *limits, refused);
    if (!ok) {
        fail(error, errorSize, refused);
        return 1;
    }
    DcmElement *pixels = nullptr;
    out->hasPixelData = data->findAndGetElement(DCM_PixelData, pixels).good() && pixels != nullptr && pixels->getLength() > 0 ? 1 : 0;
    return 0;
}

int readDirectory(int fd, const lt_dicom_limits *limits, char *files, unsigned long filesSize, char *error, unsigned long errorSize) {
    DcmFileFormat file;
    if (!load(fd, *limits, file, nullptr, error, errorSize)) return 1;
    DcmSequenceOfItems *records = nullptr;
    if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || records == nullptr) {
        fail(error, errorSize, "no Directory Record Sequence (0004,1220): not a DICOMDIR");
        return 1;
    }
    // The records in file order, each read on its own (no walk of the record links, which a
    // hostile file could make circular).
    std::string lines, study;
    for (unsigned long i = 0; i < records->card(); i++) {
        DcmItem *record = records->getItem(i);
        std::string refused;
        char type[32], uid[72], id[512];
        if (!copy(record, DCM_DirectoryRecordType, type, sizeof type, *limits, refused)) { fail(error, errorSize, refused); return 1; }
        if (std::strncmp(type, "STUDY", 5) == 0) {
            if (!copy(record, DCM_StudyInstanceUID, uid, sizeof uid, *limits, refused)) { fail(error, errorSize, refused); return 1; }
            study = uid;
        }
        if (!copy(record, DCM_ReferencedFileID, id, sizeof id, *limits, refused, true)) { fail(error, errorSize, refused); return 1; }
        if (id[0] == '\0') continue;
        lines += study + "\t" + id + "\n";
        if (lines.size() + 1 > filesSize) {
            fail(error, errorSize, "the DICOMDIR names more files than can be read (" + std::to_string(i) + " records)");
            return 1;
        }
    }
    std::memcpy(files, lines.c_str(), lines.size() + 1);
    return 0;
}
}  // namespace
