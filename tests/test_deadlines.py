"""Procedure deadlines (openfisca_kz_housing.deadlines, kz-housing deadlines, GET /deadlines).

Housing aid: decision 56/2-VI of the Altai district maslikhat, Annex 1, items 6, 9, 10, 11.
Housing queue: resolution 2/516 of the Almaty akimat, Regulation, items 10 and 17.
The calendar tables below are the official production calendars of Kazakhstan 2019-2024 (public
holidays, their Labour-Code carry-over to Monday, and the Government's day-transfer decrees), written
out by hand so that a change in the holidays package shows up here.
"""

import datetime
import json

import pytest

from openfisca_kz_housing import deadlines
from openfisca_kz_housing.cli import main

D = datetime.date.fromisoformat

# Weekdays (Mon-Fri) that were days off, by year.
OFFICIAL_WEEKDAYS_OFF = {
    2019: "01-01 01-02 01-07 03-08 03-21 03-22 03-25 05-01 05-07 05-09 05-10 07-08 08-30 12-02 12-16 12-17",
    2020: "01-01 01-02 01-03 01-07 03-09 03-23 03-24 03-25 05-01 05-07 05-08 07-06 07-31 08-31 12-01 12-16 12-17 12-18",
    2021: "01-01 01-04 01-07 03-08 03-22 03-23 03-24 05-03 05-07 05-10 07-05 07-06 07-20 08-30 12-01 12-16 12-17",
    2022: "01-03 01-04 01-07 03-07 03-08 03-21 03-22 03-23 05-02 05-09 05-10 07-06 08-29 08-30 10-24 10-25 12-16",
    2023: "01-02 01-03 03-08 03-21 03-22 03-23 05-01 05-08 05-09 06-28 07-06 07-07 08-30 10-25 12-18",
    2024: "01-01 01-02 03-08 03-21 03-22 03-25 05-01 05-07 05-08 05-09 07-08 08-30 10-25 12-16",
}
# Weekend days made working days by the transfer decrees.
OFFICIAL_WEEKEND_WORKDAYS = {
    2019: "05-04", 2020: "01-05 12-20", 2021: "07-03", 2022: "03-05 08-27 10-22", 2023: "07-01", 2024: "05-04",
}


def _days(year):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


@pytest.mark.parametrize("year", sorted(OFFICIAL_WEEKDAYS_OFF))
def test_calendar_matches_the_official_calendar(year):
    expected_off = {D(f"{year}-{md}") for md in OFFICIAL_WEEKDAYS_OFF[year].split()}
    expected_weekend_work = {D(f"{year}-{md}") for md in OFFICIAL_WEEKEND_WORKDAYS[year].split()}
    weekdays_off = {d for d in _days(year) if d.weekday() < 5 and not deadlines.is_working_day(d)}
    weekend_work = {d for d in _days(year) if d.weekday() >= 5 and deadlines.is_working_day(d)}
    assert weekdays_off == expected_off
    assert weekend_work == expected_weekend_work


@pytest.mark.parametrize(
    "filed, due, why",
    [
        ("2023-03-20", "2023-04-04", "Nauryz 21-23 March 2023"),
        ("2024-03-20", "2024-04-04", "Nauryz 21-22 March 2024, 23rd a Saturday carried to Monday 25th"),
        ("2019-01-04", "2019-01-17", "Orthodox Christmas, Monday 7 January 2019"),
        ("2019-12-27", "2020-01-13", "1-2 January, Friday 3 January 2020 off, Sunday 5 January worked, 7 January"),
        ("2020-12-15", "2020-12-29", "16-17 December and Friday 18th off, Sunday 20 December 2020 worked"),
        ("2021-12-15", "2021-12-29", "Independence Day 16-17 December 2021"),
        ("2022-12-26", "2023-01-09", "year end: 1 January 2023 a Sunday, 2-3 January off"),
        ("2023-12-25", "2024-01-08", "year end: 1-2 January 2024; 7 January a Sunday, not carried over"),
        ("2024-04-30", "2024-05-15", "1 May, Saturday 4 May 2024 worked, 7-9 May off"),
        ("2022-08-25", "2022-09-07", "Saturday 27 August worked, 29-30 August 2022 off"),
        ("2023-03-25", "2023-04-05", "filed on a Saturday: counting starts on Monday"),
        ("2023-06-27", "2023-07-11", "Kurban ait 28 June, Saturday 1 July worked, 6-7 July 2023 off"),
    ],
)
def test_decision_due_after_8_working_days(filed, due, why):
    """Item 9: the decision within 8 working days of the complete file (the day itself not counted)."""
    assert deadlines.housing_aid_deadlines(filed).decision_due == D(due), why


