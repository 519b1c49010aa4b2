"""The YAML tests of the housing queue must fail when a rule is wrong: each mutant of
tests/housing_queue_mutants.py breaks one rule of resolution 2/516 (items 8 and 17, the repeal), and
running tests/yaml/housing_queue against it must report failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OPENFISCA = Path(sys.executable).with_name("openfisca")


@pytest.mark.parametrize(
    "mutant",
    ["multiplier_3", "below_or_equal", "window_includes_application_month", "veterans_income_tested", "repeal_ignored", "need_ignored"],
)
def test_housing_queue_yaml_catches_the_mutant(mutant):
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'tests'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    result = subprocess.run(
        [str(OPENFISCA), "test", "tests/yaml/housing_queue", "-c", "openfisca_kz_housing", "-r", f"housing_queue_mutants.{mutant}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0, f"the YAML tests pass against the mutant {mutant}:\n{result.stdout[-2000:]}"
    assert " failed" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
