# Two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-pythons lint bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The demo installs the package with SymPy (the README's first examples show right
# formulas); the tests add their tools. A stamp is renewed whenever the project's
# metadata changes.
$(VENV)/.demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[symbolic]"
	touch $@

# The tests include the PyTorch bridge's, so the test environment has the `torch` extra,
# pinned to its lowest release: every run tests the same torch, and the bound holds.
TORCH := torch==2.13.0
$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dev,torch]" "$(TORCH)"
	touch $@ $(VENV)/.demo

demo: $(VENV)/.demo
	$(BIN)/autograd-scalar demo

# Each test file runs whole in one process (its browser and fixtures opened once), the
# files spread over the cores. The package's compiled modules are written once, so that
# the many processes of a run (workers, notebook kernels, the CLI's child processes)
# read them instead of compiling the whole package again each.
test: $(VENV)/.test
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q autograd_scalar tests
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist loadfile

# The suite on the oldest and the newest supported Python found here, the oldest with
# the lowest dependency versions allowed; each in a fresh environment (.venv-3.X).
test-pythons:
	.ci/pythons

# The browser tests drive the system's Chromium; without it `make test` skips them (and
# says so), except under CI, where they must run. This installs it (Debian, as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }

lint: $(VENV)/.test
	$(BIN)/ruff check autograd_scalar tests benchmarks
	$(BIN)/ruff format --check autograd_scalar tests benchmarks
	$(BIN)/mypy

# The peers live in an environment of their own, never in the test environment.
BENCH_VENV := benchmarks/.venv
$(BENCH_VENV)/.installed: pyproject.toml benchmarks/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . -r benchmarks/requirements.txt
	touch $@

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benchmarks/engine_speed.py

clean:
	rm -rf $(VENV) $(VENV)-3.* $(BENCH_VENV) build dist .pytest_cache .hypothesis
