"""One check of our routes' query parameters and of ``lang`` (api/query.py), with Flask's test client.

Rule: a route that reads its own query refuses an unknown parameter (400 ``unknown_parameter``) and an
unknown ``lang`` (400 ``unknown_enum``, field ``lang``), in the request's language (api/messages.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from openfisca_kz_housing.api.errors import CATALOG

ROUTES = {"/deadlines": "date=2023-03-20", "/diff": "from=2021-06-01&to=2023-01-01"}


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("lang", ["xx", "", "de-DE"])
def test_an_unknown_lang_is_refused_the_same_way_on_every_route(client, path, lang):
    """Unknown ``lang``: 400 unknown_enum on field lang, the message in Accept-Language's language."""
    response = client.get(f"{path}?{ROUTES[path]}&lang={lang}", headers={"Accept-Language": "ru-RU"})
    assert response.status_code == 400
    body = response.get_json()
    assert (body["code"], body["field"], body["lang"]) == ("unknown_enum", "lang", "ru")
    assert body["error"] == CATALOG["unknown_enum"]["ru"][0].format(field="lang", value=lang)
    assert body["fix"] == CATALOG["unknown_enum"]["ru"][1].format(allowed="en, kk, ru")


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("lang", ["kk", "KZ", "ru-RU", "en"])
def test_a_known_lang_is_accepted_and_speaks_the_errors(client, path, lang):
    """A known ``lang`` (aliases and region tags too) answers 200, and a later error speaks it."""
    assert client.get(f"{path}?{ROUTES[path]}&lang={lang}").status_code == 200
    error = client.get(f"{path}?lang={lang}").get_json()
    assert error["code"] == "missing_field" and error["lang"] == lang[:2].lower().replace("kz", "kk")


@pytest.mark.parametrize("path, allowed", [("/deadlines", "date, procedure, first, lang"), ("/diff", "from, to, lang")])
def test_an_unknown_parameter_is_refused_naming_the_allowed_ones(client, path, allowed):
    """An unknown query parameter: 400 unknown_parameter naming it, the fix lists the route's parameters."""
    body = client.get(f"{path}?{ROUTES[path]}&lnag=kk", headers={"Accept-Language": "kk-KZ"}).get_json()
    assert (body["code"], body["field"], body["lang"]) == ("unknown_parameter", "lnag", "kk")
    assert allowed in body["fix"]


def test_no_route_checks_its_query_by_hand():
    """The check is written once: no route module compares request.args with its own list."""
    routes = Path(__file__).resolve().parents[2] / "openfisca_kz_housing" / "api" / "routes"
    by_hand = [path.name for path in routes.glob("*.py") if "set(request.args)" in path.read_text(encoding="utf-8")]
    assert by_hand == []
