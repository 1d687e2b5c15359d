#!/usr/bin/env python3
"""Hostile requests against the real `lienthong serve` binary (part of `make test`, ~60 s).

Starts the server on a free loopback port over the release folder, with short time bounds
(--body-timeout 2, --idle-timeout 3), and sends it malformed FHIR requests from a seeded generator:
bad JSON (truncated, not UTF-8, wrong types, NaN, huge numbers, deep nesting), huge bodies, wrong
methods, unknown parameters and operations, bad percent-encodings and encodings, path traversal in
URLs (plain, percent-encoded, double-encoded, backslashes, NUL), oversized URLs and headers,
wrong content types, and slowloris-style partial requests (headers that never end, a body that
never arrives, a body dripped slower than the bound).

Asserts: the process never dies, no answer is 5xx, every 4xx answer is a FHIR OperationOutcome
whose issues each carry a code, no answer leaks a file outside the release (no /etc/passwd), a
connection that stalls is closed (headers) or answered 408 (body) within the server's bounds, and
the server still answers a normal request after every batch.

Usage: serve_fuzz.py LIENTHONG_BINARY GENERATED_DIR [--seconds 60] [--seed 29]"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time

SYSTEM = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"
BODY_TIMEOUT, IDLE_TIMEOUT = 2, 3
failures = []
stats = {"requests": 0, "4xx": 0, "2xx": 0, "3xx": 0, "5xx": 0, "closed": 0}


def fail(message):
    failures.append(message)
    print(f"serve_fuzz: FAIL {message}", file=sys.stderr)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exchange(port, raw, timeout=15.0):
    """Sends raw bytes, returns (status, headers, body) of the first answer, or None when the
    server closed the connection without one."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                lines = head.decode("latin-1").split("\r\n")
                headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
                if "content-length" in headers and len(body) >= int(headers["content-length"]):
                    break
                if raw.startswith(b"HEAD ") or lines[0].split(" ")[1] in ("304", "204"):
                    break
        if not data:
            return None
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
        return int(lines[0].split(" ")[1]), headers, body


def request(method, target, body=b"", headers=None):
    """A raw HTTP/1.1 request: the target is sent as given (no normalisation)."""
    lines = [f"{method} ".encode() + (target if isinstance(target, bytes) else target.encode("utf-8", "surrogateescape")) + b" HTTP/1.1",
             b"Host: 127.0.0.1", b"Connection: close"]
    fields = dict(headers or {})
    if body or method in ("POST", "PUT", "PATCH"):
        fields.setdefault("Content-Type", "application/fhir+json")
        fields.setdefault("Content-Length", str(len(body)))
    for k, v in fields.items():
        lines.append(f"{k}: ".encode() + (v if isinstance(v, bytes) else v.encode("utf-8")))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def check_answer(label, answer, protocol_level=False):
    """The invariants every answer keeps."""
    stats["requests"] += 1
    if answer is None:
        stats["closed"] += 1
        if not protocol_level:
            fail(f"{label}: connection closed without an answer")
        return
    status, headers, body = answer
    stats[f"{status // 100}xx"] = stats.get(f"{status // 100}xx", 0) + 1
    head_request = label.split(" ")[0] == "HEAD" or label.startswith("random HEAD")
    if status >= 500:
        fail(f"{label}: HTTP {status} {body[:200]!r}")
        return
    if b"root:x:0:0" in body or b"/bin/bash" in body:
        fail(f"{label}: the answer leaks a system file")
    if 400 <= status < 500:
        try:
            outcome = json.loads(body)
        except ValueError:
            if not ((protocol_level or head_request) and not body):
                fail(f"{label}: HTTP {status} without a JSON OperationOutcome: {body[:120]!r}")
            return
        if outcome.get("resourceType") != "OperationOutcome" or not outcome.get("issue") or \
                not all(isinstance(i, dict) and i.get("code") for i in outcome["issue"]):
            fail(f"{label}: HTTP {status} body is not an OperationOutcome with issue codes: {body[:160]!r}")


