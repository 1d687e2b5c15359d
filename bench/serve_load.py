#!/usr/bin/env python3
"""`make bench` (not `make test`): `lienthong serve` under load with wrk, on loopback.

Measures, in the same run and on the same machine, `CodeSystem/$validate-code` throughput and
latency through the real server, and nginx serving a static file of exactly the same bytes
(the floor for an HTTP answer of that size here). Reports requests per second for both, their
ratio (the issue's target is >= 0.5), and the server's p99 latency at half its saturated rate
(wrk2 is not in Debian, so "half the load" is approximated with half the connections), and
`ValueSet/$expand` with a text filter (p50 latency, target < 20 ms).

Then the same at a synthetic release of --synthetic entries (default 100,000): `lienthong-bench
generate` writes its sources, `lienthong publish` publishes them into a temporary folder, and the
server serves that folder; its `$validate-code` throughput is compared with the real size's
(target: within 10%). The results are merged into bench/results.json under "serve" (other keys
are kept). The machine is shared: the numbers are indicative.
Usage: serve_load.py LIENTHONG_BINARY GENERATED_DIR [--bench-binary BIN] [--synthetic N] [--seconds 10]
       [--connections 32] [--results bench/results.json]"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

SYSTEM = "https://moh.gov.vn/fhir/CodeSystem/lien-thong-can-lam-sang"
ACTIVE = "https://moh.gov.vn/fhir/ValueSet/LienThongCanLamSang-active"
PATH = f"/CodeSystem/$validate-code?url={SYSTEM}&code=HS0001D"


def validate_path(code, system=SYSTEM):
    return f"/CodeSystem/$validate-code?url={urllib.parse.quote(system, safe=':/')}&code={urllib.parse.quote(code)}"


def expand_path(words, value_set=ACTIVE):
    return f"/ValueSet/$expand?url={urllib.parse.quote(value_set, safe=':/')}&filter={urllib.parse.quote(words)}&count=20"


def active_value_set(folder, version):
    """The URL of the release's active-entries value set (from its FHIR package; a synthetic
    catalog has its own canonical URLs)."""
    package = os.path.join(folder, version, "fhir", "package")
    urls = []
    for name in sorted(os.listdir(package)) if os.path.isdir(package) else []:
        if name.startswith("ValueSet-") and name.endswith(".json"):
            urls.append(json.load(open(os.path.join(package, name), encoding="utf-8")).get("url", ""))
    return next((u for u in urls if u.endswith("-active")), urls[0] if urls else ACTIVE)


def serve(binary, folder, port):
    """Starts the server; returns the process once it answers."""
    process = subprocess.Popen([binary, "serve", "--out", folder, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait(f"http://127.0.0.1:{port}/metadata", seconds=300)
    return process


def stop(process):
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def sample(folder):
    """A code and two words of its name, from the latest published release of `folder`."""
    index = json.load(open(os.path.join(folder, "index.json"), encoding="utf-8"))
    version = index.get("latestPublished") or index["latest"]
    catalog = json.load(open(os.path.join(folder, version, "json", "catalog.json"), encoding="utf-8"))
    entry = next(e for e in catalog["entries"] if e.get("status", "active") != "retired")
    words = " ".join(entry.get("nameVi", entry["code"]).split()[:2])
    return version, entry["code"], words, active_value_set(folder, version), index.get("canonicalUrl", SYSTEM)


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
    parser.add_argument("--bench-binary", help="lienthong-bench (default: beside the lienthong binary)")
    parser.add_argument("--synthetic", type=int, default=100_000, help="entries of the synthetic release (0: skip)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--results", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("serve_load: wrk is not installed (apt-get install wrk)")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    bench = args.bench_binary or os.path.join(os.path.dirname(os.path.abspath(args.binary)), "lienthong-bench")
    work = tempfile.mkdtemp(prefix="lienthong-load-")
    os.chmod(work, 0o755)  # nginx's workers (nobody, when started as root) read the answer file
    port, static_port = free_port(), free_port()
    server = proxy = None
    result = {"connections": args.connections, "seconds": args.seconds, "note": "indicative: shared 2-core machine; wrk on loopback",
              "build": "release" if "/release/" in os.path.abspath(args.binary) else "debug"}
    try:
        _, code, words, value_set, system = sample(args.generated)
        server = serve(args.binary, args.generated, port)
        path = validate_path(code, system)
        body = wait(f"http://127.0.0.1:{port}{path.replace('$', '%24')}")
        if b'"name":"result","valueBoolean":true' not in body.replace(b" ", b""):
            raise SystemExit(f"serve_load: the release does not validate its own code {code}: {body[:300]!r}")
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
        url = f"http://127.0.0.1:{port}{path}"
        floor = wrk(f"http://127.0.0.1:{static_port}/x", args.seconds, args.connections)
        saturated = wrk(url, args.seconds, args.connections)
        half = wrk(url, args.seconds, max(1, args.connections // 2))
        expand = wrk(f"http://127.0.0.1:{port}{expand_path(words, value_set)}", args.seconds, 4)
        stop(server)
        server = None
        ratio = saturated["rps"] / floor["rps"] if floor["rps"] else 0
        result["real"] = {"bodyBytes": len(body), "nginxStaticRps": round(floor["rps"]), "validateCodeRps": round(saturated["rps"]),
                          "ratioToNginx": round(ratio, 2), "halfLoad": half, "expandFilter": expand, "targetRatio": 0.5}
        print(f"$validate-code: {saturated['rps']:.0f} req/s ({args.connections} connections), nginx static same bytes ({len(body)} B): {floor['rps']:.0f} req/s, ratio {ratio:.2f} (target >= 0.5)")
        print(f"at half the connections: {half['rps']:.0f} req/s, p50 {half['p50_ms']} ms, p99 {half['p99_ms']} ms; non-2xx: {saturated['non2xx'] + half['non2xx']}")
        print(f"$expand filter '{words}': p50 {expand['p50_ms']} ms, p99 {expand['p99_ms']} ms (target p50 < 20 ms)")
        if args.synthetic:
            if not os.path.exists(bench):
                raise SystemExit(f"serve_load: {bench} not found (swift build -c release --product lienthong-bench)")
            sources, out = os.path.join(work, "synthetic"), os.path.join(work, "synthetic-out")
            t = time.time()
            subprocess.run([bench, "generate", str(args.synthetic), sources], check=True, stdout=subprocess.DEVNULL)
            subprocess.run([args.binary, "publish", "--annexes", sources, "--out", out], check=True, stdout=subprocess.DEVNULL, cwd=work)
            prepared = time.time() - t
            _, code, words, value_set, system = sample(out)
            server = serve(args.binary, out, port)
            answer = wait(f"http://127.0.0.1:{port}{validate_path(code, system).replace('$', '%24')}")
            if b'"name":"result","valueBoolean":true' not in answer.replace(b" ", b""):
                raise SystemExit(f"serve_load: the synthetic release does not validate its own code {code}: {answer[:300]!r}")
            big = wrk(f"http://127.0.0.1:{port}{validate_path(code, system)}", args.seconds, args.connections)
            big_half = wrk(f"http://127.0.0.1:{port}{validate_path(code, system)}", args.seconds, max(1, args.connections // 2))
            big_expand = wrk(f"http://127.0.0.1:{port}{expand_path(words, value_set)}", args.seconds, 4)
            within = big["rps"] / saturated["rps"] if saturated["rps"] else 0
            result["synthetic"] = {"entries": args.synthetic, "generateAndPublishSeconds": round(prepared, 1), "validateCodeRps": round(big["rps"]),
                                   "ratioToRealSize": round(within, 2), "halfLoad": big_half, "expandFilter": big_expand,
                                   "targets": {"ratioToRealSize": ">= 0.9", "expandFilterP50ms": "< 20"}}
            print(f"{args.synthetic} entries: $validate-code {big['rps']:.0f} req/s ({within:.2f}x the real size, target >= 0.9), "
                  f"p99 at half the connections {big_half['p99_ms']} ms; $expand filter '{words}' p50 {big_expand['p50_ms']} ms (target < 20 ms)")
    finally:
        stop(server)
        stop(proxy)
        shutil.rmtree(work, ignore_errors=True)
    # a latency of error answers measures nothing: say so, and fail
    bad = [name for name, run in [("real", result.get("real", {})), ("synthetic", result.get("synthetic", {}))]
           for key in ("halfLoad", "expandFilter") if run.get(key, {}).get("non2xx")]
    result["valid"] = not bad
    if bad:
        print(f"serve_load: non-2xx answers in {bad}: those latencies are of errors, not of answers", file=sys.stderr)
    merged = {}
    if os.path.exists(args.results):
        with open(args.results, encoding="utf-8") as f:
            merged = json.load(f)
    merged["serve"] = result
    with open(args.results, "w", encoding="utf-8") as f:
        json.dump(merged, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
