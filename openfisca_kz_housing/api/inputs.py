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
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

import numpy as np

from openfisca_kz_housing import dates
from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.enums import DwellingKind, Tenure

MAX_MONEY = 1e10  # tenge a month; beyond this float32 loses whole tenge and the figure is surely wrong
MAX_AREA = 100_000.0
MAX_ROOMS = 1_000
MAX_MEMBERS = 50

INCOME_VARIABLES = ("salary", "pension", "social_benefits", "other_income")
# name -> kind; kinds: money (>= 0), area (> 0), count (integer >= 0), bool, or an Enum class
HOUSEHOLD_INPUTS = {
    "dwelling_area": "area",
    "dwelling_rooms": "count",
    "dwelling_kind": DwellingKind,
    "tenure": Tenure,
    "owns_other_dwelling": "bool",
    "resident_in_district": "bool",
    "maintenance_expense": "money",
    "heating_expense": "money",
    "rent_expense": "money",
    "utility_expense": "money",
    "telephone_fee_increase": "money",
    "housing_aid_application_date": "date",
}
APPLICATION_DATE = "housing_aid_application_date"
APPLICATION_ALIAS = "application_date"  # the request's name, top level and per household
NOT_GIVEN_DATE = "1970-01-01"  # the model's sentinel (variables/application.py): not given, applied in time
REQUIRED_HOUSEHOLD = ("dwelling_area", "tenure", "maintenance_expense", "heating_expense", "utility_expense")
RENT_TENURES = (Tenure.state_housing_tenant.name, Tenure.akimat_leased_tenant.name)
ROLE_KEYS = ("applicant", "other_members")
MIN_YEAR, MAX_YEAR = 1900, 2199
MISSING_SHOWN = 100  # at most this many entries in a 400's "missing" list


@dataclass
class Population:
    """Households and persons as arrays, ready for ``set_input`` (see engine.py)."""

    date: datetime.date
    month: str  # the judged month, YYYY-MM
    income_months: list[str]
    household_ids: list
    person_ids: list
    person_household: np.ndarray  # index of each person's household
    person_role: np.ndarray  # "applicant" | "other_member"
    household_values: dict = field(default_factory=dict)  # name -> array (judged month)
    person_values: dict = field(default_factory=dict)  # name -> {month -> array}
    given: dict = field(default_factory=dict)  # name -> bool array: was the household value given?

    @property
    def count(self) -> int:
        return len(self.household_ids)


# ---------------------------------------------------------------- dates and periods


def read_date(body: dict, field_name: str = "date") -> datetime.date:
    """The day ``body[field_name]``, read by the one strict reader (``dates.parse_day``); ApiError otherwise."""
    if field_name not in body:
        raise ApiError("missing_field", field=field_name, hint="Give the date as YYYY-MM-DD, for example \"2021-05-01\".")
    value = body[field_name]
    if not isinstance(value, str):
        raise ApiError("wrong_type", field=field_name, expected="a date string YYYY-MM-DD", got=describe_type(value), example='"2021-05-01"')
    try:
        return dates.parse_day(value, field_name, first_year=MIN_YEAR, last_year=MAX_YEAR)
    except dates.DateFormatError as error:
        if error.reason == "range":
            raise ApiError("out_of_range", field=field_name, value=value, minimum=f"{MIN_YEAR}-01-01", maximum=f"{MAX_YEAR}-12-31") from None
        raise ApiError("invalid_date", field=field_name, value=repr(value)[:60]) from None


month_of = dates.month_of


def quarter_months(month: str) -> list[str]:
    """The three months of item 3's income quarter for the judged month."""
    return dates.preceding_quarter_months(month)


# ---------------------------------------------------------------- scalar values


def read_value(value, kind, where: str):
    """Check one input value; return it as stored in the arrays (enums as their index, dates as ISO text)."""
    if kind == "date":
        return read_date({where: value}, where).isoformat()
    if isinstance(kind, type):  # an Enum
        if not isinstance(value, str):
            raise ApiError("wrong_type", field=where, expected="a string", got=describe_type(value), example=f'"{next(iter(kind)).name}"')
        try:
            return kind[value].index
        except KeyError:
            raise ApiError("unknown_enum", field=where, value=value[:60], allowed=", ".join(m.name for m in kind)) from None
    if kind == "bool":
        if not isinstance(value, bool):
            raise ApiError("wrong_type", field=where, expected="true or false", got=describe_type(value), example="false")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        expected = "an integer" if kind == "count" else "a number"
        raise ApiError("wrong_type", field=where, expected=expected, got=describe_type(value), example="0" if kind != "area" else "54")
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
    """A household input: a plain value for the judged month, or {month: value}. _MISSING if absent."""
    if isinstance(raw, dict):
        for key in raw:
            check_month_key(key, name, f"{where}.{key}")
        if month not in raw:
            return _MISSING
        raw, where = raw[month], f"{where}.{month}"
    if raw is None:
        return _MISSING
    return read_value(raw, HOUSEHOLD_INPUTS[name], where)


