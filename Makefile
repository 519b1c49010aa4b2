# openfisca-kz-housing: every command creates .venv and installs the package first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run timeline benchmark-budget test test-yaml test-python serve clean lint

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[web,budget,dev]"
	touch $(STAMP)

install: $(STAMP)

## make run: the main job: the example household month by month 2019-2024 with the act in force, then
## the cost of housing aid for the bundled SYNTHETIC Altai district, 2020-2024 (headline table; tables,
## workbook and charts go to out/budget)
run: install
	$(VENV)/bin/kz-housing timeline
	$(VENV)/bin/kz-housing budget --from 2020-01 --to 2024-12 --out out/budget

## make timeline: the README's example household month by month, 2019-2024, with the act in force
timeline: install
	$(VENV)/bin/kz-housing timeline

## make benchmark-budget: the budget simulation against hand-written numpy (docs/budget.md)
benchmark-budget: install
	$(PY) benchmarks/budget_benchmark.py

## make test: the linters, then every test (YAML tests of the law, then the Python tests)
test: install lint test-yaml test-python

## make lint: ruff (pyproject.toml [tool.ruff]) over the Python; yamllint (.yamllint.yaml) over the law's YAML and tests
LINT_PY := openfisca_kz_housing tests benchmarks examples deploy $(wildcard setup.py)
LINT_YAML := openfisca_kz_housing/parameters $(wildcard openfisca_kz_housing/*.yaml openfisca_kz_housing/api/*.yaml openfisca_kz_housing/web/*.yaml) tests/yaml
lint: install
	$(VENV)/bin/ruff check $(LINT_PY)
	$(VENV)/bin/yamllint --strict $(LINT_YAML)

test-yaml: install
	$(VENV)/bin/openfisca test --country-package openfisca_kz_housing tests/yaml

test-python: install
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info

## make serve: the web API (stock OpenFisca endpoints + /entitlement, /entitlements, /revisions) and the pages
## (/, /calculator, /budget, /changes: docs/pages.md) on 127.0.0.1:5000: nginx (when installed) in front of
## gunicorn's gevent workers (deploy/serve.py, docs/api.md)
serve: install
	$(PY) deploy/serve.py

## make deadlines DATE=2023-03-20 [ARGS="--repeat --json"]: procedure deadlines of an application filed on DATE
.PHONY: deadlines
deadlines: install
	$(VENV)/bin/kz-housing deadlines --date $(or $(DATE),$(shell date +%F)) $(ARGS)
