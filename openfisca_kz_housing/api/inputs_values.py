"""The reading of one input value (numbers, booleans, enums, dates, months) and the limits of the API's inputs.

Shared by the three request shapes of ``inputs.py``; ``Population`` (``arrays.py``, the one the budget
uses too) is what they all produce. The inputs, their kinds and bounds come from ``model_inputs.py``.
"""

from __future__ import annotations

import datetime
import math

import numpy as np

from openfisca_kz_housing import dates, model_inputs
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.arrays import ROLE_CODES, Population, Series

MAX_MONEY = model_inputs.MAX_MONEY  # tenge a month; beyond this float32 loses whole tenge: surely wrong
MAX_AREA = model_inputs.MAX_AREA
MAX_ROOMS = model_inputs.MAX_COUNT
MAX_MEMBERS = 50

# Derived from the variables when the API is imported (the API cannot answer without the law anyway):
# the person inputs: salary, pension, social_benefits, other_income (item 3)
INCOME_VARIABLES = model_inputs.income_variables()
# name -> kind; kinds: money (>= 0), area (> 0), count (integer >= 0), bool, date, or an Enum class
HOUSEHOLD_INPUTS = {name: model_inputs.api_kind(item) for name, item in model_inputs.household_inputs().items()}
APPLICATION_DATE = "housing_aid_application_date"
APPLICATION_ALIAS = "application_date"  # the request's name, top level and per household
NOT_GIVEN_DATE = "1970-01-01"  # the model's sentinel (variables/application.py): not given, applied in time
REQUIRED_HOUSEHOLD = model_inputs.REQUIRED_IN_REQUEST
RENT_TENURES = model_inputs.RENT_TENURES
ROLE_KEYS = ("applicant", "other_members")
MIN_YEAR, MAX_YEAR = 1900, 2199
MISSING_SHOWN = 100  # at most this many entries in a 400's "missing" list


def role_codes(roles) -> np.ndarray:
    """"applicant" / "other_member" -> the Population's role codes (int8)."""
    other = np.asarray(roles) != "applicant"  # the readers write only these two words
    return other.astype(np.int8) * np.int8(ROLE_CODES["other_member"])


def set_household_input(population: Population, name: str, values, given) -> None:
    """The judged month's values of a household input, the model's default where ``given`` is false."""
    item = model_inputs.inputs()[name]
    given = np.asarray(given, dtype=bool)
    array = np.asarray(values, dtype=item.dtype)
    if not given.all():
        array = np.where(given, array, item.stored_default).astype(item.dtype, copy=False)
    population.household_inputs[name] = Series((array,))
    population.given[name] = given


def household_input(population: Population, name: str):
    """The judged month's array of a household input, or None when no household gave it."""
    series = population.household_inputs.get(name)
    return None if series is None else series.arrays[0]


def set_person_months(population: Population, name: str, by_month: dict) -> None:
    """A person input given by month (float64, NaN where not given) as a Series over those months."""
    months = sorted(by_month, key=dates.month_ordinal)
    starts = tuple(dates.month_ordinal(month) for month in months)
    population.person_inputs[name] = Series(tuple(by_month[month] for month in months), starts)


def person_months(population: Population, name: str) -> dict:
    """{month: array} of a person input, only the months the request gave."""
    series = population.person_inputs.get(name)
    if series is None:
        return {}
    return {dates.ordinal_month(start): array for start, array in zip(series.starts, series.arrays)}


# ---------------------------------------------------------------- dates and periods


def read_date(body: dict, field_name: str = "date") -> datetime.date:
    """The day ``body[field_name]``, read by the one strict reader (``dates.parse_day``); ApiError otherwise."""
    if field_name not in body:
        raise ApiError("missing_field", field=field_name, hint='Give the date as YYYY-MM-DD, for example "2021-05-01".')
    value = body[field_name]
    if not isinstance(value, str):
        raise ApiError(
            "wrong_type",
            field=field_name,
            expected="a date string YYYY-MM-DD",
            got=describe_type(value),
            example='"2021-05-01"',
        )
    try:
        return dates.parse_day(value, field_name, first_year=MIN_YEAR, last_year=MAX_YEAR)
    except dates.DateFormatError as error:
        if error.reason == "range":
            raise ApiError(
                "out_of_range", field=field_name, value=value, minimum=f"{MIN_YEAR}-01-01", maximum=f"{MAX_YEAR}-12-31"
            ) from None
        raise ApiError("invalid_date", field=field_name, value=repr(value)[:60]) from None


