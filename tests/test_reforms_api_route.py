"""The /diff route on the real app: errors in the API's shape ({error, code, field, fix, lang})."""

import pytest

flask = pytest.importorskip("flask")

from openfisca_kz_housing.api.routes import diff as route  # noqa: E402

SHARE = "local.east_kazakhstan.altai_district.housing_aid.income_share"
REFORM = {"name": "Share 8 % in 2023", "description": "Income share 8 % during 2023",
          "changes": [{"parameter": SHARE, "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}]}


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


def test_get_diff(client):
    response = client.get("/diff?from=2021-06-01&to=2023-01-01")
    assert response.status_code == 200
    assert "national.monthly_calculation_index" in {p["parameter"] for p in response.get_json()["parameters"]}


def test_post_inline_reform(client):
    response = client.post("/diff", json={"reform": REFORM, "date": "2023-06-01"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["reforms"][0]["name"] == "Share 8 % in 2023"
    assert body["parameters"][0]["reform"] == 0.08


@pytest.mark.parametrize(
    "method, kwargs, status, field, code",
    [
        ("get", {"path": "/diff?from=2021-06-01"}, 400, "to", "missing_field"),
        ("get", {"path": "/diff"}, 400, "from", "missing_field"),
        ("get", {"path": "/diff?from=2021-06-01&to=2023-02-30"}, 400, "to", "invalid_date"),
        ("get", {"path": "/diff?from=2020-W05&to=2023-01-01"}, 400, "from", "invalid_date"),
        ("get", {"path": "/diff?from=20200101&to=2023-01-01"}, 400, "from", "invalid_date"),
        ("get", {"path": "/diff?from=2023-01-01&to=2021-01-01"}, 400, "from", "invalid_reform"),
        ("get", {"path": "/diff?from=2021-06-01&to=2023-01-01&x=1"}, 400, "x", "unknown_parameter"),
        ("post", {"path": "/diff", "json": {"reform": "examples/reforms/share_8pct_2023.yaml"}}, 400, "reform[0]",
         "invalid_reform"),
        ("post", {"path": "/diff", "json": {"reform": "os.system"}}, 400, "reform[0]", "invalid_reform"),
        ("post", {"path": "/diff", "json": {"reform": dict(REFORM, name="")}}, 400, "name", "invalid_reform"),
        ("post", {"path": "/diff", "json": {"date": "2023-01-01"}}, 400, "reform", "missing_field"),
        ("post", {"path": "/diff", "json": {"reform": REFORM, "date": "2023-W05-3"}}, 400, "date", "invalid_date"),
        ("post", {"path": "/diff", "json": [REFORM]}, 400, "body", "body_not_object"),
        ("post", {"path": "/diff", "data": "not json"}, 400, "body", "invalid_json"),
        ("post", {"path": "/diff", "data": "x" * 200_000, "content_type": "application/json"}, 413, "body",
         "body_too_large"),
    ],
)
def test_errors_are_4xx_with_the_field(client, method, kwargs, status, field, code):
    response = getattr(client, method)(**kwargs)
    assert response.status_code == status
    body = response.get_json()
    assert (body["field"], body["code"]) == (field, code) and body["error"] and body["fix"]


def test_errors_speak_the_request_language(client):
    """/diff answers in the request's language like every other route (issue 11, item 3)."""
    body = client.get("/diff?from=2021-06-01", headers={"Accept-Language": "ru-RU, kk;q=0.5"}).get_json()
    assert body["lang"] == "ru" and body["error"] == "to обязательно."
    body = client.post("/diff", json={"reform": REFORM, "date": "2023-13-01", "lang": "kk"}).get_json()
    assert body["lang"] == "kk" and body["code"] == "invalid_date"


def test_an_unknown_parameter_is_not_told_a_command_line_flag(client):
    """The reforms package names no interface: the API adds its own hint (GET /parameters)."""
    reform = {**REFORM, "changes": [{**REFORM["changes"][0], "parameter": "no.such.parameter.anywhere"}]}
    body = client.post("/diff", json={"reform": reform}).get_json()
    assert body["code"] == "invalid_reform" and "GET /parameters" in body["error"]
    assert "--list" not in body["error"] and "--reform" not in body["error"]


def test_openapi_paths_and_schema():
    assert set(route.OPENAPI_PATHS["/diff"]) == {"get", "post"}
    schema = route.OPENAPI_SCHEMAS["DataReform"]
    assert schema["required"] == ["name", "description", "changes"]
    from openfisca_kz_housing.reforms import load_reform

    assert load_reform(schema["example"]).name == schema["example"]["name"]  # the example is a valid reform


def test_random_bodies_never_give_a_server_error(client):
    """A seeded fuzz over the body's shape: every answer is 200 or 4xx with a field, never a 500."""
    import random

    rng = random.Random(4)
    atoms = [None, True, 0, -1, 0.08, 10**30, "", "x", "2023-01-01", "2023-13-01", SHARE, [], {}, "aid_cap_mrp"]

    def anything(depth=0):
        roll = rng.random()
        if depth > 2 or roll < 0.5:
            return rng.choice(atoms)
        if roll < 0.75:
            return [anything(depth + 1) for _ in range(rng.randint(0, 3))]
        return {rng.choice(["name", "description", "changes", "parameter", "values", "start", "stop", "value",
                            "allow_past_repeal", "note", "zzz"]): anything(depth + 1) for _ in range(rng.randint(0, 4))}

    def mutated():
        reform = json_copy(REFORM)
        target = rng.choice([reform, reform["changes"][0], reform["changes"][0]["values"][0]])
        target[rng.choice(list(target) + ["extra"])] = anything()
        return reform

    for _ in range(300):
        body = {"reform": mutated() if rng.random() < 0.7 else anything(), "date": rng.choice(atoms)}
        response = client.post("/diff", json=body)
        assert response.status_code in (200, 400), (body, response.get_data(as_text=True)[:300])
        if response.status_code == 400:
            assert response.get_json()["error"] and response.get_json()["fix"]


def json_copy(value):
    import json

    return json.loads(json.dumps(value))
