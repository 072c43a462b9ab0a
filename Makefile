# The two commands the README promises, plus helpers. Needs only python3 (3.11+).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint typecheck format messages bench snapshot clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## run: serve the whole app on http://$(HOST):$(PORT) (SQLite, static files, the probe);
## one worker per core (WEB_CONCURRENCY), httptools and uvloop, no access log line per request
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	DJANGO_HTTPS="$${DJANGO_HTTPS:-0}" \
	  $(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-server-header \
	    --workers "$${WEB_CONCURRENCY:-$$(nproc)}" --http httptools --loop uvloop --no-access-log

## test: every test (lint, types, unit, pages, real Chromium), then the fast ones again on
## private PostgreSQL + Redis with the two-instance tests (marked services); installs what they need
test: $(VENV)/.dev
	bash scripts/ensure_browser.sh
	bash scripts/ensure_postfix.sh
	bash scripts/ensure_services.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m pytest -m "not services"
	$(PY) scripts/services.py run -- $(PY) -m pytest -m "not browser" -p no:cacheprovider

## test-fast: everything but the browser tests, with the coverage of wizard/
test-fast: $(VENV)/.dev
	$(PY) -m pytest -m "not browser and not services" --cov=wizard --cov-report=term:skip-covered

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

## typecheck: mypy --strict on the domain cores (wizard/{questions,probe,staff}/core)
typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

format: $(VENV)/.dev
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

## messages: re-extract strings into locale/ja (then translate, then compile)
messages: $(VENV)/.dev
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l ja --no-location --no-obsolete
	$(PY) scripts/compile_messages.py

## bench: the benchmarks, each measured side by side in one run (wrk, PostgreSQL and
## Redis installed when missing); about 8 minutes on two cores
bench: $(VENV)/.dev
	bash scripts/ensure_services.sh --bench
	$(PY) bench/probe_wall_time.py
	$(PY) bench/hostile_servers.py
	$(PY) bench/pages.py
	$(PY) bench/counting.py
	$(PY) bench/tarpit.py
	$(PY) bench/soak.py --seconds 60

## snapshot: every reachable page as text, to compare two versions (see the script)
snapshot: $(VENV)/.dev
	$(PY) scripts/snapshot_pages.py var/pages.jsonl.gz

clean:
	rm -rf $(VENV) var/static
