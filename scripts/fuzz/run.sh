#!/bin/sh
# make fuzz SECONDS=N: builds the fuzzers, then runs each target (yaml, xml, compile, recognition,
# xlsx, archive, release-json, dicom, or those
# named in TARGETS) for N seconds, one after the other, from the saved corpus
# (Tests/Fuzz/corpus/<target>) and seeds cut from annexes/. New inputs that add coverage are
# merged into the saved corpus; a finding is written to .build/fuzz/findings/ and fails the run.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-60}
TARGETS=${TARGETS:-yaml xml compile recognition xlsx archive release-json dicom}
[ -n "${FUZZ_NO_BUILD:-}" ] || ./scripts/fuzz/build.sh  # FUZZ_NO_BUILD=1: the fuzzers are built
python3 scripts/fuzz/seeds.py
# libFuzzer and AddressSanitizer report a crash; Swift's own backtracer would race them.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/scripts/fuzz/lsan.supp:print_suppressions=0"
status=0
for target in $TARGETS; do
    work=.build/fuzz/corpus/$target
    saved=Tests/Fuzz/corpus/$target
    mkdir -p "$work" "$saved" .build/fuzz/findings
    echo "fuzz: $target for $SECONDS_PER_TARGET s" >&2
    if ! ".build/fuzz/fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=16384 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=".build/fuzz/findings/$target-" \
        "$work" "$saved" ".build/fuzz/seeds/$target" 2>".build/fuzz/$target.log"; then
        status=1
        echo "fuzz: $target found a problem; see .build/fuzz/$target.log and .build/fuzz/findings/" >&2
    fi
    grep -E '^stat::|^#[0-9]+.*DONE' ".build/fuzz/$target.log" >&2 || true
    ".build/fuzz/fuzz-$target" -merge=1 -max_len=16384 -artifact_prefix=".build/fuzz/findings/merge-$target-" "$saved" "$work" 2>/dev/null >/dev/null || true
    echo "fuzz: $target saved corpus: $(ls "$saved" | wc -l) files, $(du -sk "$saved" | cut -f1) KiB" >&2
done
exit $status
