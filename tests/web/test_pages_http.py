"""The pages over HTTP (no browser): languages, labels, errors by field, uploads, the reform short form.

Figures are checked against the engine's own entry points (POST /entitlement, the budget package run on
the same files), never against numbers written here, except the README's and docs/budget.md's worked
examples of the law (items 1-3 and 12 of decision 56/2-VI).
"""

from __future__ import annotations

import io
import re

import pytest
import yaml

from openfisca_kz_housing.enums import DwellingKind, Tenure
from openfisca_kz_housing.web import calculator, text

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
README_FORM = {"date": "2022-01-01", "member-0-salary": "60 000", "member-1-pension": "40000", "dwelling_area": "60",
               "dwelling_rooms": "2", "dwelling_kind": "apartment", "tenure": "owner", "maintenance_expense": "6000",
               "heating_expense": "12000", "utility_expense": "5000", "resident_in_district": "1"}
HOUSEHOLDS_CSV = """household_id,dwelling_area,dwelling_rooms,dwelling_kind,tenure,\
maintenance_expense,heating_expense,rent_expense,utility_expense
owners_flat,54,2,apartment,owner,3500,14000,0,6500
dormitory_tenant,20,1,dormitory_room,state_housing_tenant,0,4000,2000,3000
"""
PERSONS_CSV = """person_id,household_id,role,salary,pension
aigerim,owners_flat,applicant,70000,0
bolat,owners_flat,other_member,0,45000
dana,dormitory_tenant,applicant,0,50000
"""


def lang_of(html: str) -> str:
    return re.search(r'<html lang="(\w+)"', html).group(1)


def output(html: str, element_id: str) -> float:
    found = re.search(rf'id="{element_id}">([^<]*)<', html)
    assert found, f"no #{element_id} in the page"
    return float(re.sub(r"\s", "", found.group(1)).replace(",", "."))


def error_of(html: str, element_id: str) -> str | None:
    found = re.search(rf'id="{element_id}-error"[^>]*>([^<]*)<', html)
    return found.group(1) if found else None


def test_every_page_string_exists_in_kazakh_russian_and_english():
    for key, entry in text.strings().items():
        if key.startswith("enum_"):
            assert set(entry) >= {"kk", "ru"}, key  # English is the model's own Enum text
        else:
            assert set(entry) >= {"en", "kk", "ru"}, key
    for member in [*DwellingKind, *Tenure]:
        assert f"enum_{member.name}" in text.strings(), member.name


@pytest.mark.parametrize("header, expected", [("ru-RU,ru;q=0.9,en;q=0.5", "ru"), ("kk", "kk"), ("kz-KZ", "kk"),
                                              ("de-DE", "en"), ("fr, en;q=0.1", "en")])
def test_language_comes_from_accept_language(site, http, header, expected):
    response = http.get(f"{site}/calculator", headers={"Accept-Language": header}, cookies={}, timeout=30)
    assert lang_of(response.text) == expected


def test_language_chosen_is_remembered(site):
    import requests

    with requests.Session() as session:
        session.get(f"{site}/changes?lang=kk", timeout=30)
        page = session.get(f"{site}/budget", headers={"Accept-Language": "en"}, timeout=30)
        assert lang_of(page.text) == "kk"


def test_home_for_browsers_links_the_pages_and_the_api_while_api_clients_keep_the_stock_welcome(site, http):
    page = http.get(f"{site}/?lang=en", headers=HTML, timeout=30)
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    for link in ("/calculator", "/budget", "/changes", "/spec"):
        assert f'href="{link}"' in page.text
    stock = http.get(f"{site}/", timeout=30, allow_redirects=False)
    assert stock.status_code == 300 and "welcome" in stock.json()


def test_assets_are_served_by_the_application(site, http):
    page = http.get(f"{site}/calculator?lang=en", timeout=30).text
    for asset in re.findall(r'(?:href|src)="(/assets/[^"]+)"', page):
        assert http.get(site + asset, timeout=30).status_code == 200
    assert "//" not in "".join(re.findall(r'(?:href|src)="(https?:[^"]+)"', page))  # no CDN


def test_calculator_page_answers_as_post_entitlement(site, http):
    """Items 3, 2, 12, 1: the README household gets 5,800 under 3/5-VII, as the API answers."""
    page = http.post(f"{site}/calculator?lang=en", data=README_FORM, timeout=30)
    assert page.status_code == 200
    assert output(page.text, "housing_aid") == pytest.approx(5800, abs=0.01)
    assert "3/5-VII" in re.search(r'id="act">([^<]*)<', page.text).group(1)


