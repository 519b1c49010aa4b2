"""A hand-written numpy implementation of the housing-aid rules, the yardstick of the benchmark.

It mirrors ``variables/housing_aid.py`` and ``variables/income.py`` operation by operation in float32,
so that it agrees with OpenFisca to the tenge (in fact bit for bit). It reads the same dated
parameters (through ``decision_parameters``), so a parametric reform is mirrored by passing the
reformed system. Code reforms that change formulas are not mirrored. Used by
``benchmarks/budget_benchmark.py`` and the tests; the budget itself always runs through OpenFisca.
"""

from __future__ import annotations

import numpy as np
from openfisca_core import periods

from openfisca_kz_housing.enums import DwellingKind, Tenure
from openfisca_kz_housing.population.loader import Population, month_ordinal, ordinal_month
from openfisca_kz_housing.variables.housing_aid import decision_parameters

APARTMENT, DORMITORY = DwellingKind.apartment.index, DwellingKind.dormitory_room.index
OWNER, STATE, AKIMAT = Tenure.owner.index, Tenure.state_housing_tenant.index, Tenure.akimat_leased_tenant.index


def housing_aid_numpy(tax_benefit_system, population: Population, months: list[str]) -> np.ndarray:
    """Monthly housing aid (months x households, float32) computed with numpy only."""
    members = population.person_household
    size = population.household_size
    count = population.household_count
    result = np.zeros((len(months), count), dtype=np.float32)
    family_income = {}  # month ordinal -> household income of the month (float32)

    def household_income(ordinal):
        if ordinal not in family_income:
            s = population.person_inputs
            person = (
                s["salary"].at(ordinal)
                + s["pension"].at(ordinal)
                + s["social_benefits"].at(ordinal)
                + s["other_income"].at(ordinal)
            )
            family_income[ordinal] = np.bincount(members, weights=person, minlength=count).astype(np.float32)
        return family_income[ordinal]

    h = population.household_inputs
    for i, month in enumerate(months):
        period = periods.period(month)
        p = decision_parameters(tax_benefit_system.parameters, period)
        if p is None:
            continue
        m = month_ordinal(month)
        area = h["dwelling_area"].at(m)
        kind = h["dwelling_kind"].at(m)
        tenure = h["tenure"].at(m)
        one_room = (kind == DORMITORY) | ((kind == APARTMENT) & (h["dwelling_rooms"].at(m) == 1))
        floor = np.where(one_room, area, p.area_norm.one_room_floor)
        norm = np.maximum(size * p.area_norm.per_person, floor).astype(np.float32)
        safe_area = np.where(area > 0, area, 1)
        scale = np.where(area > 0, np.minimum(1, norm / safe_area), 1).astype(np.float32)
        by_area = h["maintenance_expense"].at(m) + h["heating_expense"].at(m) + h["rent_expense"].at(m)
        as_given = h["utility_expense"].at(m) + h["telephone_fee_increase"].at(m)
        accepted = by_area * scale + as_given
        q = m - m % 3 - 3
        quarter = 0 + household_income(q) + household_income(q + 1) + household_income(q + 2)
        limit = p.income_share * (quarter / 3)
        eligible = h["resident_in_district"].at(m) & (
            ((tenure == OWNER) & ~h["owns_other_dwelling"].at(m)) | (tenure == STATE) | (tenure == AKIMAT)
        )
        result[i] = np.where(eligible, np.maximum(0, accepted - limit), 0)
        for old in [k for k in family_income if k < q]:
            del family_income[old]
    return result


__all__ = ["housing_aid_numpy", "ordinal_month"]
