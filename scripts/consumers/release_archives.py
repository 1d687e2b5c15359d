#!/usr/bin/env python3
"""Reads every published release back as a vendor would, with tools that are not lienthong's.

For each version index.json marks published: every file listed in release.json has its size and
SHA-256 (hashlib); no file of the folder is unlisted; index.json records release.json's SHA-256;
the archives open with Python's tarfile and with GNU tar, hold exactly the files they should,
byte for byte, with fixed owners, modes and times; the FHIR package archive is laid out as the
FHIR NPM package specification says (package/package.json, and package/.index.json whose every
entry names a file with that resourceType, id, url and version).

Usage: release_archives.py GENERATED_DIR
"""
import hashlib
import json
import pathlib
import subprocess
import sys
import tarfile
import calendar


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_archive(path: pathlib.Path, expected: dict, problems: list, mtime: int) -> dict:
    """Opens a .tar.gz with tarfile and tar; returns name -> bytes."""
    contents = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile():
                problems.append(f"{path}: {member.name} is not a regular file")
                continue
            if (member.uid, member.gid, member.mode, member.mtime) != (0, 0, 0o644, mtime):
                problems.append(f"{path}: {member.name} has owner {member.uid}:{member.gid}, mode {oct(member.mode)}, mtime {member.mtime}")
            contents[member.name] = archive.extractfile(member).read()
    listed = subprocess.run(["tar", "-tzf", str(path)], check=True, capture_output=True, text=True).stdout.split()
    if listed != list(contents):
        problems.append(f"{path}: GNU tar lists other entries than tarfile")
    for name, data in expected.items():
        if contents.get(name) != data:
            problems.append(f"{path}: {name} is missing or differs from the released file")
    for name in contents:
        if name not in expected:
            problems.append(f"{path}: {name} should not be in the archive")
    return contents


def check_fhir_index(contents: dict, version: str, problems: list, path: pathlib.Path) -> int:
    """The package's .index.json, when the package has one (releases since the FHIR package rules)."""
    if "package/package.json" not in contents:
        problems.append(f"{path}: no package/package.json")
        return 0
    index_bytes = contents.get("package/.index.json")
    if index_bytes is None:
        return 0
    index = json.loads(index_bytes)
    for entry in index.get("files", []):
        name = "package/" + entry["filename"]
        if name not in contents:
            problems.append(f"{path}: .index.json names {entry['filename']}, which is not in the package")
            continue
        resource = json.loads(contents[name])
        for key in ("resourceType", "id", "url", "version"):
            if key in entry and resource.get(key) != entry[key]:
                problems.append(f"{path}: .index.json says {entry['filename']} has {key} {entry[key]!r}, the file says {resource.get(key)!r}")
    return len(index.get("files", []))


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    problems: list = []
    checked = []
    for record in index["releases"]:
        if record.get("status") != "published":
            continue
        version = record["version"]
        folder = root / version
        manifest_bytes = (folder / "release.json").read_bytes()
        if sha256(manifest_bytes) != record["releaseManifest"]["sha256"]:
            problems.append(f"{folder}/release.json: not the one index.json recorded")
        manifest = json.loads(manifest_bytes)
        files = {}
        for entry in manifest["files"]:
            data = (folder / entry["path"]).read_bytes()
            files[entry["path"]] = data
            if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
                problems.append(f"{folder}/{entry['path']}: size or SHA-256 differs from release.json")
        on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
        for extra in sorted(on_disk - set(files) - {"release.json", "release.json.sig"}):
            problems.append(f"{folder}/{extra}: not listed in release.json")
        y, m, d = (int(x) for x in manifest["effectiveDate"].split("-"))
        mtime = calendar.timegm((y, m, d, 0, 0, 0))
        resources = 0
        for archive in manifest["archives"]:
            path = folder / archive["path"]
            if archive["kind"] == "fhir-package":
                expected = {"package/" + p[len("fhir/package/"):]: data for p, data in files.items() if p.startswith("fhir/package/")}
                resources = check_fhir_index(check_archive(path, expected, problems, mtime), version, problems, path)
            elif archive["kind"] == "version":
                base = f"{manifest['name']}-{version}/"
                expected = {base + p: data for p, data in files.items() if not p.startswith("dist/")}
                check_archive(path, expected, problems, mtime)
            else:
                problems.append(f"{path}: unknown archive kind {archive['kind']!r}")
        checked.append(f"{version} ({len(files)} files, {len(manifest['archives'])} archives"
                       + (f", {resources} resources in .index.json" if resources else ", no .index.json") + ")")
    for p in problems:
        print("release archives: " + p, file=sys.stderr)
    if problems:
        return 1
    if not checked:
        print("release archives: no published version to check", file=sys.stderr)
        return 1
    print("release archives: " + "; ".join(checked) + " read back with hashlib, tarfile and tar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
