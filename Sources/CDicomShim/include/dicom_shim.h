/* A C interface over DCMTK (a C++ library) for Swift: reads the header of one DICOM file. */
#ifndef LIENTHONG_DICOM_SHIM_H
#define LIENTHONG_DICOM_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* The header elements the recognition check needs, as text (empty when absent). */
typedef struct {
    char patientID[72];
    char patientName[336];
    char studyDate[16];
    char studyTime[32];
    char acquisitionDate[16];
    char acquisitionTime[32];
    char contentDate[16];
    char modality[24];
    char bodyPart[24];
    char studyUID[72];
    char seriesUID[72];
    char sopInstanceUID[72];
    char imageType[160];
    char derivationDescription[160];
    char seriesNumber[16];
    char instanceNumber[16];
    /* 1 when the dataset has Pixel Data (7FE0,0010) with a value. */
    int hasPixelData;
} lt_dicom_header;

/* Reads the DICOM file at `path` (Part 10 with its meta header, or a bare dataset).
   Returns 0 and fills `out` on success; otherwise non-zero with DCMTK's reason in `error`. */
int lt_dicom_read_header(const char *path, lt_dicom_header *out, char *error, unsigned long errorSize);

#ifdef __cplusplus
}
#endif

#endif
