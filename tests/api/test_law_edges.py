"""Issue 9 (the law at its edges) and issue 11 item 2 (the law only in variables/) through the HTTP API,
against a real gunicorn. Amounts by hand from decision 56/2-VI, Annex 1 (as of 7/3-VIII)."""

from __future__ import annotations

import pytest

INCOME_Q1_2023 = {"2023-01": 30_000, "2023-02": 30_000, "2023-03": 30_000}  # limit 10 % x 30,000 = 3,000


def post(http, server, path, body, lang="en"):
    return http.post(f"{server}{path}?lang={lang}", json=body, timeout=30)


def single(tenure="owner", rent=20_000, date="2023-05-15", **household):
    """One person, 30 m2 one-room flat (counts whole: item 12), utilities 5,000, income 30,000 a month."""
    return {
        "date": date,
        "persons": {"a": {"salary": INCOME_Q1_2023}},
        "households": {"h": {"applicant": "a", "dwelling_area": 30, "dwelling_rooms": 1, "tenure": tenure,
                             "maintenance_expense": 0, "heating_expense": 0, "utility_expense": 5_000,
                             "rent_expense": rent, **household}},
    }


def test_owner_rent_not_counted_and_warned(http, server):
    """Annex 1, item 1 (third direction): an owner's rent 20,000 is left out: accepted 5,000 - 3,000 = 2,000
    (not 22,000); /entitlement warns, citing the item, and the explanation says it."""
    answer = post(http, server, "/entitlement", single()).json()
    household = answer["households"]["h"]
    assert household["housing_aid"] == pytest.approx(2_000, abs=0.01)
    assert household["figures"]["accepted_expenses"] == pytest.approx(5_000, abs=0.01)
    assert household["figures"]["rent_counted"] is False and household["figures"]["counted_rent"] == 0
    warning = [w for w in household["warnings"] if w["code"] == "rent_not_counted"]
    assert warning and "item 1" in warning[0]["message"] and warning[0]["item"] == "1"
    assert any("not counted" in step["text"] for step in household["explanation"])


def test_state_tenant_rent_counted_without_warning(http, server):
    """Item 1 (third direction): a state-fund tenant's rent counts: 20,000 + 5,000 - 3,000 = 22,000."""
    household = post(http, server, "/entitlement", single("state_housing_tenant")).json()["households"]["h"]
    assert household["housing_aid"] == pytest.approx(22_000, abs=0.01)
    assert not [w for w in household["warnings"] if w["code"] == "rent_not_counted"]


def test_application_date_top_level_and_per_household(http, server):
    """Items 10-11: filed 2023-05-10, April 2023 pays 0 with not_covered_by_application (eligible stays
    item 1's answer); May pays. A household's own date wins over the top-level one."""
    body = single("state_housing_tenant", date="2023-04-15")
    body["application_date"] = "2023-05-10"
    household = post(http, server, "/entitlement", body).json()["households"]["h"]
    assert household["housing_aid"] == 0 and household["eligible"] is True
    assert [r["code"] for r in household["ineligibility_reasons"]] == ["not_covered_by_application"]
    assert household["figures"]["application_covers_month"] is False
    body["households"]["h"]["application_date"] = "2023-04-03"
    household = post(http, server, "/entitlement", body).json()["households"]["h"]
    assert household["housing_aid"] == pytest.approx(22_000, abs=0.01)
    assert household["figures"]["application_date"] == "2023-04-03"


def test_repeat_application_covers_its_whole_quarter_over_http(http, server):
    """Items 6, 10, 11: filed 2023-05-10, a repeat application (housing_aid_repeat_application, the model's
    input, taken per household) covers April 2023: its whole quarter, the project's interpretation
    (parameter procedure.repeat_application_covers_whole_quarter); a first application does not."""
    body = single("state_housing_tenant", date="2023-04-15")
    body["application_date"] = "2023-05-10"
    body["households"]["h"]["housing_aid_repeat_application"] = True
    household = post(http, server, "/entitlement", body).json()["households"]["h"]
    assert household["housing_aid"] == pytest.approx(22_000, abs=0.01)
    assert household["figures"]["application_covers_month"] is True
    body["households"]["h"]["housing_aid_repeat_application"] = False
    household = post(http, server, "/entitlement", body).json()["households"]["h"]
    assert household["housing_aid"] == 0 and household["figures"]["application_covers_month"] is False


def test_application_date_after_cutoff_in_batches(http, server):
    """Item 11: filed 2023-06-27 (after the 25th), June pays 0; the same date in columns and records."""
    def members(person):  # one person in two households is refused (a 400): each household has its own
        return [{"id": person, "salary": INCOME_Q1_2023}]

    records = {"date": "2023-06-01", "households": [
        {"id": "late", "dwelling_area": 30, "dwelling_rooms": 1, "tenure": "owner", "maintenance_expense": 0,
         "heating_expense": 0, "utility_expense": 5_000, "application_date": "2023-06-27", "members": members("a")},
        {"id": "in_time", "dwelling_area": 30, "dwelling_rooms": 1, "tenure": "owner", "maintenance_expense": 0,
         "heating_expense": 0, "utility_expense": 5_000, "application_date": "2023-06-25", "members": members("b")},
    ]}
    answer = post(http, server, "/entitlements", records).json()
    late, in_time = answer["households"]
    assert late["housing_aid"] == 0 and late["ineligibility_reasons"] == ["not_covered_by_application"]
    assert in_time["housing_aid"] == pytest.approx(2_000, abs=0.01) and in_time["ineligibility_reasons"] == []
    columns = {"date": "2023-06-01", "households": {
        "id": ["late", "none"], "dwelling_area": [30, 30], "dwelling_rooms": [1, 1], "tenure": ["owner", "owner"],
        "maintenance_expense": [0, 0], "heating_expense": [0, 0], "utility_expense": [5_000, 5_000],
        "application_date": ["2023-06-27", None]},
        "persons": {"household": [0, 1], "salary": {m: [v, v] for m, v in INCOME_Q1_2023.items()}}}
    answer = post(http, server, "/entitlements", columns).json()
    assert answer["households"]["housing_aid"] == [0, pytest.approx(2_000, abs=0.01)]
    assert "not_covered_by_application" in answer["reasons"]


