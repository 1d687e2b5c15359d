#!/usr/bin/env python3
"""Consumer check of `lienthong serve`: starts the real binary on a free loopback port over the
release folder, asks it what a vendor's system asks through a real FHIR client (fhirpy), parses
every response with the fhir.resources R4B models, checks errors are OperationOutcomes with the
right status, ETag/If-None-Match, the release feed (every link downloads to its length and
SHA-256), package-list.json, a reload on SIGHUP, JSON log lines, and a graceful stop on
SIGTERM (exit 0).
Usage: serve_check.py LIENTHONG_BINARY GENERATED_DIR"""
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from xml.etree import ElementTree

from fhirpy import SyncFHIRClient
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.terminologycapabilities import TerminologyCapabilities
from fhir.resources.R4B.valueset import ValueSet

SYSTEM = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"
MODELS = {"Parameters": Parameters, "ValueSet": ValueSet, "Bundle": Bundle, "CodeSystem": CodeSystem,
          "CapabilityStatement": CapabilityStatement, "TerminologyCapabilities": TerminologyCapabilities,
          "OperationOutcome": OperationOutcome}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"serve_check: FAIL {message}", file=sys.stderr)


def parse(resource):
    """Validates a response with its fhir.resources model; returns the plain JSON."""
    kind = resource.get("resourceType")
    model = MODELS.get(kind)
    check(model is not None, f"unexpected resourceType {kind}")
    if model:
        model.model_validate(resource) if hasattr(model, "model_validate") else model.parse_obj(resource)
    return resource


def param(resource, name):
    for p in resource.get("parameter", []):
        if p["name"] == name:
            return next((v for k, v in p.items() if k.startswith("value")), p.get("part"))
    return None


