"""Countable income (Annex 1, item 3 of decision 56/2-VI).

Item 3: the family's total income is computed for the quarter preceding the quarter of application,
by the rules of Order No 226 of 24.04.2020 (registry No 20498) - the 2023 text's citation; for months
before 24.04.2020 the order did not exist and the national rules then in force applied (the rule is
carried back: see carried_rules in revisions.yaml). Those rules decide which receipts count; the inputs
below are the counted amounts, per person and per month.
"""

from openfisca_core.model_api import ADD, MONTH, Variable

from openfisca_kz_housing.dates import preceding_quarter
from openfisca_kz_housing.entities import Household, Person


class salary(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Salary and other employment income of the month (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3: from 24.04.2020 the rules of Order No 226 (registry No 20498); "
    "before that date the national income rules then in force (the order did not exist yet)"


class pension(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Pensions received in the month (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3: from 24.04.2020 the rules of Order No 226 (registry No 20498); "
    "before that date the national income rules then in force (the order did not exist yet)"


class social_benefits(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Countable social benefits received in the month (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3: from 24.04.2020 the rules of Order No 226 (registry No 20498); "
    "before that date the national income rules then in force (the order did not exist yet)"


class other_income(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Other countable income of the month (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3: from 24.04.2020 the rules of Order No 226 (registry No 20498); "
    "before that date the national income rules then in force (the order did not exist yet)"


class countable_income(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Countable income of a person in the month (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3"

    def formula(person, period):
        return (
            person("salary", period)
            + person("pension", period)
            + person("social_benefits", period)
            + person("other_income", period)
        )


class household_countable_income(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Total countable income of all household members in the month (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3 (the family's total income)"

    def formula(household, period):
        return household.sum(household.members("countable_income", period))


class housing_aid_income_base(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Average monthly family income of the quarter before the month's quarter (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3"
    documentation = """
    Item 3 takes the family's total income for the quarter preceding the quarter of application. The
    project's convention compares it with one month's expenses through the monthly average: the
    quarter's total divided by 3 (January-March 2021 uses October-December 2020).
    """

    def formula(household, period):
        return household("housing_aid_income_quarter_total", period) / 3


class housing_aid_income_quarter_total(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Total family income of the quarter before the month's quarter (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 3"

    def formula(household, period):
        return household("household_countable_income", preceding_quarter(period), options=[ADD])