class _Missing:
    def __repr__(self):
        return "MISSING"


_MISSING = _Missing()


# ---------------------------------------------------------------- known names


def unknown_or_computed(name: str, where: str, entity: str, allowed, computed) -> ApiError:
    if name in computed:
        return ApiError("computed_variable", field=where, name=name)
    return ApiError("unknown_variable", field=where, name=str(name)[:60], entity=entity, allowed=", ".join(allowed))


# ---------------------------------------------------------------- /entitlement (OpenFisca-like)


def apply_application_date(body: dict, population: Population) -> Population:
    """The top-level ``application_date`` for every household that gives none (items 10-11)."""
    if body.get(APPLICATION_ALIAS) is None:
        return population
    day = read_date(body, APPLICATION_ALIAS).isoformat()
    given = population.given.get(APPLICATION_DATE, np.zeros(population.count, dtype=bool))
    values = population.household_values.get(APPLICATION_DATE, [NOT_GIVEN_DATE] * population.count)
    population.household_values[APPLICATION_DATE] = [v if g else day for v, g in zip(values, given)]
    population.given[APPLICATION_DATE] = np.ones(population.count, dtype=bool)
    return population


def read_situation(body, computed, max_households: int) -> Population:
    """Read the body of /entitlement (see the module docstring)."""
    return apply_application_date(body, _read_situation(body, computed, max_households))


def _read_situation(body, computed, max_households: int) -> Population:
    date = read_date(body)
    month = month_of(date)
    income_months = quarter_months(month)
    persons = _object(body, "persons")
    households = _object(body, "households")
    if not households:
        raise ApiError("empty", field="households")
    if len(households) > max_households:
        raise ApiError("too_many_households", field="households", count=len(households), maximum=max_households, hint=" or use POST /entitlements")
    for person_id, person in persons.items():
        if not isinstance(person, dict):
            raise ApiError("wrong_type", field=f"persons.{person_id}", expected="an object", got=describe_type(person), example='{"salary": {"2021-01": 70000}}')

    person_ids, person_household, person_role, membership = [], [], [], {}
    household_ids = list(households)
    household_rows = []
    for index, (household_id, household) in enumerate(households.items()):
        where = f"households.{household_id}"
        if not isinstance(household, dict):
            raise ApiError("wrong_type", field=where, expected="an object", got=describe_type(household), example='{"applicant": "aigerim", "dwelling_area": 54}')
        members = _members(household, where, persons, membership, household_id)
        for person_id, role in members:
            person_ids.append(person_id)
            person_household.append(index)
            person_role.append(role)
        values = {}
        for key, raw in household.items():
            if key in ROLE_KEYS:
                continue
            name = APPLICATION_DATE if key == APPLICATION_ALIAS else key
            if name not in HOUSEHOLD_INPUTS:
                if name in computed and _all_null(raw):
                    continue  # an OpenFisca client asking for a result: the answer has it anyway
                raise unknown_or_computed(name, f"{where}.{name}", "household", HOUSEHOLD_INPUTS, computed)
            values[name] = household_value(raw, name, month, f"{where}.{key}")
        household_rows.append(values)
    for person_id in persons:
        if person_id not in membership:
            raise ApiError("person_without_household", field=f"persons.{person_id}", person=person_id)

    person_rows = []
    for person_id in person_ids:
        person_rows.append(_person_incomes(persons[person_id], f"persons.{person_id}", computed))
    return _assemble(date, month, income_months, household_ids, household_rows, person_ids, person_household, person_role, person_rows)


def _object(body: dict, name: str) -> dict:
    if name not in body:
        raise ApiError("missing_field", field=name, hint=f"Give {name} as an object keyed by id; see /spec for an example.")
    value = body[name]
    if not isinstance(value, dict):
        raise ApiError("wrong_type", field=name, expected="an object keyed by id", got=describe_type(value), example='{"aigerim": {...}}')
    return value


