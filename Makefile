# Everything sets itself up: `make demo` and `make test` work on a fresh machine.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed-base
DEV := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test install bench eval clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(BASE): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev,spark]'
	touch $(BASE) $@

install: $(BASE)

## the main job on the built-in sample article: a Markdown timeline of who said what, when
demo: $(BASE)
	$(BIN)/dateline extract samples/sample-article.txt --format md

## the whole test suite (reads ../shared when it is there)
test: $(DEV)
	$(BIN)/python -m pytest -q -p no:cacheprovider

## whole-pipeline throughput on ../shared/data/corpus/reuters21578.jsonl
bench: $(BASE)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
