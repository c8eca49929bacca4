# Everything sets itself up: `make demo` and `make test` work on a fresh machine.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed-base
DEV := $(VENV)/.installed-dev
DEMO := $(VENV)/.installed-demo
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test gate install bench eval clean apidocs footprint

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(BASE): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev,spark]'
	touch $(BASE) $@

# the demo needs only the core's one dependency (PyYAML, as pinned in pyproject.toml): ~30 MB
# instead of the whole base install; `make install` or `make test` add the rest to the same venv
$(DEMO): pyproject.toml | $(BIN)/python
	$(PIP) install 'pyyaml>=6.0,<7'
	$(PIP) install --no-deps -e .
	touch $@

install: $(BASE)

## the main job on the built-in sample article: a Markdown timeline of who said what, when
demo: $(DEMO)
	$(BIN)/dateline extract samples/sample-article.txt --format md

## the accuracy gate, then the whole test suite (both read ../shared when it is there);
## BROWSERS=required makes a missing chromium fail the browser tests instead of skipping them
## (CI=true does the same)
test: gate
	DATELINE_REQUIRE_BROWSER=$(if $(filter required,$(BROWSERS)),1,) $(BIN)/python -m pytest -q -p no:cacheprovider

## the Python API reference from the docstrings (pdoc, offline) -> build/apidocs/index.html
apidocs: $(DEV)
	$(BIN)/python scripts/build_apidocs.py build/apidocs

## what the test set-up costs: the venv's size
footprint: $(DEV)
	@du -sh $(VENV) | sed 's/\t/  /'

## every evaluation on ../shared/data in one table; fails when a figure drops below tests/eval/floors.tsv
## (ARGS=--raise raises the floors that work raised; ARGS="--only tbaq,polnear_dev" runs a part)
gate: $(DEV)
	$(BIN)/python -m dateline.eval.gate $(ARGS)

## whole-pipeline throughput on ../shared/data/corpus/reuters21578.jsonl
bench: $(BASE)
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