def _members(household: dict, where: str, persons: dict, membership: dict, household_id):
    if "applicant" not in household:
        raise ApiError("missing_field", field=f"{where}.applicant", hint="Name the applicant: \"applicant\": \"<person id>\".")
    applicant = household["applicant"]
    if isinstance(applicant, list) and len(applicant) == 1:  # OpenFisca also writes roles as lists
        applicant = applicant[0]
    if not isinstance(applicant, str):
        raise ApiError("wrong_type", field=f"{where}.applicant", expected="one person id (a string)", got=describe_type(applicant), example='"aigerim"')
    others = household.get("other_members", [])
    if not isinstance(others, list) or not all(isinstance(p, str) for p in others):
        raise ApiError("wrong_type", field=f"{where}.other_members", expected="an array of person ids", got=describe_type(others), example='["bolat"]')
    if len(others) + 1 > MAX_MEMBERS:
        raise ApiError("too_many_members", field=where, count=len(others) + 1, maximum=MAX_MEMBERS)
    members = [(applicant, "applicant")] + [(p, "other_member") for p in others]
    for position, (person_id, role) in enumerate(members):
        place = f"{where}.applicant" if role == "applicant" else f"{where}.other_members[{position - 1}]"
        if person_id not in persons:
            raise ApiError("unknown_person", field=place, person=person_id[:60])
        if person_id in membership:
            raise ApiError("person_twice", field=place, person=person_id, household=membership[person_id])
        membership[person_id] = household_id
    return members


def _all_null(raw) -> bool:
    return raw is None or (isinstance(raw, dict) and all(v is None for v in raw.values()))


def _person_incomes(person: dict, where: str, computed) -> dict:
    """{income variable: {month: value}} of one person, checked."""
    out = {}
    for name, raw in person.items():
        if name not in INCOME_VARIABLES:
            if name in computed and _all_null(raw):
                continue
            raise unknown_or_computed(name, f"{where}.{name}", "person", INCOME_VARIABLES, computed)
        if not isinstance(raw, dict):
            raise ApiError("wrong_type", field=f"{where}.{name}", expected="an object keyed by month", got=describe_type(raw), example='{"2021-01": 70000, "2021-02": 70000, "2021-03": 70000}')
        months = {}
        for key, value in raw.items():
            check_month_key(key, name, f"{where}.{name}.{key}")
            if value is None:
                continue
            months[key] = read_value(value, "money", f"{where}.{name}.{key}")
        out[name] = months
    return out


def _assemble(date, month, income_months, household_ids, household_rows, person_ids, person_household, person_role, person_rows):
    """Rows (dicts) -> Population of arrays; missing values are recorded in ``given``."""
    population = Population(
        date=date,
        month=month,
        income_months=income_months,
        household_ids=household_ids,
        person_ids=person_ids,
        person_household=np.asarray(person_household, dtype=np.int64),
        person_role=np.asarray(person_role),
    )
    for name, kind in HOUSEHOLD_INPUTS.items():
        column = [row.get(name, _MISSING) for row in household_rows]
        given = np.fromiter((v is not _MISSING for v in column), dtype=bool, count=len(column))
        population.given[name] = given
        if given.any():
            default = NOT_GIVEN_DATE if kind == "date" else 0
            population.household_values[name] = [default if v is _MISSING else v for v in column]
    for name in INCOME_VARIABLES:
        by_month = {}
        for income_month in income_months:
            column = [row.get(name, {}).get(income_month, _MISSING) for row in person_rows]
            if any(v is not _MISSING for v in column):
                by_month[income_month] = np.array([np.nan if v is _MISSING else v for v in column], dtype=np.float64)
        if by_month:
            population.person_values[name] = by_month
    return population


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
        raise ApiError("missing_field", field="households", hint="Give households as an array of records or an object of columns; see /spec.")
    households = body["households"]
    if isinstance(households, list):
        return _read_records(households, date, month, income_months, computed, max_households), "records"
    if isinstance(households, dict):
        return _read_columns(body, date, month, income_months, computed, max_households), "columns"
    raise ApiError("wrong_type", field="households", expected="an array of records or an object of columns", got=describe_type(households), example='[{"id": "h1", "dwelling_area": 54, "members": [...]}]')


