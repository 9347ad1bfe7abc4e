# dlcourse: two commands for users (`make lab`, `make test`), a few more for maintainers.
# Every target bootstraps the same virtual environment, .venv, from pyproject.toml. The install is
# redone only when pyproject.toml changes (the stamp file carries a hash of it).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HASH   := $(shell $(PYTHON) -c "import hashlib;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:16])")
STAMP  := $(VENV)/.installed-$(HASH)
LAB_DIR ?= notebooks

# Quiet, portable TensorFlow in every kernel and test started from here.
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONHASHSEED := 0

.PHONY: help venv lab test lint unit nbval test-portable test-browser notebooks bench student doctor clean

help:
	@echo "make lab           open the course in JupyterLab (installs everything on first run)"
	@echo "                   (make lab LAB_DIR=student opens the student editions instead)"
	@echo "make test          lint, unit tests, every notebook re-executed and compared, browser tests"
	@echo "make notebooks     re-execute every notebook in place (maintainers, after a change)"
	@echo "make bench         run the benchmarks and write benchmarks/results.md"
	@echo "make student       write student editions (no solutions) to student/"
	@echo "make doctor        check this machine is ready for the course"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; v=sys.version_info; assert (3,11) <= v[:2] < (3,14), \
	  f'dlcourse needs Python 3.11-3.13, found {v.major}.{v.minor}: set PYTHON=python3.12 (for example)'"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $@

lab: venv
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=$(LAB_DIR) \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

test: venv lint unit nbval test-portable test-browser

lint: venv
	$(BIN)/ruff check dlcourse tests benchmarks notebooks
	$(BIN)/ruff format --check dlcourse tests benchmarks

unit: venv
	$(PY) -m pytest -q tests --ignore=tests/browser

NBVAL := $(PY) -m pytest -q -p no:randomly --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
  --nbval-kernel-name python3

# Other numerical kernels, as on another learner's laptop: OpenBLAS's SSE3 kernels instead of
# AVX2/FMA, and NumPy's baseline loops instead of its AVX2/FMA dispatch. A cell that passes `nbval`
# and fails here is a fragile experiment: redesign it (README, "For maintainers").
PORTABLE_ENV := OPENBLAS_CORETYPE=Prescott NPY_DISABLE_CPU_FEATURES=X86_V3

nbval: venv
	$(NBVAL) notebooks

test-portable: venv
	env $(PORTABLE_ENV) $(PY) -m pytest -q tests/test_portable_kernels.py
	env $(PORTABLE_ENV) $(NBVAL) notebooks

test-browser: venv
	$(PY) -m pytest -q tests/browser

notebooks: venv
	$(PY) -m dlcourse run-notebooks notebooks

bench: venv
	$(PY) benchmarks/run_all.py

student: venv
	$(PY) -m dlcourse student notebooks -o student

doctor: venv
	$(PY) -m dlcourse doctor

clean:
	rm -rf $(VENV) student .pytest_cache
