# dlcourse: two commands for users (`make lab`, `make test`), a few more for maintainers.
# Every target bootstraps the same virtual environment, .venv, from pyproject.toml: learners' targets
# install what the notebooks need (`pip install -e .`), `make test` and the maintainers' targets add
# the dev extras (`.[dev]`). Each install is redone only when pyproject.toml changes (the stamp
# files carry a hash of it). No target deletes or overwrites learners' work in student/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HASH   := $(shell $(PYTHON) -c "import hashlib;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:16])")
STAMP  := $(VENV)/.installed-$(HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(HASH)
LAB_DIR ?= student

# Quiet, portable TensorFlow in every kernel and test started from here.
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONHASHSEED := 0

# A room without Wi-Fi: `make wheelhouse` fills wheelhouse/ (for a USB stick) with every wheel a
# learner's install needs; when wheelhouse/ holds wheels, the learners' install uses it alone.
PIP_SOURCE := $(if $(wildcard wheelhouse/*.whl),--no-index --find-links wheelhouse,)
WHEEL_PLATFORM ?=
WHEEL_PYTHON ?=

.PHONY: help venv dev lab lab-solutions clean-venv test lint unit nbval test-portable test-browser notebooks bench student doctor clean

help:
	@echo "make lab           open your student edition, student/, in JupyterLab (first run: installs"
	@echo "                   the course and writes student/; never overwrites your work there)"
	@echo "make lab-solutions open the solved edition, notebooks/ (same as make lab LAB_DIR=notebooks)"
	@echo "make test          lint, unit tests, every notebook re-executed and compared, browser tests"
	@echo "make notebooks     re-execute every notebook in place (maintainers, after a change)"
	@echo "make bench         run the benchmarks and write benchmarks/results.md"
	@echo "make student       write the missing student editions (no solutions) to student/; keeps"
	@echo "                   changed ones (reset one: .venv/bin/dlcourse student --reset 03)"
	@echo "make clean         remove caches and build outputs (never student/ or .venv)"
	@echo "make clean-venv    remove the virtual environment .venv (student/ stays)"
	@echo "make doctor        check this machine is ready for the course"
	@echo "make site          build _site/: the course as web pages, and a browser edition (lite/)"
	@echo "make preflight     before installing: Python, platform, TensorFlow wheel, disk, memory"
	@echo "make wheelhouse    download every wheel a learner needs into wheelhouse/ (offline rooms)"

venv: $(STAMP)

dev: $(DEV_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; v=sys.version_info; assert (3,11) <= v[:2] < (3,14), \
	  f'dlcourse needs Python 3.11-3.13, found {v.major}.{v.minor}: set PYTHON=python3.12 (for example)'"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(PIP_SOURCE) --upgrade pip
	$(PY) -m pip install $(PIP_SOURCE) -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install -e ".[dev]"
	@touch $@

# The student edition is written on the first run (and a notebook only when it is missing).
lab: venv
	$(if $(filter student,$(LAB_DIR)),$(PY) -m dlcourse student notebooks -o student)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=$(LAB_DIR) \
	  $(if $(filter 0,$(shell id -u)),--allow-root)

test: dev lint unit nbval test-portable test-browser test-site

lint: dev
	$(BIN)/ruff check dlcourse tests benchmarks notebooks
	$(BIN)/ruff format --check dlcourse tests benchmarks

unit: dev
	$(PY) -m pytest -q tests --ignore=tests/browser --ignore=tests/site
	$(PY) -m pytest -q -p no:randomly --doctest-modules dlcourse \
	  -o doctest_optionflags="NORMALIZE_WHITESPACE NUMBER ELLIPSIS"

NBVAL := $(PY) -m pytest -q -p no:randomly --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
  --nbval-kernel-name python3

# Other numerical kernels, as on another learner's laptop: OpenBLAS's SSE3 kernels instead of
# AVX2/FMA, and NumPy's baseline loops instead of its AVX2/FMA dispatch. A cell that passes `nbval`
# and fails here is a fragile experiment: redesign it (README, "For maintainers").
# NumPy 2.4 disables its x86-64-v3 loops by their group's name, X86_V3; NumPy 2.0-2.3 know only the
# features' own names and ignore the group's, so both are listed (tests/test_portable_kernels.py).
PORTABLE_ENV := OPENBLAS_CORETYPE=Prescott NPY_DISABLE_CPU_FEATURES=X86_V3,AVX512F,AVX512_SKX,AVX2,FMA3,F16C,AVX

nbval: dev
	$(NBVAL) notebooks

test-portable: dev
	env $(PORTABLE_ENV) $(PY) -m pytest -q tests/test_portable_kernels.py
	env $(PORTABLE_ENV) $(NBVAL) notebooks

test-browser: dev
	$(PY) -m pytest -q tests/browser

# The course as a static site, _site/ (docs/browser-edition.md). `make site` rebuilds it; with
# PYODIDE_DIST=pyodide-0.27.7.tar.bz2 (an official release, folder or tarball) Pyodide comes from
# there. `make test-site` rebuilds only when a notebook or the package changed, then tests the site
# in Chromium with the network cut off.
.PHONY: site test-site
PYODIDE_DIST ?=
CHROMIUM ?= /usr/bin/chromium
SITE_BUILD := $(PY) -m dlcourse site $(if $(PYODIDE_DIST),--pyodide-dist $(PYODIDE_DIST))

site: dev
	$(SITE_BUILD)

_site/build-report.json: $(wildcard notebooks/*.ipynb) $(shell find dlcourse -name '*.py') pyproject.toml | dev
	$(SITE_BUILD)

test-site: dev _site/build-report.json
	@test -x $(CHROMIUM) || apt-get install -y chromium
	DLCOURSE_CHROMIUM=$(CHROMIUM) $(PY) -m pytest -q -p no:randomly tests/site

notebooks: dev
	$(PY) -m dlcourse run-notebooks notebooks

bench: dev
	$(PY) benchmarks/run_all.py

student: venv
	$(PY) -m dlcourse student notebooks -o student

doctor: venv
	$(PY) -m dlcourse doctor

lab-solutions:
	$(MAKE) lab LAB_DIR=notebooks

clean:
	rm -rf .pytest_cache .hypothesis build tests/browser/artifacts
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

clean-venv:
	rm -rf $(VENV)

# Installs that work in a real room (docs/setup.md). preflight runs with the system Python, before
# anything is installed (standard library only).
.PHONY: preflight wheelhouse test-offline test-floors

preflight:
	$(PYTHON) dlcourse/course/preflight.py

# WHEEL_PLATFORM / WHEEL_PYTHON choose the learners' machines (default: this one), e.g.
# make wheelhouse WHEEL_PLATFORM=manylinux_2_28_x86_64 WHEEL_PYTHON=3.12. pip evaluates environment
# markers for the machine it runs on, so build it on the learners' operating system (docs/setup.md).
WHEEL_TARGET := --only-binary=:all: $(if $(WHEEL_PLATFORM),--platform $(WHEEL_PLATFORM)) \
  $(if $(WHEEL_PYTHON),--python-version $(WHEEL_PYTHON))

wheelhouse:
	$(PYTHON) -m pip wheel --no-deps --wheel-dir wheelhouse .
	$(PYTHON) -m pip download --dest wheelhouse $(WHEEL_TARGET) pip "setuptools>=77" wheel \
	  wheelhouse/dlcourse-*.whl
	@du -sh wheelhouse; ls wheelhouse/*.whl | wc -l

# Maintainers: the wheelhouse install of a fresh clone with the network cut off (Linux, root), and
# the dependency floors (all pinned at once); both record their figures in benchmarks/.
test-offline:
	$(PYTHON) tools/install_checks.py offline

test-floors:
	$(PYTHON) tools/install_checks.py floors