def test_intake_cutoff_25th_included_by_default():
    """Item 11: documents accepted until the 25th of the quarter's last month; the 25th included."""
    on_25th = deadlines.housing_aid_deadlines("2023-03-25")
    assert on_25th.accepted_for_current_quarter and on_25th.quarter_applied_for == "2023-Q1"
    assert on_25th.intake_cutoff == D("2023-03-25")
    after = deadlines.housing_aid_deadlines("2023-03-26")
    assert not after.accepted_for_current_quarter
    assert after.quarter_applied_for == "2023-Q2"
    assert after.first_month_of_aid == "2023-04"
    strict = deadlines.housing_aid_deadlines("2023-03-25", include_cutoff_day=False)
    assert not strict.accepted_for_current_quarter
    assert deadlines.housing_aid_deadlines("2023-03-24", include_cutoff_day=False).accepted_for_current_quarter


def test_first_month_of_aid_and_next_application():
    """Item 10: a first application gets aid from its month; item 6: apply again next quarter."""
    first = deadlines.housing_aid_deadlines("2023-02-10")
    assert first.first_month_of_aid == "2023-02"
    assert (first.apply_again_from, first.apply_again_until) == (D("2023-04-01"), D("2023-06-25"))
    # Early in the quarter's last month: still the current quarter.
    assert deadlines.housing_aid_deadlines("2022-12-01").first_month_of_aid == "2022-12"
    # Year end, after the cut-off: the file counts for Q1 of next year.
    late = deadlines.housing_aid_deadlines("2023-12-26")
    assert late.quarter_applied_for == "2024-Q1" and late.first_month_of_aid == "2024-01"
    # The next quarter (2024-Q2) starts after the repeal (2024-03-16, estimate): no "apply again" date.
    assert (late.apply_again_from, late.apply_again_until) == (None, None)
    # Repeat application (interpretation, parameter procedure.repeat_application_covers_whole_quarter): the
    # whole quarter it is accepted for, as the model covers it.
    repeat = deadlines.housing_aid_deadlines("2023-05-10", first_application=False)
    assert repeat.first_month_of_aid == "2023-04" and repeat.quarter_applied_for == "2023-Q2"
    assert repeat.last_month_of_aid == "2023-06" and first.last_month_of_aid == "2023-03"
    assert repeat.repeat_covers_whole_quarter is True
    assert repeat.apply_again_from == D("2023-07-01")
    q4 = deadlines.housing_aid_deadlines("2023-11-02")
    # Q1 2024's intake would close on 2024-03-25, after the repeal: it closes the day before the repeal.
    assert (q4.apply_again_from, q4.apply_again_until) == (D("2024-01-01"), D("2024-03-15"))
    assert q4.after_repeal == ["apply_again_until"]  # its own intake (2023-12-25) and decision come before


def _model_covered_months(cases, months):
    """The model's housing_aid_application_covers_month for each (filed, first) case and month."""
    from openfisca_core.simulation_builder import SimulationBuilder

    from openfisca_kz_housing import tax_benefit_system

    persons = {f"p{i}": {} for i in range(len(cases))}
    households = {
        f"h{i}": {
            "applicant": f"p{i}",
            "housing_aid_application_date": {m: filed for m in months},
            "housing_aid_repeat_application": {m: not first for m in months},
        }
        for i, (filed, first) in enumerate(cases)
    }
    simulation = SimulationBuilder().build_from_entities(
        tax_benefit_system(), {"persons": persons, "households": households}
    )
    covers = {m: simulation.calculate("housing_aid_application_covers_month", m) for m in months}
    return [{m for m in months if covers[m][i]} for i in range(len(cases))]


