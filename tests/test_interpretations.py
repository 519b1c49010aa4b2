"""Interpretations said where they are made (issue 9 §5)."""

from pathlib import Path

import pytest
from openfisca_core import periods
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_kz_housing import tax_benefit_system

ROOT = Path(__file__).resolve().parents[1]


class income_years(Reform):
    """The other reading of 2/516 item 8: the minimum of the years in which the income was earned."""

    def apply(self):
        def modify(parameters):
            node = parameters.local.almaty.housing_queue.minimum_of_income_years
            node.update(start=periods.instant("2012-07-19"), stop=periods.instant("2013-06-28"), value=True)
            return parameters

        self.modify_parameters(modifier_function=modify)


def threshold(system, month):
    situation = {"persons": {"a": {}}, "households": {"h": {"applicant": ["a"]}}}
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return float(simulation.calculate("housing_queue_income_threshold", month)[0])


def test_queue_subsistence_minimum_year_is_one_switch_away():
    """2/516 item 8: January 2013 uses the application year's 18,660 (contract: 3.1 x 18,660 = 57,846);
    the other reading uses 2012's 17,439 for its whole window (3.1 x 17,439 = 54,060.9)."""
    assert threshold(tax_benefit_system(), "2013-01") == pytest.approx(57_846, abs=0.01)
    assert threshold(income_years(tax_benefit_system()), "2013-01") == pytest.approx(54_060.9, abs=0.01)
    # June 2013: window 2012-06..2013-05, 7 months at 17,439 and 5 at 18,660: 3.1 x 17,947.75 = 55,638.025
    assert threshold(income_years(tax_benefit_system()), "2013-06") == pytest.approx(55_638.03, abs=0.01)
    assert threshold(tax_benefit_system(), "2013-06") == pytest.approx(57_846, abs=0.01)


def test_docs_and_code_say_the_same_year():
    docs = (ROOT / "docs" / "housing-queue.md").read_text(encoding="utf-8")
    assert "minimum_of_income_years" in docs and "when the window spans two years" not in docs
    documentation = tax_benefit_system().variables["housing_queue_income_threshold"].documentation
    assert "minimum_of_income_years" in documentation and "always" in documentation


def test_readme_names_the_interpretations_and_what_is_not_modelled():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Requiring residence of **tenants** is an interpretation" in readme
    for item in ("item 3 ¶1", "item 6", "item 10 ¶2", "13-16", "2/516 items 11"):
        assert item in readme, item


class repeat_from_filing_month(Reform):
    """The other reading of 56/2-VI items 6, 10, 11: a repeat application starts in its month of filing."""

    def apply(self):
        def modify(parameters):
            node = parameters.local.east_kazakhstan.altai_district.housing_aid.procedure
            node.repeat_application_covers_whole_quarter.update(
                start=periods.instant("2019-12-06"), stop=periods.instant("2024-03-15"), value=False
            )
            return parameters

        self.modify_parameters(modifier_function=modify)


def covers(system, month, repeat):
    situation = {"persons": {"a": {}}, "households": {"h": {
        "applicant": ["a"],
        "housing_aid_application_date": {month: "2023-05-10"},
        "housing_aid_repeat_application": {month: repeat},
    }}}
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return bool(simulation.calculate("housing_aid_application_covers_month", month)[0])


def test_repeat_application_quarter_is_one_switch_away():
    """56/2-VI Annex 1, item 10 fixes the month of application only for a first application: the project
    reads a repeat application filed 2023-05-10 as covering April 2023 (its whole quarter); the other
    reading (switch false) does not. A first application never covers April."""
    system = tax_benefit_system()
    assert covers(system, "2023-04", repeat=True) and not covers(system, "2023-04", repeat=False)
    other = repeat_from_filing_month(system)
    assert not covers(other, "2023-04", repeat=True) and covers(other, "2023-05", repeat=True)
    node = system.parameters.local.east_kazakhstan.altai_district.housing_aid.procedure
    parameter = node.repeat_application_covers_whole_quarter
    assert "interpretation" in parameter.metadata["label"]
    assert parameter("2023-12-14") is True
    assert [v.metadata["status"] for v in parameter.values_list if v.instant_str == "2023-12-14"] == ["interpretation"]