def _read_records(records, date, month, income_months, computed, max_households):
    if not records:
        raise ApiError("empty", field="households")
    if len(records) > max_households:
        raise ApiError("too_many_households", field="households", count=len(records), maximum=max_households, hint="")
    household_ids, household_rows, person_ids, person_household, person_role, person_rows = [], [], [], [], [], []
    seen_households, membership = set(), {}  # a household given twice, or a person in two, would count twice
    for index, record in enumerate(records):
        where = f"households[{index}]"
        if not isinstance(record, dict):
            raise ApiError("wrong_type", field=where, expected="an object", got=describe_type(record), example='{"id": "h1", "members": [{"salary": {...}}]}')
        household_ids.append(record.get("id", index))
        if _hashable(household_ids[-1]) in seen_households:
            raise ApiError("duplicate_ids", field=f"{where}.id")
        seen_households.add(_hashable(household_ids[-1]))
        members = record.get("members")
        if not isinstance(members, list) or not members:
            raise ApiError("missing_field" if members is None else "wrong_type", field=f"{where}.members", hint="Give members as a non-empty array; the first is the applicant.",
                           expected="a non-empty array of persons", got=describe_type(members), example='[{"id": "aigerim", "salary": {"2021-01": 70000}}]')
        if len(members) > MAX_MEMBERS:
            raise ApiError("too_many_members", field=f"{where}.members", count=len(members), maximum=MAX_MEMBERS)
        values = {}
        for key, raw in record.items():
            if key in ("id", "members"):
                continue
            name = APPLICATION_DATE if key == APPLICATION_ALIAS else key
            if name not in HOUSEHOLD_INPUTS:
                raise unknown_or_computed(name, f"{where}.{name}", "household", HOUSEHOLD_INPUTS, computed)
            values[name] = household_value(raw, name, month, f"{where}.{key}")
        household_rows.append(values)
        for position, member in enumerate(members):
            place = f"{where}.members[{position}]"
            if not isinstance(member, dict):
                raise ApiError("wrong_type", field=place, expected="an object", got=describe_type(member), example='{"id": "aigerim", "salary": {"2021-01": 70000}}')
            member = dict(member)
            person_ids.append(member.pop("id", f"{household_ids[-1]}/{position}"))
            if _hashable(person_ids[-1]) in membership:
                raise ApiError("person_twice", field=f"{place}.id", person=str(person_ids[-1])[:60],
                               household=str(membership[_hashable(person_ids[-1])])[:60])
            membership[_hashable(person_ids[-1])] = household_ids[-1]
            person_household.append(index)
            person_role.append("applicant" if position == 0 else "other_member")
            person_rows.append(_person_incomes(member, place, computed))
    return _assemble(date, month, income_months, household_ids, household_rows, person_ids, person_household, person_role, person_rows)


def _column(raw, where: str, expected_length: int, unit: str):
    if not isinstance(raw, list):
        raise ApiError("wrong_type", field=where, expected="an array (one value per " + unit + ")", got=describe_type(raw), example="[54, 61.5]")
    if len(raw) != expected_length:
        raise ApiError("length_mismatch", field=where, got=len(raw), expected=expected_length, unit=unit)
    return raw


def _numeric_column(raw, kind, where, length, unit):
    """A numeric column as float64 with NaN where null; checked with numpy (fast on 10^5 values)."""
    raw = _column(raw, where, length, unit)
    try:
        array = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError):
        array = None
    if array is None or array.ndim != 1 or any(isinstance(v, (bool, str)) for v in raw[:1]) or _has_bad_types(raw):
        bad = next((i for i, v in enumerate(raw) if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)))), 0)
        raise ApiError("wrong_type", field=f"{where}[{bad}]", expected="a number", got=describe_type(raw[bad]), example="0")
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
            raise ApiError("wrong_type", field=f"{where}[{bad[0]}]", expected="an integer", got=describe_type(raw[bad[0]]), example="2")
    return array, given


def _has_bad_types(raw) -> bool:
    return any(v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))) for v in raw)


