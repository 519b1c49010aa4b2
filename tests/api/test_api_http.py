"""Every route of the API over HTTP, against a real gunicorn (fixture ``server`` in conftest.py).

Amounts are computed by hand from decision 56/2-VI, Annex 1 (as of 7/3-VIII):
item 1 (who; which expenses), item 2 (aid = accepted expenses - 10 % of income), item 3 (income of the
quarter before the month's quarter; monthly average = total / 3, the project's convention), item 12
(18 m2 a person, not less than a one-room flat or a dormitory room; area-billed expenses scaled by
norm / area, the project's convention).
"""

from __future__ import annotations

import copy
from importlib.metadata import version

import pytest

from openfisca_kz_housing.api.openapi_entitlement import EXAMPLE_COLUMNS, EXAMPLE_RECORDS, EXAMPLE_SITUATION

INCOME_KEYS = ("salary", "pension", "social_benefits", "other_income")


def monthly(months, amount):
    return {m: amount for m in months}


def post(http, server, path, body, **kwargs):
    return http.post(server + path, json=body, timeout=30, **kwargs)


def assert_error(response, status, code, field=None):
    """A 4xx JSON error naming the field and the fix."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code, body
    assert body["error"] and body["fix"], body
    if field is not None:
        assert body["field"] == field, body
    return body


# ------------------------------------------------------------------ stock endpoints keep working


@pytest.mark.parametrize(
    "path",
    [
        "/parameters",
        "/variables",
        "/entities",
        "/spec",
        "/variable/housing_aid",
        "/parameter/local.east_kazakhstan.altai_district.housing_aid.income_share",
    ],
)
def test_stock_get_endpoints_answer(http, server, path):
    response = http.get(server + path, timeout=30)
    assert response.status_code == 200
    assert response.json()
    assert response.headers["Country-Package"] == "openfisca-kz-housing"


def test_stock_calculate_and_trace(http, server):
    """/calculate and /trace answer as for any OpenFisca client: the example household of 2021-05
    gets 6,666.67 tenge (same hand computation as test_entitlement_example_household)."""
    situation = {
        "persons": copy.deepcopy(EXAMPLE_SITUATION["persons"]),
        "households": copy.deepcopy(EXAMPLE_SITUATION["households"]),
    }
    household = situation["households"]["household"]
    for name in (
        "dwelling_area",
        "dwelling_rooms",
        "tenure",
        "maintenance_expense",
        "heating_expense",
        "utility_expense",
    ):
        household[name] = {"2021-05": household[name]}
    household["housing_aid"] = {"2021-05": None}
    response = post(http, server, "/calculate", situation)
    assert response.status_code == 200, response.text
    assert response.json()["households"]["household"]["housing_aid"]["2021-05"] == pytest.approx(6666.67, abs=0.01)
    response = post(http, server, "/trace", situation)
    assert response.status_code == 200
    assert "housing_aid<2021-05>" in response.json()["requestedCalculations"]


def test_stock_calculate_wrong_period_is_400_not_500(http, server):
    """The stock API answers a MONTH variable asked for a year with a 500; ours with a 400 and the fix."""
    situation = {"persons": {"a": {}}, "households": {"h": {"applicant": "a", "housing_aid": {"2021": None}}}}
    body = assert_error(post(http, server, "/calculate", situation), 400, "stock_wrong_period", "housing_aid")
    assert "2021-05" in body["fix"]
    body = assert_error(post(http, server, "/trace?lang=ru", situation), 400, "stock_wrong_period")
    assert "месяц" in body["fix"] or "month" in body["fix"]


def test_stock_calculate_year_key_on_a_monthly_input_is_a_short_400(http, server):
    """The stock answer is 10 KB of nulls around the message; it is compacted to the message."""
    situation = {
        "persons": {"a": {}},
        "households": {"h": {"applicant": "a", "dwelling_area": {"2021": 50}, "housing_aid": {"2021-01": None}}},
    }
    response = post(http, server, "/calculate", situation)
    assert response.status_code == 400
    assert len(response.content) < 1000
    assert "can only be set for one month at a time" in response.json()["households"]["h"]["dwelling_area"]


def test_stock_calculate_with_text_content_type_is_not_500(http, server):
    """The stock view crashes (500) on a non-JSON content type; the body is parsed for it first."""
    response = http.post(server + "/calculate", data="{bad", headers={"Content-Type": "text/plain"}, timeout=30)
    assert_error(response, 400, "invalid_json")


# ------------------------------------------------------------------ /entitlement: amounts from the law


def test_entitlement_example_household(http, server):
    """2021-05 (act 3/5-VII, in force 2021-04-05). Two members, 54 m2 two-room flat they own.
    Item 3: income of 2021-01..03 = 3 x (70,000 + 45,000) = 345,000; monthly average 115,000.
    Item 2: limit = 10 % x 115,000 = 11,500.
    Item 12: norm = max(18 x 2, 30) = 36 m2; scale = 36 / 54 = 2/3.
    Item 1: accepted = (3,500 + 14,000) x 2/3 + 6,500 = 18,166.67.
    Item 2: aid = 18,166.67 - 11,500 = 6,666.67."""
    response = post(http, server, "/entitlement", EXAMPLE_SITUATION)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["month"] == "2021-05" and answer["judged_on"] == "2021-05-01"
    assert answer["act"]["number"] == "3/5-VII"
    assert answer["act"]["in_force"] == "2021-04-05"
    assert answer["act"]["in_force_basis"] == "estimated from adoption"
    household = answer["households"]["household"]
    figures = household["figures"]
    assert figures["income_quarter"] == ["2021-01", "2021-02", "2021-03"]
    assert figures["income_base"] == pytest.approx(115_000)
    assert figures["expense_limit"] == pytest.approx(11_500)
    assert figures["norm_area"] == pytest.approx(36)
    assert figures["accepted_expenses"] == pytest.approx(18_166.67, abs=0.01)
    assert household["housing_aid"] == pytest.approx(6_666.67, abs=0.01)
    assert household["eligible"] is True and household["ineligibility_reasons"] == []
    items = [step["item"] for step in household["explanation"]]
    assert {"1", "2", "3", "12"} <= set(items)
    assert "6 666.67" in household["explanation"][-1]["text"]
    # model.openfisca_core: the one installed
    assert answer["model"]["version"] and answer["model"]["openfisca_core"] == version("openfisca-core")


def one_room_pensioner(date="2023-02-15"):
    return {
        "date": date,
        "persons": {"ainur": {"pension": monthly(["2022-10", "2022-11", "2022-12"], 60_000)}},
        "households": {"flat": {
            "applicant": "ainur", "dwelling_area": 32, "dwelling_rooms": 1, "tenure": "state_housing_tenant",
            "maintenance_expense": 0, "heating_expense": 12_000, "rent_expense": 3_000, "utility_expense": 4_500,
            "telephone_fee_increase": 500,
        }},
    }


def test_entitlement_one_room_state_tenant(http, server):
    """2023-02 (act 23/2-VII). A pensioner alone in a 32 m2 one-room flat of the state fund.
    Item 3: income 2022-10..12 = 180,000; average 60,000. Item 2: limit 6,000.
    Item 12: one-room flat counts whole: norm = max(18, 32) = 32 m2; scale = 1.
    Item 1: accepted = (0 + 12,000 + 3,000) x 1 + 4,500 + 500 = 20,000. Item 2: aid = 14,000."""
    answer = post(http, server, "/entitlement", one_room_pensioner()).json()
    assert answer["act"]["number"] == "23/2-VII"
    assert answer["act"]["adilet_id"] == "V22VL030285"
    household = answer["households"]["flat"]
    assert household["figures"]["norm_area"] == pytest.approx(32)
    assert household["figures"]["one_room"] is True
    assert household["figures"]["accepted_expenses"] == pytest.approx(20_000)
    assert household["housing_aid"] == pytest.approx(14_000)


def family_house(date="2024-01-10"):
    months = ["2023-10", "2023-11", "2023-12"]
    return {
        "date": date,
        "persons": {
            "arman": {"salary": {"2023-10": 150_000, "2023-11": 150_000, "2023-12": 180_000}},
            "dana": {"other_income": monthly(months, 20_000)},
            "timur": {"salary": monthly(months, 0)},
        },
        "households": {"house": {
            "applicant": "arman", "other_members": ["dana", "timur"], "dwelling_area": 120, "dwelling_rooms": 4,
            "dwelling_kind": "individual_house", "tenure": "owner",
            "maintenance_expense": 10_000, "heating_expense": 40_000, "utility_expense": 8_000,
        }},
    }


def test_entitlement_family_in_a_house(http, server):
    """2024-01 (act 7/3-VIII, in force 2023-12-14). Three members, a 120 m2 individual house they own.
    Item 3: income 2023-10..12 = (150,000 + 150,000 + 180,000) + 3 x 20,000 + 0 = 540,000; average 180,000.
    Item 2: limit = 18,000. Item 12: norm = max(18 x 3, 30) = 54 m2; scale = 54 / 120 = 0.45.
    Item 1: accepted = (10,000 + 40,000) x 0.45 + 8,000 = 30,500. Item 2: aid = 30,500 - 18,000 = 12,500."""
    answer = post(http, server, "/entitlement", family_house()).json()
    assert answer["act"]["number"] == "7/3-VIII"
    household = answer["households"]["house"]
    assert household["figures"]["income_base"] == pytest.approx(180_000)
    assert household["figures"]["area_scale"] == pytest.approx(0.45)
    assert household["figures"]["accepted_expenses"] == pytest.approx(30_500)
    assert household["housing_aid"] == pytest.approx(12_500)


def test_entitlement_expenses_within_limit_give_no_aid(http, server):
    """Item 2: aid only for expenses above 10 % of income. Item 3: (480,000 + 3 x 420,000 + 0) / 3 =
    580,000 a month -> limit 58,000 > accepted 30,500 (same house as above): eligible, aid 0."""
    body = family_house()
    body["persons"]["dana"]["other_income"] = monthly(["2023-10", "2023-11", "2023-12"], 420_000)
    household = post(http, server, "/entitlement", body).json()["households"]["house"]
    assert household["eligible"] is True
    assert household["housing_aid"] == 0
    assert household["figures"]["expense_limit"] == pytest.approx(58_000)


@pytest.mark.parametrize("change, reason", [
    ({"tenure": "private_tenant"}, "tenure_not_covered"),
    ({"owns_other_dwelling": True}, "owns_other_dwelling"),
    ({"resident_in_district": False}, "not_resident"),
])
def test_entitlement_ineligible_says_why(http, server, change, reason):
    """Item 1: owners of their only dwelling, residents of the district, and tenants of state-fund or
    akimat-leased dwellings only."""
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["households"]["household"].update(change)
    household = post(http, server, "/entitlement", body).json()["households"]["household"]
    assert household["eligible"] is False
    assert household["housing_aid"] == 0
    assert [r["code"] for r in household["ineligibility_reasons"]] == [reason]
    assert household["ineligibility_reasons"][0]["message"]


def test_entitlement_explicit_zeros_are_valid(http, server):
    """An explicit 0 is an answer: no income at all -> limit 0 -> the whole accepted amount is aid."""
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["persons"] = {"aigerim": {"salary": monthly(["2021-01", "2021-02", "2021-03"], 0)}}
    body["households"]["household"]["other_members"] = []
    household = post(http, server, "/entitlement", body).json()["households"]["household"]
    # one member: norm = max(18, 30) = 30 m2, scale 30/54; accepted = 17,500 x 30/54 + 6,500 = 16,222.22
    assert household["housing_aid"] == pytest.approx(16_222.22, abs=0.01)


# ------------------------------------------------------------------ /entitlement: the act per date


@pytest.mark.parametrize("date, act, later", [
    ("2019-11-30", None, None),
    ("2019-12-10", None, "56/2-VI"),  # judged on 2019-12-01; in force from 2019-12-06
    ("2020-01-15", "56/2-VI", None),
    ("2020-04-20", "56/2-VI", "63/2-VI"),  # 63/2-VI from 2020-04-13: applies from May
    ("2020-05-01", "63/2-VI", None),
    ("2021-04-30", "63/2-VI", "3/5-VII"),
    ("2022-10-31", "3/5-VII", None),
    ("2022-11-01", "23/2-VII", None),  # in force on the first day: governs November
    ("2023-12-31", "23/2-VII", "7/3-VIII"),
    ("2024-01-01", "7/3-VIII", None),
    ("2024-03-20", "7/3-VIII", "12/4-VIII"),  # repealed from 2024-03-16: March still under 7/3-VIII
    ("2024-04-01", None, None),
    ("2030-01-01", None, None),
])
def test_entitlement_act_on_each_date(http, server, date, act, later):
    """The month is judged by the rules in force on its first day (revision registry); an act taking
    effect later in the month is reported."""
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["date"] = date
    year, month = int(date[:4]), int(date[5:7])
    first_of_quarter = 3 * ((month - 1) // 3) + 1
    income_months = []
    for k in range(3, 0, -1):
        m = first_of_quarter - k
        y = year if m > 0 else year - 1
        income_months.append(f"{y:04d}-{(m - 1) % 12 + 1:02d}")
    body["persons"] = {
        "aigerim": {"salary": monthly(income_months, 70_000)},
        "bolat": {"pension": monthly(income_months, 45_000)},
    }
    answer = post(http, server, "/entitlement", body).json()
    if act is None:
        assert answer["act"] is None and answer["in_force"] is False
        assert answer["no_decision_in_force"]
        assert answer["households"]["household"]["housing_aid"] == 0
        assert [r["code"] for r in answer["households"]["household"]["ineligibility_reasons"]] == ["not_in_force"]
    else:
        assert answer["act"]["number"] == act
        assert answer["households"]["household"]["housing_aid"] == pytest.approx(6_666.67, abs=0.01)
    if later is None:
        assert answer["later_change_in_month"] is None
    else:
        assert answer["later_change_in_month"]["act"]["number"] == later
        assert answer["later_change_in_month"]["takes_effect"][:7] == date[:7]


def test_entitlement_outside_the_law_needs_no_inputs(http, server):
    """No rule in force -> nothing is computed on the inputs: a bare household gets 'not in force'."""
    body = {"date": "2025-06-01", "persons": {"a": {}}, "households": {"h": {"applicant": "a"}}}
    answer = post(http, server, "/entitlement?lang=kk", body).json()
    assert answer["in_force"] is False and answer["lang"] == "kk"
    assert "шешім" in answer["no_decision_in_force"]


# ------------------------------------------------------------------ required inputs


def test_missing_inputs_are_listed_by_field_and_month(http, server):
    """Item 3 needs the income of every member for each month of the preceding quarter; item 12 the
    area; item 1 the tenure and the expenses. Nothing is computed on zeros: a 400 lists what is missing."""
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["persons"]["bolat"]["pension"] = {"2021-01": 45_000}
    del body["households"]["household"]["heating_expense"]
    del body["households"]["household"]["tenure"]
    response = post(http, server, "/entitlement", body)
    error = assert_error(response, 400, "missing_inputs")
    assert error["missing_count"] == 3
    assert {"field": "households.household.tenure", "months": ["2021-05"], "give": "tenure"} in error["missing"]
    assert {
        "field": "households.household.heating_expense", "months": ["2021-05"], "give": "heating_expense"
    } in error["missing"]
    assert {
        "field": "persons.bolat",
        "months": ["2021-02", "2021-03"],
        "give": "salary | pension | social_benefits | other_income",
    } in error["missing"]


def test_rent_is_required_for_public_tenants(http, server):
    body = one_room_pensioner()
    del body["households"]["flat"]["rent_expense"]
    error = assert_error(post(http, server, "/entitlement", body), 400, "missing_inputs")
    assert error["missing"] == [
        {"field": "households.flat.rent_expense", "months": ["2023-02"], "give": "rent_expense"}
    ]


def test_household_value_keyed_by_another_month_is_missing(http, server):
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["households"]["household"]["dwelling_area"] = {"2021-04": 54}
    error = assert_error(post(http, server, "/entitlement", body), 400, "missing_inputs")
    assert error["missing"][0]["field"] == "households.household.dwelling_area"


def test_household_value_keyed_by_month_is_accepted(http, server):
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["households"]["household"]["dwelling_area"] = {"2021-04": 10, "2021-05": 54}
    answer = post(http, server, "/entitlement", body).json()
    assert answer["households"]["household"]["housing_aid"] == pytest.approx(6_666.67, abs=0.01)


# ------------------------------------------------------------------ errors


def mutate(path, value):
    body = copy.deepcopy(EXAMPLE_SITUATION)
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


@pytest.mark.parametrize(
    "body, status, code, field",
    [
        (mutate(["date"], "2021-02-30"), 400, "invalid_date", "date"),
        (mutate(["date"], "01.05.2021"), 400, "invalid_date", "date"),
        (mutate(["date"], 20210501), 400, "wrong_type", "date"),
        (mutate(["persons", "aigerim", "salary"], {"2021": 70000}), 400, "wrong_period", "persons.aigerim.salary.2021"),
        (
            mutate(["persons", "aigerim", "salary"], {"2021-01-15": 70000}),
            400,
            "wrong_period",
            "persons.aigerim.salary.2021-01-15",
        ),
        (mutate(["persons", "aigerim", "salary"], 70000), 400, "wrong_type", "persons.aigerim.salary"),
        (mutate(["persons", "aigerim", "salery"], {"2021-01": 1}), 400, "unknown_variable", "persons.aigerim.salery"),
        (
            mutate(["households", "household", "housing_aid"], {"2021-05": 5}),
            400,
            "computed_variable",
            "households.household.housing_aid",
        ),
        (mutate(["households", "household", "tenure"], "landlord"), 400, "unknown_enum", "households.household.tenure"),
        (
            mutate(["households", "household", "dwelling_area"], "54"),
            400,
            "wrong_type",
            "households.household.dwelling_area",
        ),
        (
            mutate(["households", "household", "dwelling_area"], -54),
            400,
            "area_not_positive",
            "households.household.dwelling_area",
        ),
        (
            mutate(["households", "household", "heating_expense"], -1),
            400,
            "negative_value",
            "households.household.heating_expense",
        ),
        (
            mutate(["households", "household", "owns_other_dwelling"], "no"),
            400,
            "wrong_type",
            "households.household.owns_other_dwelling",
        ),
        (
            mutate(["households", "household", "applicant"], "zarina"),
            400,
            "unknown_person",
            "households.household.applicant",
        ),
        (
            mutate(["households", "household", "other_members"], ["aigerim"]),
            400,
            "person_twice",
            "households.household.other_members[0]",
        ),
        (mutate(["households"], {}), 400, "empty", "households"),
        (
            mutate(["persons", "aigerim", "salary", "2021-01"], 1e300),
            400,
            "out_of_range",
            "persons.aigerim.salary.2021-01",
        ),
        (
            mutate(["households", "household", "dwelling_rooms"], 1.5),
            400,
            "wrong_type",
            "households.household.dwelling_rooms",
        ),
        (mutate(["colour"], "red"), 400, "unknown_key", "colour"),
    ],
)
def test_bad_requests_get_a_4xx_naming_field_and_fix(http, server, body, status, code, field):
    assert_error(post(http, server, "/entitlement", body), status, code, field)


def test_errors_speak_the_requested_language(http, server):
    body = mutate(["date"], "2021-02-30")
    ru = assert_error(post(http, server, "/entitlement?lang=ru", body), 400, "invalid_date")
    kk = assert_error(
        post(http, server, "/entitlement", body, headers={"Accept-Language": "kk-KZ, ru;q=0.8"}), 400, "invalid_date"
    )
    en = assert_error(
        post(http, server, "/entitlement", body, headers={"Accept-Language": "fr, en;q=0.5"}), 400, "invalid_date"
    )
    assert "корректной датой" in ru["error"] and ru["lang"] == "ru"
    assert "жарамды күн емес" in kk["error"] and kk["lang"] == "kk"
    assert "not a valid date" in en["error"]
    assert "\\u" not in http.post(server + "/entitlement?lang=ru", json=body, timeout=30).text  # not escaped
    wrong = assert_error(
        post(http, server, "/entitlement?lang=ru", mutate(["households", "household", "dwelling_area"], "54")),
        400,
        "wrong_type",
    )
    assert wrong["error"] == "households.household.dwelling_area должно быть: число; получено: строка '54'."
    missing = assert_error(
        post(http, server, "/entitlement?lang=kk", {"persons": {}, "households": {}}), 400, "missing_field", "date"
    )
    assert missing["fix"].startswith("Күнді ЖЖЖЖ-АА-КК")


def test_invalid_json_and_non_object(http, server):
    assert_error(
        http.post(server + "/entitlement", data='{"date": ', headers={"Content-Type": "application/json"}, timeout=30),
        400,
        "invalid_json",
    )
    assert_error(
        http.post(
            server + "/entitlement", data=b"\xff\xfe\x00", headers={"Content-Type": "application/json"}, timeout=30
        ),
        400,
        "invalid_json",
    )
    assert_error(post(http, server, "/entitlement", [1, 2]), 400, "body_not_object")
    assert_error(post(http, server, "/entitlements", "text"), 400, "body_not_object")


def test_body_too_large_is_413_json(http, server):
    big = b'{"date": "2021-05-01", "households": [' + b"{}," * (6 * 1024 * 1024) + b"{}]}"
    response = http.post(server + "/entitlements", data=big, headers={"Content-Type": "application/json"}, timeout=60)
    body = assert_error(response, 413, "body_too_large", "body")
    assert "20000" in body["fix"]


def test_chunked_body_too_large_is_413_too(http, server):
    """Without Content-Length (chunked), the input stream stops at the limit: still a 413, not a 400."""
    def chunks():
        yield b'{"date": "2021-05-01", "households": ['
        for _ in range(1200):
            yield b"{}," * 5000
        yield b"{}]}"

    response = http.post(
        server + "/entitlements", data=chunks(), headers={"Content-Type": "application/json"}, timeout=60
    )
    assert_error(response, 413, "body_too_large", "body")


def test_too_many_households(http, server):
    body = {"date": "2021-05-01", "persons": {f"p{i}": {} for i in range(101)},
            "households": {f"h{i}": {"applicant": f"p{i}"} for i in range(101)}}
    assert_error(post(http, server, "/entitlement", body), 400, "too_many_households", "households")
    batch = {
        "date": "2021-05-01",
        "households": {"dwelling_area": [50] * 20_001},
        "persons": {"household": list(range(20_001))},
    }
    assert_error(post(http, server, "/entitlements", batch), 400, "too_many_households", "households")


def test_stock_calculate_is_bounded(http, server):
    """The stock JSON builder is O(n^2): beyond 5,000 entries of an entity the request could outlast the worker."""
    situation = {"persons": {f"p{i}": {} for i in range(5_001)},
                 "households": {f"h{i}": {"applicant": f"p{i}"} for i in range(5_001)}}
    body = assert_error(post(http, server, "/calculate", situation), 400, "too_many_entities")
    assert body["field"] in ("persons", "households") and "/entitlements" in body["fix"]


def test_unknown_route_and_method(http, server):
    assert_error(http.get(server + "/entitlement", timeout=30), 405, "method_not_allowed")
    assert_error(http.get(server + "/no/such/route", timeout=30), 404, "not_found")
    assert_error(http.get(server + "/variable/no_such_variable", timeout=30), 404, "not_found")


# ------------------------------------------------------------------ /entitlements


def test_batch_records_and_columns_agree_with_single(http, server):
    records = post(http, server, "/entitlements", EXAMPLE_RECORDS).json()
    assert records["households"][0]["housing_aid"] == pytest.approx(6_666.67, abs=0.01)
    columns = post(http, server, "/entitlements", EXAMPLE_COLUMNS).json()
    # h2: one member in a 30 m2 one-room flat of the state fund, income 40,000 -> limit 4,000;
    # norm = max(18, 30) = 30 -> scale 1; accepted = 9,000 + 4,000 + 3,000 = 16,000; aid 12,000.
    assert columns["households"]["id"] == ["h1", "h2"]
    assert columns["households"]["housing_aid"] == pytest.approx([6_666.67, 12_000], abs=0.01)
    assert columns["total_housing_aid"] == pytest.approx(18_666.67, abs=0.01)
    assert columns["act"]["number"] == "3/5-VII"


def test_batch_of_two_thousand(http, server):
    n = 2_000
    months = ["2021-01", "2021-02", "2021-03"]
    body = {
        "date": "2021-05-01",
        "households": {
            "dwelling_area": [54] * n,
            "dwelling_rooms": [2] * n,
            "tenure": ["owner", "private_tenant"] * (n // 2),
            "maintenance_expense": [3500] * n,
            "heating_expense": [14000] * n,
            "utility_expense": [6500] * n,
        },
        "persons": {
            "household": [i // 2 for i in range(2 * n)],
            "salary": {m: [70000, 0] * n for m in months},
            "pension": {m: [0, 45000] * n for m in months},
        },
    }
    answer = post(http, server, "/entitlements", body).json()
    assert answer["count"] == n
    assert answer["households"]["housing_aid"][:2] == pytest.approx([6_666.67, 0], abs=0.01)
    assert answer["households"]["ineligibility_reasons"][1] == ["tenure_not_covered"]
    assert answer["total_housing_aid"] == pytest.approx(6_666.67 * n / 2, rel=1e-6)


def test_batch_missing_income_columns(http, server):
    body = copy.deepcopy(EXAMPLE_COLUMNS)
    body["persons"]["salary"]["2021-03"] = [70000, None, None]
    del body["persons"]["pension"]["2021-03"]
    error = assert_error(post(http, server, "/entitlements", body), 400, "missing_inputs")
    assert [m["field"] for m in error["missing"]] == ["persons.1", "persons.2"]
    assert error["missing"][0]["months"] == ["2021-03"]


def test_batch_errors(http, server):
    body = copy.deepcopy(EXAMPLE_COLUMNS)
    body["households"]["dwelling_area"] = [54, -1]
    assert_error(post(http, server, "/entitlements", body), 400, "area_not_positive", "households.dwelling_area[1]")
    body = copy.deepcopy(EXAMPLE_COLUMNS)
    body["households"]["tenure"] = ["owner", "squatter"]
    assert_error(post(http, server, "/entitlements", body), 400, "unknown_enum", "households.tenure[1]")
    body = copy.deepcopy(EXAMPLE_COLUMNS)
    body["households"]["utility_expense"] = [1]
    assert_error(post(http, server, "/entitlements", body), 400, "length_mismatch", "households.utility_expense")
    body = copy.deepcopy(EXAMPLE_COLUMNS)
    body["persons"]["household"] = ["h1", "h1", "h3"]
    assert_error(post(http, server, "/entitlements", body), 400, "unknown_household", "persons.household[2]")
    body = copy.deepcopy(EXAMPLE_RECORDS)
    body["households"][0]["members"][0]["salary"] = {"2021-Q1": 1}
    assert_error(post(http, server, "/entitlements", body), 400, "wrong_period")


# ------------------------------------------------------------------ /revisions and /spec


def test_revisions_timeline_and_date(http, server):
    timeline = http.get(server + "/revisions", timeout=30).json()
    assert [act["number"] for act in timeline["acts"]] == [
        "56/2-VI",
        "63/2-VI",
        "3/5-VII",
        "23/2-VII",
        "7/3-VIII",
        "12/4-VIII",
    ]
    assert timeline["start"] == "2019-12-06" and timeline["end"] == "2024-03-16"
    on = http.get(server + "/revisions?date=2022-11-01&lang=ru", timeout=30).json()
    assert on["act"]["number"] == "23/2-VII" and on["next_change"]["number"] == "7/3-VIII"
    assert on["title"].startswith("Об определении")
    off = http.get(server + "/revisions?date=2024-03-16", timeout=30).json()
    assert off["in_force"] is False and off["act"] is None
    assert off["message"] == ("No housing-aid decision of Altai district was in force on 2024-03-16: "
                              "decision 56/2-VI was repealed by 12/4-VIII from 2024-03-16.")
    last_day = http.get(server + "/revisions?date=2024-03-15", timeout=30).json()
    assert last_day["act"]["number"] == "7/3-VIII" and last_day["next_change"]["kind"] == "repeal"
    assert_error(http.get(server + "/revisions?date=2024-13-01", timeout=30), 400, "invalid_date", "date")


def test_spec_is_valid_openapi_3_with_our_routes(http, server):
    from openapi_spec_validator import validate

    spec = http.get(server + "/spec", timeout=30).json()
    validate(spec)
    for path in ("/entitlement", "/entitlements", "/revisions", "/calculate", "/trace", "/parameters"):
        assert path in spec["paths"]
    assert spec["servers"][0]["url"] == server
    example = spec["paths"]["/entitlement"]["post"]["requestBody"]["content"]["application/json"]["example"]
    answer = post(http, server, "/entitlement", example).json()
    documented = spec["paths"]["/entitlement"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert answer["households"]["household"]["housing_aid"] == documented["households"]["household"]["housing_aid"]
    for name, example in (
        spec["paths"]["/entitlements"]["post"]["requestBody"]["content"]["application/json"]["examples"].items()
    ):
        assert post(http, server, "/entitlements", example["value"]).status_code == 200, name


def test_other_route_modules_are_served(http, server):
    """api/routes/deadlines.py (issue 5) and diff.py (issue 4) are discovered like ours: served and
    documented in /spec."""
    response = http.get(server + "/deadlines?date=2023-03-20&procedure=housing_aid", timeout=30)
    assert response.status_code == 200, response.text
    response = http.get(server + "/diff?from=2021-06-01&to=2023-01-01", timeout=30)
    assert response.status_code == 200, response.text
    paths = http.get(server + "/spec", timeout=30).json()["paths"]
    assert "/deadlines" in paths and "/diff" in paths


def test_root_answers_as_the_stock_api(http, server):
    response = http.get(server + "/", timeout=30, allow_redirects=False)
    assert response.status_code == 300 and "welcome" in response.json()


# ------------------------------------------------------------------ inline data reforms (issue 4)

SHARE_8 = {"name": "Income share 8 % in 2021", "description": "Item 2 with 8 % instead of 10 % during 2021.",
           "changes": [{"parameter": "local.east_kazakhstan.altai_district.housing_aid.income_share",
                        "values": [{"start": "2021-01-01", "stop": "2021-12-31", "value": 0.08}]}]}


def test_reform_side_by_side_with_the_law(http, server):
    """Item 2 under the reform: limit = 8 % x 115,000 = 9,200; aid = 18,166.67 - 9,200 = 8,966.67
    (the law: 6,666.67). Batch: h2's limit 8 % x 40,000 = 3,200 -> aid 16,000 - 3,200 = 12,800."""
    answer = post(http, server, "/entitlement", dict(EXAMPLE_SITUATION, reform=SHARE_8)).json()
    assert answer["households"]["household"]["housing_aid"] == pytest.approx(6_666.67, abs=0.01)
    assert answer["reform"]["name"] == SHARE_8["name"]
    assert answer["reform"]["changes"][0]["parameter"] == SHARE_8["changes"][0]["parameter"]
    reformed = answer["reform"]["households"]["household"]
    assert reformed["figures"]["income_share"] == pytest.approx(0.08)
    assert reformed["housing_aid"] == pytest.approx(8_966.67, abs=0.01)
    assert SHARE_8["name"] in reformed["explanation"][0]["text"]
    assert "8 %" in " ".join(step["text"] for step in reformed["explanation"])
    batch = post(http, server, "/entitlements", dict(EXAMPLE_COLUMNS, reform=SHARE_8)).json()
    assert batch["reform"]["households"]["housing_aid"] == pytest.approx([8_966.67, 12_800], abs=0.01)
    assert batch["households"]["housing_aid"] == pytest.approx([6_666.67, 12_000], abs=0.01)


