#!/bin/sh
# Builds the libFuzzer targets (yaml, xml, compile, recognition, xlsx, archive, release-json,
# dicom) into .build/fuzz/: the project's libraries (CatalogCore, CatalogSources, CatalogEmitters,
# CatalogSpreadsheets, CatalogRelease) and ZIPFoundation compiled from their sources with coverage
# instrumentation and AddressSanitizer (swiftc -sanitize=fuzzer,address, Linux), each target a
# small entry point. swift-crypto is linked from the ordinary debug build (`swift build` first),
# uninstrumented: it is not what is fuzzed.
set -eu
cd "$(dirname "$0")/../.."
OUT=.build/fuzz
mkdir -p "$OUT"
# OPT=-O for faster fuzzing; -Onone (the default) compiles several times faster on a busy machine.
FLAGS="-sanitize=fuzzer,address -parse-as-library -swift-version 6 ${OPT:--Onone} -gline-tables-only -I $OUT -I Sources/CYAML -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2"
# A library is rebuilt only when one of its sources is newer than its object. EXTRA holds
# flags for one module (its language mode, the C modules it imports); DEPS names the modules it
# imports, whose newer objects rebuild it too.
build_module() {
    name=$1; shift
    stale=""
    for dep in ${DEPS:-}; do [ "$OUT/$dep.o" -nt "$OUT/$name.o" ] && stale=yes; done
    if [ ! -f "$OUT/$name.o" ] || [ -n "$stale" ] || [ -n "$(find "$@" -newer "$OUT/$name.o" -name '*.swift' | head -1)" ]; then
        echo "fuzz: compiling $name" >&2
        # shellcheck disable=SC2046,SC2086
        swiftc $FLAGS ${EXTRA:-} -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
            -wmo -c $(find "$@" -name '*.swift' | sort) -o "$OUT/$name.o"
    fi
}
build_module CatalogCore Sources/CatalogCore
DEPS=CatalogCore build_module CatalogSources Sources/CatalogSources
ZIP=.build/checkouts/ZIPFoundation/Sources
DEBUG=.build/debug
if [ ! -d "$ZIP" ] || [ ! -f "$DEBUG/Modules/Crypto.swiftmodule" ]; then
    echo "fuzz: run 'swift build' first (ZIPFoundation's checkout and swift-crypto's debug build are used)" >&2
    exit 1
fi
# CLinuxFileSystem is a C target: its module map and object, as SwiftPM would make them.
mkdir -p "$OUT/CLinuxFileSystem"
printf 'module CLinuxFileSystem {\n    header "%s"\n    export *\n}\n' "$PWD/Sources/CLinuxFileSystem/include/CLinuxFileSystem.h" >"$OUT/CLinuxFileSystem/module.modulemap"
if [ ! -f "$OUT/CLinuxFileSystem.o" ] || [ Sources/CLinuxFileSystem/calls.c -nt "$OUT/CLinuxFileSystem.o" ]; then
    clang -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CLinuxFileSystem/include -c Sources/CLinuxFileSystem/calls.c -o "$OUT/CLinuxFileSystem.o"
fi
EXTRA="-swift-version 5 -I $ZIP/CZLib -Xcc -D_GNU_SOURCE=1" build_module ZIPFoundation "$ZIP/ZIPFoundation"
EXTRA="-I Sources/CXLSXWriter" DEPS=CatalogCore build_module CatalogEmitters Sources/CatalogEmitters
EXTRA="-I Sources/CXLSXWriter -I $ZIP/CZLib" DEPS="CatalogCore CatalogSources CatalogEmitters ZIPFoundation" build_module CatalogSpreadsheets Sources/CatalogSpreadsheets
EXTRA="-I Sources/CXLSXWriter -I Sources/CLibArchive -I $OUT/CLinuxFileSystem -I $DEBUG/Modules" DEPS="CatalogCore CatalogSources CatalogEmitters" build_module CatalogRelease Sources/CatalogRelease
# Each target: the libraries it needs, in link order.
CRYPTO="$(find "$DEBUG/Crypto.build" "$DEBUG/CryptoBoringWrapper.build" "$DEBUG/CCryptoBoringSSL.build" "$DEBUG/CCryptoBoringSSLShims.build" -name '*.o' | sort | tr '\n' ' ')"
libraries() {
    case $1 in
        yaml|xml|compile|recognition) echo "$OUT/CatalogCore.o $OUT/CatalogSources.o -lyaml -lxml2" ;;
        xlsx) echo "$OUT/CatalogCore.o $OUT/CatalogSources.o $OUT/CatalogEmitters.o $OUT/ZIPFoundation.o $OUT/CatalogSpreadsheets.o -lyaml -lxml2 -lxlsxwriter -lz" ;;
        archive|release-json) echo "$OUT/CatalogCore.o $OUT/CatalogSources.o $OUT/CatalogEmitters.o $OUT/CLinuxFileSystem.o $OUT/CatalogRelease.o $CRYPTO -lyaml -lxml2 -lxlsxwriter -larchive" ;;
    esac
}
for target in ${FUZZ_BUILD_TARGETS:-yaml xml compile recognition xlsx archive release-json}; do
    objects=$(libraries "$target")
    newest=$(ls -t $objects "scripts/fuzz/targets/$target.swift" 2>/dev/null | head -1)
    if [ ! -x "$OUT/fuzz-$target" ] || [ "$newest" -nt "$OUT/fuzz-$target" ]; then
        echo "fuzz: linking fuzz-$target" >&2
        # shellcheck disable=SC2086
        swiftc $FLAGS -I Sources/CXLSXWriter -I Sources/CLibArchive -I $OUT/CLinuxFileSystem -I $DEBUG/Modules -I $ZIP/CZLib \
            -module-name "Fuzz_$(echo "$target" | tr - _)" "scripts/fuzz/targets/$target.swift" \
            $objects -o "$OUT/fuzz-$target" 2>&1 | grep -v 'Cannot export local symbol' >&2 || true
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
