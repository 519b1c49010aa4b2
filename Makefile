# openfisca-kz-housing: every command creates .venv and installs the package first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-yaml test-python serve clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[web,dev]"
	touch $(STAMP)

install: $(STAMP)

## make run: the main job (for now: an example household month by month, 2019-2024, with the act in force)
run: install
	$(VENV)/bin/kz-housing timeline

## make test: every test (YAML tests of the law, then the Python tests)
test: install test-yaml test-python

test-yaml: install
	$(VENV)/bin/openfisca test --country-package openfisca_kz_housing tests/yaml

test-python: install
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info

## make serve: the web API (stock OpenFisca endpoints + /entitlement, /entitlements, /revisions) on 127.0.0.1:5000
serve: install
	$(VENV)/bin/gunicorn -c python:openfisca_kz_housing.api.gunicorn_conf openfisca_kz_housing.api.wsgi:app

## make deadlines DATE=2023-03-20 [ARGS="--repeat --json"]: procedure deadlines of an application filed on DATE
.PHONY: deadlines
deadlines: install
	$(VENV)/bin/kz-housing deadlines --date $(or $(DATE),$(shell date +%F)) $(ARGS)