@pytest.mark.parametrize("value", ["2023-02-30", "10.05.2023", 20230510, ""])
def test_bad_application_date_is_a_400(http, server, value):
    body = single(date="2023-05-15")
    body["application_date"] = value
    response = post(http, server, "/entitlement", body)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["field"] == "application_date" and error["fix"] and error["code"] in ("invalid_date", "wrong_type")
    assert {"error", "code", "field", "fix", "lang"} <= set(error)


def test_reform_moves_the_reasons():
    """Issue 11 item 2: under the reform private_tenants_eligible a private tenant is eligible, paid
    4,000 + 5,000 - 3,000 = 6,000, and has no tenure_not_covered reason; under the law it has the reason.
    api/engine.compute reads the reasons from the model, so the reform moves them."""
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.api import engine, inputs
    from openfisca_kz_housing.reforms.private_tenants_eligible import private_tenants_eligible

    population = inputs.read_situation(single("private_tenant", rent=4_000, date="2023-06-10"), set(), 10)
    law = engine.compute(tax_benefit_system(), population)
    assert engine.reasons_of(law, 0) == ["tenure_not_covered"] and law["housing_aid"][0] == 0
    reformed = engine.compute(private_tenants_eligible(tax_benefit_system()), population)
    assert bool(reformed["housing_aid_eligible"][0]) is True
    assert "tenure_not_covered" not in engine.reasons_of(reformed, 0)
    assert reformed["housing_aid"][0] == pytest.approx(6_000, abs=0.01)


def test_kk_ru_numbers_and_terms(http, server):
    """Issue 9 §6: kk/ru numbers with a no-break space and a decimal comma; the act's own terms; ru plural."""
    body = single("state_housing_tenant")
    body["households"]["h"]["rent_expense"] = 120_000
    ru = post(http, server, "/entitlement", body, "ru").json()["households"]["h"]["explanation"]
    kk = post(http, server, "/entitlement", body, "kk").json()["households"]["h"]["explanation"]
    ru_text, kk_text = " ".join(s["text"] for s in ru), " ".join(s["text"] for s in kk)
    assert "120\u00a0000,00" in ru_text and "120\u00a0000,00" in kk_text
    assert "на каждого из 1 члена семьи" in ru_text
    assert "шекті жол берілетін деңгейі" in kk_text and "тұрғынжайды пайдаланғаны үшін төлем" in kk_text
    assert "жалдау ақысы" not in kk_text
    assert "7/3-VIII шешімімен жаңа редакцияда" not in kk_text  # May 2023: worded by 23/2-VII
    assert "23/2-VII шешімімен жаңа редакцияда" in kk_text
    assert "1-қосымшаның 1-тармағы (2023 жылғы мәтіннің нөмірленуі бойынша)" in kk_text


def test_provenance_by_period(http, server):
    """Issue 9 §3: in February 2020 (original text, 2023 numbering carried back) the title is the
    original's, the steps cite "Annex 1, item N (numbering of the 2023 text)", the carried rules are
    said, and Order 226 (24.04.2020) is not cited; from January 2024 (7/3-VIII) no numbering note."""
    body = single("owner", rent=0, date="2020-02-10")
    body["persons"]["a"]["salary"] = {"2019-10": 30_000, "2019-11": 30_000, "2019-12": 30_000}
    answer = post(http, server, "/entitlement", body).json()
    assert answer["act"]["number"] == "56/2-VI"
    assert answer["act"]["instrument_title"].startswith("Approving the Rules")
    steps = answer["households"]["h"]["explanation"]
    text = " ".join(step["text"] for step in steps)
    assert "in its original wording" in text and "carried back" in text
    assert "Annex 1, item 3 (numbering of the 2023 text)" in text
    assert "226" not in text
    body = single("owner", rent=0, date="2024-01-10")
    body["persons"]["a"]["salary"] = {"2023-10": 30_000, "2023-11": 30_000, "2023-12": 30_000}
    answer = post(http, server, "/entitlement", body).json()
    text = " ".join(step["text"] for step in answer["households"]["h"]["explanation"])
    assert answer["act"]["instrument_title"] == "Size and procedure of housing aid in Altai district"
    assert "Annex 1, item 3:" in text and "numbering of the 2023 text" not in text and "Order No 226" in text


def test_registry_marks_the_repeal_date_and_carried_rules():
    """Issue 9 §3: the repeal's in-force date is an estimate and the earliest possible; carried rules."""
    from openfisca_kz_housing import revisions

    instrument = revisions.instrument()
    repeal = instrument.act("12/4-VIII")
    assert "earliest possible" in repeal.in_force_note and "29.03.2024" in repeal.in_force_note
    carried = [rule["rule"] for rule in instrument.carried_on("2021-06-01")]
    for item in ("item 1", "item 3", "item 5"):
        assert any(item in rule for rule in carried), item
    assert instrument.carried_on("2024-01-01") == []
