"""The body of /entitlement (OpenFisca-like): persons and households as objects keyed by id (see inputs.py)."""

from __future__ import annotations

from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_rows import assemble, household_values, person_incomes
from openfisca_kz_housing.api.inputs_values import (
    MAX_MEMBERS,
    ROLE_KEYS,
    Population,
    month_of,
    quarter_months,
    read_date,
)


def read_households(body, computed, max_households: int) -> Population:
    date = read_date(body)
    month = month_of(date)
    income_months = quarter_months(month)
    persons = _object(body, "persons")
    households = _object(body, "households")
    if not households:
        raise ApiError("empty", field="households")
    if len(households) > max_households:
        raise ApiError(
            "too_many_households",
            field="households",
            count=len(households),
            maximum=max_households,
            hint=" or use POST /entitlements",
        )
    for person_id, person in persons.items():
        if not isinstance(person, dict):
            raise ApiError(
                "wrong_type",
                field=f"persons.{person_id}",
                expected="an object",
                got=describe_type(person),
                example='{"salary": {"2021-01": 70000}}',
            )

    person_ids, person_household, person_role, membership = [], [], [], {}
    household_ids = list(households)
    household_rows = []
    for index, (household_id, household) in enumerate(households.items()):
        where = f"households.{household_id}"
        if not isinstance(household, dict):
            raise ApiError(
                "wrong_type",
                field=where,
                expected="an object",
                got=describe_type(household),
                example='{"applicant": "aigerim", "dwelling_area": 54}',
            )
        members = _members(household, where, persons, membership, household_id)
        for person_id, role in members:
            person_ids.append(person_id)
            person_household.append(index)
            person_role.append(role)
        household_rows.append(household_values(household, where, month, computed, skip=ROLE_KEYS))
    for person_id in persons:
        if person_id not in membership:
            raise ApiError("person_without_household", field=f"persons.{person_id}", person=person_id)

    person_rows = []
    for person_id in person_ids:
        person_rows.append(person_incomes(persons[person_id], f"persons.{person_id}", computed))
    return assemble(
        date,
        month,
        income_months,
        household_ids,
        household_rows,
        person_ids,
        person_household,
        person_role,
        person_rows,
    )


def _object(body: dict, name: str) -> dict:
    if name not in body:
        raise ApiError(
            "missing_field", field=name, hint=f"Give {name} as an object keyed by id; see /spec for an example."
        )
    value = body[name]
    if not isinstance(value, dict):
        raise ApiError(
            "wrong_type",
            field=name,
            expected="an object keyed by id",
            got=describe_type(value),
            example='{"aigerim": {...}}',
        )
    return value


def _members(household: dict, where: str, persons: dict, membership: dict, household_id):
    if "applicant" not in household:
        raise ApiError(
            "missing_field", field=f"{where}.applicant", hint='Name the applicant: "applicant": "<person id>".'
        )
    applicant = household["applicant"]
    if isinstance(applicant, list) and len(applicant) == 1:  # OpenFisca also writes roles as lists
        applicant = applicant[0]
    if not isinstance(applicant, str):
        raise ApiError(
            "wrong_type",
            field=f"{where}.applicant",
            expected="one person id (a string)",
            got=describe_type(applicant),
            example='"aigerim"',
        )
    others = household.get("other_members", [])
    if not isinstance(others, list) or not all(isinstance(p, str) for p in others):
        raise ApiError(
            "wrong_type",
            field=f"{where}.other_members",
            expected="an array of person ids",
            got=describe_type(others),
            example='["bolat"]',
        )
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
