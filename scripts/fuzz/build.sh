#!/bin/sh
# Builds the libFuzzer targets (yaml, xml, compile, dicom) into .build/fuzz/: CatalogCore and
# CatalogSources compiled from their sources with coverage instrumentation and
# AddressSanitizer (swiftc -sanitize=fuzzer,address, Linux), each target a small entry point.
set -eu
cd "$(dirname "$0")/../.."
OUT=.build/fuzz
mkdir -p "$OUT"
FLAGS="-sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -I $OUT -I Sources/CYAML -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2"
# A library is rebuilt only when one of its sources is newer than its object.
build_module() {
    name=$1; shift
    if [ ! -f "$OUT/$name.o" ] || [ -n "$(find "$@" -newer "$OUT/$name.o" -name '*.swift' | head -1)" ]; then
        echo "fuzz: compiling $name" >&2
        # shellcheck disable=SC2046,SC2086
        swiftc $FLAGS -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
            -wmo -c $(find "$@" -name '*.swift' | sort) -o "$OUT/$name.o"
    fi
}
build_module CatalogCore Sources/CatalogCore
build_module CatalogSources Sources/CatalogSources
for target in yaml xml compile; do
    if [ ! -x "$OUT/fuzz-$target" ] || [ "$OUT/CatalogSources.o" -nt "$OUT/fuzz-$target" ] || [ "scripts/fuzz/targets/$target.swift" -nt "$OUT/fuzz-$target" ]; then
        echo "fuzz: linking fuzz-$target" >&2
        # shellcheck disable=SC2086
        swiftc $FLAGS -module-name "Fuzz_$target" "scripts/fuzz/targets/$target.swift" \
            "$OUT/CatalogCore.o" "$OUT/CatalogSources.o" -lyaml -lxml2 -o "$OUT/fuzz-$target" 2>&1 \
            | grep -v 'Cannot export local symbol' >&2 || true
        test -x "$OUT/fuzz-$target"
    fi
done
# The DICOM shim (C++ over DCMTK): the shim instrumented, DCMTK's libraries as installed.
if [ ! -x "$OUT/fuzz-dicom" ] || [ Sources/CDicomShim/shim.cpp -nt "$OUT/fuzz-dicom" ] || [ scripts/fuzz/targets/dicom.cpp -nt "$OUT/fuzz-dicom" ]; then
    echo "fuzz: linking fuzz-dicom" >&2
    clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address -I Sources/CDicomShim/include scripts/fuzz/targets/dicom.cpp \
        Sources/CDicomShim/shim.cpp -ldcmdata -loflog -lofstd -o "$OUT/fuzz-dicom" 2>&1 | grep -v 'Cannot export local symbol' >&2 || true
    test -x "$OUT/fuzz-dicom"
fi