month_of = dates.month_of


def quarter_months(month: str) -> list[str]:
    """The three months of item 3's income quarter for the judged month."""
    return dates.preceding_quarter_months(month)


# ---------------------------------------------------------------- scalar values


def read_value(value, kind, where: str):
    """Check one input value; return it as stored in the arrays (enums as their index, dates as ISO text)."""
    if kind == "money" and type(value) in (int, float) and 0 <= value <= MAX_MONEY:
        return float(value)  # the usual cell, first (NaN and infinities fail the bounds; a bool is not an int here)
    if kind == "date":
        return read_date({where: value}, where).isoformat()
    if isinstance(kind, type):  # an Enum
        if not isinstance(value, str):
            raise ApiError(
                "wrong_type",
                field=where,
                expected="a string",
                got=describe_type(value),
                example=f'"{next(iter(kind)).name}"',
            )
        try:
            return kind[value].index
        except KeyError:
            raise ApiError(
                "unknown_enum", field=where, value=value[:60], allowed=", ".join(m.name for m in kind)
            ) from None
    if kind == "bool":
        if not isinstance(value, bool):
            raise ApiError(
                "wrong_type", field=where, expected="true or false", got=describe_type(value), example="false"
            )
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        expected = "an integer" if kind == "count" else "a number"
        raise ApiError(
            "wrong_type",
            field=where,
            expected=expected,
            got=describe_type(value),
            example="0" if kind != "area" else "54",
        )
    if kind == "count":
        if value != int(value) if math.isfinite(value) else True:
            raise ApiError("wrong_type", field=where, expected="an integer", got=describe_type(value), example="2")
        if not 0 <= value <= MAX_ROOMS:
            raise ApiError("out_of_range", field=where, value=value, minimum=0, maximum=MAX_ROOMS)
        return int(value)
    if not math.isfinite(value):
        raise ApiError("out_of_range", field=where, value=value, minimum=0, maximum=MAX_MONEY)
    if kind == "area":
        if value <= 0:
            raise ApiError("area_not_positive", field=where, value=value)
        if value > MAX_AREA:
            raise ApiError("out_of_range", field=where, value=value, minimum=0, maximum=MAX_AREA)
        return float(value)
    if value < 0:
        raise ApiError("negative_value", field=where, value=value)
    if value > MAX_MONEY:
        raise ApiError("out_of_range", field=where, value=value, minimum=0, maximum=MAX_MONEY)
    return float(value)


def check_month_key(key, name: str, where: str):
    if not dates.is_month(key):
        raise ApiError("wrong_period", field=where, period=str(key)[:40], name=name, example='{"2021-10": 50000}')


def household_value(raw, name: str, month: str, where: str):
    """A household input: a plain value for the judged month, or {month: value}. MISSING if absent."""
    if isinstance(raw, dict):
        for key in raw:
            check_month_key(key, name, f"{where}.{key}")
        if month not in raw:
            return MISSING
        raw, where = raw[month], f"{where}.{month}"
    if raw is None:
        return MISSING
    return read_value(raw, HOUSEHOLD_INPUTS[name], where)


class Missing:
    def __repr__(self):
        return "MISSING"


MISSING = Missing()


# ---------------------------------------------------------------- known names


def unknown_or_computed(name: str, where: str, entity: str, allowed, computed) -> ApiError:
    if name in computed:
        return ApiError("computed_variable", field=where, name=name)
    return ApiError("unknown_variable", field=where, name=str(name)[:60], entity=entity, allowed=", ".join(allowed))


def hashable(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else repr(value)
