"""The YAML tests of the law must fail when a rule is wrong. Each mutant breaks one rule:
tests/mutants.py those of decision 56/2-VI (items 1, 2, 3, 10-12, the repeal), tests/housing_queue_mutants.py
those of resolution 2/516 (items 8 and 17, the repeal). Running the matching YAML suite against a mutant
must report failures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OPENFISCA = Path(sys.executable).with_name("openfisca")
SUITES = {
    "mutants": ("tests/yaml/housing_aid", [
        "share_11_percent", "norm_15_m2", "income_of_current_quarter", "owners_of_several_dwellings_eligible",
        "repeal_ignored", "rent_counted_for_every_tenure", "application_date_ignored", "cutoff_day_excluded",
        "repeat_from_month_of_filing",
    ]),
    "housing_queue_mutants": ("tests/yaml/housing_queue", [
        "multiplier_3", "below_or_equal", "window_includes_application_month", "veterans_income_tested",
        "repeal_ignored", "need_ignored",
    ]),
}
CASES = [(module, suite, mutant) for module, (suite, mutants) in SUITES.items() for mutant in mutants]


@pytest.mark.parametrize(("module", "suite", "mutant"), CASES, ids=[f"{m}.{x}" for m, _, x in CASES])
def test_yaml_suite_catches_the_mutant(module, suite, mutant):
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'tests'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    result = subprocess.run(
        [str(OPENFISCA), "test", suite, "-c", "openfisca_kz_housing", "-r", f"{module}.{mutant}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0, f"the YAML tests pass against the mutant {mutant}:\n{result.stdout[-2000:]}"
    assert " failed" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