def test_required_inputs_missing_are_shown_next_to_their_fields(site, http):
    """Annex 1: the expenses of item 1 and the incomes of item 3 are required (an explicit 0 is valid)."""
    form = dict(README_FORM)
    form.pop("maintenance_expense")
    form["member-1-pension"] = ""  # the second member's fields are on the page, left empty
    page = http.post(f"{site}/calculator?lang=ru", data=form, timeout=30).text
    assert error_of(page, "maintenance_expense")
    assert error_of(page, "member-1-salary") and "2021-10" in error_of(page, "member-1-salary")
    assert 'id="housing_aid"' not in page


def test_a_month_by_month_amount_overrides_the_same_amount(site, http):
    """Item 3: the income base is the quarter's total / 3: 60,000 + 60,000 + 30,000 of salary and 40,000 of
    pension a month give 90,000, a 9,000 limit and 6,800 of aid instead of 5,800."""
    form = dict(README_FORM, **{"member-0-salary-m2": "30000"})
    page = http.post(f"{site}/calculator?lang=en", data=form, timeout=30).text
    assert output(page, "housing_aid") == pytest.approx(6800, abs=0.01)


def test_print_sheet_of_a_refused_calculation_returns_the_form_with_errors(site, http):
    page = http.post(f"{site}/calculator/print?lang=en", data=dict(README_FORM, date="2022-13-40"), timeout=30)
    assert page.status_code == 400 and error_of(page.text, "date")


@pytest.mark.parametrize("path, expected", [
    ("date", "date"), ("households.household.dwelling_area", "dwelling_area"),
    ("households.household.tenure", "tenure"), ("persons.member-2", "member-2-salary"),
    ("persons.member-1.pension.2021-10", "member-1-pension"), ("body", None), (None, None)])
def test_engine_fields_map_to_element_ids(path, expected):
    calc = calculator.Calculation(form={}, members=[0, 1, 2], months=["2021-10", "2021-11", "2021-12"])
    assert calculator.element_id(path, calc) == expected


def _budget(http, site, data, files=None, lang="en"):
    return http.post(f"{site}/budget?lang={lang}", data=data, files=files or {}, timeout=180)


def test_budget_desk_refuses_bad_months_next_to_the_field(site, http):
    page = _budget(http, site, {"population": "synthetic", "from": "2023-13", "to": "2023-12"})
    assert page.status_code == 400 and error_of(page.text, "from")


def test_uploaded_population_every_problem_by_file_row_and_column(site, http):
    bad = HOUSEHOLDS_CSV.replace("owners_flat,54,", "owners_flat,abc,")
    page = _budget(http, site, {"population": "upload"}, files={
        "households": ("my_households.csv", io.BytesIO(bad.encode()), "text/csv"),
        "persons": ("my_persons.csv", io.BytesIO(PERSONS_CSV.encode()), "text/csv")})
    assert page.status_code == 400
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", page.text)
    assert any("my_households.csv" in name and row == "1" and column == "dwelling_area"
               for name, row, column, _ in rows), rows


def test_uploaded_population_costs_as_docs_budget_example(site, http):
    """docs/budget.md: February 2021 (3/5-VII) pays 6,666.67 and 4,000 tenge to these two households."""
    page = _budget(http, site, {"population": "upload", "from": "2021-02", "to": "2021-02"}, files={
        "households": ("households.csv", io.BytesIO(HOUSEHOLDS_CSV.encode()), "text/csv"),
        "persons": ("persons.csv", io.BytesIO(PERSONS_CSV.encode()), "text/csv")})
    assert page.status_code == 200, page.text[:500]
    assert output(page.text, "total_cost") == pytest.approx(6666.67 + 4000, abs=0.02)
    assert "synthetic-banner" not in page.text


def test_short_form_builds_the_data_reform_it_offers_as_yaml(site, http, tmp_path):
    """The short form's reform is an ordinary bounded data reform: loaded from the downloaded YAML by the
    budget package, it costs what the page says."""
    from openfisca_kz_housing import tax_benefit_system
    from openfisca_kz_housing.budget import scenarios
    from openfisca_kz_housing.budget.run import run_budget
    from openfisca_kz_housing.examples import month_range
    from openfisca_kz_housing.population import load_population

    folder = tmp_path / "population"
    folder.mkdir()
    (folder / "households.csv").write_text(HOUSEHOLDS_CSV)
    (folder / "persons.csv").write_text(PERSONS_CSV)
    page = _budget(http, site, {"population": "upload", "from": "2023-01", "to": "2023-03", "sf_income_share": "8",
                                "sf_start": "2023-01-01", "sf_stop": "2023-12-31", "sf_name": "Share 8 %"}, files={
        "households": ("households.csv", io.BytesIO(HOUSEHOLDS_CSV.encode()), "text/csv"),
        "persons": ("persons.csv", io.BytesIO(PERSONS_CSV.encode()), "text/csv")})
    assert page.status_code == 200, page.text[:500]
    link = re.search(r'id="download-reform" href="([^"]+)"', page.text).group(1)
    document = yaml.safe_load(http.get(site + link, timeout=30).text)
    change = document["changes"][0]
    assert change["parameter"].endswith("housing_aid.income_share")
    assert change["values"] == [{"start": "2023-01-01", "stop": "2023-12-31", "value": 0.08}]
    path = tmp_path / "reform.yaml"
    path.write_text(yaml.safe_dump(document))
    run = run_budget(load_population(folder), month_range("2023-01", "2023-03"),
                     scenarios.scenarios(tax_benefit_system(), [str(path)]))
    reform_total = float(run.aid[run.scenarios[1].key].astype("float64").sum())
    assert output(page.text, "total_cost-1") == pytest.approx(reform_total, abs=1)


