#!/usr/bin/env python3
"""`make soak` (not `make test`): `lienthong serve` under steady load for 10 minutes, with a release
published and swapped in (SIGHUP) in the middle, and no request allowed to fail.

Copies the release folder and the annexes into a temporary folder, starts the server over the copy
with the manifest's version not yet published, and runs client threads (keep-alive connections on
loopback) asking what vendors ask: $validate-code, $lookup, $expand with a filter, $translate,
metadata, a read, pinned to a served version or not. Halfway through it runs `lienthong publish`
on the copy (a real publication: release.json, archives, index.json) and sends SIGHUP; the new
version must then be served (TerminologyCapabilities lists it) while every request, before, during
and after the swap, answers 200. Prints requests, failures, p50/p99 latency, and with --json writes
them to a file.

Usage: serve_soak.py LIENTHONG_BINARY GENERATED_DIR ANNEXES_DIR [--seconds 600] [--threads 4] [--json FILE]"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

SYSTEM = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def paths(versions, codes):
    """The request mix (paths of GET requests), some pinned to a served version."""
    q = urllib.parse.quote
    out = []
    for code in codes:
        out.append(f"/CodeSystem/$validate-code?url={q(SYSTEM)}&code={q(code)}")
        out.append(f"/CodeSystem/$lookup?system={q(SYSTEM)}&code={q(code)}&displayLanguage=en")
        for v in versions:
            out.append(f"/CodeSystem/$validate-code?url={q(SYSTEM)}&code={q(code)}&version={q(v)}")
    out += [f"/ValueSet/$expand?url={q('https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-active')}&filter={q(f)}&count=10"
            for f in ["chup clvt so nao", "xet nghiem", "sieu am", "mri"]]
    out += ["/metadata", "/metadata?mode=terminology", "/CodeSystem?url=" + q(SYSTEM), "/$versions"]
    return out


class Load:
    """Client threads on keep-alive connections, recording every request's status and time."""

    def __init__(self, port, mix, threads):
        self.port, self.mix, self.stop = port, mix, threading.Event()
        self.lock = threading.Lock()
        self.latencies, self.failures, self.count = [], [], 0
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(threads)]

    def run(self, seed):
        rng = random.Random(seed)
        conn = None
        while not self.stop.is_set():
            path = rng.choice(self.mix)
            started = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", path, headers={"Accept": "application/fhir+json"})
                r = conn.getresponse()
                body = r.read()
                status = r.status
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as error:
                status, body = None, str(error).encode()
                if conn is not None:
                    conn.close()
                conn = None
            elapsed = (time.perf_counter() - started) * 1000
            with self.lock:
                self.count += 1
                self.latencies.append(elapsed)
                if status != 200:
                    self.failures.append({"path": path, "status": status, "body": body[:200].decode("utf-8", "replace"), "at": time.time()})

    def start(self):
        for t in self.threads:
            t.start()

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)


def percentile(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 2) if values else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("generated")
    parser.add_argument("annexes")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="lienthong-soak-")
    out, annexes = os.path.join(work, "generated"), os.path.join(work, "annexes")
    shutil.copytree(args.generated, out, symlinks=True)
    shutil.copytree(args.annexes, annexes, symlinks=True)
    index = json.load(open(os.path.join(out, "index.json"), encoding="utf-8"))
    published = [r["version"] for r in index["releases"] if r.get("status") == "published"]
    draft = [r["version"] for r in index["releases"] if r.get("status") != "published"]
    if not draft:
        raise SystemExit("serve_soak: the manifest's version is already published; the soak needs a draft to publish mid-run")
    catalog = json.load(open(os.path.join(out, published[-1], "json", "catalog.json"), encoding="utf-8"))
    codes = [e["code"] for e in catalog["entries"][:: max(1, len(catalog["entries"]) // 40)]]
    port = free_port()
    log_path = os.path.join(work, "serve.log")
    log = open(log_path, "wb")
    server = subprocess.Popen([binary, "serve", "--out", out, "--port", str(port)], stdout=log, stderr=log)
    result = {}
    try:
        deadline = time.time() + 120
        while True:
            try:
                if get(port, "/metadata", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("serve_soak: the server did not start")
            time.sleep(0.3)
        load = Load(port, paths(published, codes), args.threads)
        started = time.time()
        load.start()
        time.sleep(args.seconds / 2)
        publish_started = time.time()
        publish = subprocess.run([binary, "publish", "--annexes", annexes, "--out", out], cwd=work, capture_output=True, text=True)
        if publish.returncode != 0:
            load.finish()
            raise SystemExit(f"serve_soak: publish failed:\n{publish.stderr[-2000:]}")
        server.send_signal(signal.SIGHUP)
        swapped_at = time.time()
        new_version = draft[-1]
        served = False
        while time.time() - swapped_at < 60:
            status, body = get(port, "/metadata?mode=terminology")
            if status == 200 and f'"code":"{new_version}"' in body.decode().replace(" ", ""):
                served = True
                break
            time.sleep(0.2)
        # after the swap, the new version answers pinned requests too
        load.mix += [p.replace(f"version={published[-1]}", f"version={new_version}") for p in load.mix if f"version={published[-1]}" in p]
        time.sleep(max(0, started + args.seconds - time.time()))
        load.finish()
        result = {
            "seconds": round(time.time() - started, 1), "threads": args.threads, "requests": load.count, "failures": len(load.failures),
            "p50_ms": percentile(load.latencies, 50), "p99_ms": percentile(load.latencies, 99), "max_ms": percentile(load.latencies, 100),
            "published": new_version, "publish_seconds": round(swapped_at - publish_started, 1), "new_version_served": served,
            "requests_per_second": round(load.count / max(1e-9, time.time() - started), 1),
        }
        for f in load.failures[:10]:
            print(f"serve_soak: FAIL {f}", file=sys.stderr)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=1))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    return 0 if result and result["failures"] == 0 and result["new_version_served"] and server.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
