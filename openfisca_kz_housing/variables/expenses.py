"""The month's housing expenses, by the directions of decision 56/2-VI, Annex 1, item 1.

Each input is the amount the rules accept before the area norm: utilities follow items 7-8
(consumption norms without meters; the previous quarter's actual costs with meters, capped by the
norms), the telephone figure is the compensable increase of the subscription fee (item 5).
"""

from openfisca_core.model_api import MONTH, Variable

from openfisca_kz_housing.entities import Household


class maintenance_expense(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Condominium management and maintenance of common property, capital repair included (tenge)"
    reference = "Decision 56/2-VI, Annex 1, items 1 (first direction) and 4"


class heating_expense(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Heating (tenge)"
    reference = "Decision 56/2-VI, Annex 1, items 1 (utilities), 7 and 8"
    documentation = "Heating is a utility service billed by area; the project scales it by the area norm."


class rent_expense(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Payment for use of a state-fund or akimat-leased dwelling (tenge)"
    reference = "Decision 56/2-VI, Annex 1, item 1 (third direction)"
    documentation = """
    Counts only for tenants of a state-fund dwelling or of a private dwelling leased by the akimat
    (housing_aid_rent_counts); given for another tenure it is left out of the accepted expenses.
    """


class utility_expense(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Other utility services, accepted amount (tenge)"
    reference = "Decision 56/2-VI, Annex 1, items 1 (second direction), 7 and 8"


class telephone_fee_increase(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Compensable increase of the telephone subscription fee (tenge)"
    reference = "Decision 56/2-VI, Annex 1, items 1 (second direction) and 5"
    documentation = """
    Item 5 (2023 text) cites Order No 295/НҚ of 28.07.2023 for the amount and the socially protected
    citizens entitled; before 28.07.2023 that order did not exist and earlier acts applied (unverified).
    The input is the compensable amount.
    """