def test_bad_reform_file_is_refused_next_to_its_field(site, http):
    reform = (b"name: x\ndescription: y\nchanges:\n  - parameter: no.such.parameter\n"
              b"    values: [{start: 2023-01-01, stop: 2023-12-31, value: 1}]\n")
    page = _budget(http, site, {"population": "synthetic", "from": "2023-01", "to": "2023-01"},
                   files={"reform_file": ("reform.yaml", io.BytesIO(reform), "application/yaml")})
    assert page.status_code == 400 and error_of(page.text, "reform_file")


@pytest.mark.parametrize("mib", [9, 17])  # over the 8 MiB a file; over the application's 16 MiB a request
def test_a_population_over_the_limits_gets_the_form_again_not_a_json_error(site, http, mib):
    big = io.BytesIO(b"household_id\n" + b"1\n" * (mib * 2**19))
    page = _budget(http, site, {"population": "upload"}, files={
        "households": ("households.csv", big, "text/csv"),
        "persons": ("persons.csv", io.BytesIO(PERSONS_CSV.encode()), "text/csv")})
    assert page.status_code in (400, 413) and "text/html" in page.headers["Content-Type"]
    assert error_of(page.text, "households")


def test_application_date_goes_to_the_engine_and_its_errors_come_back_to_its_field(site, http):
    """The optional application date (issue 9) is POST /entitlement's own input: the page passes it through."""
    sheet = http.post(f"{site}/calculator/print?lang=en", data=dict(README_FORM, application_date="2022-01-10"),
                      timeout=30).text
    assert "2022-01-10" in sheet and output(sheet, "housing_aid") == pytest.approx(5800, abs=0.01)
    page = http.post(f"{site}/calculator?lang=en", data=dict(README_FORM, application_date="2022-02-30"),
                     timeout=30).text
    assert error_of(page, "application_date")


def test_a_repeat_application_covers_its_whole_quarter_on_the_page(site, http):
    """Items 6, 10, 11: filed 2022-02-10, a first application does not cover January 2022 (item 10: from the
    month of application); ticked as a repeat application it does (its whole quarter: the interpretation of
    procedure.repeat_application_covers_whole_quarter, the model's one rule)."""
    form = dict(README_FORM, application_date="2022-02-10")
    first = http.post(f"{site}/calculator/print?lang=en", data=form, timeout=30).text
    assert output(first, "housing_aid") == pytest.approx(0, abs=0.01)
    repeat = http.post(f"{site}/calculator/print?lang=en", data=dict(form, housing_aid_repeat_application="1"),
                       timeout=30).text
    assert output(repeat, "housing_aid") == pytest.approx(5800, abs=0.01)
    page = http.get(f"{site}/calculator?lang=en", headers=HTML, timeout=30).text
    assert 'id="housing_aid_repeat_application"' in page


@pytest.mark.parametrize("query, field", [("reform=no_such_reform", "reform"), ("from=2021-13-01", "from"),
                                          ("from=2020-W05&to=2023-01-01", "from")])
def test_changes_shows_a_bad_date_or_reform_next_to_its_field(site, http, query, field):
    """The /changes page answers a bad reform or date (the API's strict reader) with its message, never a 500."""
    page = http.get(f"{site}/changes?{query}&lang=en", headers=HTML, timeout=30)
    assert page.status_code == 200 and f'id="{field}-error"' in page.text


def test_calculator_refuses_a_non_finite_amount_and_a_huge_member_index(site, http):
    """'nan' is not an amount: the engine's message, not a silent drop; a 5,000-digit member index is no member."""
    form = {"date": "2022-01-01", "member-0-salary": "nan", "dwelling_area": "30", "dwelling_rooms": "1",
            "dwelling_kind": "apartment", "tenure": "owner", "utility_expense": "9000",
            "member-" + "9" * 5000 + "-salary": "1"}
    page = http.post(f"{site}/calculator?lang=en", data=form, headers=HTML, timeout=30)
    assert page.status_code in (200, 400) and 'id="housing_aid"' not in page.text
