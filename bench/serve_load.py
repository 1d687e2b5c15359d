#!/usr/bin/env python3
"""`make bench` (not `make test`): `lienthong serve` under load with wrk, on loopback.

Measures, in the same run and on the same machine, `CodeSystem/$validate-code` throughput and
latency through the real server, and nginx serving a static file of exactly the same bytes
(the floor for an HTTP answer of that size here). Reports requests per second for both, their
ratio (the issue's target is >= 0.5), and the server's p99 latency at half its saturated rate
(wrk2 is not in Debian, so "half the load" is approximated with half the connections).
Usage: serve_load.py LIENTHONG_BINARY GENERATED_DIR [--seconds 10] [--connections 32]"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

SYSTEM = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"
PATH = f"/CodeSystem/$validate-code?url={SYSTEM}&code=HS0001D"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read()
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"serve_load: {url} did not answer")


def wrk(url, seconds, connections, threads=2):
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50_ms": ms("50"), "p99_ms": ms("99"), "non2xx": int(errors.group(1)) if errors else 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("generated")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("serve_load: wrk is not installed (apt-get install wrk)")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    work = tempfile.mkdtemp(prefix="lienthong-load-")
    os.chmod(work, 0o755)  # nginx's workers (nobody, when started as root) read the answer file
    port, static_port = free_port(), free_port()
    server = subprocess.Popen([args.binary, "serve", "--out", args.generated, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proxy = None
    try:
        body = wait(f"http://127.0.0.1:{port}{PATH.replace('$', '%24')}")
        with open(os.path.join(work, "answer.json"), "wb") as f:
            f.write(body)
        os.chmod(os.path.join(work, "answer.json"), 0o644)
        with open(os.path.join(work, "nginx.conf"), "w") as f:
            f.write(f"""worker_processes 1; pid nginx.pid; error_log stderr error; daemon off;
events {{ worker_connections 1024; }}
http {{ access_log off; client_body_temp_path cb; proxy_temp_path px; fastcgi_temp_path fc; uwsgi_temp_path uw; scgi_temp_path sc;
  server {{ listen 127.0.0.1:{static_port}; location / {{ default_type application/fhir+json; root {work}; try_files /answer.json =404; }} }} }}
""")
        proxy = subprocess.Popen([nginx, "-p", work, "-c", os.path.join(work, "nginx.conf")], stdout=subprocess.DEVNULL)
        wait(f"http://127.0.0.1:{static_port}/x")
        url = f"http://127.0.0.1:{port}{PATH}"
        floor = wrk(f"http://127.0.0.1:{static_port}/x", args.seconds, args.connections)
        saturated = wrk(url, args.seconds, args.connections)
        half = wrk(url, args.seconds, max(1, args.connections // 2))
    finally:
        for p in (server, proxy):
            if p is not None and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(work, ignore_errors=True)
    ratio = saturated["rps"] / floor["rps"] if floor["rps"] else 0
    print(f"$validate-code: {saturated['rps']:.0f} req/s ({args.connections} connections), nginx static same bytes: {floor['rps']:.0f} req/s, ratio {ratio:.2f} (target >= 0.5)")
    print(f"at half the connections: {half['rps']:.0f} req/s, p50 {half['p50_ms']} ms, p99 {half['p99_ms']} ms; non-2xx: {saturated['non2xx'] + half['non2xx']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
