# policykb: `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KB ?= $(or $(POLICYKB_HOME),data)
PORT ?= 8501
ADDRESS ?= localhost

PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: install install-test run kb test eval clean

# What the app needs for `make run`; the test tools come with `make test`.
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip "setuptools>=81"
	$(PIP) -e .
	@# Byte-compiled now, as pip does for a regular install and not for an editable one:
	@# where PYTHONDONTWRITEBYTECODE is set, every command would compile them again.
	$(BIN)/python -m compileall -q kb ingest app > /dev/null
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e ".[test]"
	touch $@

# Build the knowledge base from corpus/ when it is missing.
kb: install
	@test -f "$(KB)/policykb.sqlite3" || $(BIN)/policykb --kb "$(KB)" ingest corpus

# app.serve starts loading the knowledge base as the server starts, then serves
# search_app.py (streamlit run in the same process).
run: kb
	POLICYKB_HOME="$(KB)" $(BIN)/python -m app.serve \
		--server.address $(ADDRESS) --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: install-test
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/policykb eval

clean:
	rm -rf $(VENV) data .pytest_cache
