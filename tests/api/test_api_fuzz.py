"""Property-based fuzzing over HTTP (hypothesis): no request, however malformed, gets a 5xx.

Bodies are random JSON, or the documented examples of /spec with one value replaced by random JSON
(which reaches the deep checks). Bounded: a fixed number of examples per property, no deadline
surprises, no example database written to disk.
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_COLUMNS, EXAMPLE_RECORDS, EXAMPLE_SITUATION

FUZZ = settings(
    max_examples=int(__import__("os").environ.get("KZ_HOUSING_FUZZ_EXAMPLES", 60)),
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        ["2021-05", "2021-05-01", "2021", "2021-13", "owner", "apartment", "aigerim", "bolat", "-1", "1e400", ""]
    ),
    # issue 10's attacks: an integer too large for a float, a lone surrogate, non-JSON numbers, ISO week dates
    st.sampled_from(
        [
            10**400,
            -(10**400),
            "\ud800",
            "a\udfffb",
            float("nan"),
            float("inf"),
            1e308,
            1e39,
            "2020-W05",
            "2020-W05-3",
            "20200101",
        ]
    ),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def paths(value, prefix=()):
    """Every path to a node of a JSON document."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, prefix + (index,))


def replaced(document, path, value):
    document = copy.deepcopy(document)
    if not path:
        return value
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@st.composite
def perturbed(draw, example):
    all_paths = list(paths(example))
    path = draw(st.sampled_from(all_paths))
    document = replaced(example, path, draw(json_values))
    if draw(st.booleans()) and isinstance(document, dict):
        document[draw(st.text(max_size=10))] = draw(json_values)
    return document


def stock_example():
    situation = {
        "persons": copy.deepcopy(EXAMPLE_SITUATION["persons"]),
        "households": copy.deepcopy(EXAMPLE_SITUATION["households"]),
    }
    situation["households"]["household"]["housing_aid"] = {"2021-05": None}
    situation["households"]["household"]["dwelling_area"] = {"2021-05": 54}
    return situation


def strict_json(response):
    """The body parsed as strict JSON: NaN and Infinity are not JSON (issue 10, item 4)."""

    def refuse(name):
        raise AssertionError(f"{name} in the answer: {response.text[:300]}")

    return json.loads(response.content.decode("utf-8"), parse_constant=refuse)


def check(response, route):
    """No 5xx; strict JSON; a 4xx is JSON: ours name code, field and fix; the stock views keep their own shape."""
    assert response.status_code < 500, response.text[:500]
    body = strict_json(response)
    if response.status_code >= 400:
        assert body and isinstance(body, dict)
        if route.startswith("/entitlement") or {"error", "fix"} <= set(body):
            # (a stock error body is keyed by the situation's own keys, which may be "code")
            assert {"error", "code", "field", "fix"} <= set(body), body


SHARE_8 = {
    "name": "8 %",
    "description": "Item 2 with 8 % in 2021.",
    "changes": [
        {
            "parameter": "local.east_kazakhstan.altai_district.housing_aid.income_share",
            "values": [{"start": "2021-01-01", "stop": "2021-12-31", "value": 0.08}],
        }
    ],
}


END_EARLY = {
    "name": "end",
    "description": "in_force false from 2023-07-01.",
    "changes": [
        {
            "parameter": "local.east_kazakhstan.altai_district.housing_aid.in_force",
            "values": [{"start": "2023-07-01", "stop": "2024-03-15", "value": False}],
        }
    ],
}
IN_2023 = dict(
    copy.deepcopy(EXAMPLE_SITUATION),
    date="2023-09-01",
    reform=END_EARLY,
    persons={
        "aigerim": {"salary": {"2023-04": 1, "2023-05": 1, "2023-06": 1}},
        "bolat": {"pension": {"2023-04": 0, "2023-05": 0, "2023-06": 0}},
    },
)


@pytest.mark.parametrize(
    "route, example",
    [
        ("/entitlement", EXAMPLE_SITUATION),
        ("/entitlement", IN_2023),
        ("/entitlements", dict(EXAMPLE_COLUMNS, reform=END_EARLY)),
        ("/entitlement", dict(EXAMPLE_SITUATION, reform=SHARE_8)),
        ("/entitlements", EXAMPLE_RECORDS),
        ("/entitlements", EXAMPLE_COLUMNS),
        ("/calculate", stock_example()),
        ("/trace", stock_example()),
    ],
)
def test_perturbed_examples_never_5xx(http, server, route, example):
    @FUZZ
    @given(body=perturbed(example), lang=st.sampled_from(["en", "kk", "ru", "xx"]))
    def run(body, lang):
        check(
            http.post(
                f"{server}{route}?lang={lang}",
                data=json.dumps(body),
                headers={"Content-Type": "application/json"},
                timeout=30,
            ),
            route,
        )

    run()


