"""Facts of the decision that every interface shows: why a family is paid nothing, whether its rent
counts, and the figures of the explanation (decision 56/2-VI, Annex 1, items 1, 2, 3, 10-12).

Each is a variable, so that a reform that changes a rule changes the reasons and the explanation too.
The ineligibility reasons of item 1 are reported only for a family the rules make ineligible
(``housing_aid_eligible`` false): a reform that makes a family eligible removes its reason.
"""

import numpy as np
from openfisca_core.model_api import MONTH, Variable, not_

from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.enums import Tenure
from openfisca_kz_housing.variables.housing_aid import decision_parameters, public_tenant

# Public reason codes (stable): each is the variable ``housing_aid_reason_<code>``.
REASONS = ("not_in_force", "not_resident", "owns_other_dwelling", "tenure_not_covered", "not_covered_by_application")


class housing_aid_rent_counts(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Payment for use of the dwelling (rent) counts among the accepted expenses"
    reference = "Decision 56/2-VI, Annex 1, item 1 (third direction: state-fund and akimat-leased dwellings)"
    documentation = """
    Item 1, third direction: «мемлекеттік тұрғын үй қорынан берілген тұрғынжайды және жергілікті атқарушы
    орган жеке тұрғын үй қорынан жалдаған тұрғынжайды пайдаланғаны үшін». True for tenants of a
    state-fund dwelling or of a private dwelling leased by the akimat; also for any other tenant whom the
    rules make eligible (none under the law; a reform such as private_tenants_eligible). Never for owners.
    """

    def formula(household, period):
        tenure = household("tenure", period)
        other_tenant = (tenure == Tenure.private_tenant) * household("housing_aid_eligible", period)
        return public_tenant(tenure) + other_tenant


class housing_aid_counted_rent(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Rent counted before the area norm (tenge): rent_expense where it counts, else 0"
    reference = "Decision 56/2-VI, Annex 1, item 1 (third direction)"

    def formula(household, period):
        return household("rent_expense", period) * household("housing_aid_rent_counts", period)


class housing_aid_rent_not_counted(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "A rent was given but does not count: the tenure is not one of item 1's third direction"
    reference = "Decision 56/2-VI, Annex 1, item 1 (third direction)"

    def formula(household, period):
        rent = household("rent_expense", period)
        counts = household("housing_aid_rent_counts", period)
        return (rent > 0) * not_(counts) * household("housing_aid_in_force", period)


class housing_aid_reason_not_in_force(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Reason not_in_force: no housing-aid decision is in force on the month's first day"
    reference = "Decision 56/2-VI, item 3; repealed by 12/4-VIII of 06.03.2024"

    def formula(household, period):
        return not_(household("housing_aid_in_force", period))


def _item_1_failure(household, period):
    """In force and not eligible: where an item 1 reason can apply."""
    return household("housing_aid_in_force", period) * not_(household("housing_aid_eligible", period))


class housing_aid_reason_not_resident(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Reason not_resident: not permanently registered in or not living in Altai district"
    reference = "Decision 56/2-VI, Annex 1, item 1 (required of tenants too: the project's interpretation)"

    def formula(household, period):
        return _item_1_failure(household, period) * not_(household("resident_in_district", period))


class housing_aid_reason_owns_other_dwelling(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Reason owns_other_dwelling: an owner whose dwelling is not the only one owned in Kazakhstan"
    reference = "Decision 56/2-VI, Annex 1, item 1"

    def formula(household, period):
        owner = household("tenure", period) == Tenure.owner
        return _item_1_failure(household, period) * owner * household("owns_other_dwelling", period)


class housing_aid_reason_tenure_not_covered(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Reason tenure_not_covered: neither an owner nor a tenant of a state-fund or akimat-leased dwelling"
    reference = "Decision 56/2-VI, Annex 1, item 1"

    def formula(household, period):
        tenure = household("tenure", period)
        covered = (tenure == Tenure.owner) + public_tenant(tenure)
        return _item_1_failure(household, period) * not_(covered)


class housing_aid_reason_not_covered_by_application(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Reason not_covered_by_application: the application does not cover the month (items 10-11)"
    reference = "Decision 56/2-VI, Annex 1, items 6, 10 and 11"

    def formula(household, period):
        covers = household("housing_aid_application_covers_month", period)
        return household("housing_aid_in_force", period) * not_(covers)


class housing_aid_members(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Number of family members"
    reference = "Decision 56/2-VI, Annex 1, item 12 (the norm is per person)"

    def formula(household, period):
        return household("household_member_count", period)  # counted once per simulation (members.py)


def _decision_value(household, period, parameters, read):
    p = decision_parameters(parameters, period)
    return household.empty_array() if p is None else np.full(household.count, float(read(p)), dtype=np.float32)


class housing_aid_income_share(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Share of income the family pays itself (the maximum allowed level of expenses)"
    reference = "Decision 56/2-VI, Annex 1, item 2"

    def formula(household, period, parameters):
        return _decision_value(household, period, parameters, lambda p: p.income_share)


class housing_aid_norm_per_person(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Area norm per person (m2)"
    reference = "Decision 56/2-VI, Annex 1, item 12"

    def formula(household, period, parameters):
        return _decision_value(household, period, parameters, lambda p: p.area_norm.per_person)


class housing_aid_one_room_floor(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Area of a one-room flat, the norm's floor (m2; an estimate: the decision does not quantify it)"
    reference = "Decision 56/2-VI, Annex 1, item 12"

    def formula(household, period, parameters):
        return _decision_value(household, period, parameters, lambda p: p.area_norm.one_room_floor)
