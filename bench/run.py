#!/usr/bin/env python3
"""`make bench`: generates synthetic catalogs (fixed seed) at several sizes and measures, in the
same run and alternating, the parser floor (libyaml events, nothing else), `lienthong check`,
`lienthong build`, `lienthong publish` (into a fresh folder), `lienthong --version`, the Python peer and,
at 100,000 entries, `lienthong diff` of two releases against the floor reading both sides. Each figure is the median of
several repetitions and is reported as a ratio to the floor; peak resident memory comes from
wait4's rusage. Prints a table with pass/short for each target and writes bench/results.json.

Usage: run.py [--sizes 1114,13000,100000,1000000] [--repeat 5] [--work DIR]"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build/release")


def measure(argv, env=None):
    """(seconds, peak RSS in MiB) of one run; fails loudly if the command fails."""
    # Standard error goes to a file, not a pipe: a pipe read only after wait4 would block a
    # child that writes more than the pipe holds.
    with tempfile.TemporaryFile() as stderr:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        if os.waitstatus_to_exitcode(status) != 0:
            stderr.seek(0)
            sys.exit(f"bench: {' '.join(argv)} failed: {stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1114,13000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(ROOT, ".build/bench"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    python = os.path.join(ROOT, ".venv/bin/python")
    rows = []
    for n in sizes:
        folder = os.path.join(args.work, f"catalog-{n}")
        out = os.path.join(args.work, f"out-{n}")
        subprocess.run([os.path.join(BIN, "lienthong-bench"), "generate", str(n), folder], check=True)
        annexes = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml") and f != "catalog.yaml")
        input_mib = sum(os.path.getsize(f) for f in annexes) / 2**20
        commands = {
            "floor": [os.path.join(BIN, "lienthong-bench"), "floor", *annexes],
            "version": [os.path.join(BIN, "lienthong"), "--version"],
            "check": [os.path.join(BIN, "lienthong"), "check", "--annexes", folder, "--out", out],
            "build": [os.path.join(BIN, "lienthong"), "build", "--annexes", folder, "--out", out],
            "publish": [os.path.join(BIN, "lienthong"), "publish", "--annexes", folder, "--out", out + "-publish"],
        }
        # The peer is compared at 100,000 entries; beyond, a run would take minutes.
        if n <= 100000:
            commands["peer"] = [python, os.path.join(ROOT, "bench/peer.py"), folder, out + "-peer"]
        # The diff at 100,000 entries: two releases (the second with 4,000 changes of eight
        # classes, bench/diff_pair.py), against the floor reading both sides' sources.
        if n == 100000:
            second = folder + "-next"
            subprocess.run([sys.executable, os.path.join(ROOT, "bench/diff_pair.py"), folder, second], check=True, stdout=subprocess.DEVNULL)
            for source, target in ((folder, out + "-old"), (second, out + "-new")):
                subprocess.run(["rm", "-rf", target])
                subprocess.run([os.path.join(BIN, "lienthong"), "build", "--annexes", source, "--out", target], check=True, stderr=subprocess.DEVNULL)
            both = annexes + sorted(os.path.join(second, f) for f in os.listdir(second) if f.endswith(".yaml") and f != "catalog.yaml")
            commands["floorBoth"] = [os.path.join(BIN, "lienthong-bench"), "floor", *both]
            commands["diff"] = [os.path.join(BIN, "lienthong"), "diff", out + "-old/1.0.0", out + "-new/1.1.0", "--fail-on", "none", "--format", "json"]
        times = {k: [] for k in commands}
        memory = {k: 0.0 for k in commands}
        for _ in range(args.repeat):
            for name, argv in commands.items():
                if name == "build":
                    subprocess.run(["rm", "-rf", out])
                if name == "publish":
                    subprocess.run(["rm", "-rf", out + "-publish"])
                seconds, rss = measure(argv)
                times[name].append(seconds)
                memory[name] = max(memory[name], rss)
        median = {k: statistics.median(v) for k, v in times.items()}
        rows.append({"entries": n, "inputMiB": round(input_mib, 1), "seconds": {k: round(v, 4) for k, v in median.items()},
                     "ratioToFloor": {k: round(v / median["floor"], 2) for k, v in median.items()},
                     "peakMiB": {k: round(v, 1) for k, v in memory.items()}})
    targets = []
    for row in rows:
        r, n = row["ratioToFloor"], row["entries"]
        if n == 100000:
            targets += [("check <= 1.4x floor (100k)", r["check"], r["check"] <= 1.4),
                        ("build <= 3x floor (100k)", r["build"], r["build"] <= 3.0),
                        ("build >= 15x faster than Python peer (100k)", round(row["seconds"]["peer"] / row["seconds"]["build"], 2), row["seconds"]["peer"] / row["seconds"]["build"] >= 15),
                        ("build peak <= 2x input + 50 MiB (100k)", row["peakMiB"]["build"], row["peakMiB"]["build"] <= 2 * row["inputMiB"] + 50),
                        ("publish <= 2x build (100k)", round(row["seconds"]["publish"] / row["seconds"]["build"], 2), row["seconds"]["publish"] <= 2 * row["seconds"]["build"]),
                        ("publish peak <= 2x input + 50 MiB (100k)", row["peakMiB"]["publish"], row["peakMiB"]["publish"] <= 2 * row["inputMiB"] + 50)]
            if "diff" in row["seconds"]:
                ratio = round(row["seconds"]["diff"] / row["seconds"]["floorBoth"], 2)
                targets.append(("diff of two releases <= 2x floor of both sides (100k)", ratio, ratio <= 2.0))
        if n == 1114:
            bound = row["seconds"]["version"] + row["seconds"]["floor"]
            targets += [("check <= 1.5x (--version + floor) (real size)", round(row["seconds"]["check"] / bound, 2), row["seconds"]["check"] <= 1.5 * bound),
                        ("build <= 5x floor (real size)", r["build"], r["build"] <= 5.0)]
    by_size = {row["entries"]: row for row in rows}
    if 100000 in by_size and 1000000 in by_size:
        growth = by_size[1000000]["seconds"]["build"] / by_size[100000]["seconds"]["build"]
        targets.append(("1M build <= 11x 100k build", round(growth, 2), growth <= 11))
    print(f"{'entries':>9} {'input MiB':>9} {'floor s':>8} {'check':>7} {'build':>7} {'publish':>7} {'peer':>7} {'version s':>9} {'build MiB':>9} {'publish MiB':>11}")
    for row in rows:
        r = row["ratioToFloor"]
        peer = f"{r['peer']:>6.2f}x" if "peer" in r else f"{'-':>7}"
        print(f"{row['entries']:>9} {row['inputMiB']:>9} {row['seconds']['floor']:>8.3f} {r['check']:>6.2f}x {r['build']:>6.2f}x {r['publish']:>6.2f}x {peer} {row['seconds']['version']:>9.3f} {row['peakMiB']['build']:>9.1f} {row['peakMiB']['publish']:>11.1f}")
    print()
    for name, value, ok in targets:
        print(f"  {'pass ' if ok else 'SHORT'}  {name}: {value}")
    result = {"machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(), "system": platform.platform()},
              "repeat": args.repeat, "rows": rows, "targets": [{"target": t, "value": v, "pass": ok} for t, v, ok in targets]}
    with open(os.path.join(ROOT, "bench/results.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
