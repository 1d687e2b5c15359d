#!/usr/bin/env python3
"""Consumer check of the release feeds `publish` writes at the top of the output folder.

Parses syndication.xml (Atom, NCTS syndication format) and package-feed.xml (RSS 2.0) with a
real XML parser (xml.etree.ElementTree, expat) and package-list.json with json; checks that
every published release of index.json has an Atom entry (ncts:contentItemIdentifier,
ncts:contentItemVersion, a category FHIR_Package, an alternate link to the FHIR package and a
related link to its release.json), an RSS item and a package-list entry; and that every Atom
link's length and ncts:sha256Hash, and every RSS item's link, name a file of the folder of that
size and SHA-256 (links are <base>/releases/<version>/<path>). A copy with a wrong hash must be
refused, so the check can fail.
Usage: feeds.py GENERATED_DIR"""
import hashlib
import json
import pathlib
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
NCTS = "{http://ns.electronichealth.net.au/ncts/syndication/asf/extensions/1.0.0}"


def local(out, href):
    """The file of the output folder a link names: <base>/releases/<version>/<path>."""
    marker = "/releases/"
    if marker not in href:
        raise ValueError(f"link {href} is not under /releases/")
    return out / href.split(marker, 1)[1]


def digest(path):
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


def atom_problems(out, text, published):
    problems = []
    feed = ET.fromstring(text)
    if feed.tag != ATOM + "feed":
        return ["syndication.xml is not an Atom feed"]
    for required in ("id", "title", "updated"):
        if feed.find(ATOM + required) is None:
            problems.append(f"the feed has no {required}")
    if feed.find(NCTS + "atomSyndicationFormatProfile") is None:
        problems.append("the feed has no ncts:atomSyndicationFormatProfile")
    versions = []
    checked = 0
    for entry in feed.findall(ATOM + "entry"):
        version = entry.findtext(NCTS + "contentItemVersion")
        versions.append(version)
        if not entry.findtext(NCTS + "contentItemIdentifier"):
            problems.append(f"entry {version} has no ncts:contentItemIdentifier")
        if not any(c.get("term") == "FHIR_Package" for c in entry.findall(ATOM + "category")):
            problems.append(f"entry {version} has no category FHIR_Package")
        links = entry.findall(ATOM + "link")
        if not any(l.get("rel") == "alternate" and l.get("href", "").endswith("/package.tgz") for l in links):
            problems.append(f"entry {version} has no alternate link to its FHIR package")
        if not any(l.get("rel") == "related" and l.get("href", "").endswith(f"/{version}/release.json") for l in links):
            problems.append(f"entry {version} has no related link to its release.json")
        for link in links:
            path = local(out, link.get("href"))
            size, sha = digest(path)
            if str(size) != link.get("length") or sha != link.get(NCTS + "sha256Hash"):
                problems.append(f"{link.get('href')}: length/sha256 {link.get('length')}/{link.get(NCTS + 'sha256Hash')} but the file is {size}/{sha}")
            checked += 1
    if versions != published:
        problems.append(f"Atom entries {versions}, published releases {published}")
    return problems, checked


def main():
    out = pathlib.Path(sys.argv[1])
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    published = [r["version"] for r in reversed(index["releases"]) if r["status"] == "published"]
    atom = (out / "syndication.xml").read_text(encoding="utf-8")
    problems, checked = atom_problems(out, atom, published)
    rss = ET.fromstring((out / "package-feed.xml").read_text(encoding="utf-8"))
    items = rss.findall("./channel/item")
    if rss.tag != "rss" or rss.get("version") != "2.0" or len(items) != len(published):
        problems.append(f"package-feed.xml is not RSS 2.0 with one item per published release ({len(items)} items)")
    for item in items:
        path = local(out, item.findtext("link"))
        if not path.is_file() or item.findtext("guid") != item.findtext("link"):
            problems.append(f"RSS item {item.findtext('title')} links to no file of the folder")
        version = item.findtext("title").split("#")[-1]
        manifest = json.loads((out / version / "release.json").read_text(encoding="utf-8"))
        listed = {f["path"]: f for f in manifest["files"]}
        relative = str(path.relative_to(out / version))
        size, sha = digest(path)
        if listed.get(relative, {}).get("sha256") != sha or listed[relative]["size"] != size:
            problems.append(f"RSS item {version}: {relative} differs from its release.json")
    package_list = json.loads((out / "package-list.json").read_text(encoding="utf-8"))
    listed_versions = [v["version"] for v in package_list["list"]]
    if listed_versions != published or not package_list["list"][0].get("current"):
        problems.append(f"package-list.json lists {listed_versions}, published {published}")
    if problems:
        print("feeds: " + "; ".join(problems[:10]), file=sys.stderr)
        return 1
    # The check must catch a wrong hash.
    broken = atom.replace('ncts:sha256Hash="', 'ncts:sha256Hash="0', 1)
    if not atom_problems(out, broken, published)[0]:
        print("feeds: a wrong hash passes; the check checks nothing", file=sys.stderr)
        return 1
    print(f"feeds: {len(published)} published releases in syndication.xml, package-feed.xml and package-list.json; "
          f"{checked} Atom links and {len(items)} RSS links match their files (length and SHA-256)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
