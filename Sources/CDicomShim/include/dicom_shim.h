/* A C interface over DCMTK (a C++ library) for Swift: reads the header of one DICOM file, and
   the file list of a DICOMDIR. Every file arrives as a descriptor opened by the caller's guarded
   path (a regular file, within the size limit); before DCMTK parses it, a bounded, iterative
   scan refuses what would make DCMTK recurse without end or allocate without bound. */
#ifndef LIENTHONG_DICOM_SHIM_H
#define LIENTHONG_DICOM_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* The limits the scan applies before DCMTK reads a file. */
typedef struct {
    /* Sequences and items open at once; deeper is refused. */
    unsigned int maxDepth;
    /* Elements, items and delimiters in the file; more is refused. */
    unsigned long maxElements;
    /* The longest value of a text element the header reads; longer is refused. */
    unsigned long maxTextLength;
} lt_dicom_limits;

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
    char sopClassUID[72];
    char imageType[160];
    char derivationDescription[160];
    char seriesNumber[16];
    char instanceNumber[16];
    char contrastAgent[160];
    char contrastRoute[160];
    char laterality[16];
    char imageLaterality[16];
    char seriesDescription[160];
    /* 1 when the dataset has Pixel Data (7FE0,0010) with a value. */
    int hasPixelData;
    /* 1 when the file starts with the 128-byte preamble and "DICM". */
    int hasPreamble;
} lt_dicom_header;

/* Reads the DICOM file open on `fd` (Part 10 with its meta header, or a bare dataset whose
   first group is 0008). `name` is used in messages only. Returns 0 and fills `out` on success;
   otherwise non-zero with the reason in `error`. `out->hasPreamble` is set in both cases. */
int lt_dicom_read_header(int fd, const lt_dicom_limits *limits, lt_dicom_header *out, char *error, unsigned long errorSize);

/* Reads the DICOMDIR open on `fd`: for each directory record with a Referenced File ID, one
   line "STUDY-UID<TAB>COMPONENT\COMPONENT...\n" in `files` (the study of the nearest STUDY
   record before it). Returns 0, or non-zero with the reason in `error` (also when `files` is too
   small). */
int lt_dicom_read_directory(int fd, const lt_dicom_limits *limits, char *files, unsigned long filesSize, char *error, unsigned long errorSize);

#ifdef __cplusplus
}
#endif

#endif