AGREEMENT_DATES = [
    "2020-01-15", "2020-02-14", "2020-03-25", "2020-03-26", "2020-08-20", "2021-04-01", "2021-05-31",
    "2021-06-24", "2021-06-25", "2021-06-26", "2021-11-03", "2022-12-10", "2022-12-28", "2023-02-01",
    "2023-05-10", "2023-05-27", "2023-06-27", "2023-09-30", "2023-12-26", "2024-02-10", "2024-03-10",
]


def test_deadlines_and_model_cover_the_same_months():
    """Items 6, 10, 11: the deadlines' first_month_of_aid..last_month_of_aid are exactly the months the model
    covers, for a first and a repeat application, on every side of the cutoff and under every act (one rule,
    variables/application.py covered_months; a repeat application covers its whole quarter: interpretation)."""
    cases = [(filed, first) for filed in AGREEMENT_DATES for first in (True, False)]
    months = [f"{y}-{m:02d}" for y in range(2020, 2025) for m in range(1, 13) if f"{y}-{m:02d}" <= "2024-03"]
    model = _model_covered_months(cases, months)
    for (filed, first), covered in zip(cases, model, strict=True):
        d = deadlines.housing_aid_deadlines(filed, first_application=first)
        said = {m for m in months if d.first_month_of_aid <= m <= d.last_month_of_aid}
        assert covered == said, (filed, first, sorted(covered), d.first_month_of_aid, d.last_month_of_aid)
        last_year, last_month = d.last_month_of_aid.split("-")
        assert d.quarter_applied_for == f"{last_year}-Q{int(last_month) // 3}"
    # A repeat application filed in the quarter's second month: the model covers its first month too.
    assert model[cases.index(("2023-05-10", False))] == {"2023-04", "2023-05", "2023-06"}
    assert model[cases.index(("2023-05-10", True))] == {"2023-05", "2023-06"}


def test_a_filing_after_the_repeal_is_said_to_cover_no_month_as_in_the_model():
    """12/4-VIII (repeal, in force 2024-03-16, an estimate): the model covers no month for an application filed
    on or after it; the deadlines, which show what the items would give on such a date, say so in a note."""
    months = ["2024-01", "2024-02", "2024-03"]
    for filed in ("2024-03-16", "2024-03-20"):
        assert _model_covered_months([(filed, True), (filed, False)], months) == [set(), set()]
        for first in (True, False):
            notes = deadlines.housing_aid_deadlines(filed, first_application=first).notes
            assert any("covers no month" in note and "2024-03-16" in note for note in notes), notes
    before = deadlines.housing_aid_deadlines("2024-03-15").notes
    assert not any("covers no month" in note for note in before)
    assert _model_covered_months([("2024-03-15", True)], months) == [{"2024-03"}]


def test_repeat_wording_names_the_interpretation_not_a_renewal():
    """The old wording ("renews the aid for the whole quarter", a project convention said nowhere in the model)
    is replaced by the one reading the model uses, labelled an interpretation with its parameter."""
    repeat = deadlines.housing_aid_deadlines("2023-05-10", first_application=False)
    assert "renews" not in repeat.first_month_basis
    assert "interpretation" in repeat.first_month_basis
    assert "repeat_application_covers_whole_quarter" in repeat.first_month_basis
    first = deadlines.housing_aid_deadlines("2023-05-10")
    assert first.first_month_basis.startswith("item 10") and first.repeat_covers_whole_quarter is True
    assert first.as_dict()["last_month_of_aid"] == "2023-06"


