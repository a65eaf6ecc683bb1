# Two commands for a fresh machine: `make run` and `make test`. Both are idempotent.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PORT ?= 3000
export PATH := $(BIN):$(PATH)
# The frontend build bakes in the backend port: build for the port we serve on, rebuild when it changes.
export REFLEX_FRONTEND_PORT := $(PORT)
export REFLEX_BACKEND_PORT := $(PORT)
PORT_STAMP := .web-port
$(shell [ "$$(cat $(PORT_STAMP) 2>/dev/null)" = "$(PORT)" ] || echo $(PORT) > $(PORT_STAMP))
export REFLEX_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Everything the compiled frontend depends on: a change rebuilds it, nothing else does.
FRONTEND_SOURCES := $(shell find parlonsen assets -type f -not -path '*/__pycache__/*') rxconfig.py requirements.txt
FRONTEND := .web/build/client/index.html

.PHONY: run test setup setup-dev db build lint unit e2e bench clean

run: db $(FRONTEND)  ## set up, migrate + seed SQLite, build once, serve on http://localhost:$(PORT)
	$(BIN)/python -m parlonsen.serve --port $(PORT)

test: lint unit e2e  ## set up, then every test, browser tests included

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

db: $(VENV)/.runtime
	$(BIN)/reflex db migrate
	$(BIN)/python -m parlonsen.cli seed

build: $(FRONTEND)
$(FRONTEND): $(VENV)/.runtime $(FRONTEND_SOURCES) $(PORT_STAMP)
	$(BIN)/python -m parlonsen.cli check-content
	$(BIN)/reflex export --frontend-only --no-zip --env prod --loglevel warning
	touch $@

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(VENV)/.dev
	$(BIN)/python -m pytest -q tests --ignore=tests/e2e --ignore=tests/e2e_multiworker

AXE := .tools/node_modules/axe-core/axe.min.js
$(AXE):  ## axe-core from the npm registry, injected into pages by the accessibility tests
	npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error axe-core@4.14.1

e2e: $(VENV)/.dev db $(FRONTEND) $(AXE)
	scripts/ensure-chromium
	E2E_PORT=$(PORT) $(BIN)/python -m pytest -q tests/e2e
	E2E_PORT=$(PORT) $(BIN)/python -m pytest -q tests/e2e_multiworker  # two workers on PostgreSQL + Redis

# Benchmarks print figures and ratios and never fail; `bench/report.py` runs them all, starting the servers it
# needs (ports 3100, 3201; page speed on $(PORT), reusing `make run` if it answers there), and writes
# bench/RESULTS.md. About 20 minutes with nothing else running; `make bench BENCH_ARGS=--quick` for ≈ 6.
BENCH_ARGS ?=
bench: $(VENV)/.dev db $(FRONTEND)
	scripts/ensure-chromium
	$(BIN)/python bench/report.py $(BENCH_ARGS)

clean:
	rm -rf .web .states $(VENV) parlonsen.db
