# Two commands: `make run` and `make test`. Each sets up .venv first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run demo test lint bench snapshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(APP_STAMP)

# Compiled once here, as installing a package would: an editable install otherwise compiles
# every module at every start when PYTHONDONTWRITEBYTECODE is set.
run: $(APP_STAMP)
	$(BIN)/python -m compileall -q supervisor_tui
	$(BIN)/supervisor-tui

demo: $(APP_STAMP)
	$(BIN)/python -m compileall -q supervisor_tui
	$(BIN)/supervisor-tui demo

test: $(TEST_STAMP)
	$(BIN)/python -m ruff check supervisor_tui tests benchmarks
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/python -m ruff check supervisor_tui tests benchmarks

snapshots: $(TEST_STAMP)
	$(BIN)/python -m pytest tests/ui --snapshot-update

bench: $(APP_STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
