"""The body of /entitlements as records: one object per household, its members inside (see inputs.py)."""

from __future__ import annotations

from openfisca_kz_housing.api.errors import ApiError, describe_type
from openfisca_kz_housing.api.inputs_rows import assemble, household_values, person_incomes
from openfisca_kz_housing.api.inputs_values import (
    MAX_MEMBERS,
    hashable,
)


def read_records(records, date, month, income_months, computed, max_households):
    if not records:
        raise ApiError("empty", field="households")
    if len(records) > max_households:
        raise ApiError("too_many_households", field="households", count=len(records), maximum=max_households, hint="")
    household_ids, household_rows, person_ids, person_household, person_role, person_rows = [], [], [], [], [], []
    seen_households, membership = set(), {}  # a household given twice, or a person in two, would count twice
    for index, record in enumerate(records):
        where = f"households[{index}]"
        if not isinstance(record, dict):
            raise ApiError(
                "wrong_type",
                field=where,
                expected="an object",
                got=describe_type(record),
                example='{"id": "h1", "members": [{"salary": {...}}]}',
            )
        household_ids.append(record.get("id", index))
        if hashable(household_ids[-1]) in seen_households:
            raise ApiError("duplicate_ids", field=f"{where}.id")
        seen_households.add(hashable(household_ids[-1]))
        members = record.get("members")
        if not isinstance(members, list) or not members:
            raise ApiError(
                "missing_field" if members is None else "wrong_type",
                field=f"{where}.members",
                hint="Give members as a non-empty array; the first is the applicant.",
                expected="a non-empty array of persons",
                got=describe_type(members),
                example='[{"id": "aigerim", "salary": {"2021-01": 70000}}]',
            )
        if len(members) > MAX_MEMBERS:
            raise ApiError("too_many_members", field=f"{where}.members", count=len(members), maximum=MAX_MEMBERS)
        household_rows.append(household_values(record, where, month, computed, skip=("id", "members")))
        for position, member in enumerate(members):
            place = f"{where}.members[{position}]"
            if not isinstance(member, dict):
                raise ApiError(
                    "wrong_type",
                    field=place,
                    expected="an object",
                    got=describe_type(member),
                    example='{"id": "aigerim", "salary": {"2021-01": 70000}}',
                )
            member = dict(member)
            person_ids.append(member.pop("id", f"{household_ids[-1]}/{position}"))
            if hashable(person_ids[-1]) in membership:
                raise ApiError(
                    "person_twice",
                    field=f"{place}.id",
                    person=str(person_ids[-1])[:60],
                    household=str(membership[hashable(person_ids[-1])])[:60],
                )
            membership[hashable(person_ids[-1])] = household_ids[-1]
            person_household.append(index)
            person_role.append("applicant" if position == 0 else "other_member")
            person_rows.append(person_incomes(member, place, computed))
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
