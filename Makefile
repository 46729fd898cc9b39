# The contract a newcomer uses: `make run` and `make test` set everything up from scratch.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test ui lint bench screenshot clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	# The venv's bundled pip misses lxml's `html-clean` extra spelling; upgrade first.
	$(BIN)/python -m pip install --quiet --upgrade "pip>=26"
	# constraints.txt freezes the whole tested dependency set (regenerate: make lock).
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install            ## materialise everything on the sample drop (seeds/) and print a summary
	$(BIN)/newsdesk run

test: install           ## the whole suite: unit + real Dagster/dbt/GE/DuckDB end-to-end tests
	$(BIN)/pytest

ui: install             ## the Dagster UI on http://127.0.0.1:3000
	$(BIN)/newsdesk ui

lint: install
	$(BIN)/ruff check orchestration tests bench scripts

bench: install          ## benchmark scripts (print figures)
	$(BIN)/python bench/eval_entities.py

screenshot: install     ## headless-chromium screenshots: report, dbt docs, Data Docs, Dagster UI (an open UI is reused)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[screens]"
	bash scripts/screenshots.sh

lock:                   ## refreeze constraints.txt from the current venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^newsdesk' > constraints.txt

clean:
	rm -rf data dbt_project/target dbt_project/logs logs .pytest_cache
