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
# gets the versions today's got; the project itself is added on top.
$(STAMP): pyproject.toml requirements.lock
	@echo "Installing requirements.lock into $(VENV) (a few minutes the first time)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## live-reloading preview on http://127.0.0.1:$(PORT)
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:$(PORT) --livereload

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

lock:  ## re-resolve pyproject.toml's dependencies into requirements.lock
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet '.[test]'
	{ echo "# Exact versions of every package the site needs. Made by 'make lock' from"; \
	  echo "# pyproject.toml; refresh it when pyproject.toml's dependencies change."; \
	  .lock-venv/bin/python -m pip freeze | grep -v '^dl-pytorch-site'; } > requirements.lock
	rm -rf .lock-venv build

clean:  ## delete site/ and .cache/ (every snippet runs again next build)
	rm -rf site .cache
