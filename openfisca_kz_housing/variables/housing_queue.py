"""Almaty housing queue: akimat resolution 2/516 of 06.06.2012, Regulation (repealed by 2/512 of 2013).

The chain, item by item:
  item 3   applied from 19.07.2012 (estimate) to the repeal     -> housing_queue_in_force
  item 8   grounds: WWII veterans; the 11 socially protected
           groups under the income test; public-sector
           workers; an only dwelling declared in emergency      -> housing_queue_ground
  item 8   income: 12 months before the application, average
           per member, strictly below 3.1 × subsistence minimum -> housing_queue_income_per_member,
                                                                   housing_queue_income_threshold,
                                                                   housing_queue_income_test
  item 17  need (Law on Housing Relations art. 69)             -> housing_queue_in_need
  item 17  refusal: deliberate worsening in 5 years (art. 72)  -> housing_queue_eligible
The month is the month of application; it is judged by the rules in force on its first day (the
project's convention). Outside the resolution's life every answer is false or 0; no formula reads a
repealed parameter.
"""

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import ParameterNotFoundError
from openfisca_core.model_api import ADD, MONTH, Enum, Variable, not_, select

from openfisca_kz_housing.entities import Household, Person
from openfisca_kz_housing.enums import HousingQueueGround, SocialCategory
from openfisca_kz_housing.parameter_paths import QUEUE, walk

REFERENCE = "Almaty akimat resolution 2/516 of 06.06.2012 (registered 09.07.2012 No 942), Regulation"


def queue_parameters(parameters, period):
    """The resolution's parameters on the month's first day, or None when it does not apply then."""
    try:
        housing_queue = walk(parameters(period.start), QUEUE)
        in_force = housing_queue is not None and bool(housing_queue.in_force)
    except ParameterNotFoundError:  # before the application date: no value at all
        return None
    return housing_queue if in_force else None


def twelve_months_before(month):
    """The 12 months before ``month`` (item 8: "the last twelve months before the application").

    For an application in 2012-08 this is 2011-08 to 2012-07; the month of application is not in it.
    """
    first = month.start.offset(-12, periods.DateUnit.MONTH)
    return periods.Period((periods.DateUnit.MONTH, first, 12))