def test_reform_outside_its_period_changes_nothing(http, server):
    body = dict(family_house(), reform=SHARE_8)  # judged in 2024-01, the reform stops at 2021-12-31
    answer = post(http, server, "/entitlement", body).json()
    assert answer["reform"]["households"]["house"]["housing_aid"] == answer["households"]["house"]["housing_aid"]


def test_bad_reforms_are_400_naming_the_reform_field(http, server):
    bad = copy.deepcopy(SHARE_8)
    bad["changes"][0]["values"][0]["value"] = "eight"
    assert_error(
        post(http, server, "/entitlement", dict(EXAMPLE_SITUATION, reform=bad)),
        400,
        "invalid_reform",
        "reform.changes[0].values[0].value",
    )
    bad = copy.deepcopy(SHARE_8)
    bad["changes"][0]["values"][0].pop("stop")
    assert post(http, server, "/entitlements", dict(EXAMPLE_RECORDS, reform=bad)).status_code == 400
    code_path = "openfisca_kz_housing.reforms.lower_income_share.lower_income_share"
    assert_error(
        post(http, server, "/entitlement", dict(EXAMPLE_SITUATION, reform=code_path)), 400, "wrong_type", "reform"
    )


def varied(k: int) -> dict:
    """Variations of the example household: area, income, tenure and composition depend on k."""
    body = copy.deepcopy(EXAMPLE_SITUATION)
    months = ["2021-01", "2021-02", "2021-03"]
    body["persons"] = {"aigerim": {"salary": monthly(months, 50_000 + 1_000 * k)}}
    household = body["households"]["household"]
    household.update(dwelling_area=30 + k, dwelling_rooms=1 + k % 3, rent_expense=1_000 * (k % 4),
                     tenure=["owner", "state_housing_tenant", "private_tenant"][k % 3])
    if k % 2:
        body["persons"]["bolat"] = {"pension": monthly(months, 30_000), "other_income": {"2021-01": 500 * k}}
    else:
        household["other_members"] = []
    return body


