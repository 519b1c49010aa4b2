"""The budget's array path against the JSON path, the numpy yardstick and its own totals (issue 6).

* Every YAML test in tests/yaml whose input has households is computed through
  ``SimulationBuilder.build_from_entities`` (the JSON path) and through the array path of
  ``budget.simulation``: the aid must be the same on every household (decision 56/2-VI, item 2).
* The bundled SYNTHETIC district agrees with the hand-written numpy implementation to the tenge.
* The totals of the tables equal the sums of the household results.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pytest
import yaml
from openfisca_core import periods
from openfisca_core.simulations import SimulationBuilder

from openfisca_kz_housing.budget import results, scenarios
from openfisca_kz_housing.budget.run import claimants, run_budget
from openfisca_kz_housing.budget.simulation import build_simulation, compute
from openfisca_kz_housing.examples import month_range, tax_benefit_system
from openfisca_kz_housing.population import bundled_population_dir, load_population
from openfisca_kz_housing.reforms import LoadedReform
from tests.support.reference import housing_aid_numpy
from tests.support.situations import UnsupportedSituation, population_from_situation

YAML_DIR = Path(__file__).parent / "yaml"


def output_months(test) -> list[str]:
    months = set()
    for value in (test.get("output") or {}).values():
        keys = value.keys() if isinstance(value, dict) else [test.get("period")]
        for key in keys:
            if key is not None and periods.period(str(key)).unit == periods.DateUnit.MONTH:
                months.add(str(key))
    if (
        not months
        and test.get("period") is not None
        and periods.period(str(test["period"])).unit == periods.DateUnit.MONTH
    ):
        months.add(str(test["period"]))
    return sorted(months)


def not_comparable(test) -> str | None:
    """Why a YAML case cannot be run through the budget's array path (None when it can)."""
    if test.get("parameters") or test.get("extensions"):
        return "the test replaces parameters or adds extensions"
    months = output_months(test)
    if not months:
        return "no monthly output"
    try:
        population_from_situation(tax_benefit_system(), test["input"], months, test.get("period"))
    except UnsupportedSituation as error:
        return f"not expressible as a population: {error}"
    return None


def yaml_tests_with_households():
    """The YAML cases with households, selected at collection time: (comparable cases, {id: reason left out}).

    The housing-queue cases use inputs outside the population format (the budget computes housing aid
    only): they are left out here, with their reason, instead of being collected and skipped.
    """
    found, left_out = [], {}
    for path in sorted(YAML_DIR.rglob("*.y*ml")):
        with open(path, encoding="utf-8") as stream:
            content = yaml.safe_load(stream)
        for k, test in enumerate(content if isinstance(content, list) else [content]):
            if isinstance(test, dict) and isinstance(test.get("input"), dict) and test["input"].get("households"):
                case_id = f"{path.relative_to(YAML_DIR)}::{test.get('name', k)}"
                reason = not_comparable(test)
                if reason:
                    left_out[case_id] = reason
                else:
                    found.append(pytest.param(test, id=case_id))
    return found, left_out


YAML_TESTS, LEFT_OUT = yaml_tests_with_households()


def test_some_yaml_tests_have_households():
    assert len(YAML_TESTS) >= 30  # every housing-aid case (items 1-3, 12) and tests/yaml/budget


def test_only_housing_queue_cases_are_left_out():
    """Every housing-aid case is compared; a case left out is a housing-queue case, for a stated reason."""
    assert LEFT_OUT, "the housing-queue cases use inputs outside the population format"
    for case_id, reason in LEFT_OUT.items():
        assert case_id.startswith("housing_queue/"), f"{case_id}: {reason}"
        assert reason.startswith("not expressible as a population"), f"{case_id}: {reason}"


@pytest.mark.parametrize("test", YAML_TESTS)
def test_array_path_equals_json_path(test):
    months = output_months(test)
    system = tax_benefit_system()
    reforms = test.get("reforms") or []
    for reform in [reforms] if isinstance(reforms, str) else reforms:
        system = system.apply_reform(reform)  # the same reformed system for both paths
    population = population_from_situation(system, test["input"], months, test.get("period"))
    builder = SimulationBuilder()
    if test.get("period"):  # as OpenFisca's YAML runner: bare values are for the test's period
        builder.set_default_period(str(test["period"]))
    json_simulation = builder.build_from_entities(system, copy.deepcopy(test["input"]))  # aliases share inputs
    array_aid = compute(build_simulation(system, population, months), months)
    for i, month in enumerate(months):
        json_aid = json_simulation.calculate("housing_aid", month)
        np.testing.assert_allclose(array_aid[i], json_aid, atol=0.01, err_msg=f"{test.get('name')} {month}")


@pytest.fixture(scope="module")
def district():
    return load_population(bundled_population_dir())


def test_district_agrees_with_numpy_to_the_tenge(district):
    months = month_range("2023-10", "2024-04")  # 23/2-VII, 7/3-VIII, the repeal
    system = tax_benefit_system()
    array_aid = compute(build_simulation(system, district, months), months)
    numpy_aid = housing_aid_numpy(system, district, months)
    assert np.abs(array_aid.astype(np.float64) - numpy_aid).max() < 1
    assert array_aid[:5].sum() > 0  # in force until March 2024
    assert not array_aid[-1].any()  # April 2024: repealed, nobody is paid