class housing_queue_in_force(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Resolution 2/516 (Almaty housing queue) applies on the month's first day"
    reference = f"{REFERENCE}, item 3; repealed by 2/512 of 19.06.2013 (both dates estimated, see revisions.yaml)"

    def formula(household, period, parameters):
        return np.full(household.count, queue_parameters(parameters, period) is not None)


# Inputs: the family's situation ---------------------------------------------------------------


class public_sector_worker(Variable):
    value_type = bool
    default_value = False
    entity = Person
    definition_period = MONTH
    label = "Civil servant, employee of a budget organisation, serviceman or holder of elective state office"
    reference = f"{REFERENCE}, item 8 and item 13.3 (certificate from the place of work); Annex 4"


class social_category(Variable):
    value_type = Enum
    possible_values = SocialCategory
    default_value = SocialCategory.none
    entity = Household
    definition_period = MONTH
    label = "Socially protected group of the family (one of the 11 groups of item 8)"
    reference = f"{REFERENCE}, item 8 (groups 1 to 11); Annex 3 (the application names one of them)"


class sole_dwelling_in_emergency(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The family's only dwelling has been declared to be in an emergency state as the law provides"
    reference = f"{REFERENCE}, item 8 («жалғыз тұрғын үйі апатты деп танылған азаматтарға»)"


class owns_dwelling_in_kazakhstan(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The applicant or a family member living with them owns a dwelling in Kazakhstan"
    reference = f"{REFERENCE}, item 13.2 (certificate of no dwelling owned) and item 17 (Law art. 69, criteria 1-2)"
    documentation = "An owned dwelling anywhere in Kazakhstan; the one in the settlement (criterion 2) is included."


class has_communal_dwelling_in_permanent_use(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The family has a dwelling of the communal housing fund in permanent use in the settlement"
    reference = f"{REFERENCE}, item 17 (Law on Housing Relations art. 69, criterion 3)"


class dwelling_fails_sanitary_technical_requirements(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The dwelling the family lives in fails the established sanitary and technical requirements"
    reference = f"{REFERENCE}, item 17 (Law on Housing Relations art. 69, criterion 4)"


class families_share_non_isolated_rooms(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "Two or more families live in adjoining non-isolated rooms"
    reference = f"{REFERENCE}, item 17 (Law on Housing Relations art. 69, criterion 5)"


class severe_illness_prevents_sharing_dwelling(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = (
        "A family member has a severe chronic disease (Government list) that makes living in one flat with them "
        "impossible"
    )
    reference = f"{REFERENCE}, item 17 (Law on Housing Relations art. 69, criterion 6) and item 13 (health certificate)"


class deliberate_worsening_within_5_years(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The family became in need by deliberately worsening its housing conditions in the last five years"
    reference = f"{REFERENCE}, item 17 (Law on Housing Relations art. 72: refusal of registration)"
    documentation = """
    Art. 72 as quoted in item 17: exchanging the dwelling; alienating an owned habitable dwelling (except a
    sale to the akimat under art. 98-1); destroying or damaging it by one's fault; leaving a dwelling while
    not in need; moving in people other than the spouse, minor or disabled children and disabled parents.
    """


# Formulas --------------------------------------------------------------------------------------


class housing_queue_in_need(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The family is in need of housing from the state housing fund (Law on Housing Relations art. 69)"
    reference = (
        f"{REFERENCE}, item 17 (art. 69 quoted; item 13: ownership checked for the family members living with the "
        "applicant)"
    )
    documentation = """
    Project interpretation (the text lists the criteria after "if" without "and" or "or"): criteria 1-3
    describe having no housing and hold together (no dwelling owned in Kazakhstan, hence none in the
    settlement; no communal dwelling in permanent use); criteria 4-6 are alternative grounds. An only
    dwelling declared in emergency state fails the technical requirements (criterion 4).
    """

    def formula(household, period):
        without_housing = not_(household("owns_dwelling_in_kazakhstan", period)) * not_(
            household("has_communal_dwelling_in_permanent_use", period)
        )
        substandard = household("dwelling_fails_sanitary_technical_requirements", period) + household(
            "sole_dwelling_in_emergency", period
        )
        return (
            without_housing
            + substandard
            + household("families_share_non_isolated_rooms", period)
            + household("severe_illness_prevents_sharing_dwelling", period)
        )


class housing_queue_income_per_member(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Average monthly total income per family member over the 12 months before the month of application (tenge)"
    reference = f"{REFERENCE}, item 8"
    documentation = """
    The family's countable income (salary, pension, social benefits, other income: the same as for
    housing aid) summed over the 12 months before the month of application, divided by 12 and by the
    number of members in the month of application. Computed whatever the date; the income test itself
    applies only while the resolution is in force.
    """

    def formula(household, period):
        total = household("household_countable_income", twelve_months_before(period), options=[ADD])
        return total / 12 / household("household_member_count", period)


def _minimum_of(node, month) -> float:
    """The subsistence minimum in force in ``month``; before the first value recorded (2012) the first
    value stands in (the 2011 figure is not in the parameters; only the income-years reading asks)."""
    try:
        return float(node(month.start))
    except ParameterNotFoundError:
        return float(node.values_list[-1].value)


class housing_queue_income_threshold(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Income ceiling per family member of the housing queue: 3.1 × subsistence minimum (tenge)"
    reference = f"{REFERENCE}, item 8; national.subsistence_minimum (republican budget law)"
    documentation = """
    Item 8 says "for the corresponding financial year" without saying which year. The contract's reading
    (an interpretation): 3.1 × the monthly subsistence minimum of the application month's year, always,
    whether or not the 12-month window spans two years (an application in January 2013 uses the 2013
    minimum although its whole window lies in 2012). The other reading - the years in which the income was
    earned: 3.1 × the mean of the minimum in force in each month of the window - is one switch away:
    parameter housing_queue.minimum_of_income_years (the 2011 minimum is not recorded: months
    of 2011 take 2012's). 0 when the resolution does not apply.
    """

    def formula(household, period, parameters):
        p = queue_parameters(parameters, period)
        if p is None:
            return household.empty_array()
        subsistence_minimum = parameters(period.start).national.subsistence_minimum
        if p.minimum_of_income_years:
            window = twelve_months_before(period)
            months = [window.first_month.offset(k, periods.DateUnit.MONTH) for k in range(12)]
            node = household.simulation.tax_benefit_system.parameters.national.subsistence_minimum
            subsistence_minimum = sum(_minimum_of(node, m) for m in months) / 12
        # Rounded to the tiyn in float64 so that 3.1 × 18,660 is exactly 57,846 (a strict test).
        return np.full(household.count, round(p.income_multiplier * subsistence_minimum, 2))


class housing_queue_income_test(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Average income per member is strictly below the housing-queue ceiling"
    reference = f"{REFERENCE}, item 8 («...3,1 еселенген мөлшерінен төмен»: below)"

    def formula(household, period):
        in_force = household("housing_queue_in_force", period)
        income = household("housing_queue_income_per_member", period)
        return in_force * (income < household("housing_queue_income_threshold", period))


class housing_queue_ground(Variable):
    value_type = Enum
    possible_values = HousingQueueGround
    default_value = HousingQueueGround.none
    entity = Household
    definition_period = MONTH
    label = "Ground of item 8 on which the family may be registered (the first that holds, in the item's order)"
    reference = f"{REFERENCE}, item 8"
    documentation = """
    WWII disabled veterans and participants (group 1): no income test. Groups 1-1 to 11: only when the
    income test holds. Public-sector workers (any member of the family: the family files through them)
    and an only dwelling declared in emergency state: no income test. None when the resolution does not
    apply.
    """

    def formula(household, period):
        in_force = household("housing_queue_in_force", period)
        category = household("social_category", period)
        veteran = category == SocialCategory.wwii_veteran
        protected = not_(veteran) * (category != SocialCategory.none)
        low_income = protected * household("housing_queue_income_test", period)
        worker = household.any(household.members("public_sector_worker", period))
        emergency = household("sole_dwelling_in_emergency", period)
        ground = select(
            [veteran, low_income, worker, emergency],
            [
                HousingQueueGround.wwii_veteran,
                HousingQueueGround.low_income_social_category,
                HousingQueueGround.public_sector_worker,
                HousingQueueGround.sole_dwelling_in_emergency,
            ],
            default=HousingQueueGround.none,
        )
        return np.where(in_force, ground, HousingQueueGround.none)


class housing_queue_refused(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "Registration is refused: the family deliberately worsened its housing conditions in the last five years"
    reference = f"{REFERENCE}, item 17 (Law on Housing Relations art. 72)"

    def formula(household, period):
        return household("housing_queue_in_force", period) * household("deliberate_worsening_within_5_years", period)


class housing_queue_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The family may be registered in the Almaty housing queue (month of application)"
    reference = f"{REFERENCE}, items 8 and 17"
    documentation = """
    In force, a ground of item 8, in need under art. 69 and not refused under art. 72 (item 17). False
    outside the resolution's life (before 19.07.2012 and from 29.06.2013, both estimates; a month is
    judged on its first day, so the first month is 2012-08 and the last 2013-06).
    """

    def formula(household, period):
        return (
            household("housing_queue_in_force", period)
            * (household("housing_queue_ground", period) != HousingQueueGround.none)
            * household("housing_queue_in_need", period)
            * not_(household("housing_queue_refused", period))
        )
