# The two commands a newcomer needs (see README):  make run   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cat pyproject.toml | sha1sum | cut -c1-10)
APP_STAMP  := $(VENV)/.app-$(HASH)
TEST_STAMP := $(VENV)/.test-$(HASH)

.PHONY: run test lint system-deps bench bench-queries load clean

run: $(APP_STAMP)  ## serve the dashboard on http://127.0.0.1:8050 (first start creates the demo database)
	$(BIN)/eambasadori serve

test: system-deps $(TEST_STAMP)  ## every test tier: lint, unit, database (SQLite + PostgreSQL), callbacks, browser; two processes, a file each at a time
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	EAMB_REQUIRE_POSTGRES=1 EAMB_REQUIRE_BROWSER=1 EAMB_REQUIRE_REDIS=1 $(BIN)/pytest -n 2 --dist loadfile; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests collected"; rc=0; fi; exit $$rc

lint: $(TEST_STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

system-deps:  ## Debian packages the tests need (Chromium + driver, PostgreSQL server, Redis server)
	scripts/install-system-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(APP_STAMP) $@

bench: $(TEST_STAMP)  ## national-scale end-to-end benchmark (long; not part of make test)
	$(BIN)/eambasadori bench

bench-queries: $(TEST_STAMP)  ## national-scale query benchmark (long)
	$(BIN)/eambasadori bench-queries

load: $(TEST_STAMP)  ## 25 simulated users for 60 s against gunicorn at national scale (long)
	$(BIN)/eambasadori load

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache .mypy_cache
