#!/usr/bin/env python3
"""Two `lienthong serve` instances behind Debian's nginx, on loopback, with the project's
configuration (docs/guide/serve-nginx.conf, its ports replaced by free ones): requests through
nginx are answered by both instances, an ETag from one instance revalidates (304) on the other,
and with one instance stopped every request is still answered.
Usage: serve_nginx.py LIENTHONG_BINARY GENERATED_DIR NGINX_CONF"""
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SYSTEM = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wait_for(url, process, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            if get(url)[0] == 200:
                return True
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    return False


def main():
    binary, generated, conf = sys.argv[1], sys.argv[2], sys.argv[3]
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        print("serve_nginx: nginx is not installed (scripts/install-deps.sh installs it)", file=sys.stderr)
        return 1
    front, a, b = free_ports(3)
    prefix = tempfile.mkdtemp(prefix="lienthong-nginx-")
    text = pathlib.Path(conf).read_text()
    for old, new in (("127.0.0.1:8080", f"127.0.0.1:{front}"), ("127.0.0.1:8081", f"127.0.0.1:{a}"), ("127.0.0.1:8082", f"127.0.0.1:{b}")):
        assert old in text, f"{conf} has no {old}"
        text = text.replace(old, new)
    pathlib.Path(prefix, "nginx.conf").write_text(text)
    servers = [subprocess.Popen([binary, "serve", "--out", generated, "--port", str(p), "--log-format", "json"],
                                stdout=subprocess.DEVNULL, stderr=open(os.path.join(prefix, f"serve-{p}.log"), "w")) for p in (a, b)]
    proxy = None
    failures = []
    try:
        for p, s in zip((a, b), servers):
            if not wait_for(f"http://127.0.0.1:{p}/metadata", s):
                print(f"serve_nginx: instance on {p} did not start", file=sys.stderr)
                return 1
        proxy = subprocess.Popen([nginx, "-p", prefix, "-c", os.path.join(prefix, "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{front}"
        if not wait_for(base + "/metadata", proxy, 30):
            print("serve_nginx: nginx did not start: " + (proxy.stderr.read().decode() if proxy.poll() is not None else ""), file=sys.stderr)
            return 1
        lookup = f"/CodeSystem/$lookup?system={SYSTEM}&code=HS0001D"
        tags = set()
        for _ in range(6):
            status, headers, _ = get(base + lookup)
            if status != 200:
                failures.append(f"through nginx: status {status}")
            tags.add(headers.get("ETag"))
        if len(tags) != 1:
            failures.append(f"the two instances give different ETags for the same answer: {tags}")
        etag = tags.pop()
        direct = [get(f"http://127.0.0.1:{p}{lookup}", {"If-None-Match": etag})[0] for p in (a, b)]
        if direct != [304, 304]:
            failures.append(f"each instance revalidates the other's ETag: {direct}")
        status, _, _ = get(base + lookup, {"If-None-Match": etag})
        if status != 304:
            failures.append(f"If-None-Match through nginx: {status}")
        servers[0].send_signal(signal.SIGTERM)
        servers[0].wait(timeout=30)
        statuses = [get(base + lookup)[0] for _ in range(6)]
        if any(s != 200 for s in statuses):
            failures.append(f"with one instance stopped: {statuses}")
    finally:
        if proxy is not None and proxy.poll() is None:
            proxy.send_signal(signal.SIGQUIT)
            try:
                proxy.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proxy.kill()
        for s in servers:
            if s.poll() is None:
                s.send_signal(signal.SIGTERM)
                try:
                    s.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    s.kill()
        shutil.rmtree(prefix, ignore_errors=True)
    for f in failures:
        print(f"serve_nginx: FAIL {f}", file=sys.stderr)
    if failures:
        return 1
    print("serve_nginx: ok (two instances behind nginx; same ETag on both; one stopped, every request answered)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
