"""The application and the months it covers (decision 56/2-VI, Annex 1, items 6, 10 and 11).

Item 6: one application a quarter. Item 11: documents are accepted until the 25th day of the quarter's
last month (the project reads the 25th as included: parameter ``procedure.intake_cutoff_day``). Item 10:
aid is assigned from the month of application. So an application filed on or before its quarter's
cutoff covers its own quarter from the month it was filed; one filed after the cutoff covers the next
quarter from its first month. The income base stays the quarter before the covered quarter (item 3),
which for every covered month is the quarter before the month's own quarter.

"Not given" is the sentinel date 1970-01-01 (OpenFisca's default for a date): the family is then taken
to have applied in time, so that every month is covered (the contract before this input existed).
"""

import datetime

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from openfisca_kz_housing import revisions
from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.variables.housing_aid import decision_parameters

NOT_GIVEN = datetime.date(1970, 1, 1)  # the sentinel: no application date given


class housing_aid_application_date(Variable):
    value_type = datetime.date
    default_value = NOT_GIVEN
    entity = Household
    definition_period = MONTH
    label = "Filing date of the housing-aid application that covers the month (1970-01-01: not given, in time)"
    reference = "Decision 56/2-VI, Annex 1, items 6, 10 and 11"
    documentation = """
    Optional. Not given (the default 1970-01-01): the family is taken to have applied in time. Given: the
    month is covered only if this application covers it (housing_aid_application_covers_month).
    """


class housing_aid_application_covers_month(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The application covers the month (true when no application date is given)"
    reference = "Decision 56/2-VI, Annex 1, items 6 (a quarter), 10 (from the month of application) and 11 (cutoff)"
    documentation = """
    Filed on or before the cutoff day of its quarter's last month: covers that quarter from the month of
    filing. Filed after the cutoff: covers the next quarter from its first month. Filed on or after the
    repeal's in-force date (12/4-VIII, an estimate): covers nothing. Outside the decision's
    life every month is covered (nothing is paid then anyway).
    """

    def formula(household, period, parameters):
        filed = household("housing_aid_application_date", period)
        given = filed != np.datetime64(NOT_GIVEN)
        p = decision_parameters(parameters, period)
        if p is None or not given.any():
            return np.ones(household.count, dtype=bool)
        month_index = filed.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
        day = (filed - filed.astype("datetime64[M]")).astype(np.int64) + 1
        quarter_start = month_index - month_index % 3
        late = (month_index % 3 == 2) * (day > p.procedure.intake_cutoff_day)
        # An application filed once the decision is repealed (12/4-VIII) is made under no decision at all.
        repeal = revisions.instrument("altai_housing_aid").end
        under_decision = filed < np.datetime64(repeal) if repeal else np.ones(household.count, dtype=bool)
        first = where(late, quarter_start + 3, month_index)
        last = where(late, quarter_start + 5, quarter_start + 2)
        judged = (period.start.year - 1970) * 12 + period.start.month - 1
        return np.logical_or(np.logical_not(given), under_decision * (first <= judged) * (judged <= last))


