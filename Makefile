# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FIXTURES := fixtures/00_reference.json $(sort $(wildcard fixtures/modules/*.json)) \
	$(sort $(wildcard fixtures/panels/*/*.json))
# Development defaults; `make run` is never a deployment (see the README's deployment notes).
DEV := DJANGO_DEBUG=1
# Every dependency pinned with its hashes; `make lock` updates it from pyproject.toml.
LOCK := requirements.lock
LOCK_ARGS ?=
# The suite's settings live in pyproject.toml, so bare `pytest` runs it too. The browser
# tests run on their own afterwards, one at a time; the rest over two processes.
PYTEST_PARALLEL ?= -n 2 --dist loadscope

# A throwaway PostgreSQL cluster around the command after it (DATABASE_URL points at it).
WITH_POSTGRES := scripts/with-postgres.sh
# The bench's database: room for the million answers in memory (the cluster is thrown away).
BENCH_PG := PG_OPTIONS="-c shared_buffers=2GB -c work_mem=32MB -c effective_cache_size=8GB"

.PHONY: axe run test test-postgres serve bench install lock fixtures lint typecheck imports check check-content chromium wrk clean

$(VENV)/.installed: $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

# Pin the dependencies of pyproject.toml (every extra, and the build backend) with their
# hashes, from PyPI; pins already in the lock are kept unless LOCK_ARGS=--upgrade.
lock: install
	PIP_CONFIG_FILE=/dev/null $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
		--all-extras --build-deps-for=editable --strip-extras --no-emit-index-url \
		--no-emit-find-links --index-url https://pypi.org/simple --pip-args=--isolated \
		$(LOCK_ARGS) --output-file $(LOCK) pyproject.toml

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

# axe-core from the npm registry, for the accessibility checks of the browser tests.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null 2>&1 || { \
		echo "Installing Debian's npm for the accessibility checks"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4

axe: $(AXE)

test: install chromium axe
	$(PY) -m pytest -m "not browser" $(PYTEST_PARALLEL)
	$(PY) -m pytest -m browser

# The same suite on PostgreSQL, in a throwaway cluster (Debian's postgresql if missing).
test-postgres: install chromium axe
	$(WITH_POSTGRES) sh -c '$(PY) -m pytest -m "not browser" $(PYTEST_PARALLEL) && $(PY) -m pytest -m browser'

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
	$(DEV) $(PY) -m mypy safetyquiz tests

# The layers contract of pyproject.toml: a wrong-way import fails here.
imports: install
	$(VENV)/bin/lint-imports --no-logo --no-cache

check: lint typecheck imports
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