def bad_json_bodies(rng):
    good = json.dumps({"resourceType": "Parameters", "parameter": [{"name": "url", "valueUri": SYSTEM}, {"name": "code", "valueCode": "HS0001D"}]}).encode()
    yield "truncated", good[: rng.randrange(1, len(good) - 1)]
    yield "not-utf8", b'{"resourceType":"Parameters","parameter":[{"name":"code","valueCode":"\xff\xfe\xc0\xaf"}]}'
    yield "bom", b"\xef\xbb\xbf" + good
    yield "utf16", good.decode().encode("utf-16")
    yield "nan", b'{"resourceType":"Parameters","parameter":[{"name":"count","valueInteger":NaN}]}'
    yield "huge-number", b'{"resourceType":"Parameters","parameter":[{"name":"count","valueInteger":1' + b"0" * 400 + b"}]}"
    yield "negative-count", b'{"resourceType":"Parameters","parameter":[{"name":"count","valueInteger":-5}]}'
    yield "wrong-resource", b'{"resourceType":"Patient","id":"x"}'
    yield "no-resource-type", b'{"parameter":[]}'
    yield "parameter-not-array", b'{"resourceType":"Parameters","parameter":{"name":"code"}}'
    yield "parameter-item-not-object", b'{"resourceType":"Parameters","parameter":[1,2,"x",null]}'
    yield "name-not-string", b'{"resourceType":"Parameters","parameter":[{"name":5,"valueCode":"x"}]}'
    yield "array-top", b"[1,2,3]"
    yield "string-top", b'"Parameters"'
    yield "null", b"null"
    yield "empty-object", b"{}"
    yield "duplicate-keys", b'{"resourceType":"Parameters","resourceType":"Bundle"}'
    yield "control-chars", b'{"resourceType":"Parameters","parameter":[{"name":"code","valueCode":"\x00\x01\x1f"}]}'
    yield "lone-surrogate", b'{"resourceType":"Parameters","parameter":[{"name":"code","valueCode":"\\ud800"}]}'
    yield "deep-arrays", b"[" * 100_000 + b"]" * 100_000
    yield "deep-objects", b'{"a":' * 50_000 + b"1" + b"}" * 50_000
    yield "deep-unclosed", b"[" * 200_000
    yield "wide", b'{"resourceType":"Parameters","parameter":[' + b",".join([b'{"name":"code","valueCode":"HS0001D"}'] * 20_000) + b"]}"
    yield "random-bytes", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
    yield "long-string", b'{"resourceType":"Parameters","parameter":[{"name":"filter","valueString":"' + b"a" * 500_000 + b'"}]}'
    yield "many-filters", json.dumps({"resourceType": "Parameters", "parameter": [{"name": "filter", "valueString": "chup " * 20_000}]}).encode()


OPERATIONS = ["CodeSystem/$lookup", "CodeSystem/$validate-code", "ValueSet/$expand", "ValueSet/$validate-code",
              "ConceptMap/$translate", "$recognize", "$versions"]


