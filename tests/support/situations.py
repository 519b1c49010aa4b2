"""Turn an OpenFisca situation (the JSON of ``/calculate`` or a YAML test's ``input``) into a ``Population``.

Used to check that the array path and the JSON path (``SimulationBuilder.build_from_entities``) give
the same aid on every household. Values are placed month by month exactly as the JSON path would
place them: a month the situation does not give takes the variable's default value. Only the
population format's columns are accepted (``HOUSEHOLD_COLUMNS``, ``PERSON_COLUMNS``); any other
input raises ``UnsupportedSituation``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from openfisca_kz_housing.budget.simulation import income_months
from openfisca_kz_housing.population.columns import household_columns, person_columns
from openfisca_kz_housing.population.loader import Population, Series, _dtype_of, month_ordinal


class UnsupportedSituation(ValueError):
    """The situation uses something the population format cannot express."""


def _values_by_month(value, default_period: str | None) -> dict:
    if isinstance(value, dict):
        return {str(period): v for period, v in value.items()}
    if default_period is None:
        raise UnsupportedSituation("a value without a period and no test period")
    return {str(default_period): value}


def _encode(spec, value):
    if spec.kind == "enum":
        return spec.enum[value].index if isinstance(value, str) else int(value)
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "date":
        return np.datetime64(str(value), "D")
    return value


def population_from_situation(tax_benefit_system, situation: dict, months: list, default_period=None) -> Population:
    persons = situation.get("persons") or {}
    households = situation.get("households") or {}
    if not households:
        raise UnsupportedSituation("no households in the situation")
    if set(situation) - {"persons", "households"}:
        raise UnsupportedSituation(f"other entities: {sorted(set(situation) - {'persons', 'households'})}")
    person_ids = list(persons)
    household_ids = list(households)
    person_household = np.full(len(person_ids), -1, dtype=np.intp)
    role = np.ones(len(person_ids), dtype=np.int8)
    for h, (hid, household) in enumerate(households.items()):
        applicant = household.get("applicant") or household.get("applicants")
        applicants = [applicant] if isinstance(applicant, str) else list(applicant or [])
        others = household.get("other_members") or household.get("other_member") or []
        others = [others] if isinstance(others, str) else list(others)
        for pid in applicants + others:
            if pid not in persons:
                raise UnsupportedSituation(f"household {hid!r} names a person {pid!r} not in persons")
            person_household[person_ids.index(pid)] = h
        for pid in applicants:
            role[person_ids.index(pid)] = 0
    if (person_household < 0).any():
        raise UnsupportedSituation("a person belongs to no household")

    population = Population(
        name="situation",
        synthetic=False,
        files={},
        household_ids=pa.array(household_ids),
        person_ids=pa.array(person_ids),
        person_household=person_household,
        person_role=role,
        weight=np.ones(len(household_ids)),
    )
    roles = {"applicant", "applicants", "other_members", "other_member"}
    for entities, spec_table, target, wanted in (
        (households, household_columns(), population.household_inputs, months),
        (persons, person_columns(), population.person_inputs, income_months(months)),
    ):
        for entity in entities.values():
            unknown = set(entity) - set(spec_table) - roles
            if unknown:
                raise UnsupportedSituation(f"inputs outside the population format: {sorted(unknown)}")
        for name, spec in spec_table.items():
            if spec.kind in ("id", "month", "role") or name == "weight":
                continue
            if spec.kind == "date" and not any(name in entity for entity in entities.values()):
                continue  # an optional date not given: the model's default applies
            variable = tax_benefit_system.variables[name]
            default = variable.default_value
            default = _encode(spec, default.name) if hasattr(default, "name") else default
            dtype = _dtype_of(spec)
            arrays = []
            for month in wanted:
                array = np.full(len(entities), default, dtype=dtype)
                for k, entity in enumerate(entities.values()):
                    if name in entity:
                        given = _values_by_month(entity[name], default_period)
                        if month in given and given[month] is not None:
                            array[k] = _encode(spec, given[month])
                arrays.append(array)
            target[name] = Series(tuple(arrays), tuple(month_ordinal(m) for m in wanted))
    return population
