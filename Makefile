# Set-up and checks for the fact-check kit. `make demo` and `make test` work on a clean clone.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export HAYSTACK_TELEMETRY_ENABLED := False
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint format bench bench-scale lab app workshop install install-test chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-notebooks: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[notebooks]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,notebooks]'
	touch $(VENV)/.installed $(VENV)/.installed-notebooks $@

# Debian's Chromium for tests/test_browser.py (Playwright never downloads a browser here).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "make: the browser test needs Chromium: sudo apt-get install -y chromium"

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/kit ask "How fast was the Oreshnik?"
	$(BIN)/kit ask "How many drones did Ukraine shoot down?"
	$(BIN)/kit ask "Where was the Oreshnik launched from?"
	$(BIN)/kit ask "What is the range of the Oreshnik missile?"

# The suite runs against a throwaway PostgreSQL + pgvector on 127.0.0.1, stopped afterwards.
# A server that cannot start is one line on stderr; its tests then skip, except under CI=true.
test: install-test chromium
	$(MAKE) --no-print-directory lint
	scripts/postgres.sh start || [ "$${CI:-}" != true ]
	KIT_TEST_PG_URL="$$(scripts/postgres.sh url)" $(BIN)/pytest; s=$$?; scripts/postgres.sh stop; exit $$s

lint: install-test
	$(BIN)/ruff check kit tests scripts
	$(BIN)/ruff format --check kit tests scripts
	$(BIN)/mypy

format: install-test
	$(BIN)/ruff format kit tests scripts
	$(BIN)/ruff check --fix kit tests scripts

bench: install-test
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/eval_figures.py

bench-scale: install-test
	scripts/postgres.sh start
	$(BIN)/python scripts/bench_scale.py --pg-url "$$(scripts/postgres.sh url)" --write; \
	  s=$$?; scripts/postgres.sh stop; exit $$s

# JupyterLab refuses to start as root without --allow-root (workshop machines, containers).
lab: $(VENV)/.installed-notebooks
	$(BIN)/jupyter lab --ip=127.0.0.1 $$([ "$$(id -u)" = 0 ] && echo --allow-root) notebooks/

# CORPUS=path serves the app on other articles (a folder, or a JSONL/CSV file).
app: $(VENV)/.installed-notebooks
	scripts/serve_app.sh 8866 $(if $(CORPUS),"$(CORPUS)")

# The workshop's participant copy, executed teacher copy (+ offline HTML) and handout, built
# from the cell tags of notebooks/04_workshop.ipynb. CORPUS=path runs it on other articles.
WORKSHOP_OUT ?= reports/workshop
workshop: $(VENV)/.installed-notebooks
	$(BIN)/python -m kit.present.workshop --output $(WORKSHOP_OUT) $(if $(CORPUS),--corpus "$(CORPUS)")

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
