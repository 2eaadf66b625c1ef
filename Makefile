# Two commands on a fresh machine with Python 3.11: `make run` (the flows on embedded defaults), `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
# DVC runs stage commands through the shell: the venv's python must come first on PATH.
export PATH := $(BIN):$(PATH)
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: install chromium data run test test-fast bench report ui-mlflow ui-prefect up down status deploy clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

data: install  ## generate (or restore) every project's versioned data and push it to the DVC remote
	socle data ingest --all
	socle data push --all

run: data  ## train every project through its Prefect flow, then show the champions
	socle run --all
	socle list
	@echo "Runs and models: make ui-mlflow (http://127.0.0.1:5000). Flow runs: make ui-prefect (http://127.0.0.1:4200)."

test: install chromium  ## the whole test suite, as CI runs it
	ruff check flows projects tests benchmarks
	lint-imports
	python -m pytest -n 2 --dist loadgroup --durations=25

test-fast: install  ## the developer's loop: units, contract and conventions (no servers, no flows), on both cores
	ruff check flows projects tests benchmarks
	lint-imports
	python -m pytest -m "not slow" -n 2 -q

chromium:  ## Debian's chromium, for the test that opens `socle report` in a real browser (CI runs as root)
	test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

report: install  ## the static HTML portfolio of every project: reports/portfolio.html
	socle report

ui-mlflow: install
	mlflow ui --backend-store-uri sqlite:///$(CURDIR)/mlflow/mlflow.db --host 127.0.0.1 --port 5000

ui-prefect: install  ## the workspace's local Prefect server, the one `socle run` reports to (started if needed)
	socle prefect start

up: install  ## the production-like stack on this machine: S3, MLflow, Prefect server and worker (README, "Production")
	socle up

down:  ## stop what `make up` started, and only that
	socle down

status:
	socle status

deploy: install  ## one nightly deployment per project on the stack's Prefect server
	socle deploy

clean:
	rm -rf $(VENV) data mlflow/mlflow.db mlflow/artifacts .pytest_cache

bench: install  ## the performance figures (issue 6), written to benchmarks/results.md; takes tens of minutes
	python -m benchmarks.run
