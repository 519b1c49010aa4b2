"""One language choice for the pages and the API (api/i18n.py), with Flask's test client (no browser).

The rule: ``?lang=`` first, then (pages only) the ``lang`` cookie, then Accept-Language read by
``i18n.best_of``: region tags count as their language (``ru-RU`` is Russian, ``kk-KZ`` Kazakh) and the
client's order of preference wins; else English.
"""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


def page_lang(client, path="/calculator", **kwargs) -> str:
    return re.search(r'<html lang="(\w+)"', client.get(path, **kwargs).get_data(as_text=True)).group(1)


@pytest.mark.parametrize("header, expected", [
    ("ru-RU,ru;q=0.9", "ru"),
    ("kk-KZ", "kk"),
    ("kk-KZ,ru;q=0.8", "kk"),  # a regional tag preferred over an exact one: the preference wins
    ("ru-RU, kk;q=0.5", "ru"),
    ("de-DE", "en"),
])
def test_a_page_and_an_api_route_choose_the_same_language_from_accept_language(client, header, expected):
    """Accept-Language (api/i18n.best_of) gives the same language to a page and to /revisions."""
    headers = {"Accept-Language": header}
    client.delete_cookie("lang")
    assert page_lang(client, headers=headers) == expected
    assert client.get("/revisions", headers=headers).get_json()["lang"] == expected


def test_pages_keep_their_order_query_then_cookie_then_header(client):
    """Pages: ?lang= over the lang cookie over Accept-Language; the query is remembered in the cookie."""
    headers = {"Accept-Language": "ru-RU"}
    client.set_cookie("lang", "kk")
    assert page_lang(client, headers=headers) == "kk"
    assert page_lang(client, "/calculator?lang=en-GB", headers=headers) == "en"
    assert client.get_cookie("lang").value == "en"
    client.delete_cookie("lang")
    assert page_lang(client, headers=headers) == "ru"
