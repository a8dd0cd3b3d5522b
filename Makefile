# The two commands: `make book` and `make test`. Everything runs in .venv, made here.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BUILD := _build
STAMP := $(VENV)/.requirements.sha256
# The notebooks read the data package next to this Makefile (also in a copy of the repository).
export CHENGYU_DATA := $(CURDIR)/data

.PHONY: book test lab bench check clean venv
.DEFAULT_GOAL := book

# (Re)install the pinned requirements only when requirements.txt changed (by content).
venv:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@want=$$(sha256sum requirements.txt | cut -d' ' -f1); \
	if [ "$$(cat $(STAMP) 2>/dev/null)" != "$$want" ]; then \
	  echo "Installing requirements.txt into $(VENV) ..."; \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt; \
	  echo "$$want" > $(STAMP); \
	fi

# Build the HTML book: warnings are errors, a failing cell fails the build.
book: venv
	@$(BIN)/python -m chengyu.buildcache $(BUILD) $(CURDIR)
	@$(BIN)/jupyter-book build -W -n --keep-going --path-output . . \
	  || { rm -rf $(BUILD)/.doctrees; echo "Book build failed (see above)."; exit 1; }
	@echo "The book is in $(BUILD)/html/index.html"

# The test suite, which includes a full book build.
test: venv
	$(BIN)/python -m pytest

check: venv
	$(BIN)/chengyu check data

# JupyterLab on 127.0.0.1, opening the MyST chapters as notebooks (settings in .jupyter/).
lab: venv
	JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/.jupyter/lab/user-settings \
	  $(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --ServerApp.root_dir=$(CURDIR) \
	  --LabApp.default_url=/lab/tree/book $(if $(filter 0,$(shell id -u)),--allow-root,)

# Build times, page weights and time to first chart: prints a table, writes _build/bench.json.
bench: venv
	$(BIN)/python tools/bench.py

clean:
	rm -rf $(BUILD)
