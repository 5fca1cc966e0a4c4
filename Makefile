# Two commands on a fresh machine with Python 3.11 (no conda needed):
#   make report   build .venv, install the toolkit, write reports/sample-report.html
#   make test     build .venv if needed (with the neural extra), run every test, notebooks included
#   make docs     build the documentation site offline (docs/_build/html), warnings as errors
#   make wheel-check  build the wheel, install it in a fresh venv outside the repository, run the report
#   make student  the slim student environment in .venv-student (requirements-student.txt: no test,
#                 Dask, PyTorch or docs packages)
# Every install here takes its versions from the lock, constraints.txt (pip install -c).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NEURAL := $(VENV)/.installed-neural
DOCS := $(VENV)/.installed-docs
REPORT := reports/sample-report.html
LOCK := constraints.txt
PIP := $(BIN)/python -m pip install --quiet -c $(LOCK)
STUDENT := .venv-student

# Jupyter, IPython and matplotlib write into $HOME unless told otherwise.
export JUPYTER_CONFIG_DIR := $(CURDIR)/.cache/jupyter/config
export JUPYTER_DATA_DIR := $(CURDIR)/.cache/jupyter/data
export JUPYTER_RUNTIME_DIR := $(CURDIR)/.cache/jupyter/runtime
export JUPYTER_PLATFORM_DIRS := 1
export IPYTHONDIR := $(CURDIR)/.cache/ipython
export MPLCONFIGDIR := $(CURDIR)/.cache/matplotlib
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: report test quick docs docs-course wheel-check lab bench env neural student clean

env: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP) -e ".[test]"
	touch $(STAMP)

# The neural and dask extras: installed for the tests, not needed for the report.
# torch==2.13.0 first, on its own: a plain torch requirement pulls several GB of CUDA packages.
$(NEURAL): $(STAMP)
	$(PIP) torch==2.13.0
	$(PIP) -e ".[test,neural,dask]"
	touch $(NEURAL)

neural: $(NEURAL)

# The slim student environment (what Binder builds): the lessons run in it; the tests do not.
student: $(STUDENT)/.installed

$(STUDENT)/.installed: pyproject.toml $(LOCK) requirements-student.txt
	$(PYTHON) -m venv $(STUDENT)
	$(STUDENT)/bin/python -m pip install --quiet --upgrade pip
	$(STUDENT)/bin/python -m pip install --quiet -r requirements-student.txt
	touch $@

report: $(STAMP)
	$(BIN)/python -m toolkit report data/raw --actors data/actors/russia-ukraine.yml --out $(REPORT)

# Every test on every core (-n auto; the tests that read one executed notebook share a process).
test: $(NEURAL)
	$(BIN)/python -m pytest -n auto --doctest-modules tests toolkit devtools --ignore=toolkit/resources

# While developing: the tests of seconds (no notebooks, report, Dask or property tests).
quick: $(NEURAL)
	$(BIN)/python -m pytest -n auto -m "not slow" --doctest-modules tests toolkit devtools --ignore=toolkit/resources

$(DOCS): $(STAMP)
	$(PIP) -e ".[docs]"
	touch $(DOCS)

# The documentation site, offline: warnings (a broken docstring, a reference to a name that does
# not exist, a link to a page or anchor that does not exist) are errors; -n checks every reference.
docs: $(DOCS)
	rm -rf docs/api/generated
	$(BIN)/python -m sphinx -b html -W --keep-going -n -q docs docs/_build/html

# The same site with the lessons executed and their outputs shown (minutes the first time; the
# outputs are kept in docs/_build/.jupyter_cache and reused until a lesson's code changes).
docs-course: $(DOCS)
	NB_EXECUTION_MODE=cache $(MAKE) docs

# The wheel installed into a fresh environment outside the repository runs the report (minutes: it
# installs every dependency). Not part of make test. On purpose the one install without the lock:
# the wheel gets the newest versions its bounds allow, as `pip install framing-toolkit` would.
wheel-check: $(STAMP)
	$(PIP) "build>=1.2"
	PYTHON=$(PYTHON) .ci/wheel-check

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

# The development tools (devtools/, outside the installed package) run from the repository root.
bench: $(STAMP)
	$(BIN)/python -m devtools.bench

clean:
	rm -rf $(VENV) $(STUDENT) .cache reports/*.html docs/_build docs/api/generated docs/lessons
