"""The body of /entitlements as columns: one array per input, checked with numpy (fast on 10^5 values)."""

from __future__ import annotations

import numpy as np

from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_values import (
    APPLICATION_ALIAS,
    APPLICATION_DATE,
    HOUSEHOLD_INPUTS,
    INCOME_VARIABLES,
    MAX_AREA,
    MAX_MEMBERS,
    MAX_MONEY,
    MAX_ROOMS,
    NOT_GIVEN_DATE,
    Population,
    check_month_key,
    hashable,
    read_value,
    set_household_input,
    set_person_months,
    unknown_or_computed,
)
from openfisca_kz_housing.arrays import ROLE_CODES


def _column(raw, where: str, expected_length: int, unit: str):
    if not isinstance(raw, list):
        raise ApiError(
            "wrong_type",
            field=where,
            expected="an array (one value per " + unit + ")",
            got=describe_type(raw),
            example="[54, 61.5]",
        )
    if len(raw) != expected_length:
        raise ApiError("length_mismatch", field=where, got=len(raw), expected=expected_length, unit=unit)
    return raw


def numeric_column(raw, kind, where, length, unit):
    """A numeric column as float64 with NaN where null; checked with numpy (fast on 10^5 values)."""
    raw = _column(raw, where, length, unit)
    try:
        array = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError):
        array = None
    if array is None or array.ndim != 1 or any(isinstance(v, (bool, str)) for v in raw[:1]) or _has_bad_types(raw):
        bad = next(
            (
                i
                for i, v in enumerate(raw)
                if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)))
            ),
            0,
        )
        raise ApiError(
            "wrong_type", field=f"{where}[{bad}]", expected="a number", got=describe_type(raw[bad]), example="0"
        )
    finite = np.isfinite(array)
    given = ~np.isnan(array)
    bad = np.flatnonzero(given & ~finite)
    if bad.size:
        raise ApiError("out_of_range", field=f"{where}[{bad[0]}]", value=raw[bad[0]], minimum=0, maximum=MAX_MONEY)
    low = 0 if kind != "area" else 1e-9
    high = {"area": MAX_AREA, "count": MAX_ROOMS, "index": np.inf}.get(kind, MAX_MONEY)
    bad = np.flatnonzero(given & ((array < low) | (array > high)))
    if bad.size:
        i = int(bad[0])
        if kind == "area" and array[i] <= 0:
            raise ApiError("area_not_positive", field=f"{where}[{i}]", value=raw[i])
        if array[i] < 0:
            raise ApiError("negative_value", field=f"{where}[{i}]", value=raw[i])
        raise ApiError("out_of_range", field=f"{where}[{i}]", value=raw[i], minimum=0, maximum=high)
    if kind in ("count", "index"):
        bad = np.flatnonzero(given & (array != np.floor(array)))
        if bad.size:
            raise ApiError(
                "wrong_type",
                field=f"{where}[{bad[0]}]",
                expected="an integer",
                got=describe_type(raw[bad[0]]),
                example="2",
            )
    return array, given


_NUMBER_TYPES = frozenset((int, float, type(None)))  # JSON numbers and null; a bool is not a number here


def _has_bad_types(raw) -> bool:
    return not _NUMBER_TYPES.issuperset(map(type, raw))  # exact types, at C speed (10^5 values: ~2 ms)


