# Everything from nothing: `make run` (set up, build the data, run the notebooks, write the briefing pack)
# and `make test`.
# Only python3 (3.11+) is needed; the virtual environment lives in .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help setup data run brief check test test-fast lint format lab bench mutation clean

help:  ## List the targets
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  \033[36mmake %-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name qnlib --display-name "Python (qnlib)" > /dev/null
	touch $@

setup: $(STAMP)  ## Create .venv and install qnlib with its dependencies and Jupyter kernel
	@# Some machines tell Python not to write bytecode (PYTHONDONTWRITEBYTECODE): then each of the
	@# hundreds of processes a run or the tests start compiles qnlib again (0.09 s each). Compile it here.
	@$(BIN)/python -m compileall -q qnlib > /dev/null

data: setup  ## Build data/processed/ from data/raw/ (parquet, csv, one xlsx workbook)
	$(BIN)/qnlib build

run: brief  ## Set up, build the data, run the six notebooks (vi and en), write figures/ and briefs/

brief: data  ## Run the notebooks and write briefs/: two decks (vi, en), twelve HTML reports, an index per language
	$(BIN)/qnlib brief

check: setup  ## Reconcile the documents against their own totals
	$(BIN)/qnlib check

# One test process per core: the suite is CPU-bound (a third process on two cores measured slower).
TEST_PROCESSES ?= $(shell nproc 2>/dev/null || echo 2)

test: setup  ## Run the test suite (includes executing every notebook), in parallel processes
	$(BIN)/python -m pytest -q -n $(TEST_PROCESSES) --dist loadgroup

test-fast: setup  ## Run the tests without executing the notebooks, in parallel processes
	$(BIN)/python -m pytest -q -n $(TEST_PROCESSES) --dist loadgroup -m "not notebooks"

lint: setup  ## ruff: lint and check formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup  ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lab: setup  ## Open JupyterLab with the project kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: setup  ## Measure parsing, the runner, the brief and scheduled runs (numbers for the README)
	$(BIN)/python benchmarks/bench.py

mutation: setup  ## Mutation score of the parsers, checks and number reading (mutmut; hours; STEP=5 samples)
	$(BIN)/python -m pip install --quiet mutmut
	$(BIN)/python benchmarks/mutation.py --step $(or $(STEP),1)

clean:  ## Remove the virtual environment and everything generated
	rm -rf $(VENV) mutants reports briefs figures/*.png figures/*.svg figures/index.csv figures/.index
	find data/processed -mindepth 1 ! -name .gitkeep -delete
