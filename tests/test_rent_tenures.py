"""Decision 56/2-VI, Annex 1, item 1, third direction: the rent counts only for the tenures of
``variables.housing_aid.PUBLIC_TENURES``. Every interface that names those tenures (the population
loader's notice, /entitlement's warning and required inputs, OpenAPI, ``model_inputs.RENT_TENURES``)
agrees with the variable ``housing_aid_rent_counts``, tenure by tenure."""

from __future__ import annotations

import pytest

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.enums import Tenure
from openfisca_kz_housing.population import load_population

DATE = "2023-05-15"
INCOME = {"2023-01": 30_000, "2023-02": 30_000, "2023-03": 30_000}


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


def household(tenure: str, rent=20_000) -> dict:
    expenses = {"maintenance_expense": 0, "heating_expense": 0, "utility_expense": 5_000}
    if rent is not None:
        expenses["rent_expense"] = rent
    return {"date": DATE, "persons": {"a": {"salary": INCOME}},
            "households": {"h": {"applicant": "a", "dwelling_area": 30, "dwelling_rooms": 1, "tenure": tenure,
                                 **expenses}}}


def loader_notes(tmp_path, tenure: str) -> list[str]:
    (tmp_path / "households.csv").write_text(
        "household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,rent_expense,utility_expense\n"
        f"h,30,1,apartment,{tenure},20000,5000\n", encoding="utf-8")
    (tmp_path / "persons.csv").write_text("person_id,household_id,salary\na,h,0\n", encoding="utf-8")
    return [note for note in load_population(tmp_path).notes if "does not count" in note]


@pytest.mark.parametrize("tenure", [member.name for member in Tenure])
def test_every_interface_agrees_with_the_variable_on_whose_rent_counts(client, tmp_path, tenure):
    """Item 1, third direction, for one tenure: variable, API warning, API required input, loader notice."""
    answer = client.post("/entitlement", json=household(tenure)).get_json()["households"]["h"]
    counts = answer["figures"]["rent_counted"]  # the variable housing_aid_rent_counts
    warned = any(w["code"] == "rent_not_counted" for w in answer["warnings"])
    assert warned is not counts
    assert (tenure in model_inputs.RENT_TENURES) is counts
    assert bool(loader_notes(tmp_path, tenure)) is not counts
    without_rent = client.post("/entitlement", json=household(tenure, rent=None))
    missing = [m["give"] for m in without_rent.get_json().get("missing", [])]
    assert ("rent_expense" in missing) is counts, without_rent.get_json()


def test_the_tenures_are_named_once_in_the_variables():
    """Item 1: model_inputs re-exports the variables' tuple; OpenAPI and the loader's notice name the same."""
    from openfisca_kz_housing.api import openapi_entitlement
    from openfisca_kz_housing.variables.housing_aid import PUBLIC_TENURES

    assert model_inputs.RENT_TENURES == tuple(member.name for member in PUBLIC_TENURES)
    described = openapi_entitlement.input_schema(model_inputs.inputs()["rent_expense"])["description"]
    assert "Required for " + " and ".join(model_inputs.RENT_TENURES) in described