def test_deadlines_read_the_interpretation_switch(monkeypatch):
    """The repeat application's months come from the parameter, not from deadlines.py: with the switch off,
    a repeat application starts in its month of filing, like a first one."""
    real = deadlines.legal_value

    def switched_off(instrument_key, path, date):
        return 0 if path == deadlines.REPEAT_COVERS_QUARTER else real(instrument_key, path, date)

    monkeypatch.setattr(deadlines, "legal_value", switched_off)
    repeat = deadlines.housing_aid_deadlines("2023-05-10", first_application=False)
    assert (repeat.first_month_of_aid, repeat.last_month_of_aid) == ("2023-05", "2023-06")
    assert repeat.repeat_covers_whole_quarter is False and "is false" in repeat.first_month_basis


def test_deadlines_say_when_the_decision_is_repealed_first():
    """Repeal 12/4-VIII (in force 2024-03-16, estimate) before item 9's decision falls due (issue 9 §4):
    filed 2024-03-10, the decision is due 2024-03-20; no "apply again" date after the repeal."""
    result = deadlines.housing_aid_deadlines("2024-03-10")
    assert result.in_force and result.repealed_from == D("2024-03-16")
    assert result.decision_due == D("2024-03-20")
    assert "decision_due" in result.after_repeal
    assert any("repealed by 12/4-VIII from 2024-03-16" in note for note in result.notes)
    assert result.apply_again_from is None and result.apply_again_until is None
    early = deadlines.housing_aid_deadlines("2023-05-10")
    assert early.after_repeal == [] and early.apply_again_from == D("2023-07-01")


@pytest.mark.parametrize(
    "date, in_force, act",
    [("2019-12-05", False, None), ("2019-12-06", True, "56/2-VI"), ("2023-03-20", True, "23/2-VII"),
     ("2024-03-15", True, "7/3-VIII"), ("2024-03-16", False, None)],
)
def test_housing_aid_in_force_flag(date, in_force, act):
    result = deadlines.housing_aid_deadlines(date)
    assert (result.in_force, result.act) == (in_force, act)
    assert result.decision_due > D(date)  # computed either way, never an error


@pytest.mark.parametrize(
    "filed, due, moved, in_force",
    [
        ("2012-07-18", "2012-08-17", "2012-08-17", False),
        ("2012-07-19", "2012-08-18", "2012-08-20", True),  # due on a Saturday
        ("2012-12-01", "2012-12-31", "2013-01-03", True),  # 31 Dec 2012 transferred day off, 1-2 January
        ("2012-12-15", "2013-01-14", "2013-01-14", True),  # year end
        ("2013-02-20", "2013-03-22", "2013-03-26", True),  # Nauryz 2013, 23rd carried to Monday 25th
        ("2013-06-28", "2013-07-28", "2013-07-29", True),
        ("2013-06-29", "2013-07-29", "2013-07-29", False),
    ],
)
def test_housing_queue_30_calendar_days(filed, due, moved, in_force):
    """Resolution 2/516, item 10: at most 30 calendar days; item 17: answer at the centre a day before."""
    result = deadlines.housing_queue_deadlines(filed)
    assert result.due_date == D(due)
    assert result.due_date_moved_to_working_day == D(moved)
    assert result.answer_at_service_centre_by == D(due) - datetime.timedelta(days=1)
    assert result.in_force is in_force
    assert result.act == ("2/516" if in_force else None)


@pytest.mark.parametrize("bad", ["2023-02-30", "20.03.2023", "", "1999-12-31", "2100-01-01", None])
def test_bad_dates_name_the_field(bad):
    with pytest.raises(deadlines.DeadlineError) as error:
        deadlines.housing_aid_deadlines(bad)
    assert error.value.field == "date"
    assert "YYYY-MM-DD" in str(error.value) or "2000-2099" in str(error.value)


def test_unknown_procedure():
    with pytest.raises(deadlines.DeadlineError, match="procedure"):
        deadlines.deadlines("2023-03-20", procedure="pension")


# Command line ------------------------------------------------------------------------------------


