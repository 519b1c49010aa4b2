"""Deliberately wrong versions of the housing-queue rules (resolution 2/516), used by
test_yaml_tests_can_fail.py to prove that tests/yaml/housing_queue fails when a rule is wrong.
Not part of the package: never import these outside tests."""

import numpy as np
from openfisca_core import periods
from openfisca_core.model_api import ADD, MONTH, Enum, Reform, Variable

from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.enums import HousingQueueGround, SocialCategory
from openfisca_kz_housing.parameter_paths import QUEUE
from openfisca_kz_housing.variables.housing_queue import housing_queue_ground as real_ground

from mutants import _child, _set_everywhere


def _node(parameters):
    return _child(parameters, QUEUE)


class multiplier_3(Reform):
    """Item 8 wrong: 3 × subsistence minimum instead of 3.1."""

    def apply(self):
        def modify(parameters):
            _set_everywhere(_node(parameters).children["income_multiplier"], 3.0)
            return parameters

        self.modify_parameters(modifier_function=modify)


class below_or_equal(Reform):
    """Item 8 wrong: "below" read as "not above"."""

    def apply(self):
        class housing_queue_income_test(Variable):
            value_type = bool
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                income = household("housing_queue_income_per_member", period)
                return household("housing_queue_in_force", period) * (
                    income <= household("housing_queue_income_threshold", period)
                )

        self.update_variable(housing_queue_income_test)


class window_includes_application_month(Reform):
    """Item 8 wrong: the 12 months end with the month of application instead of before it."""

    def apply(self):
        class housing_queue_income_per_member(Variable):
            value_type = float
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                first = period.start.offset(-11, periods.DateUnit.MONTH)
                window = periods.Period((periods.DateUnit.MONTH, first, 12))
                total = household("household_countable_income", window, options=[ADD])
                return total / 12 / household.nb_persons()

        self.update_variable(housing_queue_income_per_member)


class veterans_income_tested(Reform):
    """Item 8 wrong: WWII veterans put under the income test like the other groups."""

    def apply(self):
        class housing_queue_ground(Variable):
            value_type = Enum
            possible_values = HousingQueueGround
            default_value = HousingQueueGround.none
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                ground = real_ground.formula(household, period)
                veteran = household("social_category", period) == SocialCategory.wwii_veteran
                poor = household("housing_queue_income_test", period)
                return np.where(veteran * ~poor, HousingQueueGround.none, ground)

        self.update_variable(housing_queue_ground)


class repeal_ignored(Reform):
    """The repeal 2/512 forgotten: the resolution stays in force after June 2013."""

    def apply(self):
        def modify(parameters):
            node = _node(parameters)
            for name in ("in_force", "income_multiplier"):
                values = node.children[name].values_list  # newest first
                values[0].value = values[1].value
            return parameters

        self.modify_parameters(modifier_function=modify)


class need_ignored(Reform):
    """Item 17 wrong: art. 69 (need) not checked."""

    def apply(self):
        class housing_queue_in_need(Variable):
            value_type = bool
            entity = Household
            definition_period = MONTH
            label = "MUTANT"

            def formula(household, period):
                return household.filled_array(True)

        self.update_variable(housing_queue_in_need)
