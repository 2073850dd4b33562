# The README's commands. Each target sets up .venv first if it is missing or
# older than pyproject.toml, so a fresh clone needs nothing but Python 3.11.
PYTHON ?= python3
# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-latest bench lint lock clean

# Every install goes through requirements.lock, so a build a year from now
# gets the versions today's got. pip-sync then removes whatever the lock no
# longer lists (and the project itself, added back last), so .venv holds
# exactly what CI installs.
$(STAMP): pyproject.toml requirements.lock
	@echo "Setting up .venv from requirements.lock (a minute or two on a fresh clone)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar off -r requirements.lock
	@echo "Removing packages that requirements.lock no longer lists"
	$(BIN)/python -m piptools sync --quiet requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)
	@echo ".venv is ready"

# --dirty: a rebuild renders only the pages whose Markdown, snippets or
# results changed (snippet_exec/dirty.py); without the one-page book,
# which needs every page. `make build` makes the whole site.
serve: $(STAMP)  ## live-reloading preview on http://127.0.0.1:$(PORT)
	SITE_BOOK=false $(BIN)/python -m mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT) --livereload

build: $(STAMP)  ## strict build into site/
	$(BIN)/python -m mkdocs build --strict

test: $(STAMP)  ## lint, then every test: snippets, engine, built site
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(STAMP)  ## time clean and incremental builds; writes bench/results.md
	$(BIN)/python bench/bench.py

# Library drift, for maintainers: every snippet against the newest torch pip
# can install, beside the pinned one. Not part of `make test`.
LATEST_TORCH ?= 2.14.1
LATEST := .venv-latest
test-latest: $(STAMP)
	test -x $(LATEST)/bin/python || $(PYTHON) -m venv $(LATEST)
	grep -v '^torch==' requirements.lock > $(LATEST)/requirements.txt
	$(LATEST)/bin/python -m pip install --quiet -r $(LATEST)/requirements.txt 'torch==$(LATEST_TORCH)'
	$(LATEST)/bin/python -m pip install --quiet --no-deps -e .
	$(BIN)/python scripts/library_drift.py run $(LATEST)/pinned.json
	$(LATEST)/bin/python scripts/library_drift.py run $(LATEST)/latest.json
	$(BIN)/python scripts/library_drift.py compare $(LATEST)/pinned.json $(LATEST)/latest.json

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve pyproject.toml into requirements.lock, starting from the
# current lock: only what pyproject.toml changed moves. UPGRADE=name also
# moves that one package to its newest allowed version.
UPGRADE ?=
lock: $(STAMP)  ## update requirements.lock after editing pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/python -m piptools compile \
	  --quiet --extra test --strip-extras --no-emit-index-url \
	  --no-emit-find-links $(if $(UPGRADE),--upgrade-package $(UPGRADE)) \
	  --output-file requirements.lock pyproject.toml

clean:  ## delete site/ and .cache/ (every snippet runs again next build)
	rm -rf site .cache
