"""Deliberately wrong versions of the rules ("mutants"), used by test_yaml_tests_can_fail.py to prove
that the YAML tests of tests/yaml/housing_aid fail when a rule of decision 56/2-VI is wrong.
Not part of the package: never import these outside tests."""

import numpy as np
from openfisca_core.model_api import ADD, MONTH, Reform, Variable

from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.enums import Tenure
from openfisca_kz_housing.parameter_paths import DECISION
from openfisca_kz_housing.parameter_paths import walk as _child


def _set_everywhere(parameter, value):
    for value_at_instant in parameter.values_list:
        if value_at_instant.value not in (None, False):
            value_at_instant.value = value


class share_11_percent(Reform):
    """Item 2 wrong: 11 % instead of 10 %."""

    def apply(self):
        def modify(parameters):
            _set_everywhere(_child(parameters, f"{DECISION}.income_share"), 0.11)
            return parameters

        self.modify_parameters(modifier_function=modify)


class norm_15_m2(Reform):
    """Item 12 read as 15 m2 a person instead of the project's 18 m2."""

    def apply(self):
        def modify(parameters):
            _set_everywhere(_child(parameters, f"{DECISION}.area_norm.per_person"), 15)
            return parameters

        self.modify_parameters(modifier_function=modify)


class income_of_current_quarter(Reform):
    """Item 3 wrong: the income of the month's own quarter instead of the preceding quarter."""

    def apply(self):
        class housing_aid_income_base(Variable):
            value_type = float
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                start = period.start
                quarter = period.__class__(("month", start.offset(-((start.month - 1) % 3), "month"), 3))
                return household("household_countable_income", quarter, options=[ADD]) / 3

        self.update_variable(housing_aid_income_base)


class owners_of_several_dwellings_eligible(Reform):
    """Item 1 wrong: the only-dwelling condition forgotten."""

    def apply(self):
        class housing_aid_eligible(Variable):
            value_type = bool
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                tenure = household("tenure", period)
                return (
                    household("housing_aid_in_force", period)
                    * household("resident_in_district", period)
                    * (tenure != Tenure.private_tenant)
                )

        self.update_variable(housing_aid_eligible)


class repeal_ignored(Reform):
    """The repeal 12/4-VIII forgotten: the decision stays in force after March 2024."""

    def apply(self):
        def modify(parameters):
            decision = _child(parameters, DECISION)
            for parameter in decision.get_descendants():
                if hasattr(parameter, "values_list"):
                    last_value = parameter.values_list[1].value  # newest before the repeal
                    parameter.values_list[0].value = last_value
            return parameters

        self.modify_parameters(modifier_function=modify)


class rent_counted_for_every_tenure(Reform):
    """Item 1, third direction wrong: the rent counts whatever the tenure (owners included)."""

    def apply(self):
        class housing_aid_rent_counts(Variable):
            value_type = bool
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                return np.ones(household.count, dtype=bool)

        self.update_variable(housing_aid_rent_counts)


class application_date_ignored(Reform):
    """Items 10-11 wrong: the application date is ignored (every month is covered)."""

    def apply(self):
        class housing_aid_application_covers_month(Variable):
            value_type = bool
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                return np.ones(household.count, dtype=bool)

        self.update_variable(housing_aid_application_covers_month)


class cutoff_day_excluded(Reform):
    """Item 11 read strictly: documents filed on the 25th count for the next quarter."""

    def apply(self):
        def modify(parameters):
            _set_everywhere(_child(parameters, f"{DECISION}.procedure.intake_cutoff_day"), 24)
            return parameters

        self.modify_parameters(modifier_function=modify)


class repeat_from_month_of_filing(Reform):
    """Item 10 read without its «Алғашқы» (first): a repeat application, like a first one, covers its quarter
    only from the month of filing (the model's reading before the rule was written once)."""

    def apply(self):
        def modify(parameters):
            _set_everywhere(_child(parameters, f"{DECISION}.procedure.repeat_application_covers_whole_quarter"), False)
            return parameters

        self.modify_parameters(modifier_function=modify)
