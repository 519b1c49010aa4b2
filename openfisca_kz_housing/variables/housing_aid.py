"""Housing aid of Altai district: decision 56/2-VI of the maslikhat, Annex 1 (as of 7/3-VIII).

The chain, item by item:
  item 1  who may receive it and which expenses count        -> housing_aid_eligible, *_expense
  item 12 area norm (18 m2 a person, not less than one room)  -> housing_aid_norm_area, housing_aid_area_scale
  item 1  accepted expenses = sum over the directions         -> housing_aid_accepted_expenses
          (rent only for state-fund and akimat-leased tenants)  -> housing_aid_rent_counts (facts.py)
  items 6, 10, 11 the months an application covers             -> housing_aid_application_covers_month
  item 3  income of the preceding quarter                     -> housing_aid_income_base (income.py)
  item 2  limit = 10 % of income; aid = expenses - limit       -> housing_aid_expense_limit, housing_aid
A month is judged by the rules in force on its first day. Outside the decision's life every amount is
0 and housing_aid_in_force is false; no formula reads a repealed parameter.
"""

import functools

import numpy as np
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.model_api import MONTH, Enum, Variable, max_, min_, not_, where

from openfisca_kz_housing import revisions
from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.enums import DwellingKind, HousingAidAct, Tenure
from openfisca_kz_housing.parameter_paths import DECISION, walk


def decision_parameters(parameters, period):
    """The decision's parameters on the month's first day, or None when it is not in force then."""
    try:
        housing_aid = walk(parameters(period.start), DECISION)
        in_force = housing_aid is not None and bool(housing_aid.in_force)
    except ParameterNotFoundError:  # before the original's in-force date: no value at all
        return None
    return housing_aid if in_force else None


# Item 1: tenants of a state-fund dwelling or of a private dwelling leased by the akimat, the tenants it
# covers and (third direction) the only tenures whose rent counts. Named here only: model_inputs.RENT_TENURES,
# the population loader's notice, the API's readers and OpenAPI derive from it.
PUBLIC_TENURES = (Tenure.state_housing_tenant, Tenure.akimat_leased_tenant)


def public_tenant(tenure):
    """Item 1: a tenant of a state-fund dwelling or of a private dwelling leased by the akimat."""
    return functools.reduce(np.logical_or, (tenure == member for member in PUBLIC_TENURES))


def act_member_name(act_id):
    """'63/2-VI' -> 'decision_63_2_VI' (the HousingAidAct member naming that act)."""
    return "decision_" + act_id.replace("/", "_").replace("-", "_")


class housing_aid_in_force(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Decision 56/2-VI is in force on the month's first day"
    reference = "Decision 56/2-VI, item 3 (in force 10 days after publication); repealed by 12/4-VIII of 06.03.2024"

    def formula(household, period, parameters):
        in_force = decision_parameters(parameters, period) is not None
        return np.full(household.count, in_force)


class housing_aid_act(Variable):
    value_type = Enum
    possible_values = HousingAidAct
    default_value = HousingAidAct.none
    entity = Household
    definition_period = MONTH
    label = "The act of the decision's history whose text governs the month"
    reference = "Revision registry openfisca_kz_housing/revisions.yaml"

    def formula(household, period):
        act = revisions.act_in_force(period.start)
        member = HousingAidAct.none if act is None else HousingAidAct[act_member_name(act.id)]
        return np.full(household.count, member)


class housing_aid_norm_area(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Area norm of the family (m2)"
    reference = "Decision 56/2-VI, Annex 1, item 12"
    documentation = """
    18 m2 a person, but not less than a one-room flat or a dormitory room: a one-room apartment or a
    dormitory room counts whole; any other dwelling gets at least the one-room floor (30 m2, an
    estimate: the decision does not quantify it).
    """

    def formula(household, period, parameters):
        p = decision_parameters(parameters, period)
        if p is None:
            return household.empty_array()
        per_persons = household("household_member_count", period) * p.area_norm.per_person
        area = household("dwelling_area", period)
        floor = where(household("housing_aid_one_room", period), area, p.area_norm.one_room_floor)
        return max_(per_persons, floor)


class housing_aid_one_room(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The dwelling is a one-room flat or a dormitory room (it counts whole for the area norm)"
    reference = "Decision 56/2-VI, Annex 1, item 12 (not less than a one-room flat or a room in a dormitory)"
    documentation = "A dormitory room, or an apartment with dwelling_rooms = 1 (0 rooms means unknown: not one-room)."

    def formula(household, period):
        kind = household("dwelling_kind", period)
        return (kind == DwellingKind.dormitory_room) + (
            (kind == DwellingKind.apartment) * (household("dwelling_rooms", period) == 1)
        )


class housing_aid_area_scale(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Share of the area-billed expenses accepted: min(1, norm area / dwelling area)"
    reference = "Decision 56/2-VI, Annex 1, item 12 (project convention on how the norm applies)"

    def formula(household, period):
        area = household("dwelling_area", period)
        norm = household("housing_aid_norm_area", period)
        safe_area = where(area > 0, area, 1)
        return where(area > 0, min_(1, norm / safe_area), 1)


class housing_aid_accepted_expenses(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Expenses accepted for housing aid (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 1 (sum over the directions) and item 12 (area norm)"
    documentation = """
    Rent (third direction) counts only where housing_aid_rent_counts: for tenants of a state-fund dwelling
    or of a private dwelling leased by the akimat.
    """

    def formula(household, period):
        if not household("housing_aid_in_force", period).any():
            return household.empty_array()
        by_area = (
            household("maintenance_expense", period)
            + household("heating_expense", period)
            + household("housing_aid_counted_rent", period)
        )
        as_given = household("utility_expense", period) + household("telephone_fee_increase", period)
        return by_area * household("housing_aid_area_scale", period) + as_given


class housing_aid_expense_limit(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Maximum allowed own spending of the family on housing (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 2 (10 % of the family's total income)"

    def formula(household, period, parameters):
        p = decision_parameters(parameters, period)
        if p is None:
            return household.empty_array()
        return p.income_share * household("housing_aid_income_base", period)


class housing_aid_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The family may receive housing aid this month"
    reference = "Decision 56/2-VI, Annex 1, item 1"
    documentation = """
    Resident in the district, and either owner of the dwelling with no other dwelling owned in
    Kazakhstan, or tenant of a state-fund dwelling or of a private dwelling leased by the akimat.
    False when the decision is not in force.
    """

    def formula(household, period):
        tenure = household("tenure", period)
        sole_owner = (tenure == Tenure.owner) * not_(household("owns_other_dwelling", period))
        return (
            household("housing_aid_in_force", period)
            * household("resident_in_district", period)
            * (sole_owner + public_tenant(tenure))
        )


class housing_aid(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Monthly housing aid (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 2"
    documentation = """
    max(0, accepted expenses - expense limit) for an eligible family in a month its application covers
    (items 10-11: housing_aid_application_covers_month); 0 otherwise.
    """

    def formula(household, period):
        eligible = household("housing_aid_eligible", period) * household("housing_aid_application_covers_month", period)
        if not eligible.any():
            return household.empty_array()
        gap = household("housing_aid_accepted_expenses", period) - household("housing_aid_expense_limit", period)
        return where(eligible, max_(0, gap), 0)
