# lienthong — build, compile the catalog, test.
#   make            install what is missing, build the tool, compile annexes/ into generated/
#   make test       run every test (what CI runs)
SWIFT ?= swift
BIN := .build/release/lienthong

.PHONY: all deps tool generate check reference test bench bench-data clean fuzz soak

all: deps generate

deps:
	./scripts/install-deps.sh

tool:
	$(SWIFT) build -c release --product lienthong

generate: tool
	$(BIN) build --annexes annexes --out generated

check: tool
	$(BIN) check --annexes annexes

# Refreshes annexes/reference/ (the reference subset `check` uses) from a reference folder:
#   make reference REF=../shared/reference
REF ?= ../shared/reference
reference: deps
	.venv/bin/python scripts/extract-reference.py --reference $(REF)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	$(SWIFT) build --product lienthong
	.build/debug/lienthong build --check --annexes annexes --out generated
	.build/debug/lienthong diff --annexes annexes --out generated
	.venv/bin/python scripts/extract-reference.py --check
	.venv/bin/python tools/reconstruction/test_imaging_terms.py
	.venv/bin/python tools/reconstruction/test_lab_axes.py
	.venv/bin/python scripts/consumers/consistency.py annexes
	.venv/bin/python scripts/consumers/test_consistency.py annexes
	.venv/bin/python scripts/validate-source-schema.py annexes generated/schema
	.venv/bin/python scripts/consumers/json_schema.py generated
	.venv/bin/python scripts/consumers/sql.py generated
	.venv/bin/python scripts/consumers/sql_upgrade.py generated .build/sql-upgrade-cases
	.venv/bin/python scripts/consumers/recognition_sql.py generated Tests/Fixtures/recognition-cases.json
	.venv/bin/python scripts/consumers/fhir_package.py generated
	.venv/bin/python scripts/consumers/feeds.py generated
	.venv/bin/python scripts/consumers/swift_package.py generated
	.venv/bin/python scripts/consumers/sssom_check.py generated
	.venv/bin/python scripts/consumers/agreement.py generated
	.venv/bin/python scripts/consumers/release_archives.py generated
	.venv/bin/python scripts/consumers/notices.py generated annexes
	.venv/bin/python scripts/consumers/xlsx_check.py generated
	.venv/bin/python scripts/consumers/xlsx_import_check.py .build/debug/lienthong annexes generated
	.venv/bin/python scripts/consumers/site_check.py generated .build/site-check
	.venv/bin/python scripts/consumers/sarif_check.py .build/debug/lienthong
	.venv/bin/python scripts/consumers/history.py generated
	.venv/bin/python scripts/consumers/serve_check.py .build/debug/lienthong generated
	.venv/bin/python scripts/consumers/serve_nginx.py .build/debug/lienthong generated docs/guide/serve-nginx.conf
	.venv/bin/python scripts/consumers/serve_fuzz.py .build/debug/lienthong generated --seconds 45
	.venv/bin/python scripts/validate-source-schema.py Tests/Fixtures/golden/yaml Tests/Fixtures/golden/expected/schema

# Benchmarks (not part of `make test`): synthetic catalogs, ratios to the parser's floor.
#   make bench                      sizes 1114, 13000, 100000, 1000000 (SIZES=... to change, REPEAT=5)
#   make bench-data N=100000 OUT=DIR   write one synthetic catalog folder
SIZES ?= 1114,13000,100000,1000000
REPEAT ?= 5
bench: deps
	$(SWIFT) build -c release --product lienthong
	$(SWIFT) build -c release --product lienthong-bench
	.venv/bin/python bench/run.py --sizes $(SIZES) --repeat $(REPEAT)
	.venv/bin/python bench/serve_load.py .build/release/lienthong generated

# Soak (not part of `make test`): `lienthong serve` under load for 10 minutes, a release published and
# swapped in (SIGHUP) halfway, no request allowed to fail; prints requests, failures, p50/p99.
soak: deps
	$(SWIFT) build --product lienthong
	.venv/bin/python scripts/serve_soak.py .build/debug/lienthong generated annexes --seconds 600 --json .build/soak.json

bench-data:
	$(SWIFT) build -c release --product lienthong-bench
	.build/release/lienthong-bench generate $(N) $(OUT) $(FORMAT)

clean:
	rm -rf .build

# Fuzzing (not part of `make test`, which replays the saved corpus in Tests/Fuzz/corpus):
#   make fuzz SECONDS=900             each libFuzzer target (yaml, xml, compile, recognition, xlsx, archive, release-json, dicom) for SECONDS
SECONDS ?= 60
fuzz:
	./scripts/fuzz/run.sh $(SECONDS)
