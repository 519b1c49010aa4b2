"""Private tenants eligible: tenants of any private dwelling may receive the aid, 2023-01-01 to 2024-03-15.

Structural reform of decision 56/2-VI, Annex 1, item 1, which covers owners of their only dwelling and
tenants of state-fund or akimat-leased dwellings, not other private renters. This reform replaces the
``housing_aid_eligible`` formula: a family with ``tenure = private_tenant`` resident in the district
is eligible too while the decision's new flag ``private_tenants_eligible`` is true (2023-01-01 to
2024-03-15; no value from the repeal on, so nothing changes after 2024-03-16). Their ``rent_expense``
then counts in the accepted expenses like a public tenant's rent, scaled by the area norm (item 12,
the project's convention).
"""

import datetime

from openfisca_core.model_api import MONTH, Variable
from openfisca_core.reforms import Reform

from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.enums import Tenure
from openfisca_kz_housing.reforms.common import add_reform_parameter, reform_value
from openfisca_kz_housing.variables import housing_aid as baseline

START = datetime.date(2023, 1, 1)
NAME = "Private tenants eligible from 2023-01-01"


def add_parameters(parameters):
    """Add ``<decision>.private_tenants_eligible`` (true from 2023-01-01; no value from the repeal on)."""
    return add_reform_parameter(
        parameters, "private_tenants_eligible", START, True, NAME, "private tenants eligible",
        "Tenants of any private dwelling may receive housing aid (reform assumption)",
        {
            "label": "Private tenants eligible (reform)",
            "label_kk": "Жеке тұрғын үйді жалға алушылар көмек алуға құқылы (реформа)",
            "label_ru": "Наниматели частного жилья имеют право на помощь (реформа)",
            "unit": "bool",
            "reference": [{"title": "No act: structural reform openfisca_kz_housing.reforms.private_tenants_eligible"}],
        },
    )


def private_tenants_included(parameters, period) -> bool:
    return bool(reform_value(parameters, period, "private_tenants_eligible"))


class housing_aid_eligible(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The family may receive housing aid this month (private tenants included: reform)"
    reference = "Decision 56/2-VI, Annex 1, item 1; private tenants: reform private_tenants_eligible"
    documentation = "The baseline rule, or a resident private tenant while the reform's flag is true."

    def formula(household, period, parameters):
        eligible = baseline.housing_aid_eligible.formula(household, period)
        if not private_tenants_included(parameters, period):
            return eligible
        private = (
            (household("tenure", period) == Tenure.private_tenant)
            * household("housing_aid_in_force", period)
            * household("resident_in_district", period)
        )
        return eligible + private


class private_tenants_eligible(Reform):
    """Private tenants eligible (structural change of decision 56/2-VI, Annex 1, item 1): a resident family
    renting any private dwelling may receive the aid from 2023-01-01 to 2024-03-15; its rent counts like
    a public tenant's. Replaces the housing_aid_eligible formula and adds the decision's flag
    private_tenants_eligible; the repeal of 2024-03-16 is untouched."""

    name = NAME

    def apply(self):
        self.modify_parameters(modifier_function=add_parameters)
        self.update_variable(housing_aid_eligible)