def url_cases(rng):
    yield "GET", "/../../../../etc/passwd"
    yield "GET", "/releases/../../../../etc/passwd"
    yield "GET", "/releases/%2e%2e/%2e%2e/%2e%2e/etc/passwd"
    yield "GET", "/releases/%252e%252e/%252e%252e/etc/passwd"
    yield "GET", "/releases/2026.1.0/..%2f..%2f..%2fetc%2fpasswd"
    yield "GET", "/releases/2026.1.0/..\\..\\..\\etc\\passwd"
    yield "GET", "/releases/2026.1.0/%00/etc/passwd"
    yield "GET", "/releases/2026.1.0/json/catalog.json%00.txt"
    yield "GET", "/releases//etc/passwd"
    yield "GET", "/releases/../index.json"
    yield "GET", "/CodeSystem/..%2F..%2Fetc%2Fpasswd"
    yield "GET", "/CodeSystem/%2e%2e"
    yield "GET", "//etc/passwd"
    yield "GET", "/%"
    yield "GET", "/%zz"
    yield "GET", "/CodeSystem/$lookup?code=%"
    yield "GET", "/CodeSystem/$lookup?code=%E0%A4%A"
    yield "GET", "/CodeSystem/$lookup?code=%C0%AF&system=" + SYSTEM
    yield "GET", "/CodeSystem/$lookup?code=%FF%FE&system=" + SYSTEM
    yield "GET", "/ValueSet/$expand?count=-1"
    yield "GET", "/ValueSet/$expand?count=99999999999999999999999"
    yield "GET", "/ValueSet/$expand?offset=abc"
    yield "GET", "/ValueSet/$expand?url=" + "x" * 9000
    yield "GET", "/ValueSet/$expand?filter=" + "%C3%A1" * 1000
    yield "GET", "/ValueSet/$expand?displayLanguage=%00"
    yield "GET", "/ValueSet/$expand?activeOnly=maybe"
    yield "GET", "/CodeSystem/$lookup?system=" + SYSTEM + "&code=HS0001D&version=9999.9.9"
    yield "GET", "/CodeSystem/$lookup?system=http://unknown.example/cs&code=x"
    yield "GET", "/CodeSystem/$lookup?unknownParam=1&code=HS0001D&system=" + SYSTEM
    yield "GET", "/CodeSystem/$lookup"
    yield "GET", "/CodeSystem/$nope"
    yield "GET", "/$nope"
    yield "GET", "/Patient/1"
    yield "GET", "/CodeSystem/x/y/z/w"
    yield "GET", "/metadata?mode=weird"
    yield "GET", "/metadata?_format=xml"
    yield "GET", "/metadata?_format=%"
    yield "GET", "/ConceptMap/$translate?code=HS0001D&system=" + SYSTEM + "&reverse=perhaps"
    yield "GET", "/$recognize?code=HS0001D&performingLevel=" + "x," * 2000
    yield "GET", "/$recognize?fact=%3D%3D%3D"
    for _ in range(40):
        op = rng.choice(OPERATIONS)
        names = ['code', 'system', 'url', 'version', 'filter', 'count', 'offset', 'display', 'reverse', 'x', '', '=', '&']
        values = ['', 'HS0001D', '%25', '%C3', '-1', '1e9', 'true', '%00', '%C3%A1', '%2F..%2F', '*']
        params = "&".join(rng.choice(names) + "=" + rng.choice(values) for _ in range(rng.randrange(0, 8)))
        yield "GET", f"/{op}?{params}"


def method_cases():
    for method in ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO"]:
        for path in ["/metadata", "/CodeSystem", "/CodeSystem/x", "/ValueSet/$expand", "/$versions", "/package-list.json", "/releases/x/y"]:
            yield method, path


