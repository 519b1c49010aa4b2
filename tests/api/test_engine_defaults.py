"""The engine sets the inputs a request leaves out to each variable's own default (api/engine.py,
``_set_defaults``), instead of letting OpenFisca compute each default: the answers must be the ones
OpenFisca's defaults give, law and reform alike (decision 56/2-VI, Annex 1, items 1-3, 12)."""

from __future__ import annotations

import copy

import pytest

from openfisca_kz_housing.api import create_app, engine
from openfisca_kz_housing.api.openapi_entitlement import (
    EXAMPLE_APPLICATION_DATE,
    EXAMPLE_COLUMNS,
    EXAMPLE_RECORDS,
    EXAMPLE_SITUATION,
)
from openfisca_kz_housing.parameter_paths import DECISION

REFORM = {"name": "share8", "description": "8 % share", "changes": [
    {"parameter": f"{DECISION}.income_share", "values": [{"start": "2021-01-01", "stop": "2021-12-31", "value": 0.08}]}
]}


def _tenant_with_rent():
    body = copy.deepcopy(EXAMPLE_SITUATION)
    household = body["households"]["household"]
    household.update(tenure="state_housing_tenant", rent_expense=9000)
    return body


CASES = [
    ("/entitlement", EXAMPLE_SITUATION),
    ("/entitlement", _tenant_with_rent()),
    ("/entitlements", EXAMPLE_APPLICATION_DATE),
    ("/entitlement", dict(copy.deepcopy(EXAMPLE_SITUATION), reform=REFORM)),
    ("/entitlements", EXAMPLE_RECORDS),
    ("/entitlements", EXAMPLE_COLUMNS),
]


@pytest.mark.parametrize("route, body", CASES)
def test_defaults_set_by_the_engine_give_openfisca_s_answers(monkeypatch, route, body):
    client = create_app().test_client()
    fast = client.post(route, json=body)
    monkeypatch.setattr(engine, "_set_defaults", lambda *args: None)  # OpenFisca computes every default
    slow = client.post(route, json=body)
    assert fast.status_code == slow.status_code == 200, fast.get_json()
    assert fast.get_json() == slow.get_json()


def test_both_readers_take_household_values_alike():
    """One reader of a household's values (api/inputs_rows.household_values) for /entitlement and
    /entitlements records: a computed variable asked as null is left out, given a value it is refused."""
    client = create_app().test_client()
    asked = copy.deepcopy(EXAMPLE_RECORDS)
    asked["households"][0]["housing_aid"] = None
    assert client.post("/entitlements", json=asked).status_code == 200
    asked["households"][0]["housing_aid"] = 5000
    refused = client.post("/entitlements", json=asked)
    assert refused.status_code == 400 and refused.get_json()["code"] == "computed_variable"
    single = copy.deepcopy(EXAMPLE_SITUATION)
    single["households"]["household"]["housing_aid"] = 5000
    refused = client.post("/entitlement", json=single)
    assert refused.status_code == 400 and refused.get_json()["code"] == "computed_variable"
