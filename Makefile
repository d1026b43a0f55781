# Two entry points, each doing all set-up on a fresh machine: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

# PYTHONWARNINGS: setuptools tells every editable install of a package-dir
# layout to mind same-named folders; information only (they are the packages).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(VENV)/bin/pip install -q -e '.[test,dask]'
	touch $(STAMP)

.PHONY: run test
run: $(STAMP)
	$(VENV)/bin/ruydad

test: $(STAMP)
	$(VENV)/bin/python -m pytest