def slow_cases(port):
    """Slowloris-style: partial headers left hanging are closed within the idle bound; a body
    that never arrives is answered 408; a drip-fed body slower than the body bound too."""
    started = time.time()
    hanging = []
    for _ in range(20):
        s = socket.create_connection(("127.0.0.1", port), timeout=IDLE_TIMEOUT + 10)
        s.sendall(b"GET /metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        hanging.append(s)
    # the server keeps answering others meanwhile
    check_answer("normal request while 20 connections hang", exchange(port, request("GET", "/metadata")))
    for s in hanging:
        try:
            data = s.recv(1024)
        except (socket.timeout, ConnectionResetError):
            data = b"timeout"
        if data == b"timeout":
            fail("a connection with unfinished headers was not closed within the idle bound")
        s.close()
    elapsed = time.time() - started
    stats["requests"] += len(hanging)
    if elapsed > IDLE_TIMEOUT + 10:
        fail(f"hanging connections closed after {elapsed:.1f} s (idle bound {IDLE_TIMEOUT} s)")
    # a body that never arrives
    with socket.create_connection(("127.0.0.1", port), timeout=BODY_TIMEOUT + IDLE_TIMEOUT + 10) as s:
        t = time.time()
        s.sendall(request("POST", "/ValueSet/$expand", headers={"Content-Length": "500"})[:-0 or None] + b'{"resourceType":')
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data and b"}" in data.split(b"\r\n\r\n", 1)[1]:
                    break
        except (socket.timeout, ConnectionResetError):
            pass
        waited = time.time() - t
        if not data:
            stats["requests"] += 1
            stats["closed"] += 1
            if waited > BODY_TIMEOUT + IDLE_TIMEOUT + 5:
                fail(f"a stalled body was held {waited:.1f} s")
        else:
            head, _, body = data.partition(b"\r\n\r\n")
            status = int(head.split(b" ")[1])
            check_answer("stalled body", (status, {}, body))
            if status != 408:
                fail(f"a stalled body got HTTP {status}, not 408")
    # a drip-fed body: one byte every 0.5 s keeps the connection busy but not past the body bound
    with socket.create_connection(("127.0.0.1", port), timeout=BODY_TIMEOUT + 10) as s:
        s.sendall(request("POST", "/ValueSet/$expand", headers={"Content-Length": "1000"}))
        t, answered = time.time(), b""
        s.settimeout(0.5)
        while time.time() - t < BODY_TIMEOUT + 8:
            try:
                s.sendall(b" ")
            except (BrokenPipeError, ConnectionResetError):
                break
            try:
                answered += s.recv(65536)
                if answered:
                    break
            except socket.timeout:
                continue
            except ConnectionResetError:
                break
        stats["requests"] += 1
        if answered:
            status = int(answered.split(b" ")[1])
            if status != 408:
                fail(f"a drip-fed body got HTTP {status}, not 408")
        elif time.time() - t >= BODY_TIMEOUT + 8:
            fail("a drip-fed body was still accepted past the body bound")


def alive(server, port, label):
    if server.poll() is not None:
        fail(f"the server died (exit {server.returncode}) after {label}")
        return False
    answer = exchange(port, request("GET", "/metadata"))
    if answer is None or answer[0] != 200:
        fail(f"the server does not answer GET metadata after {label}")
        return False
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("generated")
    parser.add_argument("--seconds", type=float, default=60, help="time budget for the random rounds")
    parser.add_argument("--seed", type=int, default=29)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    port = free_port()
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"serve_fuzz-{port}.log"), "wb")
    server = subprocess.Popen([args.binary, "serve", "--out", args.generated, "--port", str(port),
                               "--body-timeout", str(BODY_TIMEOUT), "--idle-timeout", str(IDLE_TIMEOUT)],
                              stdout=log, stderr=log)
    started = time.time()
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if exchange(port, request("GET", "/metadata"), timeout=5):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise SystemExit("serve_fuzz: the server did not start")

        for name, body in bad_json_bodies(rng):
            for op in ["ValueSet/$expand", "CodeSystem/$lookup", "ConceptMap/$translate", "$recognize"]:
                check_answer(f"POST {op} {name}", exchange(port, request("POST", "/" + op, body)))
        alive(server, port, "bad JSON")
        big = b'{"resourceType":"Parameters","parameter":[' + b'{"name":"code","valueCode":"x"},' * 60_000 + b'{"name":"code","valueCode":"x"}]}'
        answer = exchange(port, request("POST", "/ValueSet/$expand", big))
        check_answer("2 MiB body", answer)
        if answer and answer[0] != 413:
            fail(f"a 2 MiB body got HTTP {answer[0]}, not 413")
        check_answer("huge declared length", exchange(port, request("POST", "/ValueSet/$expand", b"{}", {"Content-Length": "99999999999"})[:-2]), protocol_level=True)
        for ctype in ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/fhir+json; charset=latin1", "\u00e1"]:
            check_answer(f"content type {ctype}", exchange(port, request("POST", "/ValueSet/$expand", b'{"resourceType":"Parameters"}', {"Content-Type": ctype})))
        check_answer("form body bad encoding", exchange(port, request("POST", "/ValueSet/$expand", b"filter=%ZZ", {"Content-Type": "application/x-www-form-urlencoded"})))
        alive(server, port, "bodies")

        for method, path in url_cases(rng):
            check_answer(f"{method} {path[:80]}", exchange(port, request(method, path)))
        alive(server, port, "URLs")
        for method, path in method_cases():
            # CONNECT (a tunnel: NIO sends no body with its answer) and unknown methods (refused by the
            # HTTP parser) are protocol-level: an empty 4xx or a closed connection is their answer
            check_answer(f"{method} {path}", exchange(port, request(method, path, b"{}" if method in ("PUT", "PATCH") else b"")),
                         protocol_level=method in ("CONNECT", "FOO"))
        alive(server, port, "methods")

        # protocol-level garbage: the HTTP parser refuses it (closed or 400); the process survives
        for raw in [b"\x00\x01\x02\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /metadata HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                    b"GET /metadata HTTP/1.1\r\n" + b"X-Big: " + b"a" * 200_000 + b"\r\n\r\n",
                    b"GET /metadata HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\n",
                    b"POST /ValueSet/$expand HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nabc",
                    b"GET /metadata?x=\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    b"GET /\xc3\xa1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"]:
            check_answer(f"raw {raw[:40]!r}", exchange(port, raw, timeout=IDLE_TIMEOUT + 10), protocol_level=True)
        alive(server, port, "raw protocol")

        slow_cases(port)
        alive(server, port, "slow clients")

        # random rounds until the time budget is spent
        rounds = 0
        while time.time() - started < args.seconds:
            rounds += 1
            method = rng.choice(["GET", "POST", "POST", "HEAD"])
            op = rng.choice(OPERATIONS + ["CodeSystem", "ValueSet", "ConceptMap", "CodeSystem/lien-thong-can-lam-sang", "metadata", "syndication.xml"])
            if method == "POST":
                name, body = rng.choice(list(bad_json_bodies(rng))[:20])
                params = [{"name": rng.choice(["code", "system", "url", "filter", "count", "offset", "coding", "valueSet", "reverse", "tx-resource"]),
                           rng.choice(["valueCode", "valueString", "valueInteger", "valueBoolean", "valueUri", "valueCoding", "resource"]):
                               rng.choice(["HS0001D", -1, 10**12, True, None, {"system": SYSTEM}, [], "chup clvt", "\u0000", {"resourceType": "ValueSet"}])}
                          for _ in range(rng.randrange(0, 6))]
                body = json.dumps({"resourceType": "Parameters", "parameter": params}).encode() if rng.random() < 0.7 else body
                check_answer(f"random POST {op}", exchange(port, request("POST", "/" + op, body)))
            else:
                _, path = rng.choice(list(url_cases(rng)))
                check_answer(f"random {method} {path[:60]}", exchange(port, request(method, path)))
            if rounds % 200 == 0 and not alive(server, port, f"{rounds} random requests"):
                break
        alive(server, port, "the random rounds")
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                code = server.wait(timeout=30)
                if code != 0:
                    fail(f"the server exited {code} on SIGTERM")
            except subprocess.TimeoutExpired:
                server.kill()
                fail("the server did not stop on SIGTERM")
        log.close()
    print(f"serve_fuzz: {stats['requests']} hostile requests in {time.time() - started:.0f} s: "
          f"{stats['2xx']} 2xx, {stats.get('3xx', 0)} 3xx, {stats['4xx']} 4xx (each an OperationOutcome), {stats['5xx']} 5xx, "
          f"{stats['closed']} closed by the HTTP parser; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
