# Everything sets itself up: `make demo` and `make test` work on a fresh machine.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed-base
DEV := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test gate install bench eval clean

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

## the accuracy gate, then the whole test suite (both read ../shared when it is there)
test: gate
	$(BIN)/python -m pytest -q -p no:cacheprovider

## every evaluation on ../shared/data in one table; fails when a figure drops below tests/eval/floors.tsv
## (ARGS=--raise raises the floors that work raised; ARGS="--only tbaq,polnear_dev" runs a part)
gate: $(DEV)
	$(BIN)/python -m dateline.eval.gate $(ARGS)

## whole-pipeline throughput on ../shared/data/corpus/reuters21578.jsonl
bench: $(BASE)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
