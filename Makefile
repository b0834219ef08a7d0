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

# The suite runs with the wall clock moved years ahead, to a New Year's Eve west of UTC, and the
# tests whose outcome depends on the day run a second time on the real date (tests/conftest.py),
# so a leak of the wall clock into the records or the screens fails on any date. Tests run eight
# at a time: most of a screen test is waiting for the app to go idle, which the others fill.
PYTEST := $(BIN)/python -m pytest -p no:cacheprovider
test: lint
	$(PYTEST) -n 8 --durations=10

lint: $(TEST_STAMP)
	$(BIN)/python -m ruff check supervisor_tui tests benchmarks scripts
	$(BIN)/python -m mypy

snapshots: $(TEST_STAMP)
	$(BIN)/python -m pytest tests/ui --snapshot-update

bench: $(APP_STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
