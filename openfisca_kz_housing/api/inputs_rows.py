"""Household and person rows (dicts, as read from /entitlement or /entitlements records) into a ``Population``."""

from __future__ import annotations

import numpy as np

from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_values import (
    APPLICATION_ALIAS,
    APPLICATION_DATE,
    HOUSEHOLD_INPUTS,
    INCOME_VARIABLES,
    MISSING,
    NOT_GIVEN_DATE,
    Population,
    check_month_key,
    household_value,
    read_value,
    role_codes,
    set_household_input,
    set_person_months,
    unknown_or_computed,
)
from openfisca_kz_housing.dates import is_month


def all_null(raw) -> bool:
    return raw is None or (isinstance(raw, dict) and all(v is None for v in raw.values()))


def household_values(record: dict, where: str, month: str, computed, skip=()) -> dict:
    """{input: value} of one household for the judged month, checked; keys in ``skip`` are structure
    (id, members, roles); a computed variable asked as null (an OpenFisca client) is left out."""
    values = {}
    for key, raw in record.items():
        if key in skip:
            continue
        name = APPLICATION_DATE if key == APPLICATION_ALIAS else key
        if name not in HOUSEHOLD_INPUTS:
            if name in computed and all_null(raw):
                continue  # asking for a result: the answer has it anyway
            raise unknown_or_computed(name, f"{where}.{name}", "household", HOUSEHOLD_INPUTS, computed)
        values[name] = household_value(raw, name, month, f"{where}.{key}")
    return values


def person_incomes(person: dict, where: str, computed) -> dict:
    """{income variable: {month: value}} of one person, checked."""
    out = {}
    for name, raw in person.items():
        if name not in INCOME_VARIABLES:
            if name in computed and all_null(raw):
                continue
            raise unknown_or_computed(name, f"{where}.{name}", "person", INCOME_VARIABLES, computed)
        if not isinstance(raw, dict):
            raise ApiError(
                "wrong_type",
                field=f"{where}.{name}",
                expected="an object keyed by month",
                got=describe_type(raw),
                example='{"2021-01": 70000, "2021-02": 70000, "2021-03": 70000}',
            )
        months = {}
        for key, value in raw.items():
            if not is_month(key):
                check_month_key(key, name, f"{where}.{name}.{key}")
            if value is None:
                continue
            months[key] = read_value(value, "money", f"{where}.{name}.{key}")
        out[name] = months
    return out


def assemble(
    date, month, income_months, household_ids, household_rows, person_ids, person_household, person_role, person_rows
):
    """Rows (dicts) -> Population of arrays; which household values were given is recorded in ``given``."""
    population = Population(
        date=date,
        month=month,
        income_months=income_months,
        household_ids=household_ids,
        person_ids=person_ids,
        person_household=np.asarray(person_household, dtype=np.int64),
        person_role=role_codes(person_role),
    )
    for name, kind in HOUSEHOLD_INPUTS.items():
        column = [row.get(name, MISSING) for row in household_rows]
        given = np.fromiter((v is not MISSING for v in column), dtype=bool, count=len(column))
        population.given[name] = given
        if given.any():
            default = NOT_GIVEN_DATE if kind == "date" else 0
            set_household_input(population, name, [default if v is MISSING else v for v in column], given)
    for name in INCOME_VARIABLES:
        by_month = {}
        for income_month in income_months:
            column = [row.get(name, {}).get(income_month, MISSING) for row in person_rows]
            if any(v is not MISSING for v in column):
                by_month[income_month] = np.array([np.nan if v is MISSING else v for v in column], dtype=np.float64)
        if by_month:
            set_person_months(population, name, by_month)
    return population