def raw(base, path, method="GET", body=None, headers=None):
    """A request outside the client, for statuses and headers."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    if data is not None and "Content-Type" not in (headers or {}):
        request.add_header("Content-Type", "application/fhir+json")
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            text = r.read()
            return r.status, dict(r.headers), (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read()
        return e.code, dict(e.headers), (json.loads(text) if text else None)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary, generated = sys.argv[1], sys.argv[2]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"serve-check-{port}.log"), "w+")
    server = subprocess.Popen([binary, "serve", "--out", generated, "--host", "127.0.0.1", "--port", str(port), "--log-format", "json"],
                              stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.time() + 120
        while True:
            try:
                status, _, _ = raw(base, "/metadata")
                if status == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None or time.time() > deadline:
                log.seek(0)
                print(log.read(), file=sys.stderr)
                return print("serve_check: the server did not start", file=sys.stderr) or 1
            time.sleep(0.2)

        client = SyncFHIRClient(base)
        cap = parse(client.execute("metadata", method="get"))
        check(cap["fhirVersion"] == "4.0.1", "CapabilityStatement.fhirVersion")
        tc = parse(client.execute("metadata", method="get", params={"mode": "terminology"}))
        versions = [v["code"] for v in tc["codeSystem"][0]["version"]]
        check(len(versions) >= 1 and versions == sorted(versions, key=lambda v: [int(x) for x in v.split(".")]), f"versions {versions}")

        lookup = parse(client.execute("CodeSystem/$lookup", method="get", params={"system": SYSTEM, "code": "HS0001D"}))
        check(param(lookup, "display") == "Định lượng Glucose [Máu]", "lookup display (vi)")
        en = parse(client.execute("CodeSystem/$lookup", method="post", data={
            "resourceType": "Parameters", "parameter": [{"name": "system", "valueUri": SYSTEM}, {"name": "code", "valueCode": "HS0001D"},
                                                        {"name": "displayLanguage", "valueCode": "en"}]}))
        check(param(en, "display") == "Glucose, quantitative [blood]", "lookup display (en, POST)")

        valid = parse(client.execute("CodeSystem/$validate-code", method="get", params={"url": SYSTEM, "code": "HS0001D", "display": "wrong"}))
        check(param(valid, "result") is False and "Wrong Display Name" in param(valid, "message"), "validate-code wrong display")
        inactive = parse(client.execute("CodeSystem/$validate-code", method="get", params={"url": SYSTEM, "code": "DQ00663"}))
        check(param(inactive, "inactive") is True, "validate-code inactive")

        vs = "https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-active"
        expansion = parse(client.execute("ValueSet/$expand", method="get", params={"url": vs, "filter": "chup clvt so nao", "count": 5}))
        check(expansion["expansion"]["total"] > 0 and any(c["code"] == "DQ0007P" for c in expansion["expansion"].get("contains", [])),
              "expand filter without diacritics")
        vsv = parse(client.execute("ValueSet/$validate-code", method="get", params={"url": vs, "system": SYSTEM, "code": "HS0001D"}))
        check(param(vsv, "result") is True, "ValueSet validate-code")

        translate = parse(client.execute("ConceptMap/$translate", method="get", params={"system": SYSTEM, "code": "HS0001D", "targetsystem": "http://loinc.org"}))
        check(param(translate, "result") is True, "translate to LOINC")
        national = parse(client.execute("ConceptMap/$translate", method="get", params={
            "system": "https://moh.gov.vn/fhir/CodeSystem/ma-tuong-duong", "code": "23.0075.1494"}))
        check("HS0001D" in json.dumps(national), "translate national code")

        recognize = parse(client.execute("$recognize", method="get", params={"code": "HS0001D", "performingLevel": 3, "receivingLevel": 2}))
        check(param(recognize, "decision") == "reusable", "recognize")
        decision = json.loads(subprocess.run([binary, "recognize", "HS0001D", "--performing-level", "3", "--receiving-level", "2", "--format", "json"],
                                             capture_output=True, text=True, cwd=os.path.dirname(os.path.abspath(generated))).stdout or "{}")
        if decision:
            check(decision.get("decision") == param(recognize, "decision"), "recognize agrees with the CLI")

        parse(client.execute("$versions", method="get"))
        bundle = parse(client.execute("CodeSystem", method="get", params={"url": SYSTEM}))
        check(bundle["total"] == len(versions), "CodeSystem search gives one per version")
        parse(client.execute("CodeSystem/LienThongCanLamSang", method="get"))

        for path, method, body, expected in [
            ("/CodeSystem/$lookup?system=" + urllib.parse.quote(SYSTEM) + "&code=NOPE", "GET", None, 404),
            ("/CodeSystem/$lookup?system=" + urllib.parse.quote(SYSTEM) + "&code=HS0001D&version=1.0.0", "GET", None, 404),
            ("/CodeSystem/$lookup", "GET", None, 400),
            ("/CodeSystem/$lookup", "POST", b"{broken", 400),
            ("/CodeSystem/$subsumes", "GET", None, 400),
            ("/Patient/1", "GET", None, 404),
            ("/CodeSystem/LienThongCanLamSang", "DELETE", None, 405),
            ("/CodeSystem/$lookup", "POST", b"{" + b" " * (2 << 20) + b"}", 413),
        ]:
            status, headers, outcome = raw(base, path, method, body)
            check(status == expected, f"{method} {path[:60]}: status {status}, expected {expected}")
            if outcome:
                parse(outcome)
                check(outcome["resourceType"] == "OperationOutcome", f"{path[:60]}: not an OperationOutcome")

        status, headers, _ = raw(base, "/metadata")
        etag = headers.get("ETag")
        check(etag is not None and not etag.startswith("W/"), "strong ETag")
        status, _, _ = raw(base, "/metadata", headers={"If-None-Match": etag})
        check(status == 304, "If-None-Match gives 304")

        # The release feed, read as a feed reader would: every link downloads to its length
        # and SHA-256.
        status, _, _ = raw(base, "/metadata")
        with urllib.request.urlopen(base + "/syndication.xml", timeout=30) as r:
            feed = ElementTree.fromstring(r.read())
        atom, ncts = "{http://www.w3.org/2005/Atom}", "{http://ns.electronichealth.net.au/ncts/syndication/asf/extensions/1.0.0}"
        entries = feed.findall(atom + "entry")
        check(len(entries) == len(versions), f"syndication.xml has {len(entries)} entries for {len(versions)} versions")
        for link in (l for e in entries[:1] for l in e.findall(atom + "link")):
            # The links are absolute under the catalog's canonical base (where the releases
            # will be hosted); the same path under this server holds the same file.
            href = link.get("href")
            local = base + href[href.index("/releases/"):] if "/releases/" in href else href
            with urllib.request.urlopen(local, timeout=60) as r:
                body = r.read()
            check(len(body) == int(link.get("length")) and hashlib.sha256(body).hexdigest() == link.get(ncts + "sha256Hash"),
                  f"feed link {link.get('href')}: length or SHA-256 differs")
        check(entries and entries[0].find(ncts + "contentItemVersion").text == versions[-1], "newest feed entry is the latest version")
        package_list = json.loads(urllib.request.urlopen(base + "/package-list.json", timeout=30).read())
        check([e["version"] for e in package_list["list"]] == list(reversed(versions)), "package-list.json versions")

        server.send_signal(signal.SIGHUP)
        # The reload verifies and reads every release again: wait for it to be logged.
        deadline = time.time() + 180
        while time.time() < deadline:
            log.seek(0)
            if '"reloaded"' in log.read():
                break
            time.sleep(0.5)
        status, _, _ = raw(base, "/metadata?mode=terminology")
        check(status == 200, "answers after SIGHUP")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            code = "killed"
    check(code == 0, f"exit status after SIGTERM: {code}")
    log.seek(0)
    lines = [line for line in log.read().splitlines() if line.strip()]
    try:
        records = [json.loads(line) for line in lines]
        check(any("reloaded" in r.get("message", "") for r in records), "a reload is logged")
        check(any(r.get("message") == "request" and r.get("status") == "404" for r in records), "requests are logged with their status")
    except json.JSONDecodeError as e:
        check(False, f"a log line is not JSON: {e}")
    if failures:
        print(f"serve_check: {len(failures)} failure(s)", file=sys.stderr)
        return 1
    print(f"serve_check: ok ({len(versions)} versions served, every response parsed with fhir.resources R4B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
