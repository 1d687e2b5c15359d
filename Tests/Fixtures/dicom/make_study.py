"""Writes DICOM images with pydicom for the recognize tests.

usage: make_study.py SPEC.json OUTDIR
SPEC is a list of images, each an object with "path" (relative, e.g. "DICOM/S1/I1") and any of:
series, instance, modality, patientID, studyUID, studyDate, bodyPart, contrastAgent,
contrastRoute, laterality, imageType. Every image gets 2x2 pixels of 16 bits.
"""
import json
import os
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

ROOT = "1.2.826.0.1.3680043.10.543"
SOP_CLASS = {"CT": "1.2.840.10008.5.1.4.1.1.2", "MR": "1.2.840.10008.5.1.4.1.1.4",
             "XA": "1.2.840.10008.5.1.4.1.1.12.1", "DX": "1.2.840.10008.5.1.4.1.1.1.1",
             "CR": "1.2.840.10008.5.1.4.1.1.1", "MG": "1.2.840.10008.5.1.4.1.1.1.2"}


def image(spec):
    modality = spec.get("modality", "CT")
    study = spec.get("studyUID", ROOT + ".1")
    series, instance = spec.get("series", 1), spec.get("instance", 1)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SOP_CLASS.get(modality, SOP_CLASS["CT"])
    meta.MediaStorageSOPInstanceUID = f"{study}.{series}.{instance}"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = ROOT + ".99"
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.ImageType = spec.get("imageType", "ORIGINAL\\PRIMARY\\AXIAL").split("\\")
    ds.StudyDate = ds.AcquisitionDate = ds.ContentDate = spec.get("studyDate", "20260315")
    ds.StudyTime = ds.AcquisitionTime = "101500"
    ds.AccessionNumber = "A1"
    ds.Modality = modality
    ds.PatientName = "Nguyen^Van A"
    ds.PatientID = spec.get("patientID", "BN123456")
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "M"
    if spec.get("bodyPart", "CHEST"):
        ds.BodyPartExamined = spec.get("bodyPart", "CHEST")
    if spec.get("contrastAgent"):
        ds.ContrastBolusAgent = spec["contrastAgent"]
    if spec.get("contrastRoute"):
        ds.ContrastBolusRoute = spec["contrastRoute"]
    if spec.get("laterality"):
        ds.Laterality = spec["laterality"]
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = f"{study}.{series}"
    ds.StudyID = "1"
    ds.SeriesNumber = series
    ds.InstanceNumber = instance
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = 2
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.PixelData = b"\0" * 8
    return ds


def main():
    specs = json.load(open(sys.argv[1], encoding="utf-8"))
    out = sys.argv[2]
    for spec in specs:
        path = os.path.join(out, spec["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        ds = image(spec)
        try:
            pydicom.dcmwrite(path, ds, enforce_file_format=True)
        except TypeError:  # pydicom 2
            ds.is_little_endian, ds.is_implicit_VR = True, False
            pydicom.dcmwrite(path, ds, write_like_original=False)


main()
