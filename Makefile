# Set-up is two commands on a fresh machine: `make run` and `make test`.
# The system's own Python 3.11+ when it can make a venv (Debian's optimised build), else python3 on PATH:
# scripts/pick_python.sh says why. `make PYTHON=/path/to/python3 …` chooses another.
PYTHON ?= $(shell bash scripts/pick_python.sh)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= data/planner.db
APP_PORT ?= 8501
FEED_PORT ?= 8765

.PHONY: run test bench lint screenshots browser-deps node-deps clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian's chromium for the browser tests (never `playwright install`).
browser-deps:
	@bash scripts/ensure_chromium.sh

# Mozilla's ical.js (Thunderbird's parser) for the independent feed checks.
node-deps: tests/js/node_modules/ical.js/package.json

tests/js/node_modules/ical.js/package.json: tests/js/package.json
	cd tests/js && npm install --no-audit --no-fund --silent
	touch $@

run: $(STAMP)
	PLANNER_DB=$(DB) $(PY) -m planner.launch --db $(DB) --app-port $(APP_PORT) --feed-port $(FEED_PORT)

test: $(STAMP) browser-deps node-deps
	$(PY) -m ruff check planner tests app.py
	$(PY) -m ruff format --check planner tests app.py scripts
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m planner.bench.run

lint: $(STAMP)
	$(PY) -m ruff check planner tests app.py
	$(PY) -m ruff format --check planner tests app.py scripts

screenshots: $(STAMP) browser-deps
	$(PY) -m planner.ui.screenshots --out screenshots

clean:
	rm -rf $(VENV) build screenshots tests/js/node_modules
