"""The application itself (Flask test client): repealed parameters, route discovery, languages."""

from __future__ import annotations

import numpy as np
from openfisca_core.model_api import MONTH, Variable

from openfisca_kz_housing import CountryTaxBenefitSystem
from openfisca_kz_housing.api import create_app, i18n
from openfisca_kz_housing.entities import Household


class naive_income_share(Variable):
    """A careless formula reading the decision's parameter without checking that it is in force."""

    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Income share read without guard (test only)"

    def formula(household, period, parameters):
        share = parameters(period).local.east_kazakhstan.altai_district.housing_aid.area_norm.one_room_floor
        return np.full(household.count, share)


def test_repealed_parameter_is_a_400_not_a_500():
    """The decision was repealed from 2024-03-16 (12/4-VIII); its parameters are null after. A formula
    reading one then raises ParameterNotFoundError, which the stock API answers with a 500."""
    system = CountryTaxBenefitSystem()
    system.add_variable(naive_income_share)
    client = create_app(system).test_client()
    situation = {"persons": {"a": {}}, "households": {"h": {"applicant": "a", "naive_income_share": {"2024-06": None}}}}
    response = client.post("/calculate?lang=ru", json=situation)
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert body["code"] == "parameter_not_in_force"
    assert "one_room_floor" in body["error"] and "2024-06-01" in body["error"]
    assert "/revisions" in body["fix"]
    situation["households"]["h"]["naive_income_share"] = {"2019-01": None}  # before the decision: no value
    assert client.post("/calculate", json=situation).get_json()["code"] == "parameter_not_in_force"
    situation["households"]["h"]["naive_income_share"] = {"2021-06": None}
    assert (
        client.post("/calculate", json=situation).get_json()["households"]["h"]["naive_income_share"]["2021-06"] == 30
    )


def test_route_modules_are_discovered_and_documented():
    app = create_app()
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert {"/entitlement", "/entitlements", "/revisions", "/calculate", "/trace", "/spec"} <= rules
    assert app.json.ensure_ascii is False
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024


def test_language_choice():
    assert i18n.choose(None, None) == "en"
    assert i18n.choose("ru", "kk") == "ru"
    assert i18n.choose("KZ", None) == "kk"
    assert i18n.choose(None, "fr-FR, kk;q=0.9, ru;q=0.95") == "ru"
    assert i18n.choose(None, "de, kk-KZ;q=0.5") == "kk"
    assert i18n.choose("xx", "ru;q=0") == "en"


def test_spec_examples_match_their_schemas():
    """The documented examples are valid instances of the documented request and answer schemas."""
    import warnings

    from jsonschema import RefResolver
    from openapi_schema_validator import OAS30Validator

    spec = create_app().test_client().get("/spec").get_json()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = RefResolver.from_schema(spec)
    schemas = spec["components"]["schemas"]
    cases = [
        (schemas[name], schemas[name]["example"])
        for name in ("EntitlementRequest", "BatchRequest", "EntitlementAnswer")
    ]
    examples = spec["paths"]["/entitlements"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    cases += [(schemas["BatchRequest"], example["value"]) for example in examples.values()]
    for schema, example in cases:
        assert not list(OAS30Validator(schema, resolver=resolver).iter_errors(example))