def test_cli_json(capsys):
    assert main(["deadlines", "--date", "2023-03-20", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decision_due"] == "2023-04-04"
    assert data["first_month_of_aid"] == "2023-03"
    assert data["accepted_for_current_quarter"] is True
    assert main(["deadlines", "--date", "2023-05-10", "--repeat", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["first_month_of_aid"] == "2023-04"
    assert main(["deadlines", "--date", "2012-12-01", "--procedure", "housing_queue", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due_date"] == "2012-12-31"


def test_cli_text_and_errors(capsys):
    assert main(["deadlines", "--date", "2023-03-20", "--first"]) == 0
    out = capsys.readouterr().out
    assert "2023-04-04" in out and "2023-03" in out
    assert main(["deadlines", "--date", "2023-13-01"]) == 2
    assert "--date" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["deadlines", "--date", "2023-03-20", "--first", "--repeat"])


# API route (the real app: its errors go through the API's one error path) --------------------------


@pytest.fixture(scope="module")
def client():
    from openfisca_kz_housing.api import create_app

    return create_app().test_client()


def test_api_housing_aid(client):
    response = client.get("/deadlines?date=2023-03-20&procedure=housing_aid")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["decision_due"], body["first_month_of_aid"], body["in_force"]) == ("2023-04-04", "2023-03", True)
    repeat = client.get("/deadlines?date=2023-05-10&first=false").get_json()
    assert repeat["first_month_of_aid"] == "2023-04"
    assert (repeat["last_month_of_aid"], repeat["repeat_covers_whole_quarter"]) == ("2023-06", True)
    assert "interpretation" in repeat["first_month_basis"]


def test_api_housing_queue(client):
    body = client.get("/deadlines?date=2013-02-20&procedure=housing_queue").get_json()
    assert (body["due_date"], body["due_date_moved_to_working_day"], body["act"]) == ("2013-03-22", "2013-03-26", (
        "2/516"
    ))
    outside = client.get("/deadlines?date=2014-02-20&procedure=housing_queue")
    assert outside.status_code == 200 and outside.get_json()["in_force"] is False


@pytest.mark.parametrize(
    "query, field, code",
    [
        ("", "date", "missing_field"),
        ("date=2023-02-30", "date", "invalid_date"),
        ("date=tomorrow", "date", "invalid_date"),
        ("date=1990-01-01", "date", "invalid_date"),
        ("date=2023-03-20&procedure=pension", "procedure", "unknown_enum"),
        ("date=2023-03-20&first=maybe", "first", "wrong_type"),
        ("date=2023-03-20&dat=1", "dat", "unknown_parameter"),
        ("date=2020-W05", "date", "invalid_date"),  # ISO week dates and the basic format are refused
        ("date=2020-W05-3", "date", "invalid_date"),
        ("date=20200101", "date", "invalid_date"),
    ],
)
def test_api_bad_input_is_400_naming_the_field(client, query, field, code):
    response = client.get(f"/deadlines?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert (body["field"], body["code"]) == (field, code)
    assert body["error"] and body["fix"]


def test_openapi_paths():
    from openfisca_kz_housing.api.routes import deadlines as route

    get = route.OPENAPI_PATHS["/deadlines"]["get"]
    assert [p["name"] for p in get["parameters"]] == ["date", "procedure", "first"]
    assert set(get["responses"]) == {"200", "400"}
    for schema in get["responses"]["200"]["content"]["application/json"]["schema"]["oneOf"]:
        assert schema["$ref"].split("/")[-1] in route.OPENAPI_SCHEMAS


def test_procedure_numbers_are_dated_parameters_read_for_any_date():
    """Items 9 and 11 of 56/2-VI and item 10 of 2/516 live in parameters; outside an instrument's life
    the nearest text's value is shown (beside the not-in-force flag)."""
    from openfisca_kz_housing.deadlines import DECISION_WORKING_DAYS, INTAKE_DAY, QUEUE_CALENDAR_DAYS, legal_value

    assert legal_value("altai_housing_aid", DECISION_WORKING_DAYS, datetime.date(2022, 5, 4)) == 8
    assert legal_value("altai_housing_aid", INTAKE_DAY, datetime.date(2015, 1, 1)) == 25  # before: first text
    assert legal_value("almaty_housing_queue", QUEUE_CALENDAR_DAYS, datetime.date(2020, 1, 1)) == 30  # after the repeal
