"""Reading entitlement requests into arrays, with the checks the law needs before anything is computed.

Three request shapes, one result (``Population``: one array per input, households and persons in order):

* ``/entitlement`` (OpenFisca-like): ``{"date", "persons": {id: {...}}, "households": {id: {...}}}``.
  A household value is a number/string/boolean for the judged month, or an object keyed by month
  ``{"2021-05": 54}`` that must contain the judged month. Person incomes are objects keyed by month
  (``{"salary": {"2021-01": 70000, "2021-02": 70000, "2021-03": 70000}}``).
* ``/entitlements`` records: ``{"date", "households": [{"id", ...household values, "members": [{"id",
  "salary": {...}}, ...]}]}``; the first member is the applicant.
* ``/entitlements`` columns: ``{"date", "households": {"id": [...], "dwelling_area": [...], ...},
  "persons": {"household": [index or id of the household, ...], "salary": {"2021-01": [...]}, ...}}``.

Required inputs (decision 56/2-VI, Annex 1): for every member and every month of the quarter before
the judged month's quarter (item 3), at least one income source (salary, pension, social_benefits or
other_income; the others count 0); the dwelling's area (item 12) and tenure (item 1); the expenses of
item 1: maintenance_expense, heating_expense, utility_expense, and rent_expense for tenants of the
state fund or of an akimat-leased dwelling. An explicit 0 is a valid value. Optional, with the model's
defaults: dwelling_rooms (0 = unknown), dwelling_kind (apartment), owns_other_dwelling (false),
resident_in_district (true), telephone_fee_increase (0), housing_aid_application_date (items 10-11; a
YYYY-MM-DD string; not given = applied in time). A top-level ``application_date`` gives it to every
household of the request; a household's own ``application_date`` (or ``housing_aid_application_date``)
wins over it.

Where things are: ``inputs_values.py`` (limits, one value, dates; ``Population`` is ``arrays.py``'s), ``inputs_rows.py``
(rows -> ``Population``), ``inputs_situation.py`` (/entitlement), ``inputs_records.py`` and
``inputs_columns.py`` (/entitlements); this module is the entry point the routes and the engine call.
"""

from __future__ import annotations

import numpy as np

from openfisca_kz_housing import model_inputs
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_columns import read_columns
from openfisca_kz_housing.api.inputs_records import read_records
from openfisca_kz_housing.api.inputs_situation import read_households
from openfisca_kz_housing.api.inputs_values import (  # re-exported: the names other modules read from here
    APPLICATION_ALIAS,
    APPLICATION_DATE,
    HOUSEHOLD_INPUTS,
    INCOME_VARIABLES,
    MISSING_SHOWN,
    NOT_GIVEN_DATE,
    RENT_TENURES,
    REQUIRED_HOUSEHOLD,
    Population,
    household_input,
    month_of,
    person_months,
    quarter_months,
    read_date,
    read_value,
    set_household_input,
)

__all__ = [
    "APPLICATION_DATE",
    "HOUSEHOLD_INPUTS",
    "INCOME_VARIABLES",
    "RENT_TENURES",
    "Population",
    "apply_application_date",
    "missing_inputs",
    "read_batch",
    "read_date",
    "read_situation",
    "read_value",
]


# ---------------------------------------------------------------- /entitlement (OpenFisca-like)


def apply_application_date(body: dict, population: Population) -> Population:
    """The top-level ``application_date`` for every household that gives none (items 10-11)."""
    if body.get(APPLICATION_ALIAS) is None:
        return population
    day = np.datetime64(read_date(body, APPLICATION_ALIAS).isoformat(), "D")
    given = population.given.get(APPLICATION_DATE, np.zeros(population.count, dtype=bool))
    values = household_input(population, APPLICATION_DATE)
    if values is None:
        values = np.full(population.count, np.datetime64(NOT_GIVEN_DATE, "D"))
    set_household_input(population, APPLICATION_DATE, np.where(given, values, day), np.ones(population.count, bool))
    return population


def read_situation(body, computed, max_households: int) -> Population:
    """Read the body of /entitlement (see the module docstring)."""
    return apply_application_date(body, read_households(body, computed, max_households))


# ---------------------------------------------------------------- /entitlements (batch)


def read_batch(body, computed, max_households: int) -> tuple[Population, str]:
    """Read the body of /entitlements; return the population and the shape ('records' | 'columns')."""
    population, shape = _read_batch(body, computed, max_households)
    return apply_application_date(body, population), shape


def _read_batch(body, computed, max_households: int) -> tuple[Population, str]:
    date = read_date(body)
    month = month_of(date)
    income_months = quarter_months(month)
    if "households" not in body:
        raise ApiError(
            "missing_field",
            field="households",
            hint="Give households as an array of records or an object of columns; see /spec.",
        )
    households = body["households"]
    if isinstance(households, list):
        return read_records(households, date, month, income_months, computed, max_households), "records"
    if isinstance(households, dict):
        return read_columns(body, date, month, income_months, computed, max_households), "columns"
    raise ApiError(
        "wrong_type",
        field="households",
        expected="an array of records or an object of columns",
        got=describe_type(households),
        example='[{"id": "h1", "dwelling_area": 54, "members": [...]}]',
    )


# ---------------------------------------------------------------- required inputs


def missing_inputs(population: Population) -> tuple[list[dict], int]:
    """What must be given and is not: [{"field", "months", "give"}], capped, and the full count."""
    missing, count = [], 0
    month = population.month
    given = population.given

    def add(entry):
        nonlocal count
        count += 1
        if len(missing) < MISSING_SHOWN:
            missing.append(entry)

    tenure = household_input(population, "tenure")
    needs_rent = np.zeros(population.count, dtype=bool)
    if tenure is not None:
        needs_rent = model_inputs.rent_counts(np.asarray(tenure)) & given["tenure"]
    required = {name: ~given[name] for name in REQUIRED_HOUSEHOLD}
    required["rent_expense"] = needs_rent & ~given["rent_expense"]
    if any(mask.any() for mask in required.values()):
        for index in np.flatnonzero(np.any(np.stack(list(required.values())), axis=0)):
            household_id = population.household_ids[index]
            for name, absent in required.items():
                if absent[index]:
                    add({"field": f"households.{household_id}.{name}", "months": [month], "give": name})

    absent_by_month = []
    for income_month in population.income_months:
        any_given = np.zeros(len(population.person_ids), dtype=bool)
        for name in population.person_inputs:
            column = person_months(population, name).get(income_month)
            if column is not None:
                any_given |= ~np.isnan(column)
        absent_by_month.append(~any_given)
    if any(row.any() for row in absent_by_month):
        absent = np.stack(absent_by_month)
        for person_index in np.flatnonzero(absent.any(axis=0)):
            months = [m for m, row in zip(population.income_months, absent) if row[person_index]]
            add(
                {
                    "field": f"persons.{population.person_ids[person_index]}",
                    "months": months,
                    "give": " | ".join(INCOME_VARIABLES),
                }
            )
    return missing, count