def read_columns(body, date, month, income_months, computed, max_households):
    households = body["households"]
    persons = body.get("persons")
    if not isinstance(persons, dict):
        raise ApiError(
            "missing_field" if persons is None else "wrong_type",
            field="persons",
            hint='With column households, give persons as columns: {"household": [...], "salary": {"2021-01": [...]}}.',
            expected="an object of columns",
            got=describe_type(persons),
            example='{"household": [0, 0, 1], "salary": {"2021-01": [70000, 0, 50000]}}',
        )
    lengths = {name: len(v) for name, v in households.items() if isinstance(v, list)}
    if not lengths:
        raise ApiError("empty", field="households")
    count = max(lengths.values())
    if count == 0:
        raise ApiError("empty", field="households")
    if count > max_households:
        raise ApiError("too_many_households", field="households", count=count, maximum=max_households, hint="")
    household_ids = (
        _column(households["id"], "households.id", count, "household") if "id" in households else list(range(count))
    )
    if len(set(map(hashable, household_ids))) != count:
        raise ApiError("duplicate_ids", field="households.id")
    population = Population(
        date=date,
        month=month,
        income_months=income_months,
        household_ids=household_ids,
        person_ids=[],
        person_household=np.zeros(0, dtype=np.int64),
        person_role=np.zeros(0, dtype=np.int8),
    )
    for name, raw in households.items():
        if name == "id":
            continue
        where = f"households.{name}"
        name = APPLICATION_DATE if name == APPLICATION_ALIAS else name
        if name not in HOUSEHOLD_INPUTS:
            raise unknown_or_computed(name, where, "household", HOUSEHOLD_INPUTS, computed)
        kind = HOUSEHOLD_INPUTS[name]
        if isinstance(kind, type) or kind in ("bool", "date"):
            raw = _column(raw, where, count, "household")
            values, given = [], []
            for i, value in enumerate(raw):
                given.append(value is not None)
                empty = NOT_GIVEN_DATE if kind == "date" else 0
                values.append(empty if value is None else read_value(value, kind, f"{where}[{i}]"))
            set_household_input(population, name, values, np.array(given, dtype=bool))
        else:
            array, given = numeric_column(raw, kind, where, count, "household")
            set_household_input(population, name, np.where(given, array, 0), given)
    for name in HOUSEHOLD_INPUTS:
        population.given.setdefault(name, np.zeros(count, dtype=bool))

    if "household" not in persons:
        raise ApiError(
            "missing_field",
            field="persons.household",
            hint="Give for each person the index (0-based) or the id of their household.",
        )
    assignment = persons["household"]
    if not isinstance(assignment, list) or not assignment:
        raise ApiError(
            "wrong_type",
            field="persons.household",
            expected="a non-empty array",
            got=describe_type(assignment),
            example="[0, 0, 1]",
        )
    n_persons = len(assignment)
    if n_persons > MAX_MEMBERS * count:
        raise ApiError("too_many_members", field="persons.household", count=n_persons, maximum=MAX_MEMBERS * count)
    if "id" in households and not all(isinstance(a, int) and not isinstance(a, bool) for a in assignment):
        position = {hashable(h): i for i, h in enumerate(household_ids)}
        indices = []
        for i, h in enumerate(assignment):
            if hashable(h) not in position:
                raise ApiError("unknown_household", field=f"persons.household[{i}]", household=str(h)[:60])
            indices.append(position[hashable(h)])
        person_household = np.array(indices, dtype=np.int64)
    else:
        array, given = numeric_column(assignment, "index", "persons.household", n_persons, "person")
        if not given.all():
            raise ApiError(
                "missing_field",
                field=f"persons.household[{int(np.flatnonzero(~given)[0])}]",
                hint="Every person needs a household.",
            )
        if array.max() >= count:
            i = int(np.argmax(array >= count))
            raise ApiError(
                "out_of_range", field=f"persons.household[{i}]", value=assignment[i], minimum=0, maximum=count - 1
            )
        person_household = array.astype(np.int64)
    sizes = np.bincount(person_household, minlength=count)
    if (sizes == 0).any():
        empty = int(np.flatnonzero(sizes == 0)[0])
        raise ApiError(
            "missing_field",
            field=f"households[{empty}]",
            hint="Each household needs at least one person in persons.household (its first person is the applicant).",
        )
    if (sizes > MAX_MEMBERS).any():
        big = int(np.flatnonzero(sizes > MAX_MEMBERS)[0])
        raise ApiError("too_many_members", field=f"households[{big}]", count=int(sizes[big]), maximum=MAX_MEMBERS)
    # the first person of each household (in persons order) is the applicant
    order = np.argsort(person_household, kind="stable")
    first = np.ones(n_persons, dtype=bool)
    first[order[1:]] = person_household[order[1:]] != person_household[order[:-1]]
    population.person_household = person_household
    population.person_role = np.where(first, ROLE_CODES["applicant"], ROLE_CODES["other_member"]).astype(np.int8)
    population.person_ids = (
        persons["id"]
        if isinstance(persons.get("id"), list) and len(persons["id"]) == n_persons
        else list(range(n_persons))
    )

    for name, raw in persons.items():
        if name in ("household", "id"):
            continue
        where = f"persons.{name}"
        if name not in INCOME_VARIABLES:
            raise unknown_or_computed(name, where, "person", INCOME_VARIABLES, computed)
        if not isinstance(raw, dict):
            raise ApiError(
                "wrong_type",
                field=where,
                expected="an object keyed by month of columns",
                got=describe_type(raw),
                example='{"2021-01": [70000, 0]}',
            )
        by_month = {}
        for key, column in raw.items():
            check_month_key(key, name, f"{where}.{key}")
            array, given = numeric_column(column, "money", f"{where}.{key}", n_persons, "person")
            if key in income_months:
                by_month[key] = array
        if by_month:
            set_person_months(population, name, by_month)
    return population
