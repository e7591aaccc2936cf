# Yeongilman Valley: the README's two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Mail, QR and message links point at the address served (a wildcard bind is reached as localhost);
# set YV_SITE_URL yourself when people reach the server under another name.
SITE_HOST := $(if $(filter 0.0.0.0 :: [::],$(HOST)),localhost,$(HOST))
YV_SITE_URL ?= http://$(SITE_HOST):$(PORT)

.PHONY: run serve vendor test test-sqlite test-postgres lint bench setup messages clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: apt-get install python3.11 python3.11-venv"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The check-in page's QR decoder (jsQR 1.4.0, Apache-2.0) is committed in static/vendor/, copied
# unchanged from the npm package that package-lock.json pins, and served from there, never from a
# CDN: `make run` needs no npm. `make vendor` refreshes it from npm after package-lock changes.
vendor: package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed: apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund
	cp node_modules/jsqr/dist/jsQR.js static/vendor/jsQR.js
	cp node_modules/jsqr/LICENSE static/vendor/jsQR.LICENSE
	sha256sum static/vendor/jsQR.js

setup: $(STAMP)
	$(MANAGE) compile_translations

PROCFILE ?= Procfile.dev
SERVE = exec env DJANGO_SETTINGS_MODULE=config.settings.local YV_BIND=$(HOST):$(PORT) \
	YV_SITE_URL=$(YV_SITE_URL) \
	bash scripts/serve-dev.sh $(PROCFILE)

## Install, prepare an SQLite database with demo data, then serve on http://$(HOST):$(PORT)
## (127.0.0.1:8000 unless given) with a worker per lane and the clock beside it (Procfile.dev;
## Ctrl-C stops them all); links in mails point at YV_SITE_URL, derived from HOST and PORT
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty
	-$(MANAGE) rebuild_match_index --background
	@$(SERVE)

## Serve only (the database as it is): the last step of `make run`
serve:
	@$(SERVE)

## The whole test suite: SQLite, then a throwaway PostgreSQL server; browser tests in Chromium
test:
	bash scripts/system-deps.sh test
	$(MAKE) setup
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# Two processes share the suite; the deployment test (gunicorn and a task worker, with timing
# promises) runs alone afterwards, so nothing else competes for the cores meanwhile.
# Every test runs once: the browser journeys on SQLite (what `make run` serves), with the parts
# whose SQL differs by database (directory search, the load mix's query budgets) on both;
# everything else on PostgreSQL, the production database.
# `make test-sqlite SQLITE_TESTS=tests` runs the whole suite on SQLite too.
PYTEST_PARALLEL ?= -n 2
SQLITE_TESTS ?= tests/browser tests/directory/test_search.py tests/test_load_mix_queries.py

test-sqlite: setup
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_PARALLEL) -m "not runtime" $(PYTEST_ARGS) $(SQLITE_TESTS)

test-postgres: setup
	bash scripts/with-postgres.sh sh -c '$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_PARALLEL) -m "not runtime and not browser" $(PYTEST_ARGS) && $(BIN)/pytest -q -p no:cacheprovider -m runtime $(PYTEST_ARGS)'

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

## Benchmarks (print figures); see bench/README.md
bench: setup
	$(BIN)/python bench/directory_search.py
	bash scripts/with-postgres.sh $(BIN)/python bench/directory_search.py
	$(BIN)/python bench/directory_import.py
	$(BIN)/python bench/scheduling.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/programs_assignment.py
	bash scripts/with-postgres.sh $(BIN)/python bench/programs_assignment.py
	$(BIN)/python bench/programs_stages.py
	bash scripts/with-postgres.sh $(BIN)/python bench/programs_stages.py
	$(BIN)/python bench/insights_dashboard.py
	bash scripts/with-postgres.sh $(BIN)/python bench/insights_dashboard.py
	$(BIN)/python bench/front_page.py
	bash scripts/with-postgres.sh $(BIN)/python bench/front_page.py
	$(BIN)/python bench/checkin.py
	$(BIN)/python bench/badges.py
	$(BIN)/python bench/single_pdf.py

## Refresh locale/*/LC_MESSAGES/django.po from the code (needs GNU gettext)
messages: setup
	$(MANAGE) makemessages -l ko -l en --no-obsolete --ignore=.venv --ignore=bench --ignore=tests
	$(BIN)/python scripts/fill_english_catalog.py

clean:
	rm -rf $(VENV) var staticfiles .mypy_cache .ruff_cache
