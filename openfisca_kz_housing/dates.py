"""Dates and periods: the one strict reader of days and months, month arithmetic and item 3's quarter.

Every route, command and file reader reads a day as ``YYYY-MM-DD`` and a month as ``YYYY-MM`` here, and
nothing else: ISO 8601's week dates (``2020-W05``, ``2020-W05-3``) and basic format (``20200101``),
which ``datetime.date.fromisoformat`` accepts since Python 3.11, are refused. A refusal is a
:class:`DateFormatError` (a ``ValueError``) that names the field and the fix; each interface turns it
into its own error (HTTP 400, a one-line CLI error, a ``ReformError``).

Decision 56/2-VI, Annex 1, item 3: income is taken "for the quarter preceding the quarter of
application": :func:`preceding_quarter` (an OpenFisca period, for formulas) and
:func:`preceding_quarter_months` (its three months) are the only definitions of it.
"""

from __future__ import annotations

import datetime
import re

from openfisca_core import periods

DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MONTH_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}")
FIRST_YEAR, LAST_YEAR = 1900, 2199  # wide: the acts run 2012-2024; a typo such as 0202 is caught
DAY_EXAMPLE, MONTH_EXAMPLE = "2023-03-20", "2023-03"


class DateFormatError(ValueError):
    """A value that is not a day (or month) written strictly; ``field``, ``value``, ``message``."""

    def __init__(self, field: str, value, message: str, reason: str = "format", years: str = ""):
        super().__init__(f"{field}: {message}")
        self.years = years  # " (1900-2199)" when the value is outside the years read
        self.field = field
        self.value = value
        self.message = message
        self.reason = reason  # "format" (not written YYYY-MM-DD / YYYY-MM) or "range" (outside the years)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "..."


def _check_years(date: datetime.date, field: str, first_year: int, last_year: int, shown: str) -> None:
    if not first_year <= date.year <= last_year:
        raise DateFormatError(field, shown, f"{shown} is outside {first_year}-{last_year}; check the year",
                              reason="range", years=f" ({first_year}-{last_year})")


def parse_day(value, field: str = "date", *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR,
              month_means_first_day: bool = False) -> datetime.date:
    """A day from a string ``YYYY-MM-DD`` (strictly), a ``datetime.date``, a datetime at midnight or an
    OpenFisca Instant. ``month_means_first_day``: ``YYYY-MM`` is read as the month's first day."""
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time(0):
            raise DateFormatError(field, value, f"{_shown(value)} has a time of day; write a date only, YYYY-MM-DD")
        value = value.date()
    elif isinstance(value, periods.Instant):
        value = value.date
    if isinstance(value, datetime.date):
        _check_years(value, field, first_year, last_year, value.isoformat())
        return value
    if not isinstance(value, str):
        raise DateFormatError(field, value, f"{_shown(value)} is not a valid date; write YYYY-MM-DD, "
                                            f"e.g. {DAY_EXAMPLE}")
    text = value
    if month_means_first_day and MONTH_PATTERN.fullmatch(text):
        text += "-01"
    if not DAY_PATTERN.fullmatch(text):
        hint = f" (for a whole month, its first day: {value}-01)" if MONTH_PATTERN.fullmatch(value) else ""
        raise DateFormatError(field, value, f"{_shown(value)} is not a valid date; write YYYY-MM-DD, "
                                            f"e.g. {DAY_EXAMPLE}{hint}")
    try:
        date = datetime.date.fromisoformat(text)
    except ValueError:
        raise DateFormatError(field, value, f"{_shown(value)} is not a valid date; write YYYY-MM-DD, "
                                            f"e.g. {DAY_EXAMPLE} (this day does not exist)") from None
    _check_years(date, field, first_year, last_year, value)
    return date


def parse_month(value, field: str = "month", *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> str:
    """A month ``YYYY-MM`` (strictly, month 01-12), returned as the same string."""
    if not is_month(value):
        raise DateFormatError(field, value, f"{_shown(value)} is not a month: write it as YYYY-MM, "
                                            f"e.g. {MONTH_EXAMPLE}")
    if not first_year <= int(value[:4]) <= last_year:
        raise DateFormatError(field, value, f"{value} is outside {first_year}-{last_year}; check the year",
                              reason="range", years=f" ({first_year}-{last_year})")
    return value


def is_month(text) -> bool:
    """True for a strict month 'YYYY-MM' (01-12), without raising (for readers of many cells)."""
    return isinstance(text, str) and MONTH_PATTERN.fullmatch(text) is not None and 1 <= int(text[5:]) <= 12


def month_period(value, field: str = "month"):
    """The OpenFisca month period of a strict ``YYYY-MM`` string."""
    return periods.period(parse_month(value, field))


# Month arithmetic on ordinals (year * 12 + month - 1): cheap on arrays and in loops ---------------


def month_ordinal(text: str) -> int:
    """'2021-04' -> 2021 * 12 + 3."""
    year, month = text.split("-")[:2]
    return int(year) * 12 + int(month) - 1


def ordinal_month(ordinal: int) -> str:
    """The inverse of :func:`month_ordinal`: 24255 -> '2021-04'."""
    return f"{ordinal // 12:04d}-{ordinal % 12 + 1:02d}"


def month_of(date: datetime.date) -> str:
    """The month 'YYYY-MM' of a day."""
    return f"{date.year:04d}-{date.month:02d}"


def add_months(month: str, count: int) -> str:
    """The month ``count`` months after ``month`` (before it when negative)."""
    return ordinal_month(month_ordinal(month) + count)


def month_range(start: str, stop: str) -> list[str]:
    """Every month from ``start`` to ``stop`` inclusive, as 'YYYY-MM' strings; DateFormatError (a ValueError)
    naming the bad month, or the swapped bounds, and the fix."""
    first, last = month_ordinal(parse_month(start, "from")), month_ordinal(parse_month(stop, "to"))
    if last < first:
        raise DateFormatError("from", start, f"the first month {start} is after the last month {stop}: swap them")
    return [ordinal_month(k) for k in range(first, last + 1)]


# Quarters (decision 56/2-VI, Annex 1: item 3 income quarter, items 6 and 11 application quarters) ---


def quarter_of(date: datetime.date) -> tuple[int, int]:
    """(year, quarter 1-4) of a day."""
    return date.year, (date.month - 1) // 3 + 1


def quarter_first_day(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def quarter_label(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def preceding_quarter(month):
    """The three months (an OpenFisca period) of the calendar quarter before the quarter of ``month``
    (an OpenFisca period). Item 3: for 2021-02 this is 2020-10 to 2020-12."""
    start = month.start
    first_month_of_quarter = periods.Instant((start.year, 3 * ((start.month - 1) // 3) + 1, 1))
    return periods.Period((periods.DateUnit.MONTH, first_month_of_quarter, 3)).offset(-3, periods.DateUnit.MONTH)


def preceding_quarter_months(month: str) -> list[str]:
    """Item 3's income quarter of the month 'YYYY-MM' as three 'YYYY-MM' strings."""
    ordinal = month_ordinal(month)
    first = ordinal - ordinal % 3 - 3
    return [ordinal_month(k) for k in range(first, first + 3)]


def income_months(months: list[str]) -> list[str]:
    """Every month whose income is read to judge ``months`` (item 3): from the quarter before the first
    month's quarter to the month before the last month's quarter."""
    first, last = month_ordinal(months[0]), month_ordinal(months[-1])
    return [ordinal_month(k) for k in range(first - first % 3 - 3, last - last % 3)]
