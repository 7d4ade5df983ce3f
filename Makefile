# policykb: `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KB ?= $(or $(POLICYKB_HOME),data)
PORT ?= 8501
ADDRESS ?= localhost

.PHONY: install run kb test eval clean

install: $(VENV)/.installed

# setuptools>=81: jieba's pkg_resources import then falls back to plain file reads
# instead of warning that pkg_resources is deprecated.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=81"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# Build the knowledge base from corpus/ when it is missing.
kb: install
	@test -f "$(KB)/policykb.sqlite3" || $(BIN)/policykb --kb "$(KB)" ingest corpus

run: kb
	POLICYKB_HOME="$(KB)" $(BIN)/streamlit run search_app.py \
		--server.address $(ADDRESS) --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/policykb eval

clean:
	rm -rf $(VENV) data .pytest_cache