def test_totals_equal_the_sum_of_household_results(district):
    months = month_range("2023-01", "2023-06")
    run = run_budget(district, months, scenarios.scenarios(tax_benefit_system()), take_up=0.5)
    tables = results.all_tables(run)
    per_household = sum(row["aid_baseline_tenge"] * row["weight"] for row in tables["households"])
    monthly = sum(row["cost_tenge"] for row in tables["monthly"])
    quarterly = sum(row["cost_tenge"] for row in tables["quarterly"])
    yearly = sum(row["cost_tenge"] for row in tables["yearly"])
    by_decile = sum(row["cost_tenge"] for row in tables["by_income_decile"])
    by_tenure = sum(row["cost_tenge"] for row in tables["by_tenure"])
    by_size = sum(row["cost_tenge"] for row in tables["by_household_size"])
    exact = float(run.aid["baseline"].sum(dtype=np.float64))
    for total in (per_household, monthly, quarterly, yearly, by_decile, by_tenure, by_size):
        assert total == pytest.approx(exact, abs=0.01)
    assert sum(row["households"] for row in tables["by_income_decile"]) == district.household_count
    # take-up: only claimants are paid, and about half of the households claim
    assert not run.aid["baseline"][:, ~run.claims].any()
    assert 0.45 < run.claims.mean() < 0.55


def test_take_up_is_deterministic_and_bounded():
    assert (claimants(1000, 0.3, seed=1) == claimants(np.arange(1, 1001), 0.3, seed=1)).all()
    assert claimants(10, 1.0).all()
    with pytest.raises(ValueError, match="between 0 and 1"):
        claimants(10, 1.5)


def test_reform_winners_losers_and_cost(district):
    """A lower income share (item 2) can only raise aid: winners, no losers, higher cost."""
    from openfisca_core.reforms import Reform

    class share_8(Reform):
        def apply(self):
            def modify(parameters):
                parameters.local.east_kazakhstan.altai_district.housing_aid.income_share.update(
                    start=periods.instant("2023-01-01"), stop=periods.instant("2023-12-31"), value=0.08
                )
                return parameters

            self.modify_parameters(modifier_function=modify)

    system = tax_benefit_system()
    chosen = scenarios.scenarios(system) + [
        LoadedReform("income share 8 % in 2023", "income share 8 % in 2023", "code", "test", system=share_8(system),
                     key="share_8")
    ]
    months = month_range("2023-01", "2024-02")
    run = run_budget(district, months, chosen)
    comparison = results.comparison_table(run)[0]
    assert comparison["cost_change_tenge"] > 0
    assert comparison["winner_households"] > 0
    assert comparison["loser_households"] == 0
    assert comparison["winner_households"] + comparison["unchanged_households"] == district.household_count
    # 2024 is outside the reform's bounded period: the two scenarios pay the same
    assert (run.aid["share_8"][12:] == run.aid["baseline"][12:]).all()
    assert (run.aid["share_8"] == housing_aid_numpy(chosen[1].system, district, months)).all()


def test_synthetic_generator_is_seeded_and_matches_the_bundled_files(district):
    """The bundled district is what the seeded generator draws (§4: 66,374 inhabitants)."""
    import json

    from openfisca_kz_housing.population import synthetic

    first, second = synthetic.draw(households=300), synthetic.draw(households=300)
    for kind in first:
        for name, values in first[kind].items():
            assert (values == second[kind][name]).all(), name
    base = synthetic.draw()
    assert len(base["persons"]["person_id"]) == synthetic.INHABITANTS == district.person_count
    assert len(base["households"]["household_id"]) == district.household_count
    meta = json.loads((bundled_population_dir() / "population.json").read_text())
    assert meta["synthetic"] is True and meta["persons"] == district.person_count
    assert district.synthetic and all("SYNTHETIC" in path for path in district.files.values())
    first_month = month_range("2019-10", "2019-10")[0]
    from openfisca_kz_housing.population import month_ordinal

    heating = district.household_inputs["heating_expense"].at(month_ordinal(first_month))
    assert np.allclose(heating, np.round(base["households"]["heating_expense"]), atol=0.5)


def test_entitled_figures_are_before_take_up(district):
    months = month_range("2023-01", "2023-03")
    system = tax_benefit_system()
    full = run_budget(district, months, scenarios.scenarios(system), take_up=1)
    half = run_budget(district, months, scenarios.scenarios(system), take_up=0.5)
    full_rows, half_rows = results.period_table(full, "quarter"), results.period_table(half, "quarter")
    assert half_rows[0]["entitled_cost_tenge"] == pytest.approx(full_rows[0]["cost_tenge"])
    assert half_rows[0]["cost_tenge"] < 0.6 * full_rows[0]["cost_tenge"]
    assert full_rows[0]["entitled_household_months"] == full_rows[0]["paid_household_months"]