@pytest.mark.parametrize("route", ["/entitlement", "/entitlements", "/calculate", "/trace"])
def test_random_bodies_never_5xx(http, server, route):
    @FUZZ
    @given(body=st.one_of(json_values, st.binary(max_size=64)))
    def run(body):
        data = body if isinstance(body, bytes) else json.dumps(body)
        check(http.post(server + route, data=data, headers={"Content-Type": "application/json"}, timeout=30), route)

    run()


def test_random_gets_never_5xx(http, server):
    @FUZZ
    @given(
        path=st.sampled_from(["/revisions", "/parameter/", "/variable/", "/spec", "/entities", "/"]),
        tail=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#%"), max_size=20),
        date=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
    )
    def run(path, tail, date):
        params = {} if date is None else {"date": date}
        target = server + path + (tail if path.endswith("/") else "")
        response = http.get(target, params=params, timeout=30)
        assert response.status_code < 500, response.text[:500]
        strict_json(response)

    run()


def test_every_operation_of_the_spec_never_5xx(http, server):
    """Driven by the served /spec: every operation (stock and ours), its path parameters replaced by
    random text, its documented request examples perturbed, its query parameters given random values."""
    spec = http.get(server + "/spec", timeout=30).json()
    operations = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post"):
                continue
            examples = []
            content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            if "example" in content:
                examples.append(content["example"])
            examples += [e["value"] for e in content.get("examples", {}).values() if "value" in e]
            query = [
                p["name"] for p in operation.get("parameters", []) if isinstance(p, dict) and p.get("in") == "query"
            ]
            operations.append((method, path, examples or [{}], query))
    assert len(operations) >= 12

    @FUZZ
    @given(data=st.data())
    def run(data):
        method, path, examples, query = data.draw(st.sampled_from(operations))
        segment = st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#%"), min_size=1, max_size=15
        )
        url = server + "/".join(data.draw(segment) if part.startswith("{") else part for part in path.split("/"))
        params = {name: data.draw(st.text(max_size=12)) for name in query if data.draw(st.booleans())}
        if method == "get":
            response = http.get(url, params=params, timeout=30)
        else:
            body = data.draw(perturbed(data.draw(st.sampled_from(examples))))
            response = http.post(
                url, params=params, data=json.dumps(body), headers={"Content-Type": "application/json"}, timeout=30
            )
        assert response.status_code < 500, (method, url, response.text[:300])
        strict_json(response)

    run()


DECISION = "local.east_kazakhstan.altai_district.housing_aid."
EVERY_MONTH = [f"{y}-{m:02d}" for y in range(2019, 2026) for m in range(1, 13)]


KINDS = {
    "in_force": st.booleans(),
    "income_share": st.floats(0, 1),
    "area_norm.per_person": st.floats(1, 60),
    "area_norm.one_room_floor": st.floats(1, 60),
    "area_norm.per_person_lower_bound": st.floats(1, 60),
}
JUNK = st.one_of(st.none(), st.text(max_size=4), st.floats(-5, 0), st.booleans())


@st.composite
def structured_reforms(draw):
    """Data reforms of the decision's parameters, mostly well-formed, with random periods and values."""
    boundaries = [
        "2019-12-06",
        "2020-01-01",
        "2021-04-05",
        "2022-11-01",
        "2023-07-01",
        "2023-12-14",
        "2024-03-15",
        "2024-03-16",
        "2024-12-31",
        "2025-06-30",
    ]
    changes = []
    for parameter in draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3, unique=True)):
        start, stop = sorted(draw(st.lists(st.sampled_from(boundaries), min_size=2, max_size=2, unique=True)))
        value = draw(JUNK) if draw(st.integers(0, 9)) == 0 else draw(KINDS[parameter])
        changes.append(
            {
                "parameter": DECISION + parameter,
                "values": [{"start": start, "stop": stop, "value": value}],
                "allow_past_repeal": draw(st.booleans()),
            }
        )
    return {"name": "fuzz", "description": "random", "changes": changes}


def test_structured_reforms_never_5xx(http, server):
    """Reforms that end, revive or reshape the aid on any date: 200 or a 4xx, never a 5xx."""
    persons = {
        "aigerim": {"salary": {m: 70_000 for m in EVERY_MONTH}},
        "bolat": {"pension": {m: 45_000 for m in EVERY_MONTH}},
    }

    @FUZZ
    @given(
        reform=structured_reforms(),
        date=st.dates(
            min_value=__import__("datetime").date(2019, 6, 1), max_value=__import__("datetime").date(2025, 12, 31)
        ),
    )
    def run(reform, date):
        body = dict(copy.deepcopy(EXAMPLE_SITUATION), persons=persons, date=date.isoformat(), reform=reform)
        response = http.post(
            server + "/entitlement", data=json.dumps(body), headers={"Content-Type": "application/json"}, timeout=30
        )
        check(response, "/entitlement")
        if response.status_code == 200:
            answer = response.json()
            assert answer["reform"]["households"]["household"]["housing_aid"] >= 0

    run()
