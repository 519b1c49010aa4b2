"""Issue 11, item 5: one list of inputs, derived from the variables, read by every interface.

The inputs of housing aid are the variables without a formula, of the household or the person, whose
reference cites decision 56/2-VI; their kind comes from the value type. The loader's columns, the
budget's enum encoding and (after the API wiring) the API's readers and OpenAPI schemas read that list.
"""

from __future__ import annotations

import datetime

import pytest
from openfisca_core.model_api import MONTH, Reform, Variable

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.entities import Household, Person
from openfisca_kz_housing.enums import DwellingKind, Tenure
from openfisca_kz_housing.population import columns


def test_inputs_of_decision_56_2_vi_and_their_kinds(tbs):
    """Annex 1: item 12 (area, rooms, kind), item 1 (tenure, ownership, residence, the expenses), items
    10-11 (application date; item 10 ¶2 a repeat application), item 3 (the four incomes); the housing
    queue's inputs are not among them."""
    inputs = {item.name: item for item in model_inputs.derive(tbs)}
    assert {name: item.kind for name, item in inputs.items()} == {
        "housing_aid_application_date": "date",
        "housing_aid_repeat_application": "bool",
        "dwelling_area": "area",
        "dwelling_rooms": "count",
        "dwelling_kind": "enum",
        "tenure": "enum",
        "owns_other_dwelling": "bool",
        "resident_in_district": "bool",
        "maintenance_expense": "money",
        "heating_expense": "money",
        "rent_expense": "money",
        "utility_expense": "money",
        "telephone_fee_increase": "money",
        "salary": "money",
        "pension": "money",
        "social_benefits": "money",
        "other_income": "money",
    }
    assert inputs["tenure"].enum is Tenure and inputs["dwelling_kind"].enum is DwellingKind
    assert inputs["resident_in_district"].default is True  # item 1: the model's default, read from the variable
    assert model_inputs.income_variables() == ("salary", "pension", "social_benefits", "other_income")
    assert "public_sector_worker" not in inputs and "social_category" not in inputs  # the queue's act


def test_the_explicit_table_names_only_inputs(tbs):
    """What the variables cannot say (units, who must give what) names existing inputs only: renaming a
    variable without this table fails here, not silently in a reader."""
    names = {item.name for item in model_inputs.derive(tbs)}
    for table in (model_inputs.UNITS, model_inputs.REQUIRED_IN_REQUEST, model_inputs.REQUIRED_COLUMNS):
        assert set(table) <= names
    assert set(model_inputs.RENT_TENURES) <= set(Tenure.__members__)


def test_a_new_input_variable_reaches_the_list_with_its_kind(tbs):
    """Adding an input is adding a variable: a new money input of the decision and a new date appear,
    each with its kind; a new input citing another act does not."""

    class water_meter_fee(Variable):
        value_type = float
        entity = Household
        definition_period = MONTH
        label = "A test input (tenge)"
        reference = "Decision 56/2-VI, Annex 1, item 1 (test only)"

    class moved_in_on(Variable):
        value_type = datetime.date
        entity = Person
        definition_period = MONTH
        label = "A test date"
        reference = "Decision 56/2-VI, Annex 1, item 3 (test only)"

    class other_act_input(Variable):
        value_type = bool
        entity = Household
        definition_period = MONTH
        label = "An input of another act"
        reference = "Another act (test only)"

    class with_inputs(Reform):
        def apply(self):
            for variable in (water_meter_fee, moved_in_on, other_act_input):
                self.add_variable(variable)

    inputs = {item.name: item for item in model_inputs.derive(with_inputs(tbs))}
    assert inputs["water_meter_fee"].kind == "money" and inputs["water_meter_fee"].maximum == model_inputs.MAX_MONEY
    assert inputs["moved_in_on"].kind == "date" and inputs["moved_in_on"].entity == "person"
    assert "other_act_input" not in inputs


@pytest.mark.parametrize("name", ["dwelling_area", "tenure", "salary", "housing_aid_application_date"])
def test_the_loader_reads_its_columns_from_the_list(name):
    """The population format's columns are the list's inputs (plus ids, month, role and weight)."""
    item = model_inputs.inputs()[name]
    table = columns.household_columns() if item.entity == "household" else columns.person_columns()
    assert table[name].kind == columns.KINDS[item.kind]
    assert table[name].maximum == item.maximum and table[name].enum is item.enum
    inputs = set(model_inputs.inputs())
    structural = {"household_id", "person_id", "month", "role", "weight"}
    assert set(columns.household_columns()) | set(columns.person_columns()) == inputs | structural


def test_one_population_and_one_area_bound_for_files_and_requests(tmp_path):
    """Item 5: the API's readers and the loader build the same Population, and refuse the same implausible
    area (item 12's input: more than 10,000 m2 is refused by both, the bound of docs/budget.md)."""
    from openfisca_kz_housing.api import inputs
    from openfisca_kz_housing.api.errors import ApiError
    from openfisca_kz_housing.population import Population, PopulationError, load_population

    assert inputs.Population is Population
    assert inputs.read_value(10_000, "area", "dwelling_area") == 10_000.0
    with pytest.raises(ApiError) as caught:
        inputs.read_value(10_001, "area", "dwelling_area")
    assert caught.value.code == "out_of_range"
    (tmp_path / "households.csv").write_text(
        "household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure\nh1,10001,2,apartment,owner\n", encoding="utf-8"
    )
    (tmp_path / "persons.csv").write_text("household_id,salary\nh1,1000\n", encoding="utf-8")
    with pytest.raises(PopulationError) as refused:
        load_population(tmp_path)
    assert any("dwelling_area" in str(p) and "at most 10,000" in str(p) for p in refused.value.problems)
