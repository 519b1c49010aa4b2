"""The application and the months it covers (decision 56/2-VI, Annex 1, items 6, 10 and 11).

The one rule, written once (``covered_months``) and read by the model (housing_aid_application_covers_month)
and by the deadlines (openfisca_kz_housing.deadlines: first_month_of_aid, last_month_of_aid):

- Item 6: one application a quarter («тоқсанына бір рет»).
- Item 11: documents are accepted until the 25th day of the current quarter's last month («ағымдағы
  тоқсанның соңғы айының 25-күніне дейін»; the project reads the 25th as included: parameter
  ``procedure.intake_cutoff_day``). A file received later counts for the next quarter, from its first month.
- Item 10 ¶1: on a FIRST application aid is assigned from the month of application («Алғашқы өтініш берген
  кезде тұрғын үй көмегі ... өтініш берілген айдан бастап тағайындалады»): filed in time, it covers its
  quarter from the month of filing.
- Item 10 ¶2 says only which documents a REPEAT application brings; no item says from which month it
  covers. Interpretation (parameter ``procedure.repeat_application_covers_whole_quarter``, true): a
  repeat application accepted for a quarter covers that whole quarter, since item 10 confines the
  month-of-application rule to a first application and items 6, 11 and 3 make the quarter the unit of an
  application. Set it to false to start every application in its month of filing.

The income base stays the quarter before the covered quarter (item 3), which for every covered month is
the quarter before the month's own quarter.

"Not given" is the sentinel date 1970-01-01 (OpenFisca's default for a date): the family is then taken
to have applied in time, so that every month is covered (the contract before this input existed).
``housing_aid_repeat_application`` (default false: a first application) says which kind the dated
application is.
"""

import datetime

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from openfisca_kz_housing import revisions
from openfisca_kz_housing.entities import Household
from openfisca_kz_housing.variables.housing_aid import decision_parameters

NOT_GIVEN = datetime.date(1970, 1, 1)  # the sentinel: no application date given


REPEAT_WHOLE_QUARTER = "procedure.repeat_application_covers_whole_quarter"  # under the decision's node


def covered_months(month_index, day, repeat, cutoff_day, repeat_whole_quarter, include_cutoff_day=True):
    """The months an application covers (items 6, 10, 11; the module's docstring): ``(first, last, late)``.

    ``month_index``: the filing month as months since 1970-01; ``day``: the day of that month; ``repeat``:
    a repeat application (item 10 ¶2), else a first one; ``cutoff_day``: item 11's day (parameter
    ``procedure.intake_cutoff_day``); ``repeat_whole_quarter``: the interpretation switch
    ``procedure.repeat_application_covers_whole_quarter``; ``include_cutoff_day``: the 25th included (the
    project's reading; False gives the strict one). Scalars or numpy arrays. ``first`` and ``last`` are
    month indexes (both covered); ``late`` is true when the file counts for the next quarter (item 11).
    """
    month_index = np.asarray(month_index, dtype=np.int64)
    day = np.asarray(day, dtype=np.int64)
    quarter_start = month_index - month_index % 3
    past_cutoff = day > cutoff_day if include_cutoff_day else day >= cutoff_day
    late = (month_index % 3 == 2) * past_cutoff
    whole_quarter = np.logical_and(repeat, bool(repeat_whole_quarter))
    first = where(late, quarter_start + 3, where(whole_quarter, quarter_start, month_index))
    last = where(late, quarter_start + 5, quarter_start + 2)
    return first, last, late


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


class housing_aid_repeat_application(Variable):
    value_type = bool
    default_value = False
    entity = Household
    definition_period = MONTH
    label = "The dated application covering the month is a repeat application (false: a first application)"
    reference = "Decision 56/2-VI, Annex 1, item 10 (¶1 a first application, ¶2 a repeat application)"
    documentation = """
    Optional; read only with housing_aid_application_date. False (the default): a first application, which
    covers its quarter from the month of filing (item 10 ¶1). True: a repeat application, which covers the
    whole quarter it counts for under the project's interpretation (parameter
    procedure.repeat_application_covers_whole_quarter; item 10 fixes the first month only for a first
    application). A file received after item 11's cutoff counts for the next quarter either way.
    """


class housing_aid_application_covers_month(Variable):
    value_type = bool
    entity = Household
    definition_period = MONTH
    label = "The application covers the month (true when no application date is given)"
    reference = (
        "Decision 56/2-VI, Annex 1, items 6 (a quarter), 10 (a first application: from the month of application; "
        "a repeat application: its whole quarter, an interpretation) and 11 (cutoff)"
    )
    documentation = """
    Filed on or before the cutoff day of its quarter's last month: a first application covers that quarter
    from the month of filing (item 10); a repeat application (housing_aid_repeat_application) covers the
    whole quarter (interpretation: parameter procedure.repeat_application_covers_whole_quarter). Filed
    after the cutoff: covers the next quarter from its first month. Filed on or after the repeal's
    in-force date (12/4-VIII, an estimate): covers nothing. Outside the decision's life every month is
    covered (nothing is paid then anyway). The rule is covered_months (variables/application.py), which
    the deadlines read too.
    """

    def formula(household, period, parameters):
        filed = household("housing_aid_application_date", period)
        given = filed != np.datetime64(NOT_GIVEN)
        p = decision_parameters(parameters, period)
        if p is None or not given.any():
            return np.ones(household.count, dtype=bool)
        month_index = filed.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
        day = (filed - filed.astype("datetime64[M]")).astype(np.int64) + 1
        repeat = household("housing_aid_repeat_application", period)
        first, last, _ = covered_months(
            month_index,
            day,
            repeat,
            p.procedure.intake_cutoff_day,
            p.procedure.repeat_application_covers_whole_quarter,
        )
        # An application filed once the decision is repealed (12/4-VIII) is made under no decision at all.
        repeal = revisions.instrument("altai_housing_aid").end
        under_decision = filed < np.datetime64(repeal) if repeal else np.ones(household.count, dtype=bool)
        judged = (period.start.year - 1970) * 12 + period.start.month - 1
        return np.logical_or(np.logical_not(given), under_decision * (first <= judged) * (judged <= last))
