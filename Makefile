# lienthong — build, compile the catalog, test.
#   make            install what is missing, build the tool, compile annexes/ into generated/
#   make test       run every test (what CI runs)
SWIFT ?= swift
BIN := .build/release/lienthong

.PHONY: all deps tool generate check test clean

all: deps generate

deps:
	./scripts/install-deps.sh

tool:
	$(SWIFT) build -c release --product lienthong

generate: tool
	$(BIN) build --annexes annexes --out generated

check: tool
	$(BIN) check --annexes annexes

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	$(SWIFT) build --product lienthong
	.build/debug/lienthong build --check --annexes annexes --out generated
	.venv/bin/python scripts/extract-reference.py --check
	.venv/bin/python scripts/validate-source-schema.py annexes generated/schema
	.venv/bin/python scripts/consumers/json_schema.py generated
	.venv/bin/python scripts/consumers/sql.py generated
	.venv/bin/python scripts/consumers/fhir_package.py generated
	.venv/bin/python scripts/consumers/swift_package.py generated
	.venv/bin/python scripts/consumers/agreement.py generated
	.venv/bin/python scripts/validate-source-schema.py Tests/Fixtures/golden/yaml Tests/Fixtures/golden/expected/schema

clean:
	rm -rf .build
