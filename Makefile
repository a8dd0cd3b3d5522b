# The two commands: `make book` and `make test`. Everything runs in .venv, made here.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := _build
STAMP := $(VENV)/.requirements.sha256
LOCK := requirements.txt
LOCK_FLAGS := --generate-hashes --python-version 3.11.7 --custom-compile-command "make lock" \
  --no-emit-package rfc3987-syntax --no-emit-package lark
# The notebooks read the data package next to this Makefile (also in a copy of the repository).
export CHENGYU_DATA := $(CURDIR)/data
# Any date a build writes is the commit's, not the clock's: the same commit, the same bytes.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: book test lab bench check clean venv lock format pdf
.DEFAULT_GOAL := book

# (Re)install the lock only when it changed (by content), or the way it is installed did. Every
# file is checked against the lock's hashes: a changed or unexpected file stops the install. uv
# itself comes from bookbuild/uv-bootstrap.txt, hashed too; then the venv holds exactly the lock,
# plus the analysis package installed editable (its build backend, setuptools, is in the lock).
# Bytecode is compiled at install: these machines set PYTHONDONTWRITEBYTECODE, so otherwise every
# process (each build, each notebook kernel, each test) would compile what it imports anew.
INSTALL_FLAGS := --require-hashes --compile-bytecode
venv:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@want=$$( { cat $(LOCK) bookbuild/uv-bootstrap.txt pyproject.toml; echo "$(INSTALL_FLAGS)"; } | sha256sum | cut -d' ' -f1); \
	if [ "$$(cat $(STAMP) 2>/dev/null)" != "$$want" ]; then \
	  echo "Installing the lock ($(LOCK)) into $(VENV) with hash checking ..."; \
	  test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check \
	    --require-hashes --no-deps -r bookbuild/uv-bootstrap.txt \
	    || { echo "Could not install uv from bookbuild/uv-bootstrap.txt (see above)."; exit 1; }; \
	  $(BIN)/uv pip sync --quiet --python $(BIN)/python $(INSTALL_FLAGS) $(LOCK) \
	    || { echo "The install stopped (uv says why, above): a file that does not match its hash in $(LOCK), a package listed without hashes, or one that failed to build. Nothing was built."; exit 1; }; \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e . ; \
	  echo "$$want" > $(STAMP); \
	fi

# Make the lock from requirements.in: exact versions and hashes of every file, for Python 3.11.
# Needs only uv (not the lock installed), so that a lock that cannot install can be remade.
lock:
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r bookbuild/uv-bootstrap.txt; }
	$(BIN)/uv pip compile requirements.in $(LOCK_FLAGS) --quiet -o requirements.txt
	echo "uv==$$(sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements.txt)" \
	  | $(BIN)/uv pip compile - --generate-hashes --no-header --quiet -o bookbuild/uv-bootstrap.txt

# Build the HTML book (bookbuild/build.py): warnings are errors, a failing cell fails the build;
# nothing is done when no input changed since the last successful build.
book: venv
	@$(BIN)/python -m bookbuild.build $(BUILD)

# The whole book as one PDF per edition, printed by Chromium from a single-page build (needs
# Debian's chromium and fonts-wqy-zenhei, which .ci/run installs): _build/pdf/chengyu-book.pdf
# and chengyu-book-zh.pdf. The single-page build needs no HTML site; the HTML build that
# follows serves each PDF beside its edition and links it from the pages.
pdf: venv
	@$(BIN)/python -m bookbuild.build $(BUILD) --builder singlehtml
	@$(BIN)/python -m bookbuild.pdf $(BUILD)
	@$(MAKE) --no-print-directory book

# axe-core, the accessibility checker the browser tests run, pinned with its integrity hash in
# tests/axe/package-lock.json; installed from the npm registry by npm ci when the lock changes.
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package-lock.json
	@npm ci --prefix tests/axe --ignore-scripts --no-audit --no-fund --silent \
	  || { echo "Could not install axe-core from tests/axe/package-lock.json (npm says why, above)."; exit 1; }
	@touch $@

# The test suite, which includes a full book build. Its files run in parallel, each file in one
# process (its builds and servers are shared by its tests), one process per core: the builds of
# two editions keep every core busy, and a third process only made them take turns (on 2 cores,
# 235 s against 260 s).
test: venv $(AXE)
	$(BIN)/python -m pytest -n $$(nproc) --dist loadfile

check: venv
	$(BIN)/chengyu check data

# One code style (ruff, configured in pyproject.toml) for the package, the build code, the tests
# and the chapters' code cells (formatted through jupytext, so the .md files stay MyST).
CHAPTERS = $(shell grep -l '^kernelspec:' book/*.md)
format: venv
	$(BIN)/ruff check --fix --quiet src tests bookbuild
	$(BIN)/ruff format --quiet src tests bookbuild
	$(BIN)/jupytext --quiet --pipe "$(BIN)/ruff format --quiet --stdin-filename cell.py -" $(CHAPTERS)

# JupyterLab on 127.0.0.1, opening the MyST chapters as notebooks (settings in .jupyter/).
lab: venv
	JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/.jupyter/lab/user-settings \
	  $(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --ServerApp.root_dir=$(CURDIR) \
	  --LabApp.default_url=/lab/tree/book $(if $(filter 0,$(shell id -u)),--allow-root,)

# Build times, page weights and time to first chart: prints a table, writes _build/bench.json.
bench: venv
	$(BIN)/python -m bookbuild.bench

clean:
	rm -rf $(BUILD)
