# RU–AZ Indicators. `make run` serves the dashboard; `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
WORKERS ?= 3

.PHONY: help setup data run dev test test-fast lint typecheck bench clean-venv

help:
	@echo "make run    - set up, build data/clean if missing, serve on http://$(HOST):$(PORT) (gunicorn)"
	@echo "make test   - set up, lint, type-check and run the whole test suite (browser tests included)"
	@echo "make data   - rebuild data/clean from data/raw"
	@echo "make dev    - python -m dashboard (development server, debug off)"
	@echo "make bench  - run the benchmarks, write bench/results.json"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(BIN)/.installed

data: setup
	$(BIN)/python -m indicators build --coverage

data/clean/validation_report.json:
	$(MAKE) data

run: setup data/clean/validation_report.json
	$(BIN)/python -m indicators coverage --series-only | tail -n 3
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config scripts/gunicorn.conf.py dashboard.wsgi:server

dev: setup data/clean/validation_report.json
	$(BIN)/python -m dashboard --host $(HOST) --port $(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

test: setup lint typecheck
	bash scripts/ensure-chromium.sh
	# the non-browser tests on both cores (pytest-xdist), then the browser tests one at a time
	$(BIN)/python -m pytest -p no:cacheprovider -m "not browser" -n 2
	$(BIN)/python -m pytest --headless -p no:cacheprovider -m browser

test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not slow" -q

bench: setup data/clean/validation_report.json
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run_all.py

clean-venv:
	rm -rf $(VENV)
