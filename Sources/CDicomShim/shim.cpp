// The DCMTK side of the shim: loads a file with DcmFileFormat and copies the header elements
// lienthong's recognition check needs into a plain C struct.
#include "dicom_shim.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <cstring>

namespace {
void copy(DcmDataset *data, const DcmTagKey &key, char *into, size_t size, bool allValues = false) {
    into[0] = '\0';
    OFString value;
    OFCondition status = allValues ? data->findAndGetOFStringArray(key, value) : data->findAndGetOFString(key, value);
    if (status.good()) {
        std::strncpy(into, value.c_str(), size - 1);
        into[size - 1] = '\0';
    }
}
}

extern "C" int lt_dicom_read_header(const char *path, lt_dicom_header *out, char *error, unsigned long errorSize) {
    std::memset(out, 0, sizeof(*out));
    DcmFileFormat file;
    // Header only: pixel data above 4 KiB is left on disk (its presence is still known).
    OFCondition status = file.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (status.bad()) {
        if (error && errorSize > 0) {
            std::strncpy(error, status.text(), errorSize - 1);
            error[errorSize - 1] = '\0';
        }
        return 1;
    }
    DcmDataset *data = file.getDataset();
    copy(data, DCM_PatientID, out->patientID, sizeof(out->patientID));
    copy(data, DCM_PatientName, out->patientName, sizeof(out->patientName));
    copy(data, DCM_StudyDate, out->studyDate, sizeof(out->studyDate));
    copy(data, DCM_StudyTime, out->studyTime, sizeof(out->studyTime));
    copy(data, DCM_AcquisitionDate, out->acquisitionDate, sizeof(out->acquisitionDate));
    copy(data, DCM_AcquisitionTime, out->acquisitionTime, sizeof(out->acquisitionTime));
    copy(data, DCM_ContentDate, out->contentDate, sizeof(out->contentDate));
    copy(data, DCM_Modality, out->modality, sizeof(out->modality));
    copy(data, DCM_BodyPartExamined, out->bodyPart, sizeof(out->bodyPart));
    copy(data, DCM_StudyInstanceUID, out->studyUID, sizeof(out->studyUID));
    copy(data, DCM_SeriesInstanceUID, out->seriesUID, sizeof(out->seriesUID));
    copy(data, DCM_SOPInstanceUID, out->sopInstanceUID, sizeof(out->sopInstanceUID));
    copy(data, DCM_ImageType, out->imageType, sizeof(out->imageType), true);
    copy(data, DCM_DerivationDescription, out->derivationDescription, sizeof(out->derivationDescription));
    copy(data, DCM_SeriesNumber, out->seriesNumber, sizeof(out->seriesNumber));
    copy(data, DCM_InstanceNumber, out->instanceNumber, sizeof(out->instanceNumber));
    DcmElement *pixels = nullptr;
    out->hasPixelData = data->findAndGetElement(DCM_PixelData, pixels).good() && pixels != nullptr && pixels->getLength() > 0 ? 1 : 0;
    return 0;
}
