# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FIXTURES := fixtures/00_reference.json $(sort $(wildcard fixtures/modules/*.json)) \
	$(sort $(wildcard fixtures/panels/*/*.json))
# Development defaults; `make run` is never a deployment (see the README's deployment notes).
DEV := DJANGO_DEBUG=1
# Every dependency pinned with its hashes; `make lock` updates both from pyproject.toml.
# requirements.lock is what production runs (make run, make serve, an app server);
# requirements-dev.lock adds the tests and the tools, at the same pins (make test, make check).
LOCK := requirements.lock
DEV_LOCK := requirements-dev.lock
LOCK_ARGS ?=
# The suite's settings live in pyproject.toml, so bare `pytest` runs it too. The browser
# tests run on their own afterwards, one at a time; the rest over two processes.
PYTEST_PARALLEL ?= -n 2 --dist loadscope

# A throwaway PostgreSQL cluster around the command after it (DATABASE_URL points at it).
WITH_POSTGRES := scripts/with-postgres.sh
# The bench's database: room for the million answers in memory (the cluster is thrown away).
BENCH_PG := PG_OPTIONS="-c shared_buffers=2GB -c work_mem=32MB -c effective_cache_size=8GB"

.PHONY: install-dev run test test-postgres serve bench bench-scale install lock fixtures lint typecheck imports check check-content messages chromium wrk clean

$(VENV)/.installed: $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed $(DEV_LOCK)
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Pin the dependencies of pyproject.toml with their hashes, from PyPI: production's (with
# the postgres extra and the build backend), then development's on top, held to the same
# pins. Pins already there are kept unless LOCK_ARGS=--upgrade.
PIP_COMPILE := PIP_CONFIG_FILE=/dev/null $(VENV)/bin/pip-compile --quiet --generate-hashes \
	--allow-unsafe --build-deps-for=editable --strip-extras --no-emit-index-url \
	--no-emit-find-links --index-url https://pypi.org/simple --pip-args=--isolated $(LOCK_ARGS)
lock: install-dev
	$(PIP_COMPILE) --extra postgres --output-file $(LOCK) pyproject.toml
	$(PIP_COMPILE) --all-extras --constraint $(LOCK) --output-file $(DEV_LOCK) pyproject.toml

# `make run PORT=8001` when 8000 is taken; RUN_HOST=0.0.0.0 to reach it from another device.
RUN_HOST ?= 127.0.0.1
PORT ?= 8000
SITE = http://$(RUN_HOST):$(PORT)
# The content is loaded into an empty database, or when the fixtures hold a release this
# database has not loaded; edits made in the admin stay either way (the README's Content).
run: install
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py loaddata --new-only $(FIXTURES)
	$(DEV) $(PY) manage.py check_content
	$(DEV) $(PY) manage.py seed_demo
	@echo
	@echo "  Serving on $(SITE)/ (the demo production's join code: DUSTDEVIL)"
	@echo "  crew / crew-demo            take modules:  $(SITE)/modules/"
	@echo "  instructor / instructor-demo  see rosters: $(SITE)/instructor/"
	@echo "  admin / admin-demo          edit content:  $(SITE)/admin/"
	@echo
	$(DEV) $(PY) manage.py runserver $(RUN_HOST):$(PORT)

fixtures: install
	$(DEV) $(PY) manage.py loaddata $(FIXTURES)

# Debian packages the targets need, installed when missing; apt's lock, held by another
# install or an unattended upgrade, is waited for (up to 10 minutes) rather than failed on.
APT_INSTALL := scripts/apt-install.sh

# Browser tests drive Debian's Chromium; pytest-playwright cannot download its own.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		$(APT_INSTALL) chromium; }

test: install-dev chromium
	$(PY) -m pytest -m "not browser" $(PYTEST_PARALLEL)
	$(PY) -m pytest -m browser

# The same suite on PostgreSQL, in a throwaway cluster (Debian's postgresql if missing).
test-postgres: install-dev chromium
	$(WITH_POSTGRES) sh -c '$(PY) -m pytest -m "not browser" $(PYTEST_PARALLEL) && $(PY) -m pytest -m browser'

# gunicorn with DEBUG off, as in production (see scripts/serve.sh and the README).
serve: install
	PY=$(PY) scripts/serve.sh

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the bench"; \
		$(APT_INSTALL) wrk; }

# The pages against the bare Django ceilings, on a million answers, and a phone's browser
# sending the answers it kept offline on a slow link (docs/performance.md).
bench: install-dev wrk chromium
	$(BENCH_PG) $(WITH_POSTGRES) $(PY) scripts/bench.py

# The module analysis on ten million answers, seeded lean (docs/performance.md): a run of
# its own, about 40 minutes and 6 GB of disk for the throwaway cluster.
bench-scale: install-dev wrk
	$(BENCH_PG) $(WITH_POSTGRES) $(PY) scripts/bench.py scale

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

typecheck: install-dev
	$(DEV) $(PY) -m mypy safetyquiz tests

# The import contracts of pyproject.toml (a wrong-way import, Django in a pure module), then
# what they cannot see: an import cycle, a pure module left out of its contract, an admin
# registered outside its model's app, a string naming a higher layer (devtools/layout.py).
imports: install-dev
	$(VENV)/bin/lint-imports --no-logo --no-cache
	$(DEV) $(PY) manage.py check_layout

check: lint typecheck imports
	$(DEV) $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-content

# The content rules, the quotes and the item-quality checks on the fixtures, loaded into a
# throwaway SQLite database. Item-quality findings warn; CI passes
# CHECK_CONTENT="--require-sources --strict" to make them, and unchecked quotes, errors.
CHECK_CONTENT ?=
check-content: install-dev
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export DATABASE_URL="sqlite:///$$tmp/content.sqlite3" $(DEV) && \
	$(PY) manage.py migrate --noinput --verbosity 0 && \
	$(PY) manage.py loaddata --verbosity 0 $(FIXTURES) && \
	$(PY) manage.py check_content $(CHECK_CONTENT)

# The interface's Spanish: gather the marked strings into the .po file (new ones come with
# an empty msgstr to fill in), then compile it. The compiled .mo is committed, so installing
# needs no gettext tools; tests/test_i18n.py fails on an empty, fuzzy or uncompiled entry.
messages: install-dev
	$(DEV) $(PY) manage.py makemessages -l es --ignore=.venv --ignore=tests --ignore="*/admin/*" \
		--no-location --no-obsolete --no-wrap
	$(DEV) $(PY) manage.py compilemessages -l es --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
