// libFuzzer target for the DICOM shim (Sources/CDicomShim): each input is written to an
// in-memory file and read as a DICOM file and as a DICOMDIR, with the limits `recognize` uses.
// Any crash, hang, or allocation over the RSS limit is a finding.
#include "dicom_shim.h"

#include <cstddef>
#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int fd = memfd_create("dicom", MFD_CLOEXEC);
    if (fd < 0) return 0;
    size_t written = 0;
    while (written < size) {
        ssize_t n = write(fd, data + written, size - written);
        if (n <= 0) break;
        written += size_t(n);
    }
    lt_dicom_limits limits{128, 1000000, 1024};
    lt_dicom_header header;
    char error[512];
    lt_dicom_read_header(fd, &limits, &header, error, sizeof error);
    static char files[1 << 16];
    lt_dicom_read_directory(fd, &limits, files, sizeof files, error, sizeof error);
    close(fd);
    return 0;
}
