"""The /diff blueprint on a bare Flask app (the API package of issue 3 lives on another branch)."""

import pytest

flask = pytest.importorskip("flask")

from openfisca_kz_housing.api.routes import diff as route  # noqa: E402

SHARE = "local.east_kazakhstan.altai_district.housing_aid.income_share"
REFORM = {"name": "Share 8 % in 2023", "description": "Income share 8 % during 2023",
          "changes": [{"parameter": SHARE, "values": [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]}]}


@pytest.fixture(scope="module")
def client():
    app = flask.Flask(__name__)
    app.register_blueprint(route.blueprint)
    return app.test_client()


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
    "method, kwargs, status, field",
    [
        ("get", {"path": "/diff?from=2021-06-01"}, 400, "to"),
        ("get", {"path": "/diff?from=2021-06-01&to=2023-02-30"}, 400, "to"),
        ("get", {"path": "/diff?from=2021-06-01&to=2023-01-01&x=1"}, 400, "x"),
        ("post", {"path": "/diff", "json": {"reform": "examples/reforms/share_8pct_2023.yaml"}}, 400, "reform[0]"),
        ("post", {"path": "/diff", "json": {"reform": "os.system"}}, 400, "reform[0]"),
        ("post", {"path": "/diff", "json": {"reform": dict(REFORM, name="")}}, 400, "name"),
        ("post", {"path": "/diff", "json": {"date": "2023-01-01"}}, 400, "reform"),
        ("post", {"path": "/diff", "data": "not json"}, 400, "body"),
        ("post", {"path": "/diff", "data": "x" * 200_000, "content_type": "application/json"}, 413, "body"),
    ],
)
def test_errors_are_4xx_with_the_field(client, method, kwargs, status, field):
    response = getattr(client, method)(**kwargs)
    assert response.status_code == status
    body = response.get_json()
    assert body["field"] == field and body["code"] == "invalid_reform" and body["error"]


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
            assert response.get_json()["message"]


def json_copy(value):
    import json

    return json.loads(json.dumps(value))