def test_concurrent_requests_each_get_their_own_answer(http, server):
    """The workers' threads share the tax-benefit system: answers must not leak between requests."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    bodies = [varied(k) for k in range(24)]
    expected = [post(http, server, "/entitlement", body).json()["households"] for body in bodies]
    assert len({json_key(e) for e in expected}) == 24

    def call(k):
        return requests.post(server + "/entitlement", json=bodies[k], timeout=30).json()["households"]

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(call, list(range(24)) * 2)) == expected * 2


def json_key(value) -> str:
    import json

    return json.dumps(value, sort_keys=True)


def test_reform_that_ends_the_aid_early(http, server):
    """A reform setting in_force false from 2023-07-01 (examples/reforms/end_aid_mid_2023.yaml): in
    2023-09 the law pays (act 23/2-VII), the reform pays nothing and says why."""
    end_early = {"name": "Aid ended on 2023-07-01", "description": "in_force false from 2023-07-01 to 2024-03-15.",
                 "changes": [{"parameter": "local.east_kazakhstan.altai_district.housing_aid.in_force",
                              "values": [{"start": "2023-07-01", "stop": "2024-03-15", "value": False}]}]}
    body = copy.deepcopy(EXAMPLE_SITUATION)
    body["date"] = "2023-09-01"
    body["persons"] = {"aigerim": {"salary": monthly(["2023-04", "2023-05", "2023-06"], 70_000)},
                       "bolat": {"pension": monthly(["2023-04", "2023-05", "2023-06"], 45_000)}}
    for lang in ("en", "kk", "ru"):
        answer = post(http, server, f"/entitlement?lang={lang}", dict(body, reform=end_early)).json()
        assert answer["act"]["number"] == "23/2-VII"
        assert answer["households"]["household"]["housing_aid"] == pytest.approx(6_666.67, abs=0.01)
        reformed = answer["reform"]["households"]["household"]
        assert reformed["housing_aid"] == 0 and reformed["eligible"] is False
        assert [r["code"] for r in reformed["ineligibility_reasons"]] == ["not_in_force"]
        assert len(reformed["explanation"]) == 3
    batch = post(http, server, "/entitlements", dict(EXAMPLE_RECORDS, date="2023-09-01", reform=end_early))
    assert batch.status_code == 400  # the records' incomes are for 2021: missing for 2023-04..06
    assert batch.json()["code"] == "missing_inputs"
