#!/usr/bin/env python3
"""The mapping assistant measured (issue 26): leave-one-out over the catalog's own mappings in
use. For each mapped entry, `lienthong suggest --evaluate` hides its mappings, ranks candidates
from its names and attributes and reads whether a mapped code is ranked first (top 1) or in the
first five (top 5), per annex and code system. Also times one `suggest --unmapped` over the real
catalog (median of --repeat runs; target under 2 s). A benchmark, not a timed test.

Usage: bench/suggest_loo.py [--bin .build/release/lienthong] [--reference DIR] [--repeat 3] [--misses]"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    default_bin = os.path.join(ROOT, ".build/release/lienthong")
    if not os.path.exists(default_bin):
        default_bin = os.path.join(ROOT, ".build/debug/lienthong")
    ap.add_argument("--bin", default=default_bin)
    ap.add_argument("--reference", help="reference folder (default: the tool's own choice, ../shared/reference when present)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--misses", action="store_true", help="also list the entries whose mapped code is not ranked first")
    args = ap.parse_args()
    extra = ["--reference", args.reference] if args.reference else []
    run = subprocess.run([args.bin, "suggest", "--evaluate", "--format", "json"] + extra,
                         cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"suggest --evaluate failed ({run.returncode}):\n{run.stderr}")
    report = json.loads(run.stdout)
    ref = report["reference"]
    print(f"reference: {ref['folder']} ({'project subset' if ref['subset'] else 'full tables'}); "
          f"vocabulary: {report['vocabulary']['terms']} terms")
    print("| annex | system | mapped entries | top 1 | top 1 % | top 5 | top 5 % |")
    print("|---|---|---|---|---|---|---|")
    for row in report["rows"] + [dict(report["total"], annex="all", system="all")]:
        print(f"| {row['annex']} | {row['system']} | {row['entries']} | {row['top1']} | {row['top1Percent']} | {row['top5']} | {row['top5Percent']} |")
    total = report["total"]
    print(f"targets: top 1 >= 60% ({'met' if total['top1Percent'] >= 60 else 'short'}), "
          f"top 5 >= 85% ({'met' if total['top5Percent'] >= 85 else 'short'})")
    times = []
    for _ in range(max(1, args.repeat)):
        start = time.monotonic()
        timed = subprocess.run([args.bin, "suggest", "--unmapped", "--format", "json"] + extra,
                               cwd=ROOT, capture_output=True)
        times.append(time.monotonic() - start)
        if timed.returncode != 0:
            sys.exit("suggest --unmapped failed")
    unmapped = json.loads(timed.stdout)
    median = statistics.median(times)
    print(f"suggest --unmapped: {unmapped['summary']['entries']} entries, "
          f"{unmapped['summary']['withStrongCandidate']} with a strong candidate; "
          f"median {median:.2f} s over {len(times)} runs ({os.path.relpath(args.bin, ROOT)}; target < 2 s: {'met' if median < 2 else 'short'})")
    if args.misses:
        for m in report["misses"]:
            print(f"  {m['code']} {m['system']}: mapped {', '.join(m['mapped'])}; rank {m.get('rank', '>5')}; best {m.get('best', '-')}")


if __name__ == "__main__":
    main()
