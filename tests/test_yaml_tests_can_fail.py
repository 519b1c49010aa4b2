"""The YAML tests of the law must fail when a rule is wrong: each mutant of tests/mutants.py breaks one
rule of decision 56/2-VI, and running the YAML suite against it must report failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OPENFISCA = Path(sys.executable).with_name("openfisca")


@pytest.mark.parametrize(
    "mutant",
    [
        "share_11_percent",
        "norm_15_m2",
        "income_of_current_quarter",
        "owners_of_several_dwellings_eligible",
        "repeal_ignored",
    ],
)
def test_yaml_suite_catches_the_mutant(mutant):
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'tests'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    result = subprocess.run(
        [str(OPENFISCA), "test", "tests/yaml/housing_aid", "-c", "openfisca_kz_housing", "-r", f"mutants.{mutant}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0, f"the YAML tests pass against the mutant {mutant}:\n{result.stdout[-2000:]}"
    assert " failed" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
