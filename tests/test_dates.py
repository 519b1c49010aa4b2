"""openfisca_kz_housing.dates: the one strict reader of days and months, and item 3's quarter."""

from __future__ import annotations

import datetime

import pytest
from openfisca_core import periods

from openfisca_kz_housing import dates


@pytest.mark.parametrize("text", ["2020-W05", "2020-W05-3", "20200101", "2020-1-05", "2020-01-5", " 2020-01-05",
                                  "2020-01-05\n", "２０２０-01-05", "2020-02-30", "2021-13-01", "2020-01-05T00:00", ""])
def test_a_day_is_written_yyyy_mm_dd_and_exists(text):
    """Python 3.11's fromisoformat takes week dates and the basic format: the API and commands do not."""
    with pytest.raises(dates.DateFormatError) as error:
        dates.parse_day(text, "date")
    assert error.value.field == "date" and "YYYY-MM-DD" in error.value.message


def test_accepted_days_and_their_sources():
    assert dates.parse_day("2024-02-29") == datetime.date(2024, 2, 29)
    assert dates.parse_day(datetime.datetime(2023, 3, 20)) == datetime.date(2023, 3, 20)
    assert dates.parse_day(periods.instant("2023-03-20")) == datetime.date(2023, 3, 20)
    assert dates.parse_day("2023-03", month_means_first_day=True) == datetime.date(2023, 3, 1)
    with pytest.raises(dates.DateFormatError, match="time of day"):
        dates.parse_day(datetime.datetime(2023, 3, 20, 10, 0))
    with pytest.raises(dates.DateFormatError) as error:
        dates.parse_day("1990-01-01", first_year=2000, last_year=2099)
    assert error.value.reason == "range" and error.value.years == " (2000-2099)"


@pytest.mark.parametrize("text", ["2020-W05", "202001", "2020-1", "2020-00", "2020-13", "2020-01-01", 202001])
def test_a_month_is_written_yyyy_mm(text):
    assert not dates.is_month(text)
    with pytest.raises(dates.DateFormatError, match="YYYY-MM"):
        dates.parse_month(text)


def test_month_arithmetic():
    assert dates.month_ordinal("2021-04") == 2021 * 12 + 3 and dates.ordinal_month(2021 * 12 + 3) == "2021-04"
    assert dates.add_months("2021-11", 3) == "2022-02" and dates.add_months("2021-01", -1) == "2020-12"
    assert dates.month_range("2020-11", "2021-02") == ["2020-11", "2020-12", "2021-01", "2021-02"]
    with pytest.raises(ValueError, match="swap them"):
        dates.month_range("2021-02", "2020-11")


@pytest.mark.parametrize("month", [f"{year}-{m:02d}" for year in (2019, 2020, 2024) for m in range(1, 13)])
def test_item_3_quarter_before_the_months_quarter(month):
    """Decision 56/2-VI, Annex 1, item 3: income "for the quarter preceding the quarter of application";
    the OpenFisca period (formulas) and the month strings (API, budget) are the same three months."""
    period = dates.preceding_quarter(periods.period(month))
    as_strings = [str(period.first_month.offset(k)) for k in range(3)]
    assert dates.preceding_quarter_months(month) == as_strings
    quarter_start = (int(month[5:]) - 1) // 3 * 3 + 1
    assert dates.add_months(as_strings[0], 3) == f"{month[:4]}-{quarter_start:02d}"


def test_income_months_span_every_quarter_judged():
    """Item 3 for a run of months: from the quarter before the first month's quarter to the last
    month's quarter's preceding quarter (2020-02..2020-04 reads 2019-10..2020-03)."""
    assert dates.income_months(["2020-02", "2020-03", "2020-04"]) == dates.month_range("2019-10", "2020-03")
    assert dates.income_months(["2021-01"]) == ["2020-10", "2020-11", "2020-12"]