def _read_columns(body, date, month, income_months, computed, max_households):
    households = body["households"]
    persons = body.get("persons")
    if not isinstance(persons, dict):
        raise ApiError("missing_field" if persons is None else "wrong_type", field="persons", hint="With column households, give persons as columns: {\"household\": [...], \"salary\": {\"2021-01\": [...]}}.",
                       expected="an object of columns", got=describe_type(persons), example='{"household": [0, 0, 1], "salary": {"2021-01": [70000, 0, 50000]}}')
    lengths = {name: len(v) for name, v in households.items() if isinstance(v, list)}
    if not lengths:
        raise ApiError("empty", field="households")
    count = max(lengths.values())
    if count == 0:
        raise ApiError("empty", field="households")
    if count > max_households:
        raise ApiError("too_many_households", field="households", count=count, maximum=max_households, hint="")
    household_ids = _column(households["id"], "households.id", count, "household") if "id" in households else list(range(count))
    if len(set(map(_hashable, household_ids))) != count:
        raise ApiError("duplicate_ids", field="households.id")
    population = Population(date=date, month=month, income_months=income_months, household_ids=household_ids, person_ids=[],
                            person_household=np.zeros(0, dtype=np.int64), person_role=np.zeros(0, dtype="<U12"))
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
            population.household_values[name] = values
            population.given[name] = np.array(given, dtype=bool)
        else:
            array, given = _numeric_column(raw, kind, where, count, "household")
            population.household_values[name] = np.where(given, array, 0)
            population.given[name] = given
    for name in HOUSEHOLD_INPUTS:
        population.given.setdefault(name, np.zeros(count, dtype=bool))

    if "household" not in persons:
        raise ApiError("missing_field", field="persons.household", hint="Give for each person the index (0-based) or the id of their household.")
    assignment = persons["household"]
    if not isinstance(assignment, list) or not assignment:
        raise ApiError("wrong_type", field="persons.household", expected="a non-empty array", got=describe_type(assignment), example="[0, 0, 1]")
    n_persons = len(assignment)
    if n_persons > MAX_MEMBERS * count:
        raise ApiError("too_many_members", field="persons.household", count=n_persons, maximum=MAX_MEMBERS * count)
    if "id" in households and not all(isinstance(a, int) and not isinstance(a, bool) for a in assignment):
        position = {_hashable(h): i for i, h in enumerate(household_ids)}
        indices = []
        for i, h in enumerate(assignment):
            if _hashable(h) not in position:
                raise ApiError("unknown_household", field=f"persons.household[{i}]", household=str(h)[:60])
            indices.append(position[_hashable(h)])
        person_household = np.array(indices, dtype=np.int64)
    else:
        array, given = _numeric_column(assignment, "index", "persons.household", n_persons, "person")
        if not given.all():
            raise ApiError("missing_field", field=f"persons.household[{int(np.flatnonzero(~given)[0])}]", hint="Every person needs a household.")
        if array.max() >= count:
            i = int(np.argmax(array >= count))
            raise ApiError("out_of_range", field=f"persons.household[{i}]", value=assignment[i], minimum=0, maximum=count - 1)
        person_household = array.astype(np.int64)
    sizes = np.bincount(person_household, minlength=count)
    if (sizes == 0).any():
        empty = int(np.flatnonzero(sizes == 0)[0])
        raise ApiError("missing_field", field=f"households[{empty}]", hint="Each household needs at least one person in persons.household (its first person is the applicant).")
    if (sizes > MAX_MEMBERS).any():
        big = int(np.flatnonzero(sizes > MAX_MEMBERS)[0])
        raise ApiError("too_many_members", field=f"households[{big}]", count=int(sizes[big]), maximum=MAX_MEMBERS)
    # the first person of each household (in persons order) is the applicant
    order = np.argsort(person_household, kind="stable")
    first = np.ones(n_persons, dtype=bool)
    first[order[1:]] = person_household[order[1:]] != person_household[order[:-1]]
    population.person_household = person_household
    population.person_role = np.where(first, "applicant", "other_member")
    population.person_ids = persons["id"] if isinstance(persons.get("id"), list) and len(persons["id"]) == n_persons else list(range(n_persons))

    for name, raw in persons.items():
        if name in ("household", "id"):
            continue
        where = f"persons.{name}"
        if name not in INCOME_VARIABLES:
            raise unknown_or_computed(name, where, "person", INCOME_VARIABLES, computed)
        if not isinstance(raw, dict):
            raise ApiError("wrong_type", field=where, expected="an object keyed by month of columns", got=describe_type(raw), example='{"2021-01": [70000, 0]}')
        by_month = {}
        for key, column in raw.items():
            check_month_key(key, name, f"{where}.{key}")
            array, given = _numeric_column(column, "money", f"{where}.{key}", n_persons, "person")
            if key in income_months:
                by_month[key] = array
        if by_month:
            population.person_values[name] = by_month
    return population


def _hashable(value):
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else repr(value)


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

    tenure = population.household_values.get("tenure")
    needs_rent = np.zeros(population.count, dtype=bool)
    if tenure is not None:
        tenure = np.asarray(tenure)
        needs_rent = np.zeros(population.count, dtype=bool)
        for name in RENT_TENURES:
            needs_rent |= tenure == Tenure[name].index
        needs_rent &= given["tenure"]
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
        for by_month in population.person_values.values():
            column = by_month.get(income_month)
            if column is not None:
                any_given |= ~np.isnan(column)
        absent_by_month.append(~any_given)
    if any(row.any() for row in absent_by_month):
        absent = np.stack(absent_by_month)
        for person_index in np.flatnonzero(absent.any(axis=0)):
            months = [m for m, row in zip(population.income_months, absent) if row[person_index]]
            add({"field": f"persons.{population.person_ids[person_index]}", "months": months, "give": " | ".join(INCOME_VARIABLES)})
    return missing, count
