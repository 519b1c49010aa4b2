"""Cap on the monthly aid: at most 5 MRP a month, 2023-01-01 to 2024-03-15.

Decision 56/2-VI sets no cap on the aid. This reform adds one: the monthly ``housing_aid`` is at most
``monthly_cap_mrp`` x the monthly calculation index (MRP, ``national.monthly_calculation_index``) in
force on the month's first day. The cap of **5 MRP is this reform's assumption**, found in no act
(17,250 tenge in 2023, 18,460 tenge in 2024); change it with a data reform on the decision's
``monthly_cap_mrp`` (``<decision>.monthly_cap_mrp``, the node named in revisions.yaml) stacked after this one.

The new parameter has a value from 2023-01-01 to 2024-03-15 and none from the repeal (2024-03-16) on;
before 2023-01-01 there is no cap. The formula replaces ``housing_aid`` by min(baseline aid, cap).
"""

import datetime

from openfisca_core.model_api import MONTH, Variable, min_
from openfisca_core.reforms import Reform

from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.reforms.common import add_reform_parameter, reform_value
from openfisca_kz_housing.variables import housing_aid as baseline

START = datetime.date(2023, 1, 1)
CAP_MRP = 5
NAME = "Cap on the monthly aid: 5 MRP from 2023-01-01"
NOTE = "reform assumption (no act sets a cap): 5 MRP a month"


def add_parameters(parameters):
    """Add ``<decision>.monthly_cap_mrp`` (5 from 2023-01-01; no value from the repeal on)."""
    return add_reform_parameter(
        parameters, "monthly_cap_mrp", START, CAP_MRP, NAME, NOTE,
        "Cap on the monthly housing aid, in monthly calculation indices (reform assumption)",
        {
            "label": "Cap on the monthly housing aid, in MRP (reform assumption)",
            "label_kk": "Айлық тұрғын үй көмегінің шегі, АЕК (реформа болжамы)",
            "label_ru": "Предел ежемесячной жилищной помощи, в МРП (допущение реформы)",
            "unit": "MRP",
            "reference": [{"title": "No act: an assumption of reform openfisca_kz_housing.reforms.aid_cap_mrp"}],
        },
    )


def monthly_cap(parameters, period):
    """The cap in tenge on the month's first day, or None when the reform sets none then."""
    cap_mrp = reform_value(parameters, period, "monthly_cap_mrp")
    if cap_mrp is None:
        return None
    return cap_mrp * parameters(period.start).national.monthly_calculation_index


class housing_aid(Variable):
    value_type = float
    entity = Household
    definition_period = MONTH
    label = "Monthly housing aid (tenge), capped at 5 MRP (reform aid_cap_mrp)"
    reference = "Decision 56/2-VI, Annex 1, item 2; cap: assumption of reform aid_cap_mrp"
    documentation = "min(baseline aid, monthly_cap_mrp x MRP) while the cap has a value; the baseline aid otherwise."

    def formula(household, period, parameters):
        aid = baseline.housing_aid.formula(household, period)
        cap = monthly_cap(parameters, period)
        return aid if cap is None else min_(aid, cap)


class aid_cap_mrp(Reform):
    """Cap on the monthly housing aid at 5 MRP (national.monthly_calculation_index on the month's first
    day) from 2023-01-01 to 2024-03-15. The 5 MRP figure is this reform's assumption: no act sets a cap.
    Adds the decision's parameter monthly_cap_mrp and replaces the housing_aid formula by
    min(baseline aid, cap); the repeal of 2024-03-16 is untouched."""

    name = NAME

    def apply(self):
        self.modify_parameters(modifier_function=add_parameters)
        self.update_variable(housing_aid)
