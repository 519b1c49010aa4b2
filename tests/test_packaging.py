"""Packaging (issue 11): metadata in pyproject.toml only, extras, the stock web API's examples."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from openfisca_kz_housing import simulation, situation_examples
from openfisca_kz_housing.examples import tax_benefit_system

ROOT = Path(__file__).resolve().parent.parent


def test_setup_py_is_minimal_and_pyproject_holds_the_metadata():
    assert "setup()" in (ROOT / "setup.py").read_text()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert {"Repository", "Documentation", "Changelog"} <= set(project["urls"])  # Repository: ENGINEERING.md
    extras = project["optional-dependencies"]
    budget = " ".join(extras["budget"])
    assert all(name in budget for name in ("pyarrow", "openpyxl", "matplotlib", "tqdm"))
    assert not any(name in " ".join(project["dependencies"]) for name in ("pyarrow", "openpyxl", "matplotlib"))
    assert "gunicorn" in " ".join(extras["web"])


def test_open_api_config_example_is_a_real_household():
    """The /spec example: the README's household in May 2021 (decision 3/5-VII, items 1-3, 12):
    income base 115,000, limit 10 % = 11,500, accepted 18,166.67 -> aid 6,666.67."""
    system = tax_benefit_system()
    config = system.open_api_config
    assert config["variable_example"] in system.variables
    assert system.get_parameters_at_instant("2021-05-01").local.east_kazakhstan.altai_district.housing_aid.income_share
    assert config["simulation_example"] == situation_examples.couple
    example = simulation.from_situation(system, situation_examples.couple)
    assert example.calculate("housing_aid", "2021-05")[0] == pytest.approx(6666.67, abs=0.01)


def test_budget_command_names_the_missing_extra():
    """Without pyarrow (the [budget] extra) `kz-housing budget` says which extra to install."""
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from openfisca_kz_housing.cli import main\n"
        "sys.exit(main(['budget', '--from', '2023-01', '--to', '2023-02']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "openfisca-kz-housing[budget]" in done.stderr
