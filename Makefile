# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FIXTURES := fixtures/00_reference.json $(sort $(wildcard fixtures/modules/*.json))
# Development defaults; `make run` is never a deployment (see the README's deployment notes).
DEV := DJANGO_DEBUG=1
# Tests run with Django's DEBUG forced off by pytest-django; this only picks plain static storage.
TEST_ENV := DJANGO_DEBUG=1 DJANGO_ALLOW_ASYNC_UNSAFE=true

# A throwaway PostgreSQL cluster around the command after it (DATABASE_URL points at it).
WITH_POSTGRES := scripts/with-postgres.sh
# The bench's database: room for the million answers in memory (the cluster is thrown away).
BENCH_PG := PG_OPTIONS="-c shared_buffers=2GB -c work_mem=32MB -c effective_cache_size=8GB"

.PHONY: run test test-postgres serve bench install fixtures lint typecheck check check-content chromium wrk clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[postgres,test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py loaddata $(FIXTURES)
	$(DEV) $(PY) manage.py check_content
	$(DEV) $(PY) manage.py seed_demo
	@echo
	@echo "  Serving on http://127.0.0.1:8000/"
	@echo "  crew / crew-demo            take modules:  http://127.0.0.1:8000/modules/"
	@echo "  instructor / instructor-demo  see rosters: http://127.0.0.1:8000/instructor/"
	@echo "  admin / admin-demo          edit content:  http://127.0.0.1:8000/admin/"
	@echo
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

fixtures: install
	$(DEV) $(PY) manage.py loaddata $(FIXTURES)

# Browser tests drive Debian's Chromium; pytest-playwright cannot download its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install chromium
	$(TEST_ENV) $(PY) -m pytest

# The same suite on PostgreSQL, in a throwaway cluster (Debian's postgresql if missing).
test-postgres: install chromium
	$(WITH_POSTGRES) env $(TEST_ENV) $(PY) -m pytest

# gunicorn with DEBUG off, as in production (see scripts/serve.sh and the README).
serve: install
	PY=$(PY) scripts/serve.sh

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the bench"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# The pages against the bare Django ceiling, on a million answers (docs/performance.md).
bench: install wrk
	$(BENCH_PG) $(WITH_POSTGRES) $(PY) scripts/bench.py

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: install
	$(TEST_ENV) $(PY) -m mypy safetyquiz

check: lint typecheck
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-content

# The content rules, the quotes and the item-quality checks on the fixtures, loaded into a
# throwaway SQLite database. Item-quality findings warn; CI passes
# CHECK_CONTENT="--require-sources --strict" to make them, and unchecked quotes, errors.
CHECK_CONTENT ?=
check-content: install
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export DATABASE_URL="sqlite:///$$tmp/content.sqlite3" $(DEV) && \
	$(PY) manage.py migrate --noinput --verbosity 0 && \
	$(PY) manage.py loaddata --verbosity 0 $(FIXTURES) && \
	$(PY) manage.py check_content $(CHECK_CONTENT)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
